import type { Metadata } from "next";
import { ActionForm } from "@/components/admin/action-form";
import { inputClass, primaryButton } from "@/components/ui/field";
import { requireUser } from "@/lib/auth/guards";
import { claimDomainAction, releaseDomainAction, verifyDomainAction } from "@/lib/domains/actions";
import { listOwnDomains } from "@/lib/domains/queries";
import { GRACE_DAYS, PENDING_DAYS, RECHECK_DAYS } from "@/lib/domains/schema";
import { CHALLENGE_LABEL, WELL_KNOWN_PATH } from "@/lib/domains/token";

export const metadata: Metadata = { title: "My domains" };

const STATUS_STYLE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  verified: "bg-emerald-100 text-emerald-900",
  lapsed: "bg-red-100 text-red-900",
};

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

export default async function DomainsPage() {
  const user = await requireUser("/domains");
  const domains = await listOwnDomains(user.id);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">My domains</h1>
        <p className="max-w-3xl text-slate-600">
          Prove that you control a domain once, and requests whose redirect URIs are all https URIs on it (or
          private-use schemes that are the domain reversed, such as <code>com.example.app:/cb</code> for example.com)
          are approved at once, unless a URI is flagged, loopback or a path prefix. So is a client ID metadata document
          whose client_id URL is on the domain, when all its redirect URIs would be approved that way too. Verified
          domains are checked again every {RECHECK_DAYS} days.
        </p>
      </div>
      <ActionForm action={claimDomainAction} className="flex flex-wrap items-end gap-3" testId="claim-domain-form">
        <label className="text-sm">
          <span className="font-medium text-slate-800">Domain</span>
          <input
            name="domain"
            required
            placeholder="example.com"
            className={`${inputClass} mt-1 w-72`}
            data-testid="claim-domain-input"
          />
        </label>
        <button className={primaryButton} data-testid="claim-domain-submit">
          Claim
        </button>
      </ActionForm>
      {domains.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No domains yet. Claim one above to get your token.
        </div>
      ) : (
        <ul className="space-y-4">
          {domains.map((d) => (
            <li
              key={d.id}
              className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid={`domain-${d.domain}`}
            >
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div className="flex items-center gap-2">
                  <span className="font-medium">{d.domain}</span>
                  <span
                    className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[d.status] ?? ""}`}
                    data-testid="domain-status"
                  >
                    {d.status}
                    {d.status === "verified" && d.scope === "subtree" ? " (and subdomains)" : ""}
                  </span>
                </div>
                <div className="flex gap-2">
                  <ActionForm action={verifyDomainAction} testId="verify-domain-form">
                    <input type="hidden" name="id" value={d.id} />
                    <button className={primaryButton} data-testid="verify-domain">
                      {d.status === "pending" ? "Verify" : "Check again"}
                    </button>
                  </ActionForm>
                  <ActionForm
                    action={releaseDomainAction}
                    confirmText={`Release ${d.domain}? What it approved automatically leaves the allowlist; what a reviewer approved stays.`}
                  >
                    <input type="hidden" name="id" value={d.id} />
                    <button className="rounded border border-slate-300 px-3 py-2 text-sm">Release</button>
                  </ActionForm>
                </div>
              </div>
              <DomainDetails domain={d} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DomainDetails({ domain: d }: { domain: Awaited<ReturnType<typeof listOwnDomains>>[number] }) {
  return (
    <div className="space-y-2 text-sm text-slate-700">
      {d.status === "lapsed" && (
        <p className="text-red-800">
          The last check failed on {day(d.lapsedAt)}.{" "}
          {d.suspendedAt
            ? "Its auto-approved redirect URIs are suspended (off the allowlist) until it verifies again."
            : `Put a proof back: ${GRACE_DAYS} days after the lapse its auto-approved redirect URIs are suspended.`}
        </p>
      )}
      {d.status === "pending" && (
        <p>Publish either proof within {PENDING_DAYS} days of the claim, then press Verify.</p>
      )}
      {d.status === "verified" && (
        <p>
          Verified {day(d.verifiedAt)} by {d.method === "https" ? "the https file" : "DNS"}; next check{" "}
          {day(d.nextCheckAt)}.
        </p>
      )}
      {d.lastError && d.status !== "verified" && <p className="text-slate-600">Last check: {d.lastError}</p>}
      <details open={d.status === "pending"}>
        <summary className="cursor-pointer font-medium">How to prove control</summary>
        <div className="mt-2 space-y-2">
          <p>
            DNS: a TXT record at <code className="break-all">{`${CHALLENGE_LABEL}.${d.domain}`}</code> with the value{" "}
            <code className="break-all" data-testid="domain-txt-value">{`token=${d.token}`}</code>. Add{" "}
            <code>scope=subtree</code> to the value (<code>{`token=${d.token} scope=subtree`}</code>) to cover every
            subdomain too.
          </p>
          <p>
            Or HTTPS: serve <code className="break-all">{`https://${d.domain}${WELL_KNOWN_PATH}`}</code> with status
            200, no redirect, at most 1 KB, containing <code className="break-all">{d.token}</code>. This proves the
            exact host only.
          </p>
        </div>
      </details>
    </div>
  );
}
