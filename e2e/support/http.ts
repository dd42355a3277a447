// Raw HTTP, as an authorization server would speak it: no automatic decompression, exact bytes.
import http from "node:http";
import { APP_PORT } from "./ports";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  port = APP_PORT,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A connection per request (no keep-alive agent): with several workers, each may answer.
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buffer, text: buffer.toString("utf8") });
      });
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
