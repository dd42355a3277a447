"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action";

type Action = (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** A small form around one server action, showing its result next to it. */
export function ActionForm({
  action,
  children,
  className,
  confirmText,
  testId,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  confirmText?: string;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className={className}
      data-testid={testId}
      aria-busy={pending}
      onSubmit={(e) => {
        if (confirmText && !confirm(confirmText)) e.preventDefault();
      }}
    >
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state && (
        <p
          role="status"
          data-testid="action-result"
          className={`mt-1 text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {state.ok ? state.message : [state.message, ...Object.values(state.fieldErrors ?? {}).flat()].join(" ")}
        </p>
      )}
    </form>
  );
}
