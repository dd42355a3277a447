import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { TimeAgo } from "@/components/time-ago";
import { DataTable } from "@/components/ui/data-table";
import { inputClass, secondaryButton } from "@/components/ui/field";
import { requireRole } from "@/lib/auth/guards";
import { transferDomainAction } from "@/lib/domains/actions";
import { listAllDomainClaims } from "@/lib/domains/queries";
import { OPEN_STATUSES } from "@/lib/domains/schema";

export const metadata: Metadata = { title: "Domains" };

export default async function AdminDomainsPage() {
  await requireRole("admin", "/admin/domains");
  const claims = await listAllDomainClaims();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Domains</h1>
      <p className="text-sm text-slate-600">
        Every claim on a domain, closed ones (expired, released) included. A transfer of an open claim moves the claim,
        its status and its proof to another account; what the previous owner had auto-approved because of the domain is
        revoked (entries a reviewer approved stay).
      </p>
      <DataTable
        testId="admin-domains"
        columns={["Domain", "Status", "Owner", "Scope", "Last check", "Transfer to"]}
        empty="No developer has claimed a domain yet."
      >
        {claims.map((c) => (
          <tr key={c.id} data-testid={`admin-domain-${c.domain}`}>
            <td className="px-4 py-3 font-mono break-all">{c.domain}</td>
            <td className="px-4 py-3" data-testid="admin-domain-status">
              {c.status}
              {c.suspendedAt && <span className="block text-xs text-amber-700">auto-approvals suspended</span>}
            </td>
            <td className="px-4 py-3" data-testid="admin-domain-owner">
              {c.ownerEmail}
            </td>
            <td className="px-4 py-3">{c.scope === "subtree" ? "and subdomains" : "exact host"}</td>
            <td className="px-4 py-3 text-slate-600">
              {c.lastCheckedAt ? <TimeAgo date={c.lastCheckedAt} /> : "never"}
              {c.method && <span className="block text-xs">by {c.method}</span>}
              {c.lastError && <span className="block text-xs text-red-700">{c.lastError}</span>}
            </td>
            <td className="px-4 py-3">
              {(OPEN_STATUSES as string[]).includes(c.status) && (
                <ActionForm
                  action={transferDomainAction}
                  testId="transfer-domain-form"
                  confirmText={`Transfer ${c.domain}? The current owner's auto-approvals on it are revoked.`}
                  className="grid gap-2"
                >
                  <input type="hidden" name="id" value={c.id} />
                  <input
                    name="email"
                    type="email"
                    required
                    maxLength={254}
                    placeholder="new-owner@example.com"
                    aria-label={`New owner of ${c.domain}`}
                    className={inputClass}
                  />
                  <input
                    name="reason"
                    required
                    minLength={3}
                    maxLength={1000}
                    placeholder="Reason (audited)"
                    aria-label={`Reason for transferring ${c.domain}`}
                    className={inputClass}
                  />
                  <button type="submit" className={secondaryButton}>
                    Transfer
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
