// The API handlers as the authorization server meets them, on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRequest, ApiResponse } from "@/lib/api/http";
import { useTestDatabase } from "@/lib/test-support/database";
import { holdAllowlistWriteLock } from "@/lib/test-support/write-lock";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let readToken: string;
let validateToken: string;
const actor = { id: null, email: "test@portal.test" };

beforeAll(async () => {
  t = await useTestDatabase();
  const { createApiToken } = await import("@/lib/tokens/tokens");
  readToken = (await createApiToken(t.db, { name: "read", scopes: ["allowlist:read"] }, actor)).token;
  validateToken = (await createApiToken(t.db, { name: "validate", scopes: ["allowlist:validate"] }, actor)).token;
});
afterAll(async () => {
  await t.close();
});

function request(token: string, url: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
  const req: ApiRequest = {
    method: init.body === undefined ? "GET" : "POST",
    url,
    header: (name) => headers[name.toLowerCase()],
    body: async (limit) => {
      const raw = Buffer.from(init.body ?? "");
      return raw.length > limit ? null : raw;
    },
  };
  return req;
}

async function get(url = "/api/v1/allowlist", headers: Record<string, string> = {}) {
  const { handleAllowlistGet } = await import("./allowlist-api");
  const res: ApiResponse = await handleAllowlistGet(request(readToken, url, { headers }));
  return {
    status: res.status,
    etag: res.headers.etag,
    json: res.body?.length ? JSON.parse(res.body.toString()) : null,
  };
}

async function validate(redirectUris: string[]) {
  const { handleValidate } = await import("./allowlist-api");
  const res = await handleValidate(
    request(validateToken, "/api/v1/allowlist/validate", { body: JSON.stringify({ redirect_uris: redirectUris }) }),
  );
  return { status: res.status, text: res.body!.toString() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("POST /api/v1/allowlist/validate", () => {
  it("answers a URI longer than 8,192 characters with the exact invalid_redirect_uri body listing it", async () => {
    const { importEntries } = await import("@/lib/allowlist/import");
    await importEntries(t.db, [{ line: 1, uri: "https://long.example/cb" }], actor, "test");
    const long = `https://long.example/${"a".repeat(9000)}`;
    const res = await validate(["https://long.example/cb", long]);
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      JSON.stringify({
        error: "invalid_redirect_uri",
        error_description: "One or more redirect URIs are not allowed",
        disallowed_uris: [long],
      }),
    );
  });

  it("still answers 413 to a body over 64 KiB", async () => {
    const { handleValidate } = await import("./allowlist-api");
    const body = JSON.stringify({ redirect_uris: [`https://long.example/${"a".repeat(70_000)}`] });
    const res = await handleValidate(request(validateToken, "/api/v1/allowlist/validate", { body }));
    expect(res.status).toBe(413);
  });
});

describe("an entry whose expiry passes while the sweep cannot write", () => {
  it("leaves the snapshot, the delta and validate at once; the version moves when the sweep writes", async () => {
    const { addEntriesInTx } = await import("@/lib/allowlist/entries");
    const { expireLapsedEntries } = await import("@/lib/allowlist/expiry");
    const { announceListChange } = await import("@/lib/allowlist/version");
    const uri = "https://lapsing.example/cb";
    const expiresAt = new Date(Date.now() + 1500);
    await t.db.$transaction((tx) => addEntriesInTx(tx, [{ kind: "exact", uri, expiresAt }], null));
    announceListChange();

    const before = await get();
    const entry = before.json.entries.find((e: { uri: string }) => e.uri === uri);
    expect(entry).toMatchObject({ uri, expires_at: expiresAt.toISOString() });
    expect(before.etag).toBe(`"${before.json.version}"`);
    expect((await validate([uri])).status).toBe(200);

    const lock = await holdAllowlistWriteLock(t.url);
    try {
      // The writer is stuck: a sweep started now waits (PostgreSQL) or fails as busy (SQLite).
      const stuckSweep = expireLapsedEntries(t.db, new Date(expiresAt.getTime() + 1)).catch(() => "failed");
      await sleep(expiresAt.getTime() - Date.now() + 50);
      expect(await Promise.race([stuckSweep, sleep(300).then(() => "waiting")])).toMatch(/waiting|failed/);
      const row = await t.db.allowlistEntry.findFirst({ where: { uri }, select: { expiredAt: true } });
      expect(row?.expiredAt).toBeNull();

      const during = await get();
      expect(during.json.entries.map((e: { uri: string }) => e.uri)).not.toContain(uri);
      expect(during.json.version).toBe(before.json.version);
      expect(during.etag).not.toBe(before.etag);
      expect(during.etag).toBe(`"${before.json.version}-lapsed-${expiresAt.getTime()}"`);
      // A poller holding the old ETag gets the new list, not a 304.
      expect((await get("/api/v1/allowlist", { "if-none-match": before.etag! })).status).toBe(200);
      expect((await get("/api/v1/allowlist", { "if-none-match": during.etag! })).status).toBe(304);
      const delta = await get(`/api/v1/allowlist?since=${before.json.version}`);
      expect(delta.json).toMatchObject({ version: before.json.version, removed: [entry.id], added: [] });
      expect(JSON.parse((await validate([uri])).text).disallowed_uris).toEqual([uri]);

      await lock.release();
      await stuckSweep;
    } finally {
      await lock.release().catch(() => undefined);
    }
    await expireLapsedEntries(t.db);
    const after = await get();
    expect(after.json.version).toBe(before.json.version + 1);
    expect(after.etag).toBe(`"${after.json.version}"`);
    expect(after.json.entries.map((e: { uri: string }) => e.uri)).not.toContain(uri);
    expect((await validate([uri])).status).toBe(400);
  }, 30_000);
});
