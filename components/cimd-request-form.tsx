"use client";

import { useActionState, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { CimdPreview } from "@/lib/cimd/preview";
import { previewCimdAction, submitCimdRequestAction } from "@/lib/cimd-clients/actions";
import { REQUEST_TEXT_LIMITS } from "@/lib/requests/schema";
import { CimdDocument } from "@/components/cimd-document";
import { Field, FormMessage, describedBy, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";

const URL_HINT = "The https URL your client sends as its client_id; its document lists your redirect URIs.";

/** Request a CIMD client: the document is fetched at once and shown before anything is submitted. */
export function CimdRequestForm({ clients, clientId }: { clients: { id: string; name: string }[]; clientId?: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(submitCimdRequestAction, null);
  const [url, setUrl] = useState("");
  const [preview, setPreview] = useState<CimdPreview | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [fetching, startFetch] = useTransition();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // The preview must be of the URL that is submitted: editing the URL asks for a new fetch.
  const current = preview?.client_id === url.trim() ? preview : null;

  function fetchDocument() {
    setNote(null);
    startFetch(async () => {
      const result = await previewCimdAction(url.trim());
      setPreview(result.preview ?? null);
      setNote(result.message ?? null);
    });
  }

  return (
    <form action={action} className="space-y-5" noValidate data-testid="cimd-request-form">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage state={state} />
      <Field id="cimd-clientId" label="Client for this document" errors={errors?.clientId}>
        <select
          id="cimd-clientId"
          name="clientId"
          defaultValue={clientId ?? (clients.length === 1 ? clients[0]!.id : "")}
          className={inputClass}
          aria-describedby={describedBy("cimd-clientId", errors?.clientId)}
        >
          <option value="">Choose a client…</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="clientIdUrl" label="client_id URL" hint={URL_HINT} errors={errors?.clientIdUrl}>
        <div className="flex gap-2">
          <input
            id="clientIdUrl"
            name="clientIdUrl"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://app.example.com/oauth/client-metadata.json"
            className={`${inputClass} font-mono`}
            aria-describedby={describedBy("clientIdUrl", errors?.clientIdUrl, URL_HINT)}
          />
          <button
            type="button"
            onClick={fetchDocument}
            disabled={fetching || url.trim() === ""}
            className={secondaryButton}
            data-testid="cimd-fetch-button"
          >
            {fetching ? "Fetching…" : "Fetch document"}
          </button>
        </div>
      </Field>
      {note && (
        <p className="text-sm text-amber-800" role="status">
          {note}
        </p>
      )}
      {current && (
        <section
          className="rounded-md border border-slate-200 bg-slate-50 p-4"
          aria-label="Fetched document"
          data-testid="cimd-preview"
        >
          <p
            className={`mb-3 text-sm font-medium ${current.approvable ? "text-emerald-800" : "text-red-800"}`}
            data-testid="cimd-verdict"
          >
            {current.approvable
              ? "✓ The document passes every check: it can be requested."
              : "✗ This document cannot be requested as it is (see below)."}
          </p>
          <CimdDocument
            clientId={current.client_id}
            fetch={current.fetch}
            sha256={current.document_sha256}
            text={current.document_text}
            redirectUris={current.redirect_uris}
            errors={current.errors}
          />
        </section>
      )}
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium text-slate-800">Rule</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" value="client_id" defaultChecked /> This exact client_id URL
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" value="client_id_host" /> Any client_id URL on this host (per-integration
          URLs; high risk, an admin decides)
        </label>
      </fieldset>
      <Field id="cimd-justification" label="Justification" errors={errors?.justification}>
        <textarea
          id="cimd-justification"
          name="justification"
          rows={3}
          maxLength={REQUEST_TEXT_LIMITS.justification}
          className={inputClass}
          aria-describedby={describedBy("cimd-justification", errors?.justification)}
        />
      </Field>
      <button
        type="submit"
        disabled={pending || !current?.approvable}
        className={primaryButton}
        data-testid="cimd-submit"
      >
        {pending ? "Submitting…" : "Submit for review"}
      </button>
      {!current?.approvable && (
        <p className="text-xs text-slate-500">Fetch a document that passes its checks to submit it.</p>
      )}
    </form>
  );
}
