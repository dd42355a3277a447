// Runs an API handler inside a Next.js route handler (app/api/v1). The portal's own server answers
// these paths before Next.js (server/api-fast-path.ts), so the route files serve only plain
// `next dev`/`next start`; lib/api/route-files.db.test.ts keeps them answering as the handlers do.
import type { ApiRequest, ApiResponse } from "./http";

export function fromWebRequest(request: Request): ApiRequest {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: url.pathname + url.search,
    header: (name) => request.headers.get(name) ?? undefined,
    body: async (limit) => {
      const buffer = Buffer.from(await request.arrayBuffer());
      return buffer.length > limit ? null : buffer;
    },
  };
}

export function toWebResponse(response: ApiResponse): Response {
  return new Response(response.body ? new Uint8Array(response.body) : null, {
    status: response.status,
    headers: response.headers,
  });
}
