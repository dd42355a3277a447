// FEED_SIGNING_ALG=EdDSA on a real database: Ed25519 keys from the first start, verified by the
// client library as an authorization server runs it; a switch of algorithm by two rotations that
// never leaves a verifier without the key; a header naming another algorithm than its key's refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiResponse } from "@/lib/api/http";
import { useTestDatabase } from "@/lib/test-support/database";
import { verifySnapshot } from "@/packages/allowlist-client/src/verify";

process.env.FEED_SIGNING_SECRET = "a test secret of enough length";
process.env.APP_URL = "https://portal.test";
process.env.FEED_AUDIENCE = "https://as.test";
process.env.FEED_SIGNING_ALG = "EdDSA";
const AUDIENCE = { audience: "https://as.test", issuer: "https://portal.test" };

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let readToken: string;
const actor = { id: null, email: "test@portal.test" };
beforeAll(async () => {
  t = await useTestDatabase();
  const { createApiToken } = await import("@/lib/tokens/tokens");
  readToken = (await createApiToken(t.db, { name: "read", scopes: ["allowlist:read"] }, actor)).token;
  const { importEntries } = await import("@/lib/allowlist/import");
  await importEntries(t.db, [{ line: 1, uri: "https://ed25519.example/cb" }], actor, "test");
});
afterAll(async () => {
  await t.close();
});

async function signedFeed(): Promise<string> {
  const { handleSignedGet } = await import("@/lib/api/signed-api");
  const auth = `Bearer ${readToken}`;
  const res: ApiResponse = await handleSignedGet({
    method: "GET",
    url: "/api/v1/allowlist/signed",
    header: (name) => (name === "authorization" ? auth : undefined),
    body: async () => null,
  });
  return res.body!.toString();
}

async function publishedKeys() {
  const { KeyRing } = await import("./key-ring");
  // A fresh ring: what any instance publishes after its next key refresh.
  return new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400).jwks();
}

const headerOf = (jws: string) =>
  JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString()) as { alg: string };

describe("EdDSA signing", () => {
  it("signs with Ed25519 from the first key, and the library verifies it against the JWKS", async () => {
    const jws = await signedFeed();
    expect(headerOf(jws).alg).toBe("EdDSA");
    const keys = await publishedKeys();
    expect(keys.keys.map((key) => [key.kty, key.crv, key.alg])).toEqual([
      ["OKP", "Ed25519", "EdDSA"],
      ["OKP", "Ed25519", "EdDSA"],
    ]);
    const { claims } = await verifySnapshot(jws, keys, AUDIENCE);
    expect(claims.entries.map((entry) => entry.uri)).toEqual(["https://ed25519.example/cb"]);
  });

  it("refuses a signature whose header names another algorithm than its key's", async () => {
    const [header, payload, signature] = (await signedFeed()).split(".");
    const { kid } = JSON.parse(Buffer.from(header!, "base64url").toString()) as { kid: string };
    const forged = Buffer.from(JSON.stringify({ alg: "ES256", typ: "allowlist+jwt", kid })).toString("base64url");
    await expect(
      verifySnapshot(`${forged}.${payload}.${signature}`, await publishedKeys(), AUDIENCE),
    ).rejects.toMatchObject({ code: "invalid_signature" });
  });

  it("switches to ES256 over two rotations: the new kind of key is published before it signs", async () => {
    const { rotateKeys } = await import("./key-store");
    const { deriveWrappingKey } = await import("./key-crypto");
    const { KeyRing } = await import("./key-ring");
    const wrappingKey = deriveWrappingKey(process.env.FEED_SIGNING_SECRET!);
    const signerAlg = async () => (await new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400).signer()).alg;

    const first = await rotateKeys(t.db, wrappingKey, "ES256");
    expect(await signerAlg()).toBe("EdDSA"); // the promoted next key was made for EdDSA
    const afterFirst = await publishedKeys();
    expect(afterFirst.keys.find((key) => key.kid === first.next)?.alg).toBe("ES256");

    await rotateKeys(t.db, wrappingKey, "ES256");
    expect(await signerAlg()).toBe("ES256");
    const keys = await publishedKeys();
    // Verifiers still hold the retired EdDSA keys for a lifetime, and the new ES256 one already.
    expect(new Set(keys.keys.map((key) => key.alg))).toEqual(new Set(["EdDSA", "ES256"]));
    const { signSnapshot } = await import("./sign");
    const signer = await new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400).signer();
    const now = Math.floor(Date.now() / 1000);
    const jws = await signSnapshot(
      Buffer.from('{"version":9,"entries":[],"blocked":[]}'),
      { iss: "https://portal.test", aud: "https://as.test", iat: now, exp: now + 60 },
      signer,
    );
    expect(headerOf(jws.toString()).alg).toBe("ES256");
    expect((await verifySnapshot(jws.toString(), afterFirst, AUDIENCE)).claims.version).toBe(9);
  });
});
