// The approved CIMD clients on the list, beside the redirect-URI entries; admins can revoke one.
import Link from "next/link";
import { revokeCimdClientAction } from "@/lib/cimd-clients/actions";
import { listApprovedCimdClients } from "@/lib/cimd-clients/queries";
import { driftMarkers } from "@/lib/cimd-drift/queries";
import { ActionForm } from "@/components/admin/action-form";
import { TimeAgo } from "@/components/time-ago";
import { UriText } from "@/components/uri-text";
import { dangerButton, inputClass } from "@/components/ui/field";

export async function CimdClientsTable({ isAdmin }: { isAdmin: boolean }) {
  const clients = await listApprovedCimdClients();
  const drift = await driftMarkers(clients.map((c) => c.id));
  return (
    <section className="space-y-3" aria-labelledby="cimd-clients-heading">
      <h2 id="cimd-clients-heading" className="text-lg font-semibold">
        CIMD clients <span className="text-sm font-normal text-slate-500">({clients.length})</span>
      </h2>
      {clients.length === 0 ? (
        <p className="text-sm text-slate-600">No client ID metadata document clients are approved yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-testid="cimd-clients">
            <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
              <tr>
                <th className="px-4 py-2">client_id</th>
                <th className="px-4 py-2">Rule</th>
                <th className="px-4 py-2">Pinned redirect URIs</th>
                <th className="px-4 py-2">Approved</th>
                {isAdmin && <th className="px-4 py-2">Revoke</th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {clients.map((c) => (
                <tr key={c.id} data-testid="cimd-client-row">
                  <td className="px-4 py-3 font-mono wrap-anywhere">
                    <Link href={`/admin/cimd-clients/${c.id}`} className="text-indigo-700 hover:underline">
                      {c.clientIdUrl}
                    </Link>
                    <span className="block text-xs text-slate-500" title={c.documentSha256}>
                      sha256 {c.documentSha256.slice(0, 12)}…
                    </span>
                    {drift.pending.has(c.id) && (
                      <span className="block text-xs text-amber-800" data-testid="cimd-drift-marker">
                        document changed: waits for a review
                      </span>
                    )}
                    {drift.unreachableSince.has(c.id) && (
                      <span className="block text-xs text-red-800" data-testid="cimd-drift-marker">
                        unreachable since{" "}
                        {drift.unreachableSince.get(c.id)!.toISOString().slice(0, 16).replace("T", " ")} UTC
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    {c.kind === "client_id_host" ? (
                      <span className="text-red-800">any on {c.host} ⚑</span>
                    ) : (
                      "exact client_id"
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <ul>
                      {c.redirectUris.map((uri) => (
                        <li key={uri}>
                          <UriText uri={uri} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    <TimeAgo date={c.approvedAt} />
                    {c.autoApprovedDomainId && <span className="block text-xs">auto-approved (verified domain)</span>}
                    {c.suspendedAt && (
                      <span className="block text-xs text-amber-700" data-testid="cimd-client-suspended">
                        suspended: its domain&apos;s verification lapsed
                      </span>
                    )}
                    {c.expiresAt && (
                      <span className="block text-xs">expires {c.expiresAt.toISOString().slice(0, 10)}</span>
                    )}
                  </td>
                  {isAdmin && (
                    <td className="px-4 py-3">
                      <ActionForm action={revokeCimdClientAction} className="flex min-w-64 gap-2">
                        <input type="hidden" name="cimdClientId" value={c.id} />
                        <input
                          name="reason"
                          required
                          maxLength={1000}
                          placeholder="Reason"
                          aria-label={`Reason for revoking ${c.clientIdUrl}`}
                          className={inputClass}
                        />
                        <button type="submit" className={dangerButton}>
                          Revoke
                        </button>
                      </ActionForm>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
