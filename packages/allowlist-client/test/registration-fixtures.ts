// What the guard tests share: a small allowlist, the exact refusal body, and node-oidc-provider
// with Dynamic Client Registration behind guardOidcProviderRegistration, listening on a free port.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import {
  checkRegistration,
  compileRules,
  guardOidcProviderRegistration,
  type RegistrationValidator,
} from "../src/index.js";

export const EXPECTED_BODY =
  '{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://unallowed.com/cb"]}';

const rules = compileRules([
  { id: "a", kind: "exact", uri: "https://app.example/cb" },
  { id: "b", kind: "path_prefix", uri: "https://tenants.example/cb/" },
]);
export const allowlist: RegistrationValidator = { validateRegistration: (uris) => checkRegistration(uris, rules) };

/** node-oidc-provider, guarded; its registration endpoint is `${issuer}/reg`. */
export async function startGuardedProvider(): Promise<{ issuer: string; close: () => void }> {
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
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
