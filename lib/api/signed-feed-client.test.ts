// The client library against the portal's real feed server (server/api-fast-path.ts on a real
// database): approvals arrive, a key rotation mid-run is followed, and a proxy that replays an
// older answer is refused.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Allowlist, createAllowlist } from "@/packages/allowlist-client/src/index";
import { useTestDatabase } from "@/lib/test-support/database";

process.env.FEED_SIGNING_SECRET = "a test secret of enough length";
process.env.APP_URL = "https://portal.test";
delete process.env.FEED_AUDIENCE;

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let server: Server;
let portalUrl: string;
let token: string;
let dir: string;
const actor = { id: null, email: "test@portal.test" };
/** When set, the next answers to the signed feed are this body instead (a tampering proxy). */
let replay: Buffer | null = null;

beforeAll(async () => {
  t = await useTestDatabase();
  const { createApiToken } = await import("@/lib/tokens/tokens");
  token = (await createApiToken(t.db, { name: "as", scopes: ["allowlist:read"] }, actor)).token;
  const { tryHandleApiFastPath } = await import("@/server/api-fast-path");
  server = createServer((req, res) => {
    if (replay && req.url === "/api/v1/allowlist/signed") {
      res.writeHead(200, { "content-type": "application/allowlist+jwt", etag: '"1"' }).end(replay);
      return;
    }
    if (!tryHandleApiFastPath(req, res)) res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(path.join(os.tmpdir(), "signed-client-"));
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** Polls until the list reaches `version`: a poll is answered from the served view while the next one's bytes are made. */
async function refreshUntil(list: Allowlist, version: number) {
  for (let i = 0; i < 50 && list.status().version !== version; i++) {
    await list.refresh();
    if (list.status().version !== version) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(list.status().version).toBe(version);
}

async function approve(uri: string) {
  const { importEntries } = await import("@/lib/allowlist/import");
  await importEntries(t.db, [{ line: 1, uri }], actor, "test");
}

describe("the client library against the portal", () => {
  let list: Allowlist;

  it("verifies the portal's signed feed against its JWKS and picks up approvals", async () => {
    await approve("https://first.example/cb");
    list = await createAllowlist({
      url: portalUrl,
      token,
      audience: "https://portal.test", // FEED_AUDIENCE defaults to APP_URL
      issuer: "https://portal.test",
      cacheFile: path.join(dir, "cache"),
      intervalMs: 3_600_000,
    });
    expect(list.status()).toMatchObject({ version: 1, failedClosed: false });
    expect(list.isAllowed("https://first.example/cb")).toBe(true);
    await approve("https://second.example/cb");
    await refreshUntil(list, 2);
    expect(list.isAllowed("https://second.example/cb")).toBe(true);
    const { handleValidate } = await import("./allowlist-api");
    const { createApiToken } = await import("@/lib/tokens/tokens");
    const validateToken = (await createApiToken(t.db, { name: "v", scopes: ["allowlist:validate"] }, actor)).token;
    const uris = ["https://second.example/cb", "https://nope.example/cb"];
    const portalAnswer = await handleValidate({
      method: "POST",
      url: "/api/v1/allowlist/validate",
      header: (name) => (name === "authorization" ? `Bearer ${validateToken}` : undefined),
      body: async () => Buffer.from(JSON.stringify({ redirect_uris: uris })),
    });
    const libraryAnswer = list.validateRegistration(uris);
    expect(libraryAnswer.ok).toBe(false);
    if (!libraryAnswer.ok) expect(JSON.stringify(libraryAnswer.body)).toBe(portalAnswer.body!.toString());
  });

  it("follows a key rotation mid-run", async () => {
    const { rotateKeys } = await import("@/lib/feed-signing/key-store");
    const { deriveWrappingKey } = await import("@/lib/feed-signing/key-crypto");
    await rotateKeys(t.db, deriveWrappingKey(process.env.FEED_SIGNING_SECRET!));
    await rotateKeys(t.db, deriveWrappingKey(process.env.FEED_SIGNING_SECRET!)); // a key the client never saw
    const { signedFeed } = await import("./signed-api");
    signedFeed.keys.invalidate();
    await approve("https://third.example/cb");
    await refreshUntil(list, 3);
  });

  it("refuses an older snapshot replayed by a proxy", async () => {
    const { handleSignedGet } = await import("./signed-api");
    const current = await handleSignedGet({
      method: "GET",
      url: "/api/v1/allowlist/signed",
      header: (name) => (name === "authorization" ? `Bearer ${token}` : undefined),
      body: async () => null,
    });
    expect(current.status).toBe(200);
    // A genuine, validly signed answer — but for version 1.
    const { KeyRing } = await import("@/lib/feed-signing/key-ring");
    const { signSnapshot } = await import("@/lib/feed-signing/sign");
    const signer = await new KeyRing(t.db, process.env.FEED_SIGNING_SECRET!, 86_400).signer();
    const now = Math.floor(Date.now() / 1000);
    replay = await signSnapshot(
      Buffer.from('{"version":1,"entries":[],"blocked":[]}'),
      { iss: "https://portal.test", aud: "https://portal.test", iat: now, exp: now + 3600 },
      signer,
    );
    await expect(list.refresh()).rejects.toMatchObject({ code: "rollback_rejected" });
    replay = null;
    expect(list.status().version).toBe(3);
    expect(list.isAllowed("https://third.example/cb")).toBe(true);
    list.close();
  });
});
