"use client";

import Link from "next/link";
import { useActionState, useEffect, useMemo, useState } from "react";
import type { ActionResult } from "@/lib/action";
import { checkListingAction, resubmitRequestAction, submitRequestAction } from "@/lib/requests/actions";
import { MAX_URIS_PER_REQUEST, REQUEST_TEXT_LIMITS, urisFromPaste } from "@/lib/requests/schema";
import type { Flag } from "@/lib/redirect-uri/issues";
import { lintRedirectUri } from "@/lib/redirect-uri/lint";
import { Field, FormMessage, describedBy, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { useRequestDraft } from "./use-request-draft";
import { type Row, UriRow } from "./uri-row";

type Mode =
  { kind: "new"; clients: { id: string; name: string }[]; clientId?: string } | { kind: "resubmit"; requestId: string };

let rowCounter = 0;
const newRow = (uri = "", asPathPrefix = false): Row => ({ key: `row-${++rowCounter}`, uri, asPathPrefix });

export function RequestForm({
  mode,
  initialUris = [],
}: {
  mode: Mode;
  initialUris?: { uri: string; asPathPrefix: boolean }[];
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(
    mode.kind === "new" ? submitRequestAction : resubmitRequestAction,
    null,
  );
  const [rows, setRows] = useState<Row[]>(() =>
    initialUris.length ? initialUris.map((u) => newRow(u.uri, u.asPathPrefix)) : [newRow()],
  );
  const [paste, setPaste] = useState("");
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  // The paste panel is open while the form is empty and closes once URIs are typed, unless the
  // developer opened or closed it, or just pasted: it must not close on the "Added 2 redirect
  // URIs." it has just shown.
  const [pastePinned, setPastePinned] = useState<boolean | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [listing, setListing] = useState<Record<string, Flag[]>>({});
  const [listingNote, setListingNote] = useState<string | null>(null);

  const verdicts = useMemo(
    () => rows.map((row) => (row.uri === "" ? null : lintRedirectUri(row.uri, { asPathPrefix: row.asPathPrefix }))),
    [rows],
  );
  const filled = rows.filter((row) => row.uri !== "");
  const blocking = verdicts.filter((v) => v && !v.ok).length;
  const acceptedUris = verdicts.flatMap((v) => (v?.ok ? [v.uri] : []));
  const acceptedKey = acceptedUris.join("\n");

  // Already allowed / pending elsewhere needs the database: ask the server, debounced.
  useEffect(() => {
    if (!acceptedKey) return;
    const timer = setTimeout(() => {
      checkListingAction(acceptedKey.split("\n")).then(
        (check) => {
          setListing(check.flags);
          setListingNote(check.message ?? null);
        },
        () => {},
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [acceptedKey]);

  const draft = useRequestDraft(
    mode.kind === "new",
    rows,
    (uris) => setRows(uris.map((u) => newRow(u.uri, u.asPathPrefix))),
    state,
  );

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const update = (index: number, row: Row) => setRows((all) => all.map((r, i) => (i === index ? row : r)));

  function applyPaste() {
    const uris = urisFromPaste(paste);
    if (uris.length === 0) {
      setPasteNote(
        "Nothing to add: paste URIs one per line, or the authorization server's invalid_redirect_uri error JSON.",
      );
      return;
    }
    const kept = rows.filter((r) => r.uri !== "");
    const room = MAX_URIS_PER_REQUEST - kept.length;
    const added = [...new Set(uris)].filter((u) => !kept.some((r) => r.uri === u)).slice(0, Math.max(0, room));
    setRows([...kept, ...added.map((u) => newRow(u))]);
    setPastePinned(true);
    setPasteNote(
      `Added ${added.length} redirect URI${added.length === 1 ? "" : "s"}${added.length < uris.length ? ` (${uris.length - added.length} skipped: duplicates or over ${MAX_URIS_PER_REQUEST})` : ""}.`,
    );
    setPaste("");
  }

  return (
    <form
      action={(formData) => {
        // A successful submit leaves the page; a refused one keeps the rows here to correct.
        draft.clear();
        action(formData);
      }}
      className="space-y-6"
      noValidate
    >
      <input
        type="hidden"
        name="uris"
        value={JSON.stringify(filled.map(({ uri, asPathPrefix }) => ({ uri, asPathPrefix })))}
      />
      {mode.kind === "new" ? (
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      ) : (
        <input type="hidden" name="requestId" value={mode.requestId} />
      )}
      <FormMessage state={state} />

      {mode.kind === "new" && (
        <Field id="clientId" label="Client" errors={errors?.clientId}>
          {mode.clients.length === 0 ? (
            <p className="text-sm text-slate-700">
              First{" "}
              <Link href="/clients/new?next=/requests/new" className="text-indigo-700 underline">
                describe your client
              </Link>
              : reviewers need to know who is asking.
            </p>
          ) : (
            <select
              id="clientId"
              name="clientId"
              defaultValue={mode.clientId ?? (mode.clients.length === 1 ? mode.clients[0]!.id : "")}
              className={inputClass}
              aria-describedby={describedBy("clientId", errors?.clientId)}
            >
              <option value="">Choose a client…</option>
              {mode.clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">
          Redirect URIs{" "}
          <span className="font-normal text-slate-500">
            ({filled.length} of at most {MAX_URIS_PER_REQUEST})
          </span>
        </legend>
        <p className="text-xs text-slate-500">
          Each is checked as you type against the policy the authorization server enforces. They are compared byte for
          byte: enter exactly what your client sends.
        </p>
        <ul className="space-y-3">
          {rows.map((row, index) => (
            <UriRow
              key={row.key}
              index={index}
              row={row}
              verdict={verdicts[index] ?? null}
              listingFlags={verdicts[index]?.ok ? (listing[verdicts[index].uri] ?? []) : []}
              serverErrors={errors?.[`uris.${index}`]}
              canRemove={rows.length > 1}
              onChange={(next) => update(index, next)}
              onRemove={() => setRows((all) => all.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
        {listingNote && (
          <p className="text-sm text-amber-800" role="status" data-testid="listing-note">
            {listingNote}
          </p>
        )}
        {errors?.uris && (
          <p className="text-sm text-red-700" role="alert">
            {errors.uris.join(" ")}
          </p>
        )}
        <button
          type="button"
          onClick={() => setRows((all) => [...all, newRow()])}
          disabled={rows.length >= MAX_URIS_PER_REQUEST}
          className={secondaryButton}
        >
          + Add another URI
        </button>
      </fieldset>

      <details
        className="rounded-md border border-slate-200 bg-slate-50 p-3"
        open={pastePinned ?? (rows.length === 1 && rows[0]!.uri === "")}
        onToggle={(e) => {
          const open = e.currentTarget.open;
          // A toggle that React caused (the automatic close) is not the developer's choice.
          if (open !== (pastePinned ?? (rows.length === 1 && rows[0]!.uri === ""))) setPastePinned(open);
        }}
      >
        <summary className="cursor-pointer text-sm font-medium text-slate-800">
          Paste several URIs, or the authorization server&apos;s error
        </summary>
        <div className="mt-3 space-y-2">
          <label htmlFor="paste" className="block text-xs text-slate-600">
            One URI per line, or the whole <code className="font-mono">invalid_redirect_uri</code> JSON your client
            received: its <code className="font-mono">disallowed_uris</code> are filled in.
          </label>
          <textarea
            id="paste"
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            rows={4}
            maxLength={REQUEST_TEXT_LIMITS.paste}
            className={`${inputClass} font-mono`}
            placeholder='{"error":"invalid_redirect_uri", … "disallowed_uris":["https://…"]}'
          />
          <button type="button" onClick={applyPaste} className={secondaryButton} data-testid="apply-paste">
            Add these URIs
          </button>
          {pasteNote && (
            <p className="text-sm text-emerald-800" role="status" data-testid="paste-note">
              {pasteNote}
            </p>
          )}
        </div>
      </details>

      {mode.kind === "new" ? (
        <Field
          id="justification"
          label="Why does the client need these redirect URIs?"
          errors={errors?.justification}
          hint="Reviewers read this: say what the client does with each URI."
        >
          <textarea
            id="justification"
            name="justification"
            rows={3}
            maxLength={REQUEST_TEXT_LIMITS.justification}
            className={inputClass}
            aria-invalid={Boolean(errors?.justification)}
            aria-describedby={describedBy("justification", errors?.justification, "x")}
          />
        </Field>
      ) : (
        <Field id="note" label="What did you change? (optional)" errors={errors?.note}>
          <textarea
            id="note"
            name="note"
            rows={2}
            maxLength={REQUEST_TEXT_LIMITS.note}
            className={inputClass}
            aria-invalid={Boolean(errors?.note)}
            aria-describedby={describedBy("note", errors?.note)}
          />
        </Field>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending || blocking > 0 || filled.length === 0}
          className={primaryButton}
          data-testid="submit-request"
        >
          {pending ? "Submitting…" : mode.kind === "new" ? "Submit request" : "Resubmit"}
        </button>
        {blocking > 0 && (
          <p className="text-sm text-red-700">
            Fix the {blocking} redirect URI{blocking === 1 ? "" : "s"} marked ✗ to submit.
          </p>
        )}
      </div>
    </form>
  );
}
