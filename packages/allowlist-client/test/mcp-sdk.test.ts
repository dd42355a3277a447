// A real MCP client registering: @modelcontextprotocol/sdk's Dynamic Client Registration helper
// (discovery, then registerClient) against node-oidc-provider behind the library's guard, and
// against a fetch-style RFC 7591 endpoint behind guardRegistration. Offline: loopback only.
import { discoverAuthorizationServerMetadata, registerClient } from "@modelcontextprotocol/sdk/client/auth.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardRegistration } from "../src/index.js";
import { allowlist, EXPECTED_BODY, startGuardedProvider } from "./registration-fixtures.js";

const clientMetadata = (redirectUris: string[]) => ({
  client_name: "MCP Inspector",
  redirect_uris: redirectUris,
  token_endpoint_auth_method: "none",
  grant_types: ["authorization_code"],
  response_types: ["code"],
});

/** The SDK's fetch, keeping the registration answers' raw bytes: the SDK keeps only the description. */
function recordingFetch(base: typeof fetch = fetch) {
  const bodies: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const response = await base(input, init);
    if (init?.method === "POST") bodies.push(await response.clone().text());
    return response;
  };
  return { fetchFn, bodies };
}

/** The refusal as the SDK surfaces it (an OAuth error carrying error_description), and on the wire. */
async function expectRefused(register: Promise<unknown>, bodies: string[]) {
  await expect(register).rejects.toThrow("One or more redirect URIs are not allowed");
  expect(bodies.at(-1)).toBe(EXPECTED_BODY);
}

describe("the MCP SDK's registerClient against node-oidc-provider, guarded", () => {
  let issuer: string;
  let close: () => void;
  beforeAll(async () => {
    ({ issuer, close } = await startGuardedProvider());
  });
  afterAll(() => close());

  it("registers with allowed redirect URIs, and is refused with the exact body otherwise", async () => {
    const { fetchFn, bodies } = recordingFetch();
    const metadata = await discoverAuthorizationServerMetadata(issuer, { fetchFn });
    expect(metadata?.registration_endpoint).toBe(`${issuer}/reg`);

    const allowed = ["https://app.example/cb", "https://tenants.example/cb/acme"];
    const client = await registerClient(issuer, { metadata, clientMetadata: clientMetadata(allowed), fetchFn });
    expect(client.client_id).toBeTruthy();
    expect(client.redirect_uris).toEqual(allowed);

    const refused = registerClient(issuer, {
      metadata,
      clientMetadata: clientMetadata(["https://app.example/cb", "https://unallowed.com/cb"]),
      fetchFn,
    });
    await expectRefused(refused, bodies);
  });
});

describe("the MCP SDK's registerClient against a fetch-style endpoint, guarded", () => {
  const endpoint = guardRegistration(allowlist, async (request) => {
    const metadata = (await request.json()) as Record<string, unknown>;
    return Response.json({ client_id: "mcp-1", client_id_issued_at: 1, ...metadata }, { status: 201 });
  });
  // The SDK's requests go straight to the handler, as a server would route /register to it.
  const handlerFetch: typeof fetch = async (input, init) => endpoint(new Request(input, init));
  const server = "https://as.test";

  it("registers with an allowed redirect URI, and is refused with the exact body otherwise", async () => {
    const { fetchFn, bodies } = recordingFetch(handlerFetch);
    const client = await registerClient(server, {
      clientMetadata: clientMetadata(["https://app.example/cb"]),
      fetchFn,
    });
    expect(client).toMatchObject({ client_id: "mcp-1", redirect_uris: ["https://app.example/cb"] });

    const refused = registerClient(server, {
      clientMetadata: clientMetadata(["https://unallowed.com/cb", "https://unallowed.com/cb"]),
      fetchFn,
    });
    await expectRefused(refused, bodies);
  });
});
