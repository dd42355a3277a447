"use client";

import { useActionState } from "react";
import { withdrawRequestAction } from "@/lib/requests/actions";
import { dangerButton, FormMessage } from "@/components/ui/field";

export function WithdrawButton({ requestId }: { requestId: string }) {
  const [state, action, pending] = useActionState(withdrawRequestAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm("Withdraw this request? Reviewers will stop working on it.")) e.preventDefault();
      }}
    >
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" disabled={pending} className={dangerButton}>
        Withdraw request
      </button>
      <FormMessage state={state?.ok ? null : state} compact />
    </form>
  );
}
