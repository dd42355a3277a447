import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import { revokeTokenAction } from "@/lib/tokens/actions";
import { requireRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { listApiTokens } from "@/lib/tokens/tokens";
import { ActionForm } from "@/components/admin/action-form";
import { TimeAgo } from "@/components/time-ago";
import { dangerButton } from "@/components/ui/field";
import { CreateTokenForm } from "./create-token-form";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireRole("admin", "/admin/tokens");
  const tokens = await listApiTokens(db);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-slate-600">
          For the authorization server: <code className="font-mono">allowlist:read</code> reads the list,{" "}
          <code className="font-mono">allowlist:validate</code> checks registrations,{" "}
          <code className="font-mono">metrics:read</code> is for your Prometheus (<code>GET /api/metrics</code>). Tokens
          are stored hashed and shown once.
        </p>
      </div>
      <CreateTokenForm />
      <DataTable
        testId="tokens"
        empty="No API tokens yet. Create one above for the authorization server; it is shown once."
        columns={[
          "Name",
          "Token",
          "Scopes",
          "Created",
          "Last used",
          <span key="actions" className="sr-only">
            Actions
          </span>,
        ]}
      >
        {tokens.map((t) => (
          <tr key={t.id} data-testid="token-row" className={t.revokedAt ? "text-slate-400" : undefined}>
            <td className="px-4 py-3 font-medium">{t.name}</td>
            <td className="px-4 py-3">
              <code className="font-mono">{t.prefix}…</code>
            </td>
            <td className="px-4 py-3">
              {t.scopes.split(" ").map((s) => (
                <code key={s} className="mr-1 rounded bg-slate-100 px-1 font-mono text-xs">
                  {s}
                </code>
              ))}
            </td>
            <td className="px-4 py-3">
              <TimeAgo date={t.createdAt} />
              <span className="block text-xs">{t.createdBy?.email ?? "CLI"}</span>
            </td>
            <td className="px-4 py-3">{t.lastUsedAt ? <TimeAgo date={t.lastUsedAt} /> : "never"}</td>
            <td className="px-4 py-3">
              {t.revokedAt ? (
                <span>
                  revoked <TimeAgo date={t.revokedAt} />
                </span>
              ) : (
                <ActionForm
                  action={revokeTokenAction}
                  confirmText={`Revoke “${t.name}”? Requests with it will get 401.`}
                >
                  <input type="hidden" name="tokenId" value={t.id} />
                  <button type="submit" className={dangerButton}>
                    Revoke
                  </button>
                </ActionForm>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
