// The API's handlers are plain functions from request to response, so the portal's server can
// answer the feed without Next.js's pipeline and the Next.js route handlers can reuse them as-is.

export interface ApiRequest {
  method: string;
  /** Path and query, e.g. /api/v1/allowlist?since=4 */
  url: string;
  header(name: string): string | undefined;
  /** The raw body, at most `limit` bytes; null when it is longer. */
  body(limit: number): Promise<Buffer | null>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

/** The API's one error shape. */
export function apiError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): ApiResponse {
  return jsonResponse(status, { error, error_description: description }, headers);
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * 503 with Retry-After: the database is briefly unreachable. An authorization server that gets a
 * 500 may treat it as final; this says "try again soon" in the API's one error shape.
 */
export function temporarilyUnavailable(description: string): ApiResponse {
  return apiError(503, "temporarily_unavailable", description, { "retry-after": String(RETRY_AFTER_SECONDS) });
}

/** The compressed encodings a client accepts, best first (br before gzip at equal quality). */
export function acceptedEncodings(acceptEncoding: string | undefined): ("br" | "gzip")[] {
  if (!acceptEncoding) return [];
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const quality = (name: string) => accepted.get(name) ?? (accepted.has("*") ? accepted.get("*")! : 0);
  const order: ("br" | "gzip")[] = quality("br") >= quality("gzip") ? ["br", "gzip"] : ["gzip", "br"];
  return order.filter((name) => quality(name) > 0);
}

/** gzip or br when the client accepts it (br preferred), else identity. */
export function pickEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  return acceptedEncodings(acceptEncoding)[0] ?? null;
}

/** Does an If-None-Match header list this ETag (or "*")? Weak comparison, as RFC 9110 asks for it. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true; // the usual case, without splitting
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
