"use client";

import { useActionState, useState } from "react";
import { decideAction } from "@/lib/review/actions";
import { REVIEW_TEXT_LIMITS } from "@/lib/review/schema";
import { FormMessage, inputClass, primaryButton } from "@/components/ui/field";
import { UriText } from "@/components/uri-text";

interface UriChoice {
  decision: "approved" | "rejected" | "";
  reason: string;
  expiresAt: string;
}

export function DecisionForm({
  requestId,
  revision,
  isAdmin,
  uris,
  defaultExpiresAt = "",
  cimd = null,
}: {
  requestId: string;
  revision: number;
  isAdmin: boolean;
  uris: { id: string; uri: string; kind: string }[];
  defaultExpiresAt?: string;
  /** The request's CIMD client, decided beside its URIs. */
  cimd?: { clientIdUrl: string; kind: string } | null;
}) {
  const [state, action, pending] = useActionState(decideAction, null);
  const [choices, setChoices] = useState<Record<string, UriChoice>>(() =>
    Object.fromEntries(uris.map((u) => [u.id, { decision: "", reason: "", expiresAt: "" }])),
  );
  const set = (id: string, patch: Partial<UriChoice>) =>
    setChoices((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }));
  const [cimdChoice, setCimdChoice] = useState<UriChoice>({ decision: "", reason: "", expiresAt: "" });
  const undecided = (c: UriChoice) => c.decision === "" || (c.decision === "rejected" && c.reason.trim() === "");
  const missing = uris.filter((u) => undecided(choices[u.id]!)).length + (cimd && undecided(cimdChoice) ? 1 : 0);
  const cimdAdminOnly = cimd?.kind === "client_id_host" && !isAdmin;
  const payload = uris.map((u) => ({
    id: u.id,
    decision: choices[u.id]!.decision,
    reason: choices[u.id]!.reason,
    expiresAt: choices[u.id]!.expiresAt || undefined,
  }));
  return (
    <form action={action} className="space-y-4" data-testid="decision-form">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="decisions" value={JSON.stringify(payload)} />
      {cimd && (
        <input
          type="hidden"
          name="cimd"
          value={JSON.stringify({ ...cimdChoice, expiresAt: cimdChoice.expiresAt || undefined })}
        />
      )}
      <FormMessage state={state} showFieldErrors />
      {cimd && (
        <div className="space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200" data-testid="decide-cimd">
          <p className="text-sm">
            <span className="text-slate-500">
              CIMD client ({cimd.kind === "client_id_host" ? "any client_id on its host" : "exact client_id"}):
            </span>{" "}
            <span className="font-mono wrap-anywhere">{cimd.clientIdUrl}</span>
          </p>
          <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="Decision for the CIMD client">
            <label className={`inline-flex items-center gap-1.5 ${cimdAdminOnly ? "text-slate-400" : ""}`}>
              <input
                type="radio"
                name="d-cimd"
                checked={cimdChoice.decision === "approved"}
                disabled={cimdAdminOnly}
                onChange={() =>
                  setCimdChoice((c) => ({ ...c, decision: "approved", expiresAt: c.expiresAt || defaultExpiresAt }))
                }
              />{" "}
              Approve
            </label>
            <label className="inline-flex items-center gap-1.5">
              <input
                type="radio"
                name="d-cimd"
                checked={cimdChoice.decision === "rejected"}
                onChange={() => setCimdChoice((c) => ({ ...c, decision: "rejected" }))}
              />{" "}
              Reject
            </label>
          </div>
          {cimdAdminOnly && (
            <p className="text-xs text-amber-800">A client_id host rule can only be approved by an admin.</p>
          )}
          {cimdChoice.decision === "rejected" && (
            <label className="block text-sm">
              <span className="text-slate-700">Reason (the developer sees it)</span>
              <input
                value={cimdChoice.reason}
                onChange={(e) => setCimdChoice((c) => ({ ...c, reason: e.target.value }))}
                maxLength={REVIEW_TEXT_LIMITS.reason}
                className={inputClass}
                aria-invalid={cimdChoice.reason.trim() === ""}
              />
            </label>
          )}
          {cimdChoice.decision === "approved" && (
            <label className="block text-sm">
              <span className="text-slate-700">Expires on (optional)</span>
              <input
                type="date"
                value={cimdChoice.expiresAt}
                onChange={(e) => setCimdChoice((c) => ({ ...c, expiresAt: e.target.value }))}
                className={`${inputClass} max-w-48`}
              />
            </label>
          )}
        </div>
      )}
      <ul className="space-y-4">
        {uris.map((u, index) => {
          const c = choices[u.id]!;
          const adminOnly = u.kind === "path_prefix" && !isAdmin;
          return (
            <li
              key={u.id}
              className="space-y-2 rounded-md bg-white p-3 ring-1 ring-slate-200"
              data-testid={`decide-${index}`}
            >
              <UriText uri={u.uri} className="block text-sm" />
              <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label={`Decision for ${u.uri}`}>
                <label className={`inline-flex items-center gap-1.5 ${adminOnly ? "text-slate-400" : ""}`}>
                  <input
                    type="radio"
                    name={`d-${u.id}`}
                    checked={c.decision === "approved"}
                    disabled={adminOnly}
                    onChange={() => set(u.id, { decision: "approved", expiresAt: c.expiresAt || defaultExpiresAt })}
                  />{" "}
                  Approve
                </label>
                <label className="inline-flex items-center gap-1.5">
                  <input
                    type="radio"
                    name={`d-${u.id}`}
                    checked={c.decision === "rejected"}
                    onChange={() => set(u.id, { decision: "rejected" })}
                  />{" "}
                  Reject
                </label>
              </div>
              {adminOnly && (
                <p className="text-xs text-amber-800">A path prefix rule can only be approved by an admin.</p>
              )}
              {c.decision === "rejected" && (
                <label className="block text-sm">
                  <span className="text-slate-700">Reason (the developer sees it)</span>
                  <input
                    value={c.reason}
                    onChange={(e) => set(u.id, { reason: e.target.value })}
                    maxLength={REVIEW_TEXT_LIMITS.reason}
                    className={inputClass}
                    aria-invalid={c.reason.trim() === ""}
                  />
                </label>
              )}
              {c.decision === "approved" && (
                <label className="block text-sm">
                  <span className="text-slate-700">Expires on (optional)</span>
                  <input
                    type="date"
                    value={c.expiresAt}
                    onChange={(e) => set(u.id, { expiresAt: e.target.value })}
                    className={`${inputClass} max-w-48`}
                  />
                </label>
              )}
            </li>
          );
        })}
      </ul>
      <button type="submit" disabled={pending || missing > 0} className={primaryButton} data-testid="submit-decision">
        {pending ? "Saving…" : "Submit decision"}
      </button>
      {missing > 0 && (
        <p className="text-sm text-slate-600">Decide everything (a rejection needs a reason) to submit.</p>
      )}
    </form>
  );
}
