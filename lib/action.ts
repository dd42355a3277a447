// One result shape for every server action, and one wrapper that turns expected failures
// (UserError, a failed parse) into messages and logs everything else.
import type { z } from "zod";
import { UserError } from "./user-error";

export type ActionResult<T = object> =
  { ok: false; message: string; fieldErrors?: Record<string, string[]> } | ({ ok: true; message?: string } & T);

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function invalid(error: z.ZodError): ActionResult<never> {
  return { ok: false, message: "Please correct the fields marked below.", fieldErrors: fieldErrorsOf(error) };
}

/** Runs an action body; redirects and Next.js's own control-flow errors pass through. */
export async function runAction<T extends object>(body: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UserError) return { ok: false, message: error.message };
    if (isNextControlFlow(error)) throw error;
    console.error("[action] unexpected error", error);
    return { ok: false, message: "Something went wrong on our side. Nothing was changed; please try again." };
  }
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND")
  );
}
