"use client";

import { useActionState } from "react";
import { saveClientAction } from "@/lib/clients/actions";
import { CLIENT_LIMITS, CLIENT_TYPES } from "@/lib/clients/schema";
import { Field, FormMessage, describedBy, inputClass, primaryButton } from "@/components/ui/field";

export interface ClientFormValues {
  id?: string;
  name: string;
  vendor: string;
  homepage: string;
  description: string;
  contactEmail: string;
  clientType: string;
  logoUrl: string;
  metadataDocumentUrl: string;
}

const FIELDS: {
  name: keyof ClientFormValues;
  label: string;
  maxLength: number;
  type?: string;
  hint?: string;
  required?: boolean;
}[] = [
  {
    name: "name",
    label: "Client name",
    maxLength: CLIENT_LIMITS.name,
    hint: "As users see it, e.g. “Acme Assistant”.",
    required: true,
  },
  { name: "vendor", label: "Vendor or organisation", maxLength: CLIENT_LIMITS.vendor, required: true },
  {
    name: "homepage",
    label: "Homepage",
    type: "url",
    maxLength: CLIENT_LIMITS.url,
    hint: "https:// only.",
    required: true,
  },
  {
    name: "contactEmail",
    label: "Contact email",
    type: "email",
    maxLength: CLIENT_LIMITS.email,
    hint: "Where reviewers can reach you.",
    required: true,
  },
  { name: "logoUrl", label: "Logo URL (optional)", type: "url", maxLength: CLIENT_LIMITS.url },
  {
    name: "metadataDocumentUrl",
    label: "Client ID Metadata Document URL (optional)",
    type: "url",
    maxLength: CLIENT_LIMITS.url,
    hint: "If your client publishes one (MCP 2025-11-25).",
  },
];

export function ClientForm({ initial, next }: { initial: ClientFormValues; next?: string }) {
  const [state, action, pending] = useActionState(saveClientAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form
      action={action}
      className="max-w-2xl space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      noValidate
    >
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {next && <input type="hidden" name="next" value={next} />}
      <FormMessage state={state} />
      <div className="grid gap-5 sm:grid-cols-2">
        {FIELDS.map((field) => (
          <Field key={field.name} id={field.name} label={field.label} hint={field.hint} errors={errors?.[field.name]}>
            <input
              id={field.name}
              name={field.name}
              type={field.type ?? "text"}
              defaultValue={initial[field.name]}
              required={field.required}
              maxLength={field.maxLength}
              aria-invalid={Boolean(errors?.[field.name])}
              aria-describedby={describedBy(field.name, errors?.[field.name], field.hint)}
              className={inputClass}
            />
          </Field>
        ))}
        <Field id="clientType" label="Client type" errors={errors?.clientType}>
          <select
            id="clientType"
            name="clientType"
            defaultValue={initial.clientType}
            className={inputClass}
            aria-invalid={Boolean(errors?.clientType)}
            aria-describedby={describedBy("clientType", errors?.clientType)}
          >
            <option value="">Choose…</option>
            {Object.entries(CLIENT_TYPES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        id="description"
        label="Short description"
        errors={errors?.description}
        hint="What the client does and who uses it."
      >
        <textarea
          id="description"
          name="description"
          rows={3}
          maxLength={CLIENT_LIMITS.description}
          defaultValue={initial.description}
          className={inputClass}
          aria-invalid={Boolean(errors?.description)}
          aria-describedby={describedBy("description", errors?.description, "x")}
        />
      </Field>
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "Saving…" : initial.id ? "Save changes" : "Save client"}
      </button>
    </form>
  );
}
