"use client";

import { useActionState } from "react";
import { requestChangesAction } from "@/lib/review/actions";
import { REVIEW_TEXT_LIMITS } from "@/lib/review/schema";
import { FormMessage, inputClass, secondaryButton } from "@/components/ui/field";

export function RequestChangesForm({ requestId, revision }: { requestId: string; revision: number }) {
  const [state, action, pending] = useActionState(requestChangesAction, null);
  return (
    <form action={action} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="revision" value={revision} />
      <label htmlFor="changes-message" className="block text-sm font-medium text-slate-800">
        Request changes
      </label>
      <textarea
        id="changes-message"
        name="message"
        rows={3}
        maxLength={REVIEW_TEXT_LIMITS.message}
        placeholder="What should the developer change?"
        className={inputClass}
      />
      <FormMessage state={state} showFieldErrors />
      <button type="submit" disabled={pending} className={secondaryButton}>
        Send back for changes
      </button>
    </form>
  );
}
