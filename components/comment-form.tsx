"use client";

import { useActionState, useEffect, useRef } from "react";
import { addCommentAction } from "@/lib/requests/actions";
import { REQUEST_TEXT_LIMITS } from "@/lib/requests/schema";
import { FormMessage, inputClass, secondaryButton } from "./ui/field";

export function CommentForm({ requestId, label = "Add a comment" }: { requestId: string; label?: string }) {
  const [state, action, pending] = useActionState(addCommentAction, null);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  return (
    <form ref={ref} action={action} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <label htmlFor="comment-body" className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        maxLength={REQUEST_TEXT_LIMITS.comment}
        className={inputClass}
        aria-describedby={state && !state.ok ? "comment-error" : undefined}
      />
      <FormMessage state={state} showFieldErrors id="comment-error" />
      <button type="submit" disabled={pending} className={secondaryButton}>
        {pending ? "Posting…" : "Post comment"}
      </button>
    </form>
  );
}
