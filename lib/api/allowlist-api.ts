// GET /api/v1/allowlist and POST /api/v1/allowlist/validate, as PRODUCT.md specifies them.
import { buildDelta } from "@/lib/allowlist/delta";
import { type CachedSnapshot, encodeBody, FeedCache, type EncodedBody, versionEtag } from "@/lib/allowlist/feed";
import { db } from "@/lib/db";
import { matchRedirectUri } from "@/lib/redirect-uri/match";
import type { TokenScope } from "@/lib/tokens/schema";
import { type TokenCheck, TokenVerifier } from "@/lib/tokens/tokens";
import {
  apiError,
  type ApiRequest,
  type ApiResponse,
  etagMatches,
  jsonResponse,
  pickEncoding,
  temporarilyUnavailable,
} from "./http";
import { MAX_VALIDATE_BODY_BYTES, sinceSchema, validateRequestSchema } from "./schema";

const feed = new FeedCache(db);
const tokens = new TokenVerifier(db);

type MaybePromise<T> = T | Promise<T>;

/** Continues with a value now, or when its promise settles: the hot path stays free of awaits. */
function then<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

const unavailable = () => temporarilyUnavailable("The allowlist cannot be read right now. Retry shortly.");

/** The feed's snapshot, or 503 when there has never been one (the database was down from the start). */
function currentSnapshot(): MaybePromise<CachedSnapshot | ApiResponse> {
  try {
    const current = feed.current();
    return current instanceof Promise ? current.catch(unavailable) : current;
  } catch {
    return unavailable();
  }
}

function denial(check: TokenCheck & { ok: false }, scope: TokenScope): ApiResponse {
  if (check.status === 503) return temporarilyUnavailable(check.description);
  // PRODUCT.md asks for exactly "WWW-Authenticate: Bearer" on a 401; a 403 names the missing scope (RFC 6750 §3.1).
  const challenge = check.status === 403 ? `Bearer error="insufficient_scope", scope="${scope}"` : "Bearer";
  return apiError(check.status, check.error, check.description, { "www-authenticate": challenge });
}

/** null when the request may go on, else the 401/403 answer. */
function authenticate(req: ApiRequest, scope: TokenScope): MaybePromise<ApiResponse | null> {
  return then(tokens.check(req.header("authorization"), scope), (check) => (check.ok ? null : denial(check, scope)));
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

/** Synchronous for the usual poll (known token, fresh snapshot); a promise only when it must wait. */
export function handleAllowlistGet(req: ApiRequest): MaybePromise<ApiResponse> {
  return then(authenticate(req, "allowlist:read"), (denied) =>
    denied ? denied : then(currentSnapshot(), (current) => ("status" in current ? current : answerGet(req, current))),
  );
}

function answerGet(req: ApiRequest, current: CachedSnapshot): MaybePromise<ApiResponse> {
  // Most polls carry no query at all: parse it only when there is one.
  const sinceParam = req.url.includes("?") ? new URL(req.url, "http://portal").searchParams.get("since") : null;
  if (sinceParam === null) return encoded(req, current.etag, current.body);
  return answerSince(req, current, sinceParam);
}

async function answerSince(req: ApiRequest, current: CachedSnapshot, sinceParam: string): Promise<ApiResponse> {
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
    let result;
    try {
      result = await buildDelta(db, current.snapshot, since.data, current.lapsedIds);
    } catch (error) {
      console.error("[api] could not build a delta", error);
      return unavailable();
    }
    const etag = versionEtag(current.snapshot.version, since.data, current.lapsedThrough);
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
