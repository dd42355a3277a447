// The signed feed on a real database: verified with jose against the published JWKS, as an
// authorization server would; its 304s; rotation; two instances signing alike.
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRequest, ApiResponse } from "@/lib/api/http";
import { useTestDatabase } from "@/lib/test-support/database";

process.env.FEED_SIGNING_SECRET = "a test secret of enough length";
process.env.APP_URL = "https://portal.test";
process.env.FEED_AUDIENCE = "https://as.test";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let readToken: string;
const actor = { id: null, email: "test@portal.test" };

beforeAll(async () => {
  t = await useTestDatabase();
  const { createApiToken } = await import("@/lib/tokens/tokens");
  readToken = (await createApiToken(t.db, { name: "read", scopes: ["allowlist:read"] }, actor)).token;
  const { importEntries } = await import("@/lib/allowlist/import");
  await importEntries(t.db, [{ line: 1, uri: "https://signed.example/cb" }], actor, "test");
});
afterAll(async () => {
  await t.close();
});

function request(url: string, headers: Record<string, string> = {}): ApiRequest {
  const all: Record<string, string> = { authorization: `Bearer ${readToken}`, ...headers };
  return { method: "GET", url, header: (name) => all[name.toLowerCase()], body: async () => null };
}

async function getSigned(headers: Record<string, string> = {}) {
  const { handleSignedGet } = await import("./signed-api");
  const res: ApiResponse = await handleSignedGet(request("/api/v1/allowlist/signed", headers));
  return { status: res.status, headers: res.headers, jws: res.body?.toString() ?? "" };
}

async function jwks() {
  const { handleJwks } = await import("./signed-api");
  const res = await handleJwks();
  expect(res.status).toBe(200);
  return JSON.parse(res.body!.toString()) as { keys: { kid: string }[] };
}

describe("GET /api/v1/allowlist/signed", () => {
  it("serves a JWS that verifies against the JWKS, with the feed's claims, version and ETag", async () => {
    const res = await getSigned();
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/allowlist+jwt");
    const { payload, protectedHeader } = await jwtVerify(res.jws, createLocalJWKSet(await jwks()), {
      issuer: "https://portal.test",
      audience: "https://as.test",
      typ: "allowlist+jwt",
      algorithms: ["ES256"],
    });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload.exp! - payload.iat!).toBe(7 * 86_400);
    const { handleAllowlistGet } = await import("./allowlist-api");
    const json = await handleAllowlistGet(request("/api/v1/allowlist"));
    const snapshot = JSON.parse(json.body!.toString());
    expect(res.headers.etag).toBe(json.headers.etag);
    expect(payload.version).toBe(snapshot.version);
    expect(payload.entries).toEqual(snapshot.entries);
    expect(payload.blocked).toEqual(snapshot.blocked);
    expect((payload.entries as { uri: string }[]).map((entry) => entry.uri)).toEqual(["https://signed.example/cb"]);
  });

  it("answers If-None-Match with the current version with 304, and signs once per version", async () => {
    const first = await getSigned();
    expect((await getSigned({ "if-none-match": first.headers.etag! })).status).toBe(304);
    expect((await getSigned()).jws).toBe(first.jws);
  });

  it("asks for a token like the JSON feed", async () => {
    const { handleSignedGet } = await import("./signed-api");
    const res = await handleSignedGet({ ...request("/api/v1/allowlist/signed"), header: () => undefined });
    expect(res.status).toBe(401);
  });

  it("always publishes the current and the next key", async () => {
    const kid = decodeProtectedHeader((await getSigned()).jws).kid;
    const keys = (await jwks()).keys.map((key) => key.kid);
    expect(keys).toHaveLength(2);
    expect(keys).toContain(kid);
  });

  it("after a rotation signs with the former next key; the old key still verifies for its lifetime", async () => {
    const before = await getSigned();
    const oldKid = decodeProtectedHeader(before.jws).kid!;
    const nextKid = (await jwks()).keys.map((key) => key.kid).find((kid) => kid !== oldKid);
    const { rotateKeys } = await import("@/lib/feed-signing/key-store");
    const { deriveWrappingKey } = await import("@/lib/feed-signing/key-crypto");
    const rotated = await rotateKeys(t.db, deriveWrappingKey(process.env.FEED_SIGNING_SECRET!));
    expect(rotated.current).toBe(nextKid);
    const { signedFeed } = await import("./signed-api");
    signedFeed.keys.invalidate();
    const after = await getSigned();
    expect(decodeProtectedHeader(after.jws).kid).toBe(nextKid);
    expect(after.headers.etag).toBe(before.headers.etag); // same version, same ETag
    const published = await jwks();
    expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, nextKid, rotated.next]));
    await compactVerify(before.jws, createLocalJWKSet(published));
    await compactVerify(after.jws, createLocalJWKSet(published));

    // Once a lifetime has passed since it retired, the old key is no longer published.
    await t.db.signingKey.update({
      where: { kid: oldKid },
      data: { retiredAt: new Date(Date.now() - 8 * 86_400_000) },
    });
    signedFeed.keys.invalidate();
    expect((await jwks()).keys.map((key) => key.kid)).not.toContain(oldKid);
  });
});

describe("two portal instances", () => {
  it("derive the same signing key from the same database and secret", async () => {
    const { KeyRing } = await import("@/lib/feed-signing/key-ring");
    const { signSnapshot } = await import("@/lib/feed-signing/sign");
    const a = new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400);
    const b = new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400);
    const signerB = await b.signer();
    expect(signerB.kid).toBe((await a.signer()).kid);
    const now = Math.floor(Date.now() / 1000);
    const snapshot = Buffer.from('{"version":1,"entries":[],"blocked":[]}');
    const jws = await signSnapshot(snapshot, { iss: "i", aud: "a", iat: now, exp: now + 60 }, signerB);
    const { payload } = await jwtVerify(jws.toString(), createLocalJWKSet(await a.jwks()), { audience: "a" });
    expect(payload.version).toBe(1);
  });

  it("refuses to start signing with another secret, naming the setting", async () => {
    const { KeyRing } = await import("@/lib/feed-signing/key-ring");
    await expect(new KeyRing(t.db, "another secret, quite long", 86_400).signer()).rejects.toThrow(
      /FEED_SIGNING_SECRET/,
    );
  });

  it("create one pair of keys when both start at once on an empty table", async () => {
    await t.db.signingKey.deleteMany();
    const { KeyRing } = await import("@/lib/feed-signing/key-ring");
    const rings = [1, 2, 3].map(() => new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400));
    const kids = await Promise.all(rings.map(async (ring) => (await ring.signer()).kid));
    expect(new Set(kids).size).toBe(1);
    expect(await t.db.signingKey.count()).toBe(2);
  });
});
