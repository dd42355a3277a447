// One result shape for every server action, and one wrapper that every form action is made with:
// guard → read the form → parse with the action's zod schema → run → revalidate → redirect.
// Expected failures (a UserError, a failed parse, a form that cannot be read) become messages;
// anything else is logged and shown as a generic message.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireActionRole, type CurrentUser } from "@/lib/auth/guards";
import type { Role } from "@/lib/auth/roles";
import { requestIp } from "@/lib/request-ip";
import { UserError } from "@/lib/user-error";

export type ActionResult<T = object> =
  { ok: false; message: string; fieldErrors?: Record<string, string[]> } | ({ ok: true; message?: string } & T);

/** What an action's body returns when it succeeds; an expected failure is a thrown UserError. */
export type ActionSuccess<T = object> = { message?: string } & T;

export interface ActionContext {
  user: CurrentUser;
  ip: string | null;
}

/** `prev` is useActionState's previous state, which no action reads. */
export type FormAction<T = object> = (prev: unknown, form: FormData) => Promise<ActionResult<T>>;

const UNREADABLE = "The form could not be read. Reload the page and try again.";
const UNEXPECTED = "Something went wrong on our side. Nothing was changed; please try again.";

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A form's fields as a plain object for its schema: one value as a string, a repeated name
 *  (checkboxes) as an array of strings. Files are not read. */
export function formFields(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/**
 * A server action bound to a role and a zod schema (in the spirit of saas-starter's
 * validatedActionWithUser). `run` gets the parsed values only; `revalidate` and `redirect` are
 * computed from them too, never from raw form values. Both happen on success only: a refused
 * change leaves the page as it is, so the form that says why stays on screen (a reviewer who
 * lost a race must read "already decided", not find the form gone).
 */
export function validatedAction<S extends z.ZodType, T extends object = object>(spec: {
  role: Role;
  schema: S;
  run: (data: z.output<S>, ctx: ActionContext) => Promise<ActionSuccess<T>>;
  revalidate?: (data: z.output<S>) => string[];
  redirect?: (data: z.output<S>, result: ActionSuccess<T>) => never;
}): FormAction<T> {
  return async (_prev, form) => {
    const user = await requireActionRole(spec.role);
    // Called directly (the action's id is public) with anything but a form: refuse, don't crash.
    if (!(form instanceof FormData)) return { ok: false, message: UNREADABLE };
    let parsed: z.ZodSafeParseResult<z.output<S>>;
    try {
      parsed = spec.schema.safeParse(formFields(form));
    } catch {
      // A preprocess step that throws (JSON that is not JSON) means a tampered or stale form.
      return { ok: false, message: UNREADABLE };
    }
    if (!parsed.success) {
      return {
        ok: false,
        message: "Please correct the fields marked below.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const data = parsed.data;
    const result = await runAction(async () => ({
      ok: true as const,
      ...(await spec.run(data, { user, ip: await requestIp() })),
    }));
    if (!result.ok) return result;
    for (const path of spec.revalidate?.(data) ?? []) revalidatePath(path);
    spec.redirect?.(data, result);
    return result;
  };
}

/** Runs an action body; redirects and Next.js's own control-flow errors pass through. */
async function runAction<R>(body: () => Promise<R>): Promise<R | ActionResult<never>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UserError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
    if (isNextControlFlow(error)) throw error;
    console.error("[action] unexpected error", error);
    return { ok: false, message: UNEXPECTED };
  }
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND")
  );
}
