// A local HTTPS server for the fetcher's tests, with the test CA's leaf certificate (testdata/).
// Each test registers what a path answers; every request is recorded, headers included.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";

const testdata = path.join(import.meta.dirname, "..", "testdata");
export const TEST_CA = readFileSync(path.join(testdata, "ca.pem"), "utf8");
const TLS = {
  cert: readFileSync(path.join(testdata, "server.pem")),
  key: readFileSync(path.join(testdata, "server.key")),
};

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestHttpsServer {
  port: number;
  /** https://127.0.0.1:port, or https://[::1]:port for an IPv6 server. */
  origin: string;
  route(path: string, handler: Handler): void;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startHttpsServer(host: "127.0.0.1" | "::1" = "127.0.0.1"): Promise<TestHttpsServer> {
  const routes = new Map<string, Handler>();
  const requests: IncomingMessage[] = [];
  const server: Server = createServer(TLS, (req, res) => {
    requests.push(req);
    const handler = routes.get(req.url ?? "");
    if (handler) return handler(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: host === "::1" ? `https://[::1]:${port}` : `https://127.0.0.1:${port}`,
    route: (routePath, handler) => void routes.set(routePath, handler),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that serves a JSON document (or any text) with the given status and headers. */
export function serve(body: unknown, headers: Record<string, string> = {}, status = 200): Handler {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(text);
  };
}
