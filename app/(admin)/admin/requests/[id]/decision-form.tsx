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
}: {
  requestId: string;
  revision: number;
  isAdmin: boolean;
  uris: { id: string; uri: string; kind: string }[];
  defaultExpiresAt?: string;
}) {
  const [state, action, pending] = useActionState(decideAction, null);
  const [choices, setChoices] = useState<Record<string, UriChoice>>(() =>
    Object.fromEntries(uris.map((u) => [u.id, { decision: "", reason: "", expiresAt: "" }])),
  );
  const set = (id: string, patch: Partial<UriChoice>) =>
    setChoices((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }));
  const missing = uris.filter((u) => {
    const c = choices[u.id]!;
    return c.decision === "" || (c.decision === "rejected" && c.reason.trim() === "");
  }).length;
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
      <FormMessage state={state} showFieldErrors />
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
        <p className="text-sm text-slate-600">Decide every URI (a rejection needs a reason) to submit.</p>
      )}
    </form>
  );
}
