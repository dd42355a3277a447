// The route files under app/api/v1 answer the feed's endpoints when Next.js serves them itself
// (`next dev`/`next start`); the portal's server answers the same paths first with the same
// handlers (server/api-fast-path.ts). They stay, so the layout is the house's and a wrong method
// gets Next.js's 405; this test keeps them answering exactly as the handlers do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let token: string;
const actor = { id: null, email: "test@portal.test" };

beforeAll(async () => {
  t = await useTestDatabase();
  const { createApiToken } = await import("@/lib/tokens/tokens");
  const scopes = ["allowlist:read" as const, "allowlist:validate" as const];
  token = (await createApiToken(t.db, { name: "both", scopes }, actor)).token;
  const { importEntries } = await import("@/lib/allowlist/import");
  await importEntries(t.db, [{ line: 1, uri: "https://allowed.example/cb" }], actor, "test");
});
afterAll(async () => {
  await t.close();
});

const auth = () => ({ authorization: `Bearer ${token}` });

describe("app/api/v1 route files", () => {
  it("GET /api/v1/allowlist: the snapshot, then 304 for its ETag", async () => {
    const { GET } = await import("@/app/api/v1/allowlist/route");
    const first = await GET(new Request("http://portal.test/api/v1/allowlist", { headers: auth() }));
    expect(first.status).toBe(200);
    const body = (await first.json()) as { entries: { uri: string }[] };
    expect(body.entries.map((e) => e.uri)).toEqual(["https://allowed.example/cb"]);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await GET(
      new Request("http://portal.test/api/v1/allowlist", { headers: { ...auth(), "if-none-match": etag! } }),
    );
    expect(again.status).toBe(304);
    const anonymous = await GET(new Request("http://portal.test/api/v1/allowlist"));
    expect(anonymous.status).toBe(401);
  });

  it("POST /api/v1/allowlist/validate: the exact RFC 7591 error for a URI not on the list", async () => {
    const { POST } = await import("@/app/api/v1/allowlist/validate/route");
    const ask = (uris: string[]) =>
      POST(
        new Request("http://portal.test/api/v1/allowlist/validate", {
          method: "POST",
          headers: { ...auth(), "content-type": "application/json" },
          body: JSON.stringify({ redirect_uris: uris }),
        }),
      );
    expect((await ask(["https://allowed.example/cb"])).status).toBe(200);
    const refused = await ask(["https://allowed.example/cb", "https://unallowed.com"]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: "invalid_redirect_uri",
      error_description: "One or more redirect URIs are not allowed",
      disallowed_uris: ["https://unallowed.com"],
    });
  });
});
