"use client";

import { useActionState, useState } from "react";
import { createTokenAction } from "@/lib/tokens/actions";
import { TOKEN_SCOPES, TOKEN_TEXT_LIMITS } from "@/lib/tokens/schema";
import { FormMessage, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, null);
  const [copied, setCopied] = useState(false);
  const token = state?.ok ? state.token : undefined;
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <form action={action} className="flex flex-wrap items-end gap-4">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-800">Name</span>
          <input
            name="name"
            required
            maxLength={TOKEN_TEXT_LIMITS.name}
            placeholder="e.g. Production authorization server"
            className={inputClass}
          />
        </label>
        <fieldset className="text-sm">
          <legend className="mb-1 font-medium text-slate-800">Scopes</legend>
          {/* An authorization server's token needs the list's scopes; metrics:read is a scraper's, asked for on purpose. */}
          {TOKEN_SCOPES.map((scope) => (
            <label key={scope} className="mr-4 inline-flex items-center gap-1.5">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope !== "metrics:read"} />{" "}
              <code className="font-mono">{scope}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={pending} className={primaryButton}>
          Create token
        </button>
      </form>
      <FormMessage state={state?.ok ? null : state} showFieldErrors />
      {token && (
        <div className="space-y-2 rounded-md bg-emerald-50 p-3" role="status">
          <p className="text-sm text-emerald-900">{state?.message}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="new-token"
              className="rounded bg-white px-2 py-1 font-mono text-sm break-all ring-1 ring-emerald-200"
            >
              {token}
            </code>
            <button
              type="button"
              className={secondaryButton}
              onClick={() =>
                void navigator.clipboard.writeText(token).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
