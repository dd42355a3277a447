"use client";

import type { Flag } from "@/lib/redirect-uri/issues";
import type { LintVerdict } from "@/lib/redirect-uri/lint";
import { FlagList } from "@/components/flag-list";
import { UriText } from "@/components/uri-text";
import { REQUEST_TEXT_LIMITS } from "@/lib/requests/schema";

export interface Row {
  key: string;
  uri: string;
  asPathPrefix: boolean;
}

interface Props {
  index: number;
  row: Row;
  verdict: LintVerdict | null;
  listingFlags: Flag[];
  serverErrors?: string[];
  canRemove: boolean;
  onChange: (row: Row) => void;
  onRemove: () => void;
}

export function UriRow({ index, row, verdict, listingFlags, serverErrors, canRemove, onChange, onRemove }: Props) {
  const id = `uri-${index}`;
  const rejected = verdict && !verdict.ok;
  const suggestion = rejected ? verdict.reasons.find((r) => r.suggestion)?.suggestion : undefined;
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid={`uri-row-${index}`}>
      <div className="flex items-start gap-2">
        <label htmlFor={id} className="sr-only">
          Redirect URI {index + 1}
        </label>
        <input
          id={id}
          value={row.uri}
          onChange={(e) => onChange({ ...row, uri: e.target.value })}
          placeholder="https://app.example.com/oauth/callback"
          spellCheck={false}
          autoComplete="off"
          maxLength={REQUEST_TEXT_LIMITS.uri}
          aria-invalid={Boolean(rejected || serverErrors?.length)}
          aria-describedby={`${id}-verdict`}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-500"
        />
        {canRemove && (
          <button
            type="button"
            onClick={onRemove}
            className="rounded-md px-2 py-2 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            aria-label={`Remove redirect URI ${index + 1}`}
          >
            ✕
          </button>
        )}
      </div>
      {/* Rarely needed (per-connector ids in the path), and high risk: out of the way until asked for. */}
      <details className="mt-2 text-xs text-slate-600" open={row.asPathPrefix || undefined}>
        <summary className="w-fit cursor-pointer text-slate-500 hover:text-slate-800">Advanced</summary>
        <label className="mt-1 inline-flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={row.asPathPrefix}
            onChange={(e) => onChange({ ...row, asPathPrefix: e.target.checked })}
          />
          Path prefix: allow any one path segment after this URI (high risk; needs an admin)
        </label>
      </details>
      <div id={`${id}-verdict`} className="mt-2 space-y-1 text-sm" aria-live="polite">
        {rejected && (
          <ul className="space-y-1 text-red-700" data-testid="uri-rejected">
            {verdict.reasons.map((reason) => (
              <li key={reason.code}>✗ {reason.message}</li>
            ))}
          </ul>
        )}
        {suggestion && (
          <div className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              data-testid="use-canonical"
              onClick={() => onChange({ ...row, uri: suggestion })}
              className="max-w-full rounded border border-indigo-300 bg-indigo-50 px-2 py-1 text-left text-xs text-indigo-800 hover:bg-indigo-100"
            >
              Use <UriText uri={suggestion} />
            </button>
            <span className="text-xs text-slate-600">Your client must then send exactly this string.</span>
          </div>
        )}
        {verdict?.ok && (
          <>
            <p className="text-emerald-700" data-testid="uri-accepted">
              ✓{" "}
              {verdict.kind === "loopback"
                ? "Loopback redirect URI"
                : verdict.kind === "path_prefix"
                  ? "Path prefix rule"
                  : "Exact redirect URI"}
              {verdict.removedPort && (
                <span className="text-slate-600">
                  {" "}
                  — stored as <UriText uri={verdict.uri} />: any port will match.
                </span>
              )}
            </p>
            <FlagList flags={[...verdict.flags, ...listingFlags]} explain />
          </>
        )}
        {serverErrors?.map((error) => (
          <p key={error} className="text-red-700">
            {error}
          </p>
        ))}
      </div>
    </li>
  );
}
