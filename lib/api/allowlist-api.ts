// GET /api/v1/allowlist and POST /api/v1/allowlist/validate, as PRODUCT.md specifies them.
import { buildDelta } from "@/lib/allowlist/delta";
import { type CachedSnapshot, encodeBody, FeedCache, type EncodedBody, versionEtag } from "@/lib/allowlist/feed";
import { db } from "@/lib/db";
import { matchRedirectUri } from "@/lib/redirect-uri/match";
import type { TokenScope } from "@/lib/tokens/schema";
import { TokenVerifier } from "@/lib/tokens/tokens";
import { apiError, type ApiRequest, type ApiResponse, etagMatches, jsonResponse, pickEncoding } from "./http";
import { MAX_VALIDATE_BODY_BYTES, sinceSchema, validateRequestSchema } from "./schema";

const feed = new FeedCache(db);
const tokens = new TokenVerifier(db);

/** The feed's snapshot, or 503 when there has never been one (the database was down from the start). */
async function currentSnapshot(): Promise<CachedSnapshot | ApiResponse> {
  try {
    return await feed.current();
  } catch {
    return apiError(503, "temporarily_unavailable", "The allowlist cannot be read right now. Retry shortly.", {
      "retry-after": "5",
    });
  }
}

async function authenticate(req: ApiRequest, scope: TokenScope): Promise<ApiResponse | null> {
  const check = await tokens.check(req.header("authorization"), scope);
  if (check.ok) return null;
  // PRODUCT.md asks for exactly "WWW-Authenticate: Bearer" on a 401; a 403 names the missing scope (RFC 6750 §3.1).
  const challenge = check.status === 403 ? `Bearer error="insufficient_scope", scope="${scope}"` : "Bearer";
  return apiError(check.status, check.error, check.description, { "www-authenticate": challenge });
}

function encoded(req: ApiRequest, etag: string, body: EncodedBody): ApiResponse {
  if (etagMatches(req.header("if-none-match"), etag))
    return { status: 304, headers: { "cache-control": "no-cache", etag, vary: "Accept-Encoding" }, body: null };
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cache-control": "no-cache",
    etag,
    vary: "Accept-Encoding",
  };
  const encoding = pickEncoding(req.header("accept-encoding"));
  if (encoding) headers["content-encoding"] = encoding;
  return { status: 200, headers, body: encoding ? body[encoding] : body.json };
}

export async function handleAllowlistGet(req: ApiRequest): Promise<ApiResponse> {
  const denied = await authenticate(req, "allowlist:read");
  if (denied) return denied;
  // Most polls carry no query at all: parse it only when there is one.
  const sinceParam = req.url.includes("?") ? new URL(req.url, "http://portal").searchParams.get("since") : null;
  const current = await currentSnapshot();
  if ("status" in current) return current;
  if (sinceParam === null) return encoded(req, current.etag, current.body);

  const since = sinceSchema.safeParse(sinceParam);
  if (!since.success) return apiError(400, "invalid_request", "since must be a list version: a whole number ≥ 0.");
  // Nothing new since the client's version: the same answer as its cached copy.
  if (since.data === current.snapshot.version && etagMatches(req.header("if-none-match"), current.etag)) {
    return {
      status: 304,
      headers: { "cache-control": "no-cache", etag: current.etag, vary: "Accept-Encoding" },
      body: null,
    };
  }
  let cachedDelta = current.deltas.get(since.data);
  if (!cachedDelta) {
    const result = await buildDelta(db, current.snapshot, since.data);
    const etag = versionEtag(current.snapshot.version, since.data);
    const body = result.kind === "delta" ? encodeBody(result.delta) : encodeBody({ ...current.snapshot, full: true });
    cachedDelta = { etag, body };
    if (current.deltas.size < 1000) current.deltas.set(since.data, cachedDelta);
  }
  return encoded(req, cachedDelta.etag, cachedDelta.body);
}

const INVALID_REDIRECT_URI_DESCRIPTION = "One or more redirect URIs are not allowed";

export async function handleValidate(req: ApiRequest): Promise<ApiResponse> {
  const denied = await authenticate(req, "allowlist:validate");
  if (denied) return denied;
  const raw = await req.body(MAX_VALIDATE_BODY_BYTES);
  if (raw === null)
    return apiError(413, "invalid_client_metadata", `The body must be at most ${MAX_VALIDATE_BODY_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return apiError(400, "invalid_client_metadata", 'The body must be JSON: {"redirect_uris": ["…"]}.');
  }
  const parsed = validateRequestSchema.safeParse(json);
  if (!parsed.success) {
    return apiError(
      400,
      "invalid_client_metadata",
      parsed.error.issues[0]?.message ?? 'Expected {"redirect_uris": ["…"]}.',
    );
  }
  const current = await currentSnapshot();
  if ("status" in current) return current;
  const uris = parsed.data.redirect_uris;
  const disallowed = [...new Set(uris.filter((uri) => !matchRedirectUri(uri, current.rules).allowed))];
  if (disallowed.length > 0) {
    return jsonResponse(400, {
      error: "invalid_redirect_uri",
      error_description: INVALID_REDIRECT_URI_DESCRIPTION,
      disallowed_uris: disallowed,
    });
  }
  return jsonResponse(200, { redirect_uris: uris });
}
