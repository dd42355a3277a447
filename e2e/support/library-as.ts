// An authorization server built the way the client library's README tells operators to build
// one: node-oidc-provider with Dynamic Client Registration, its registrations guarded by the
// library (guardOidcProviderRegistration), the list kept by createAllowlist from the signed feed.
// Beside the independent reference AS (reference-as.ts): this one checks the library end to end.
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Provider from "oidc-provider";
import { createAllowlist, guardOidcProviderRegistration } from "../../packages/allowlist-client/src/index";
import { APP_URL } from "./ports";

export interface LibraryAuthorizationServer {
  /** The issuer; registration is at `${issuer}/reg`. */
  issuer: string;
  close(): void;
}

export async function startLibraryAuthorizationServer(
  token: string,
  pollMs = 300,
): Promise<LibraryAuthorizationServer> {
  const allowlist = await createAllowlist({
    url: APP_URL,
    token,
    audience: APP_URL, // the portal's FEED_AUDIENCE defaults to its APP_URL
    issuer: APP_URL,
    cacheFile: path.join(mkdtempSync(path.join(os.tmpdir(), "library-as-")), "allowlist.json"),
    intervalMs: pollMs,
  });
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, { features: { registration: { enabled: true } } });
  guardOidcProviderRegistration(provider, allowlist);
  const handle = provider.callback();
  server.on("request", (req, res) => void handle(req, res));
  return {
    issuer,
    close() {
      allowlist.close();
      server.closeAllConnections();
      server.close();
    },
  };
}
