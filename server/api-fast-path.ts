// The authorization server's endpoints, answered before Next.js: the same handlers as the route
// files under app/api/v1, minus the framework's per-request cost.
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleAllowlistGet, handleValidate } from "@/lib/api/allowlist-api";
import type { ApiRequest, ApiResponse } from "@/lib/api/http";

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

export async function tryHandleApiFastPath(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? "";
  const path = url.split("?", 1)[0];
  if (path === "/api/v1/allowlist" && (req.method === "GET" || req.method === "HEAD")) {
    const response = await handleAllowlistGet(toApiRequest(req));
    send(res, req.method === "HEAD" ? { ...response, body: null } : response);
    return true;
  }
  if (path === "/api/v1/allowlist/validate" && req.method === "POST") {
    send(res, await handleValidate(toApiRequest(req)));
    return true;
  }
  return false;
}
