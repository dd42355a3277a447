"use client";

import { useActionState } from "react";
import { resubmitCimdRequestAction } from "@/lib/cimd-clients/actions";
import { REQUEST_TEXT_LIMITS } from "@/lib/requests/schema";
import { describedBy, Field, FormMessage, inputClass, primaryButton } from "@/components/ui/field";

/** After "changes requested": the developer fixes the hosted document, then the portal reads and pins it again. */
export function CimdResubmitForm({ requestId, clientIdUrl }: { requestId: string; clientIdUrl: string }) {
  const [state, action, pending] = useActionState(resubmitCimdRequestAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4" data-testid="cimd-resubmit-form">
      <p className="text-sm text-slate-700">
        Change the document at <span className="font-mono break-all">{clientIdUrl}</span>, then resubmit: the portal
        fetches it again and the reviewer decides on what it reads now.
      </p>
      <input type="hidden" name="requestId" value={requestId} />
      <Field id="note" label="What did you change? (optional)" errors={errors?.note}>
        <textarea
          id="note"
          name="note"
          rows={3}
          maxLength={REQUEST_TEXT_LIMITS.note}
          className={inputClass}
          aria-invalid={Boolean(errors?.note)}
          aria-describedby={describedBy("note", errors?.note)}
        />
      </Field>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Fetching…" : "Fetch again and resubmit"}
      </button>
      <FormMessage state={state?.ok ? null : state} />
    </form>
  );
}
