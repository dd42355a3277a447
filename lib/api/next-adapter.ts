// Runs an API handler inside a Next.js route handler (used by `next dev`/`next start`; the
// portal's own server answers these paths before Next.js).
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
