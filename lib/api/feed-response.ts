// The feed's answers from a body and its ETag: 304 when the client holds it, else the bytes in the
// best encoding that is ready. Brotli is made only once a client asks for it; until it is ready a
// client that also accepts gzip gets gzip rather than waiting.
import type { EncodedBody } from "@/lib/allowlist/encoded-body";
import { acceptedEncodings, type ApiRequest, type ApiResponse, etagMatches } from "./http";

type MaybePromise<T> = T | Promise<T>;

export function notModified(etag: string): ApiResponse {
  return { status: 304, headers: { "cache-control": "no-cache", etag, vary: "Accept-Encoding" }, body: null };
}

function ok(etag: string, encoding: "br" | "gzip" | null, body: Buffer): ApiResponse {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cache-control": "no-cache",
    etag,
    vary: "Accept-Encoding",
  };
  if (encoding) headers["content-encoding"] = encoding;
  return { status: 200, headers, body };
}

export function feedResponse(req: ApiRequest, etag: string, body: EncodedBody): MaybePromise<ApiResponse> {
  if (etagMatches(req.header("if-none-match"), etag)) return notModified(etag);
  const accepted = acceptedEncodings(req.header("accept-encoding"));
  if (accepted.length === 0) return ok(etag, null, body.json);
  for (const encoding of accepted) {
    const bytes = body.ifReady(encoding);
    if (bytes) {
      // Served gzip to a br client: start brotli for the next ones.
      if (encoding !== accepted[0]) void body.get(accepted[0]!);
      return ok(etag, encoding, bytes);
    }
  }
  const encoding = accepted[0]!;
  return Promise.resolve(body.get(encoding)).then((bytes) => ok(etag, encoding, bytes));
}
