"use client";

import { useActionState, type ReactNode } from "react";
import type { FormAction } from "@/lib/action";
import { FormMessage } from "@/components/ui/field";

/** A small form around one server action, showing its result next to it. */
export function ActionForm({
  action,
  children,
  className,
  confirmText,
  testId,
}: {
  action: FormAction;
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
      <FormMessage state={state} showFieldErrors compact testId="action-result" />
    </form>
  );
}
