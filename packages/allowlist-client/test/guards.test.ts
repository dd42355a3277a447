// The registration guards in front of real endpoints: node-oidc-provider's Dynamic Client
// Registration, and a fetch-style RFC 7591 handler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardRegistration } from "../src/index.js";
import { allowlist, EXPECTED_BODY, startGuardedProvider } from "./registration-fixtures.js";

describe("guardOidcProviderRegistration", () => {
  let issuer: string;
  let close: () => void;

  beforeAll(async () => {
    ({ issuer, close } = await startGuardedProvider());
  });
  afterAll(() => close());

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
