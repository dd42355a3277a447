// The authorization server's endpoints, answered before Next.js: the same handlers as the route
// files under app/api/v1, minus the framework's per-request cost.
import type { IncomingMessage, ServerResponse } from "node:http";
import { feed, handleAllowlistGet, handleValidate, tokens } from "@/lib/api/allowlist-api";
import { handleJwks, handleSignedGet } from "@/lib/api/signed-api";
import { apiError, type ApiRequest, type ApiResponse } from "@/lib/api/http";
import { logger } from "@/lib/log/logger";
import { requestIdFrom } from "@/lib/log/request-id";
import { countFeedAnswer, type FeedEndpoint } from "@/lib/metrics/feed-counters";
import { deliveries } from "@/lib/propagation/deliveries";

function toApiRequest(req: IncomingMessage): ApiRequest {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    header: (name) => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body: (limit) =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            resolve(null);
            req.resume();
            return;
          }
          chunks.push(chunk);
        });
        req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
        req.on("error", reject);
      }),
  };
}

function send(res: ServerResponse, response: ApiResponse) {
  if (response.body) response.headers["content-length"] = String(response.body.length);
  res.writeHead(response.status, response.headers);
  res.end(response.body ?? undefined);
}

function sendLater(req: IncomingMessage, res: ServerResponse, pending: Promise<ApiResponse>, head = false) {
  pending.then(
    (response) => send(res, head ? { ...response, body: null } : response),
    (error: unknown) => {
      // The id is made only now: the answers that succeed cost nothing for it.
      const reqId = requestIdFrom(req.headers["x-request-id"]);
      logger.error({ err: error, reqId, method: req.method, path: req.url?.split("?")[0] }, "api request failed");
      if (!res.headersSent) {
        const response = apiError(500, "server_error", "Something went wrong on our side. Retry shortly.", {
          "x-request-id": reqId,
        });
        send(res, response);
      }
    },
  );
}

/**
 * The usual poll, as cheaply as it can be answered: a conditional GET for the served version by a
 * token seen within the last seconds. Three map lookups' worth of work (the third records the
 * delivery, lib/propagation) and a precomputed header array; no URL parsing, no header objects. Anything else returns false and takes the full path.
 */
function tryNotModified(req: IncomingMessage, res: ServerResponse, endpoint: FeedEndpoint): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch === undefined) return false;
  const view = feed.pollViewNow();
  if (view === null || ifNoneMatch !== view.etag) return false;
  const tokenId = tokens.knownTokenId(req.headers.authorization, "allowlist:read");
  if (tokenId === null) return false;
  deliveries.record(tokenId, view.version, Date.now());
  countFeedAnswer(endpoint, 304);
  res.writeHead(304, view.notModifiedHeaders);
  res.end();
  return true;
}

/**
 * The usual poll (a known token, the served version) answered with 304 at once; false for anything
 * else. The server tries it before anything else, the client's address included: a 304 reads none.
 */
export function tryAnswerUsualPoll(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  // The signed feed shares the JSON feed's ETags, so its usual poll is the same 304.
  if (url === "/api/v1/allowlist") return req.method === "GET" && tryNotModified(req, res, "feed");
  if (url === "/api/v1/allowlist/signed") return req.method === "GET" && tryNotModified(req, res, "signed");
  return false;
}

/** Answers the feed's endpoints and returns true, or returns false for everything else. */
export function tryHandleApiFastPath(req: IncomingMessage, res: ServerResponse): boolean {
  return tryAnswerUsualPoll(req, res) || tryHandleApiRequest(req, res);
}

/** The feed's endpoints other than the usual poll (the server has tried that first). */
export function tryHandleApiRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (path === "/api/v1/allowlist" && (req.method === "GET" || req.method === "HEAD")) {
    const head = req.method === "HEAD";
    const response = handleAllowlistGet(toApiRequest(req));
    if (response instanceof Promise) sendLater(req, res, response, head);
    else send(res, head ? { ...response, body: null } : response);
    return true;
  }
  if (path === "/api/v1/allowlist/signed" && (req.method === "GET" || req.method === "HEAD")) {
    const head = req.method === "HEAD";
    const response = handleSignedGet(toApiRequest(req));
    if (response instanceof Promise) sendLater(req, res, response, head);
    else send(res, head ? { ...response, body: null } : response);
    return true;
  }
  if (path === "/.well-known/allowlist-jwks.json" && req.method === "GET") {
    sendLater(req, res, handleJwks());
    return true;
  }
  if (path === "/api/v1/allowlist/validate" && req.method === "POST") {
    sendLater(req, res, handleValidate(toApiRequest(req)));
    return true;
  }
  return false;
}
