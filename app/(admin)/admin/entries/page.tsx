import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { blockAction, revokeEntryAction, unblockAction } from "@/lib/allowlist/actions";
import { ENTRIES_PAGE_SIZE, listBlocks, listEntries } from "@/lib/allowlist/queries";
import { RULE_KINDS } from "@/lib/redirect-uri/lint";
import { ALLOWLIST_TEXT_LIMITS, entryFilterSchema } from "@/lib/allowlist/schema";
import { requireRole } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { renameOf } from "@/lib/clients/rename";
import { ActionForm } from "@/components/admin/action-form";
import { CimdClientsTable } from "@/components/admin/cimd-clients-table";
import { Notice } from "@/components/notice";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { UriText } from "@/components/uri-text";
import { dangerButton, inputClass, secondaryButton } from "@/components/ui/field";

export const metadata: Metadata = { title: "Entries" };

export default async function EntriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireRole("reviewer", "/admin/entries");
  const { notice, ...params } = await searchParams;
  const filter = entryFilterSchema.parse(params);
  const returnTo = `/admin/entries?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])))}`;
  const isAdmin = hasRole(user.role, "admin");
  const [{ rows, total }, blocks] = await Promise.all([listEntries(filter), listBlocks()]);
  const pageLink = (page: number) =>
    `/admin/entries?${new URLSearchParams({ ...Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))), page: String(page) })}`;
  return (
    <div className="space-y-8">
      <Notice code={notice} />
      <div>
        <h1 className="text-2xl font-semibold">Allowlist entries</h1>
        <p className="text-slate-600">
          {total} matching entr{total === 1 ? "y" : "ies"}.{" "}
          {isAdmin
            ? "Revoking takes an entry off the list at once."
            : "Admins can revoke entries and block URIs or hosts."}
        </p>
      </div>
      <form
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-6"
        role="search"
      >
        <input
          name="q"
          defaultValue={filter.q}
          maxLength={300}
          placeholder="URI contains…"
          aria-label="URI contains"
          className={`${inputClass} sm:col-span-2`}
        />
        <input
          name="host"
          defaultValue={filter.host}
          maxLength={255}
          placeholder="Host, e.g. claude.ai"
          aria-label="Host"
          className={inputClass}
        />
        <input
          name="client"
          defaultValue={filter.client}
          maxLength={200}
          placeholder="Client"
          aria-label="Client"
          className={inputClass}
        />
        <select name="kind" defaultValue={filter.kind ?? ""} aria-label="Kind" className={inputClass}>
          <option value="">Any kind</option>
          {RULE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind.replace("_", " ")}
            </option>
          ))}
        </select>
        <div className="flex gap-2">
          <select name="status" defaultValue={filter.status} aria-label="Status" className={inputClass}>
            <option value="active">Active</option>
            <option value="revoked">Revoked</option>
            <option value="expired">Expired</option>
            <option value="all">All</option>
          </select>
          <button type="submit" className={secondaryButton}>
            Filter
          </button>
        </div>
      </form>

      <DataTable
        testId="entries"
        empty={
          filter.q || filter.host || filter.client || filter.kind || filter.page > 1 ? (
            <>
              No {filter.status === "all" ? "" : `${filter.status} `}entries match these filters.{" "}
              <Link href="/admin/entries" className="text-indigo-700 underline">
                Show all active entries
              </Link>
            </>
          ) : filter.status === "active" ? (
            <>
              The allowlist is empty. Entries appear here when a reviewer approves a request in the{" "}
              <Link href="/admin" className="text-indigo-700 underline">
                review queue
              </Link>
              , or when an operator imports an existing list with <code className="font-mono">npx portal import</code>.
            </>
          ) : (
            `No ${filter.status === "all" ? "" : `${filter.status} `}entries yet.`
          )
        }
        columns={[
          "URI",
          "Kind",
          "Client",
          "Approved",
          "State",
          ...(isAdmin
            ? [
                <span key="actions" className="sr-only">
                  Actions
                </span>,
              ]
            : []),
        ]}
      >
        {rows.map((e) => {
          const active = !e.revokedAt && !e.expiredAt;
          return (
            <tr key={e.id} data-testid="entry-row" className="align-top">
              <td className="max-w-md px-4 py-3">
                <UriText uri={e.uri} />
              </td>
              <td className="px-4 py-3 text-slate-600">{e.kind.replace("_", " ")}</td>
              <td className="px-4 py-3">
                {/* The name published is the one approved with the entry. */}
                {e.clientName ?? e.client?.name ?? <span className="text-slate-400">imported</span>}
                {renameOf(e.clientName, e.client?.name) && (
                  <span data-testid="renamed-since-approval" className="block text-xs text-amber-800">
                    renamed since approval: {e.clientName} → {e.client?.name}
                  </span>
                )}
                {e.requestUri && (
                  <Link
                    href={`/admin/requests/${e.requestUri.requestId}`}
                    className="block text-xs text-indigo-700 hover:underline"
                  >
                    request
                  </Link>
                )}
              </td>
              <td className="px-4 py-3 text-slate-600">
                <TimeAgo date={e.approvedAt} />
                <span className="block text-xs">
                  {e.approvedBy?.email ?? (e.autoApprovedDomainId ? "auto-approved (verified domain)" : "import")}
                </span>
              </td>
              <td className="px-4 py-3">
                <StatusBadge status={e.revokedAt ? "revoked" : e.expiredAt ? "expired" : "approved"} />
                {e.revokeReason && <span className="block text-xs text-slate-600">{e.revokeReason}</span>}
                {e.suspendedAt && !e.revokedAt && !e.expiredAt && (
                  <span className="block text-xs text-red-700">suspended: its verified domain lapsed</span>
                )}
                {e.expiresAt && active && (
                  <span className="block text-xs text-slate-500">expires {e.expiresAt.toISOString().slice(0, 10)}</span>
                )}
              </td>
              {isAdmin && (
                <td className="px-4 py-3">
                  {active && (
                    <ActionForm action={revokeEntryAction} className="flex min-w-64 gap-2" testId="revoke-form">
                      <input type="hidden" name="entryId" value={e.id} />
                      <input type="hidden" name="returnTo" value={returnTo} />
                      <input
                        name="reason"
                        required
                        maxLength={ALLOWLIST_TEXT_LIMITS.reason}
                        placeholder="Reason"
                        aria-label={`Reason for revoking ${e.uri}`}
                        className={inputClass}
                      />
                      <button type="submit" className={dangerButton}>
                        Revoke
                      </button>
                    </ActionForm>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>
      <div className="flex justify-between text-sm">
        {filter.page > 1 ? (
          <Link href={pageLink(filter.page - 1)} className="text-indigo-700 hover:underline">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        {filter.page * ENTRIES_PAGE_SIZE < total && (
          <Link href={pageLink(filter.page + 1)} className="text-indigo-700 hover:underline">
            Next →
          </Link>
        )}
      </div>

      <CimdClientsTable isAdmin={isAdmin} />

      <section className="space-y-4" aria-labelledby="blocked-heading">
        <h2 id="blocked-heading" className="text-lg font-semibold">
          Blocked URIs and hosts
        </h2>
        <p className="text-sm text-slate-600">
          A block denies a URI, or every URI on a host, even where an entry allows it; a block naming a client_id URL or
          its host denies that CIMD client too. Entries are compared in canonical form, so give the URI or host in
          canonical form too (lower case, punycode, no default port): the form offers it when it differs.
        </p>
        {blocks.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing is blocked.</p>
        ) : (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
            data-testid="blocks"
          >
            {blocks.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div>
                  <span className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800">
                    {b.host ? "host" : "URI"}
                  </span>{" "}
                  <UriText uri={b.host ?? b.uri ?? ""} />
                  <span className="block text-slate-600">
                    {b.reason} · {b.createdBy?.email ?? "—"} · <TimeAgo date={b.createdAt} />
                  </span>
                </div>
                {isAdmin && (
                  <ActionForm action={unblockAction}>
                    <input type="hidden" name="blockId" value={b.id} />
                    <input type="hidden" name="returnTo" value={returnTo} />
                    <button type="submit" className={secondaryButton}>
                      Unblock
                    </button>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {isAdmin && (
          <ActionForm
            action={blockAction}
            className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[auto_2fr_2fr_auto]"
            testId="block-form"
          >
            <input type="hidden" name="returnTo" value={returnTo} />
            <select name="target" aria-label="Block a" className={inputClass} defaultValue="host">
              <option value="host">Host</option>
              <option value="uri">URI</option>
            </select>
            <input
              name="value"
              maxLength={ALLOWLIST_TEXT_LIMITS.blockValue}
              placeholder="evil.example or https://…"
              aria-label="URI or host to block"
              className={inputClass}
            />
            <input
              name="reason"
              maxLength={ALLOWLIST_TEXT_LIMITS.reason}
              placeholder="Reason"
              aria-label="Reason for the block"
              className={inputClass}
            />
            <button type="submit" className={dangerButton}>
              Block
            </button>
          </ActionForm>
        )}
      </section>
    </div>
  );
}
