import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action";

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 aria-[invalid=true]:border-red-500";

/** A labelled field with its errors tied to the control by aria-describedby. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, errors?: string[], hint?: string): string | undefined {
  return errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/**
 * The one place an action's result is shown. A form whose fields show their own errors (Field)
 * gets the message only; with `showFieldErrors`, the field errors are shown here instead of the
 * generic "correct the fields" message. `compact` fits a table cell.
 */
export function FormMessage({
  state,
  showFieldErrors = false,
  compact = false,
  id,
  testId = "form-message",
}: {
  state: ActionResult | null;
  showFieldErrors?: boolean;
  compact?: boolean;
  id?: string;
  testId?: string;
}) {
  if (!state) return null;
  const fieldErrors = !state.ok && showFieldErrors ? Object.values(state.fieldErrors ?? {}).flat() : [];
  const text = fieldErrors.length > 0 ? fieldErrors.join(" ") : state.message;
  if (!text) return null;
  const look = compact
    ? `mt-1 text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`
    : `rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`;
  return (
    <p id={id} role="status" data-testid={testId} className={look}>
      {text}
    </p>
  );
}

export const primaryButton =
  "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-50";
export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50";
export const dangerButton =
  "rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50";
