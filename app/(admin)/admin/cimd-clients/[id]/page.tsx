import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/admin/action-form";
import { CimdDriftPanel } from "@/components/cimd-drift-panel";
import { dangerButton, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/guards";
import { revokeCimdClientAction } from "@/lib/cimd-clients/actions";
import { checkCimdClientNowAction, decideCimdDocumentChangeAction } from "@/lib/cimd-drift/actions";
import { getCimdDrift } from "@/lib/cimd-drift/queries";

export const metadata: Metadata = { title: "CIMD client" };

export default async function CimdClientReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole("reviewer", `/admin/cimd-clients/${id}`);
  const drift = await getCimdDrift(id);
  if (!drift) notFound();
  const isAdmin = hasRole(user.role, "admin");
  const decision = drift.pending && (
    <ActionForm action={decideCimdDocumentChangeAction} className="space-y-2" testId="decide-document-change">
      <input type="hidden" name="versionId" value={drift.pending.id} />
      <input type="hidden" name="cimdClientId" value={drift.id} />
      <fieldset className="flex gap-4">
        <legend className="sr-only">Decision on this document change</legend>
        <label className="flex items-center gap-1">
          <input type="radio" name="decision" value="approved" required /> Approve and publish
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name="decision" value="rejected" /> Reject
        </label>
      </fieldset>
      <input
        name="reason"
        maxLength={1000}
        placeholder="Reason (required to reject; the developer sees it)"
        aria-label="Reason"
        className={inputClass}
      />
      <button type="submit" className={primaryButton} data-testid="submit-document-decision">
        Decide
      </button>
    </ActionForm>
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">CIMD client</h1>
          <p className="font-mono text-sm wrap-anywhere" data-testid="cimd-client-id">
            {drift.clientIdUrl}
          </p>
          <p className="text-sm text-slate-600">
            {drift.kind === "client_id_host" ? "Host rule: only an admin may approve a change." : "Exact client_id."}
          </p>
        </div>
        {isAdmin && !drift.revokedAt && (
          <ActionForm action={checkCimdClientNowAction} testId="check-now">
            <input type="hidden" name="cimdClientId" value={drift.id} />
            <button type="submit" className={secondaryButton} data-testid="check-now-button">
              Check now
            </button>
          </ActionForm>
        )}
      </div>
      <CimdDriftPanel drift={drift} decision={decision} />
      {isAdmin && !drift.revokedAt && (
        <ActionForm
          action={revokeCimdClientAction}
          className="flex max-w-xl gap-2"
          confirmText="Revoke this client? It leaves the list at once."
        >
          <input type="hidden" name="cimdClientId" value={drift.id} />
          <input
            name="reason"
            required
            maxLength={1000}
            placeholder="Reason"
            aria-label="Reason for revoking"
            className={inputClass}
          />
          <button type="submit" className={dangerButton}>
            Revoke
          </button>
        </ActionForm>
      )}
    </div>
  );
}
