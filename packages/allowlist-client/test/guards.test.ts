// The registration guards in front of real endpoints: node-oidc-provider's Dynamic Client
// Registration, and a fetch-style RFC 7591 handler.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkRegistration,
  compileRules,
  guardOidcProviderRegistration,
  guardRegistration,
  type RegistrationValidator,
} from "../src/index.js";

const EXPECTED_BODY =
  '{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://unallowed.com/cb"]}';

const rules = compileRules([
  { id: "a", kind: "exact", uri: "https://app.example/cb" },
  { id: "b", kind: "path_prefix", uri: "https://tenants.example/cb/" },
]);
const allowlist: RegistrationValidator = { validateRegistration: (uris) => checkRegistration(uris, rules) };

describe("guardOidcProviderRegistration", () => {
  let server: Server;
  let issuer: string;

  beforeAll(async () => {
    server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, { features: { registration: { enabled: true } } });
    guardOidcProviderRegistration(provider, allowlist);
    const handle = provider.callback();
    server.on("request", (req, res) => void handle(req, res));
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const register = (redirectUris: string[]) =>
    fetch(`${issuer}/reg`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ redirect_uris: redirectUris, token_endpoint_auth_method: "none" }),
    });

  it("lets a registration with allowed redirect URIs through to the provider", async () => {
    const res = await register(["https://app.example/cb", "https://tenants.example/cb/acme"]);
    expect(res.status).toBe(201);
    const client = (await res.json()) as { client_id: string; redirect_uris: string[] };
    expect(client.client_id).toBeTruthy();
    expect(client.redirect_uris).toEqual(["https://app.example/cb", "https://tenants.example/cb/acme"]);
  });

  it("answers a registration with a URI not on the list with the exact invalid_redirect_uri body", async () => {
    const res = await register(["https://app.example/cb", "https://unallowed.com/cb"]);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(EXPECTED_BODY);
  });

  it("leaves other requests alone", async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
  });
});

describe("guardRegistration (fetch-style RFC 7591 handler)", () => {
  let reached = 0;
  const endpoint = guardRegistration(allowlist, async (request) => {
    reached++;
    const metadata = (await request.json()) as { redirect_uris: string[] };
    return Response.json({ client_id: "c1", ...metadata }, { status: 201 });
  });
  const post = (body: string) =>
    endpoint(
      new Request("https://as.test/register", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      }),
    );

  it("passes an allowed registration on, body intact", async () => {
    const res = await post(JSON.stringify({ redirect_uris: ["https://app.example/cb"] }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ client_id: "c1", redirect_uris: ["https://app.example/cb"] });
  });

  it("refuses with the exact invalid_redirect_uri body, without reaching the handler", async () => {
    const before = reached;
    const res = await post(JSON.stringify({ redirect_uris: ["https://unallowed.com/cb", "https://unallowed.com/cb"] }));
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(EXPECTED_BODY);
    expect(reached).toBe(before);
  });

  it("leaves a body it cannot read to the endpoint", async () => {
    const guarded = guardRegistration(allowlist, () => new Response("endpoint's own answer", { status: 400 }));
    const res = await guarded(new Request("https://as.test/register", { method: "POST", body: "not json" }));
    expect(await res.text()).toBe("endpoint's own answer");
  });
});
