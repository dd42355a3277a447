// What the request form, POST /api/v1/cimd/preview and `portal cimd check <url>` show for a client ID
// URL: one JSON shape (snake_case, as the rest of the API) and its plain-text rendering.
import { fetchClientMetadata, type CimdFetchOptions } from "./fetch-client-metadata";
import type { RuleKind } from "@/lib/redirect-uri/lint";
import type { CimdErrorCode } from "./problems";
import type { CimdFetchResult } from "./result";

export interface CimdPreview {
  client_id: string;
  outcome: CimdFetchResult["outcome"];
  /** Every check passed, redirect URIs included: the client can be requested and approved. */
  approvable: boolean;
  error_codes: CimdErrorCode[];
  errors: { code: CimdErrorCode; message: string; redirect_uri?: string }[];
  fetch: {
    fetched_at: string;
    duration_ms: number;
    resolved_addresses: string[];
    address: string | null;
    status: number | null;
    content_type: string | null;
    cache_control: string | null;
    etag: string | null;
    last_modified: string | null;
    location: string | null;
    bytes: number;
  };
  /** SHA-256 (hex) of the exact bytes received. */
  document_sha256: string | null;
  /** The bytes received, as text. */
  document_text: string | null;
  document: Record<string, unknown> | null;
  redirect_uris: {
    uri: string;
    allowed: boolean;
    /** How it would be allowed: exact, or loopback (any port matches). */
    kind: RuleKind | null;
    any_port: boolean;
    rejections: { code: string; message: string; suggestion?: string }[];
    flags: { code: string; message: string }[];
  }[];
}

export async function previewClientMetadata(clientId: string, options: CimdFetchOptions = {}): Promise<CimdPreview> {
  return toCimdPreview(await fetchClientMetadata(clientId, options));
}

export function toCimdPreview(result: CimdFetchResult): CimdPreview {
  const { details } = result;
  return {
    client_id: result.clientId,
    outcome: result.outcome,
    approvable: result.approvable,
    error_codes: result.errorCodes,
    errors: result.problems.map(({ code, message, redirectUri }) => ({
      code,
      message,
      ...(redirectUri === undefined ? {} : { redirect_uri: redirectUri }),
    })),
    fetch: {
      fetched_at: details.fetchedAt,
      duration_ms: details.durationMs,
      resolved_addresses: details.resolvedAddresses,
      address: details.address,
      status: details.status,
      content_type: details.contentType,
      cache_control: details.cacheControl,
      etag: details.etag,
      last_modified: details.lastModified,
      location: details.location,
      bytes: details.bytes,
    },
    document_sha256: result.sha256,
    document_text: result.body,
    document: result.document,
    redirect_uris: result.redirectUris.map(({ uri, verdict }) => ({
      uri,
      allowed: verdict.ok,
      kind: verdict.ok ? verdict.kind : null,
      any_port: verdict.ok && verdict.kind === "loopback",
      rejections: verdict.ok
        ? []
        : verdict.reasons.map(({ code, message, suggestion }) => ({
            code,
            message,
            ...(suggestion ? { suggestion } : {}),
          })),
      flags: verdict.flags.map(({ code, message }) => ({ code, message })),
    })),
  };
}

/** The preview for a terminal: what `portal cimd check` prints (its --json prints the preview itself). */
export function formatCimdPreview(preview: CimdPreview): string {
  const { fetch } = preview;
  const lines = [
    `Client ID   ${preview.client_id}`,
    `Verdict     ${preview.approvable ? "OK — can be requested" : preview.outcome === "not_modified" ? "not modified (304)" : `REFUSED (${preview.error_codes.join(", ")})`}`,
    `Fetched     ${fetch.fetched_at} in ${fetch.duration_ms} ms` +
      (fetch.address ? ` from ${fetch.address}` : "") +
      (fetch.resolved_addresses.length > 0 ? ` (resolved: ${fetch.resolved_addresses.join(", ")})` : ""),
  ];
  if (fetch.status !== null) {
    lines.push(`HTTP        ${fetch.status}, ${fetch.bytes} bytes, ${fetch.content_type ?? "no content type"}`);
    for (const [label, value] of [
      ["Cache       ", fetch.cache_control],
      ["ETag        ", fetch.etag],
      ["Modified    ", fetch.last_modified],
      ["Location    ", fetch.location],
    ] as const) {
      if (value) lines.push(`${label}${value}`);
    }
  }
  if (preview.document_sha256) lines.push(`SHA-256     ${preview.document_sha256}`);
  if (preview.errors.length > 0) {
    lines.push("", "Errors:");
    for (const error of preview.errors) lines.push(`  ${error.code}: ${error.message}`);
  }
  if (preview.redirect_uris.length > 0) {
    lines.push("", "Redirect URIs:");
    for (const uri of preview.redirect_uris) {
      const how = uri.allowed ? (uri.any_port ? "ok, loopback (any port)" : `ok, ${uri.kind}`) : "REFUSED";
      lines.push(`  ${uri.uri} — ${how}`);
      for (const rejection of uri.rejections) lines.push(`      ✗ ${rejection.code}: ${rejection.message}`);
      for (const flag of uri.flags) lines.push(`      ⚑ ${flag.code}: ${flag.message}`);
    }
  }
  if (preview.document_text !== null) lines.push("", "Document:", preview.document_text);
  return lines.join("\n");
}
