"use client";

import { useActionState } from "react";
import { emailSignInAction } from "@/lib/auth/actions";

export function EmailSignInForm({
  callbackUrl,
  defaultEmail,
  submitLabel = "Email me a sign-in link",
  resend = false,
}: {
  callbackUrl: string;
  defaultEmail?: string;
  submitLabel?: string;
  resend?: boolean;
}) {
  const [state, action, pending] = useActionState(emailSignInAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {resend && <input type="hidden" name="resent" value="1" />}
      <label htmlFor="email" className="block text-sm font-medium text-slate-800">
        Email address
      </label>
      <input
        id="email"
        name="email"
        type="email"
        required
        autoComplete="email"
        maxLength={254}
        // React resets a form after its action; a refused address comes back to be corrected.
        key={state?.email}
        defaultValue={state?.email ?? defaultEmail}
        placeholder="you@example.com"
        aria-invalid={state?.ok === false}
        aria-describedby={state?.ok === false ? "email-error" : undefined}
        className="w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-indigo-500"
      />
      {state?.ok === false && (
        <p id="email-error" role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {pending ? "Sending…" : submitLabel}
      </button>
    </form>
  );
}
