"use client";

import { useActionState } from "react";
import { assignAction } from "@/lib/review/actions";
import { FormMessage, inputClass, secondaryButton } from "@/components/ui/field";

export function AssignForm({
  requestId,
  currentAssignee,
  me,
  reviewers,
}: {
  requestId: string;
  currentAssignee: string | null;
  me: string;
  reviewers: { id: string; email: string }[];
}) {
  const [state, action, pending] = useActionState(assignAction, null);
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-sm font-medium text-slate-800">
        Assignee: {reviewers.find((r) => r.id === currentAssignee)?.email ?? "nobody"}
      </p>
      {currentAssignee !== me && (
        <form action={action}>
          <input type="hidden" name="requestId" value={requestId} />
          <button type="submit" disabled={pending} className={secondaryButton} data-testid="take-request">
            Take it
          </button>
        </form>
      )}
      <form action={action} className="flex gap-2">
        <input type="hidden" name="requestId" value={requestId} />
        <label className="flex-1">
          <span className="sr-only">Assign to</span>
          <select name="assigneeId" defaultValue="" className={inputClass}>
            <option value="" disabled>
              Assign to…
            </option>
            {reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.email}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={pending} className={secondaryButton}>
          Assign
        </button>
      </form>
      <FormMessage state={state} compact />
    </div>
  );
}
