// The CIMD contract from outside: the snapshot's clients, validate with a client_id, and the preview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let token: string;
const actor = { id: null, email: "test@portal.test" };
const CLIENT_ID = "https://app.example/oauth/client.json";
const DOCUMENT = JSON.stringify({
  client_id: CLIENT_ID,
  redirect_uris: ["https://app.example/cb", "http://127.0.0.1/cb"],
});

beforeAll(async () => {
  t = await useTestDatabase();
  const { createApiToken } = await import("@/lib/tokens/tokens");
  const scopes = ["allowlist:read" as const, "allowlist:validate" as const];
  token = (await createApiToken(t.db, { name: "both", scopes }, actor)).token;
  const { bumpListVersion } = await import("@/lib/allowlist/version");
  await t.db.$transaction(async (tx) => {
    const row = await tx.cimdClient.create({
      data: {
        kind: "client_id",
        clientIdUrl: CLIENT_ID,
        host: "app.example",
        document: DOCUMENT,
        documentSha256: "a".repeat(64),
        redirectUris: JSON.stringify(["https://app.example/cb", "http://127.0.0.1/cb"]),
      },
    });
    await bumpListVersion(tx, [{ op: "added", target: "client", targetId: row.id }]);
  });
});
afterAll(async () => {
  await t.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
  new Request(`http://portal.test${path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("CIMD clients through the API", () => {
  it("the snapshot lists the approved client with its pinned document", async () => {
    const { GET } = await import("@/app/api/v1/allowlist/route");
    const response = await GET(
      new Request("http://portal.test/api/v1/allowlist", { headers: { authorization: `Bearer ${token}` } }),
    );
    const { snapshotSchema } = await import("./schema");
    const body = snapshotSchema.parse(await response.json());
    expect(body.clients).toEqual([
      expect.objectContaining({
        kind: "client_id",
        client_id: CLIENT_ID,
        redirect_uris: ["https://app.example/cb", "http://127.0.0.1/cb"],
        document: DOCUMENT,
        document_sha256: "a".repeat(64),
        expires_at: null,
      }),
    ]);
    // A client change is not an entry change: an older ?since= gets the full list.
    const since = await GET(
      new Request(`http://portal.test/api/v1/allowlist?since=${body.version - 1}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(await since.json()).toMatchObject({
      full: true,
      clients: [expect.objectContaining({ client_id: CLIENT_ID })],
    });
  });

  it("validate: 200 with the pinned client, unauthorized_client, or the exact invalid_redirect_uri body", async () => {
    const { POST } = await import("@/app/api/v1/allowlist/validate/route");
    const ok = await POST(
      post("/api/v1/allowlist/validate", { client_id: CLIENT_ID, redirect_uris: ["http://127.0.0.1:5555/cb"] }),
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      client_id: CLIENT_ID,
      client: { client_id: CLIENT_ID, document: DOCUMENT },
    });

    const unknown = await POST(
      post("/api/v1/allowlist/validate", {
        client_id: "https://other.example/c",
        redirect_uris: ["https://app.example/cb"],
      }),
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: "unauthorized_client",
      error_description: "This client_id is not an approved CIMD client.",
      client_id: "https://other.example/c",
    });

    const unpinned = await POST(
      post("/api/v1/allowlist/validate", {
        client_id: CLIENT_ID,
        redirect_uris: ["https://app.example/cb", "https://app.example/x"],
      }),
    );
    expect(unpinned.status).toBe(400);
    expect(await unpinned.json()).toEqual({
      error: "invalid_redirect_uri",
      error_description: "One or more redirect URIs are not allowed",
      disallowed_uris: ["https://app.example/x"],
    });
  });

  it("preview: needs allowlist:validate, and answers every fetch outcome with its error codes", async () => {
    const { POST } = await import("@/app/api/v1/cimd/preview/route");
    expect((await POST(post("/api/v1/cimd/preview", { client_id: CLIENT_ID }, {}))).status).toBe(401);
    const response = await POST(post("/api/v1/cimd/preview", { client_id: "http://app.example/client" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      client_id: "http://app.example/client",
      outcome: "failed",
      approvable: false,
      error_codes: ["cimd_url_invalid"],
    });
    expect((await POST(post("/api/v1/cimd/preview", { nope: 1 }))).status).toBe(400);
  });
});
