// The feed's answers from a body and its ETag: 304 when the client holds it, else the bytes in the
// client's preferred encoding. Brotli is made only once a client asks for it; for a large body,
// until it is ready, a client that also accepts gzip gets gzip rather than waiting. A small body
// (most deltas, most lists) is compressed in a few milliseconds, so the client waits for br.
import type { EncodedBody } from "@/lib/allowlist/encoded-body";
import { acceptedEncodings, type ApiRequest, type ApiResponse, etagMatches } from "./http";

type MaybePromise<T> = T | Promise<T>;

/** Below this, waiting for the preferred encoding costs less than sending a larger body. */
const WAIT_FOR_PREFERRED_BELOW_BYTES = 512 * 1024;

export function notModified(etag: string): ApiResponse {
  return { status: 304, headers: { "cache-control": "no-cache", etag, vary: "Accept-Encoding" }, body: null };
}

function ok(etag: string, encoding: "br" | "gzip" | null, body: Buffer, contentType: string): ApiResponse {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "cache-control": "no-cache",
    etag,
    vary: "Accept-Encoding",
  };
  if (encoding) headers["content-encoding"] = encoding;
  return { status: 200, headers, body };
}

export function feedResponse(
  req: ApiRequest,
  etag: string,
  body: EncodedBody,
  contentType = "application/json",
): MaybePromise<ApiResponse> {
  if (etagMatches(req.header("if-none-match"), etag)) return notModified(etag);
  const accepted = acceptedEncodings(req.header("accept-encoding"));
  if (accepted.length === 0) {
    const json = body.identity();
    return Buffer.isBuffer(json)
      ? ok(etag, null, json, contentType)
      : json.then((bytes) => ok(etag, null, bytes, contentType));
  }
  const preferred = accepted[0]!;
  const small = body.length < WAIT_FOR_PREFERRED_BELOW_BYTES;
  for (const encoding of small ? [preferred] : accepted) {
    const bytes = body.ifReady(encoding);
    if (bytes) {
      // Served gzip to a br client: start brotli for the next ones.
      if (encoding !== preferred) void body.get(preferred);
      return ok(etag, encoding, bytes, contentType);
    }
  }
  return Promise.resolve(body.get(preferred)).then((bytes) => ok(etag, preferred, bytes, contentType));
}
