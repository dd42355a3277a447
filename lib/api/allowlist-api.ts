// GET /api/v1/allowlist and POST /api/v1/allowlist/validate, as PRODUCT.md specifies them.
import { deltaOfList } from "@/lib/allowlist/delta";
import { type CachedDelta, FeedCache, type FeedView, versionEtag } from "@/lib/allowlist/feed";
import { EncodedBody } from "@/lib/allowlist/encoded-body";
import { deltaJson } from "@/lib/allowlist/feed-json";
import { db } from "@/lib/db";
import { previewClientMetadata } from "@/lib/cimd/preview";
import { matchCimdClient } from "@/lib/cimd-clients/match";
import { countFeedAnswer, type FeedEndpoint } from "@/lib/metrics/feed-counters";
import { recordAnswer } from "@/lib/propagation/deliveries";
import { matchRedirectUri } from "@/lib/redirect-uri/match";
import type { TokenScope } from "@/lib/tokens/schema";
import { type TokenCheck, TokenVerifier } from "@/lib/tokens/tokens";
import { feedResponse, notModified } from "./feed-response";
import { apiError, type ApiRequest, type ApiResponse, etagMatches, jsonResponse, temporarilyUnavailable } from "./http";
import { cimdPreviewRequestSchema, MAX_VALIDATE_BODY_BYTES, sinceSchema, validateRequestSchema } from "./schema";

export const feed = new FeedCache(db);
export const tokens = new TokenVerifier(db);

export type MaybePromise<T> = T | Promise<T>;

/** Continues with a value now, or when its promise settles: the hot path stays free of awaits. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

const unavailable = () => temporarilyUnavailable("The allowlist cannot be read right now. Retry shortly.");

/** A view of the feed, or 503 when there has never been one (the database was down from the start). */
export function viewOr503(get: () => MaybePromise<FeedView>): MaybePromise<FeedView | ApiResponse> {
  try {
    const view = get();
    return view instanceof Promise ? view.catch(unavailable) : view;
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
export function authenticate(req: ApiRequest, scope: TokenScope): MaybePromise<ApiResponse | null> {
  return andThen(tokens.check(req.header("authorization"), scope), (check) => (check.ok ? null : denial(check, scope)));
}

/**
 * A feed answer for an allowlist:read token, recorded against the token (lib/propagation): the
 * dashboard shows which version each authorization server holds. Synchronous when both are.
 */
export function answerReader(
  req: ApiRequest,
  endpoint: FeedEndpoint,
  answer: (req: ApiRequest) => MaybePromise<ApiResponse>,
): MaybePromise<ApiResponse> {
  return andThen(tokens.check(req.header("authorization"), "allowlist:read"), (check) =>
    check.ok
      ? andThen(answer(req), (response) => counted(endpoint, recordAnswer(check.tokenId, response)))
      : counted(endpoint, denial(check, "allowlist:read")),
  );
}

/** Counted for GET /api/metrics (feed requests by status). */
function counted(endpoint: FeedEndpoint, response: ApiResponse): ApiResponse {
  countFeedAnswer(endpoint, response.status);
  return response;
}

/** Synchronous for the usual poll (known token, fresh snapshot); a promise only when it must wait. */
export function handleAllowlistGet(req: ApiRequest): MaybePromise<ApiResponse> {
  return answerReader(req, "feed", answerGet);
}

function answerGet(req: ApiRequest): MaybePromise<ApiResponse> {
  // Most polls carry no query at all: parse it only when there is one.
  const sinceParam = req.url.includes("?") ? new URL(req.url, "http://portal").searchParams.get("since") : null;
  if (sinceParam !== null) return answerSince(req, sinceParam);
  // A poll (If-None-Match) is answered from the served view at once, even while the next version's
  // bytes are being made; a first fetch waits for the newest version.
  const conditional = req.header("if-none-match") !== undefined;
  return andThen(
    viewOr503(() => (conditional ? feed.forPoll() : feed.current())),
    (view) => ("status" in view ? view : feedResponse(req, view.etag, view.body!)),
  );
}

async function answerSince(req: ApiRequest, sinceParam: string): Promise<ApiResponse> {
  const since = sinceSchema.safeParse(sinceParam);
  if (!since.success) return apiError(400, "invalid_request", "since must be a list version: a whole number ≥ 0.");
  // The newest version's delta needs only the list, not the snapshot's bytes: no waiting for those.
  const view = await viewOr503(() => feed.latest());
  if ("status" in view) return view;
  // Nothing new since the client's version: the same answer as its cached copy.
  if (since.data === view.version && etagMatches(req.header("if-none-match"), view.etag)) return notModified(view.etag);
  let cached = view.deltas.get(since.data);
  if (!cached) {
    try {
      cached = await buildCachedDelta(view, since.data);
    } catch (error) {
      console.error("[api] could not build a delta", error);
      return unavailable();
    }
    view.deltas.set(since.data, cached);
  }
  const response = await feedResponse(req, cached.etag, cached.body);
  view.deltas.evict(); // compressed forms count towards the cache's bound
  return response;
}

async function buildCachedDelta(view: FeedView, since: number): Promise<CachedDelta> {
  const result = await deltaOfList(db, feed.changes, feed.publishedList, since, view.lapsedIds);
  const body =
    result.kind === "full"
      ? await view.full()
      : new EncodedBody(await deltaJson(result.version, since, result.added, result.removed));
  const version = result.kind === "full" ? view.version : result.version;
  return {
    etag: versionEtag(version, since, view.lapsedThrough),
    body,
    get size() {
      return body.size;
    },
  };
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
  const current = await viewOr503(() => feed.latest());
  if ("status" in current) return current;
  const uris = parsed.data.redirect_uris;
  if (parsed.data.client_id !== undefined) return validateCimdClient(current, parsed.data.client_id, uris);
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

/** A CIMD client: approved and not blocked, and every redirect URI one its approval pinned. */
function validateCimdClient(view: FeedView, clientId: string, uris: string[]): ApiResponse {
  const result = matchCimdClient(clientId, uris, view.clients, view.blocked);
  if (result.ok) return jsonResponse(200, { client_id: clientId, redirect_uris: uris, client: result.client });
  if (result.error === "unauthorized_client") {
    return jsonResponse(400, { error: result.error, error_description: result.description, client_id: clientId });
  }
  return jsonResponse(400, {
    error: "invalid_redirect_uri",
    error_description: INVALID_REDIRECT_URI_DESCRIPTION,
    disallowed_uris: result.disallowed,
  });
}

/** POST /api/v1/cimd/preview: what the request form shows for a client_id URL, fetched now. */
export async function handleCimdPreview(req: ApiRequest): Promise<ApiResponse> {
  const denied = await authenticate(req, "allowlist:validate");
  if (denied) return denied;
  const raw = await req.body(MAX_VALIDATE_BODY_BYTES);
  if (raw === null)
    return apiError(413, "invalid_request", `The body must be at most ${MAX_VALIDATE_BODY_BYTES} bytes.`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return apiError(400, "invalid_request", 'The body must be JSON: {"client_id": "https://…"}.');
  }
  const parsed = cimdPreviewRequestSchema.safeParse(json);
  if (!parsed.success) {
    return apiError(400, "invalid_request", parsed.error.issues[0]?.message ?? 'Expected {"client_id": "https://…"}.');
  }
  // Every outcome of the fetch, failures included, is a preview with its error codes: always 200.
  return jsonResponse(200, await previewClientMetadata(parsed.data.client_id));
}
