import type { Metadata } from "next";
import { AutoRefresh } from "@/components/auto-refresh";
import { TimeAgo } from "@/components/time-ago";
import { DataTable } from "@/components/ui/data-table";
import { requireRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { listAuthorizationServers, RECENT_POLL_MS } from "@/lib/propagation/queries";

export const metadata: Metadata = { title: "Authorization servers" };

/** Every allowlist:read token is an authorization server: what it last polled, and what it holds. */
export default async function AuthorizationServersPage() {
  await requireRole("reviewer", "/admin/servers");
  const { currentVersion, servers } = await listAuthorizationServers(db);
  return (
    <div className="space-y-6">
      <AutoRefresh everyMs={5000} />
      <div>
        <h1 className="text-2xl font-semibold">Authorization servers</h1>
        <p className="text-slate-600">
          Each <code className="font-mono">allowlist:read</code> token and the list version the feed last gave it. The
          list is at version <strong data-testid="current-version">{currentVersion}</strong>. A server that has not
          polled for {RECENT_POLL_MS / 60_000} minutes is left out of the counts on request pages.
        </p>
      </div>
      <DataTable
        testId="servers"
        empty="No allowlist:read tokens yet. An admin creates one under API tokens for each authorization server."
        columns={["Token", "Last poll", "Holds version", "Status"]}
      >
        {servers.map((s) => (
          <tr key={s.id} data-testid="server-row" className={s.recent ? undefined : "text-slate-400"}>
            <td className="px-4 py-3 font-medium">{s.name}</td>
            <td className="px-4 py-3">{s.lastPollAt ? <TimeAgo date={s.lastPollAt} /> : "never"}</td>
            <td className="px-4 py-3" data-testid="server-version">
              {s.version ?? "—"}
            </td>
            <td className="px-4 py-3" data-testid="server-status">
              {s.behindBy === null
                ? "never polled"
                : s.behindBy === 0
                  ? "current"
                  : `behind by ${s.behindBy} version${s.behindBy === 1 ? "" : "s"}`}
              {s.lastPollAt && !s.recent && " (not polling)"}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
