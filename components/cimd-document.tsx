// A client ID metadata document as fetched: where from, how the fetch went, the document, and each
// redirect URI's checks. Shown in the request form's preview and, pinned, on the request pages.
import type { CimdPreview } from "@/lib/cimd/preview";
import { UriText } from "@/components/uri-text";

export interface CimdDocumentProps {
  clientId: string;
  fetch: CimdPreview["fetch"];
  sha256: string | null;
  text: string | null;
  redirectUris: CimdPreview["redirect_uris"];
  errors?: CimdPreview["errors"];
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function CimdDocument({ clientId, fetch, sha256, text, redirectUris, errors = [] }: CimdDocumentProps) {
  const host = (() => {
    try {
      return new URL(clientId).host;
    } catch {
      return null;
    }
  })();
  return (
    <div className="space-y-3 text-sm" data-testid="cimd-document">
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">client_id</dt>
        <dd className="font-mono wrap-anywhere" data-testid="cimd-client-id">
          {clientId}
        </dd>
        {host && (
          <>
            <dt className="text-slate-500">Host</dt>
            <dd className="font-mono">{host}</dd>
          </>
        )}
        <dt className="text-slate-500">Fetched</dt>
        <dd data-testid="cimd-fetch">
          {fetch.fetched_at.replace("T", " ").slice(0, 19)} UTC · status {fetch.status ?? "none"} ·{" "}
          {fetch.content_type ?? "no content type"} · {fetch.bytes} bytes · {fetch.duration_ms} ms
          {fetch.address && ` · from ${fetch.address}`}
        </dd>
        <dt className="text-slate-500">Cache-Control</dt>
        <dd className="font-mono">{fetch.cache_control ?? "—"}</dd>
        <dt className="text-slate-500">ETag</dt>
        <dd className="font-mono">{fetch.etag ?? "—"}</dd>
        {sha256 && (
          <>
            <dt className="text-slate-500">SHA-256</dt>
            <dd className="font-mono text-xs wrap-anywhere" data-testid="cimd-sha256">
              {sha256}
            </dd>
          </>
        )}
      </dl>
      {errors.length > 0 && (
        <ul className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-red-800" role="alert" data-testid="cimd-errors">
          {errors.map((error, i) => (
            <li key={i}>
              <code className="text-xs">{error.code}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
      {redirectUris.length > 0 && (
        <div className="space-y-1">
          <h3 className="font-medium text-slate-800">Redirect URIs in the document</h3>
          <ul className="space-y-2">
            {redirectUris.map((r) => (
              <li key={r.uri} className="rounded-md bg-white p-2 ring-1 ring-slate-200" data-testid="cimd-redirect-uri">
                <UriText uri={r.uri} className="block" />
                {r.allowed ? (
                  <p className="text-xs text-emerald-700">
                    ✓ {r.any_port ? "Loopback: any port matches" : "Exact match"}
                    {r.flags.length > 0 && ` · flagged: ${r.flags.map((f) => f.message).join("; ")}`}
                  </p>
                ) : (
                  <p className="text-xs text-red-700">✗ {r.rejections.map((x) => x.message).join("; ")}</p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {text !== null && (
        <details>
          <summary className="cursor-pointer text-slate-700">The document ({fetch.bytes} bytes)</summary>
          <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            {pretty(text)}
          </pre>
        </details>
      )}
    </div>
  );
}
