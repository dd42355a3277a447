// The library against a stand-in portal that signs with jose: verification, 304s, rotation
// mid-run, tampered and replayed snapshots, exp passing, the portal down at boot, backoff.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Allowlist, type AllowlistErrorEvent, type AllowlistOptions, createAllowlist } from "../src/index.js";
import { SigningPortal } from "./signing-portal.js";

let portal: SigningPortal;
let dir: string;
let lists: Allowlist[] = [];
let errors: AllowlistErrorEvent[] = [];

beforeEach(async () => {
  portal = await SigningPortal.start();
  portal.snapshot = {
    version: 5,
    entries: [
      { id: "e1", kind: "exact", uri: "https://app.example/cb" },
      { id: "e2", kind: "loopback", uri: "http://127.0.0.1/callback" },
      { id: "e3", kind: "path_prefix", uri: "https://tenants.example/cb/" },
    ],
    blocked: [{ id: "b1", uri: "https://tenants.example/cb/evil", host: null, reason: "abuse" }],
  };
  dir = mkdtempSync(path.join(os.tmpdir(), "allowlist-client-"));
  errors = [];
});
afterEach(async () => {
  for (const list of lists) list.close();
  lists = [];
  await portal.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(options: Partial<AllowlistOptions> = {}): Promise<Allowlist> {
  const list = await createAllowlist({
    url: portal.url,
    token: "test-token",
    audience: "https://as.test",
    cacheFile: path.join(dir, "allowlist.cache"),
    intervalMs: 3_600_000, // polls are driven by refresh() in these tests
    onError: (event) => errors.push(event),
    ...options,
  });
  lists.push(list);
  return list;
}

describe("createAllowlist", () => {
  it("verifies the signed snapshot and matches as the portal does", async () => {
    const list = await open();
    expect(list.status()).toMatchObject({ version: 5, stale: false, failedClosed: false });
    expect(list.isAllowed("https://app.example/cb")).toBe(true);
    expect(list.isAllowed("https://app.example/cb/")).toBe(false);
    expect(list.isAllowed("http://127.0.0.1:53124/callback")).toBe(true);
    expect(list.isAllowed("https://tenants.example/cb/acme")).toBe(true);
    expect(list.isAllowed("https://tenants.example/cb/evil")).toBe(false);
    expect(list.validateRegistration(["https://app.example/cb"])).toEqual({
      ok: true,
      redirect_uris: ["https://app.example/cb"],
    });
    const refused = list.validateRegistration([
      "https://app.example/cb",
      "https://unallowed.com",
      "https://unallowed.com",
    ]);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(JSON.stringify(refused.body)).toBe(
        '{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://unallowed.com"]}',
      );
    expect(errors).toEqual([]);
  });

  it("polls with If-None-Match and takes a 304 as unchanged", async () => {
    const list = await open();
    await list.refresh();
    expect(portal.requests.filter((r) => r.path.endsWith("/signed")).at(-1)?.ifNoneMatch).toBe('"5"');
    expect(list.status()).toMatchObject({ version: 5 });
  });

  it("follows a key rotation mid-run, fetching the keys again for an unknown kid", async () => {
    const list = await open();
    await portal.rotate();
    await portal.rotate(); // now signed by a key the client has never seen
    portal.snapshot = { ...portal.snapshot, version: 6 };
    await list.refresh();
    expect(list.status().version).toBe(6);
    expect(errors).toEqual([]);
  });

  it("refuses a tampered snapshot and keeps the last good one", async () => {
    const list = await open();
    portal.snapshot = { ...portal.snapshot, version: 6 };
    portal.override = (jws) => {
      const [header, payload, signature] = jws.split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      claims.entries.push({ id: "x", kind: "exact", uri: "https://attacker.example/cb" });
      const forged = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return { status: 200, body: `${header}.${forged}.${signature}`, headers: { etag: '"6"' } };
    };
    await expect(list.refresh()).rejects.toMatchObject({ code: "invalid_signature" });
    expect(list.status().version).toBe(5);
    expect(list.isAllowed("https://attacker.example/cb")).toBe(false);
  });

  it("refuses a replayed older version (rollback_rejected)", async () => {
    const older = await portal.sign({ ...portal.snapshot, version: 3, entries: [] });
    const list = await open();
    portal.override = () => ({ status: 200, body: older, headers: { etag: '"3"' } });
    await expect(list.refresh()).rejects.toMatchObject({ code: "rollback_rejected" });
    expect(errors.at(-1)).toMatchObject({ code: "rollback_rejected", version: 5 });
    expect(list.isAllowed("https://app.example/cb")).toBe(true);
  });

  it("refuses a snapshot signed for another audience", async () => {
    portal.audience = "https://other-as.test";
    const list = await open({ cacheFile: undefined });
    expect(errors.at(-1)?.code).toBe("wrong_audience");
    expect(list.status().failedClosed).toBe(true);
    expect(list.isAllowed("https://app.example/cb")).toBe(false);
  });

  it("past exp keeps the last good copy and reports stale; fails closed after maxStale", async () => {
    let now = Date.now();
    const list = await open({ now: () => now, maxStaleMs: 60_000 });
    portal.override = () => ({ status: 503, headers: { "retry-after": "5" } });
    now += 3600_000 + 1000; // past exp
    await expect(list.refresh()).rejects.toMatchObject({ code: "http_503" });
    expect(list.status()).toMatchObject({ stale: true, failedClosed: false });
    expect(list.isAllowed("https://app.example/cb")).toBe(true);
    now += 60_000;
    expect(list.status()).toMatchObject({ stale: true, failedClosed: true });
    expect(list.isAllowed("https://app.example/cb")).toBe(false);
    expect(list.validateRegistration(["https://app.example/cb"]).ok).toBe(false);
  });

  it("refuses a fresh answer that is already expired", async () => {
    const list = await open();
    const expired = await portal.sign({ ...portal.snapshot, version: 9 }, portal.current, portal.iat() - 7200);
    portal.override = () => ({ status: 200, body: expired });
    await expect(list.refresh()).rejects.toMatchObject({ code: "expired" });
    expect(list.status().version).toBe(5);
  });

  it("writes the verified snapshot to the cache file and starts from it when the portal is down at boot", async () => {
    const cacheFile = path.join(dir, "allowlist.cache");
    await open();
    expect(JSON.parse(readFileSync(cacheFile, "utf8"))).toMatchObject({ etag: '"5"' });
    await portal.stop();
    const offline = await createAllowlist({
      url: portal.url,
      token: "test-token",
      audience: "https://as.test",
      cacheFile,
      intervalMs: 3_600_000,
      onError: (event) => errors.push(event),
    });
    lists.push(offline);
    expect(errors.at(-1)?.code).toBe("network");
    expect(offline.status()).toMatchObject({ version: 5, failedClosed: false, age: null });
    expect(offline.isAllowed("https://app.example/cb")).toBe(true);
    portal = await SigningPortal.start(); // for afterEach
  });

  it("with pinned keys, refuses a snapshot signed by any other key, even one the JWKS publishes", async () => {
    const list = await open({ keys: [portal.current.publicJwk], cacheFile: undefined });
    expect(list.status().version).toBe(5);
    await portal.rotate();
    portal.snapshot = { ...portal.snapshot, version: 6 };
    await expect(list.refresh()).rejects.toMatchObject({ code: "unknown_key" });
    expect(list.status().version).toBe(5);
  });

  it("fails closed with neither the portal nor a cache file", async () => {
    await portal.stop();
    const list = await open({ cacheFile: path.join(dir, "missing.cache") });
    expect(list.status()).toMatchObject({ version: null, failedClosed: true });
    expect(list.isAllowed("https://app.example/cb")).toBe(false);
    portal = await SigningPortal.start();
  });
});

describe("polling", () => {
  type Internals = { pollAndNextDelay(): Promise<number> };

  it("waits the jittered interval after a success", async () => {
    const list = (await open({ intervalMs: { min: 30_000, max: 60_000 } })) as unknown as Internals;
    for (let i = 0; i < 20; i++) {
      const delay = await list.pollAndNextDelay();
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(60_000);
    }
  });

  it("honours Retry-After", async () => {
    const list = (await open()) as unknown as Internals;
    portal.override = () => ({ status: 503, headers: { "retry-after": "7" } });
    expect(await list.pollAndNextDelay()).toBe(7000);
  });

  it("backs off with full jitter on errors, capped at five minutes", async () => {
    const list = (await open({ intervalMs: 30_000 })) as unknown as Internals;
    portal.override = () => ({ status: 500 });
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) delays.push(await list.pollAndNextDelay());
    expect(Math.max(...delays)).toBeLessThanOrEqual(300_000);
    expect(delays.slice(0, 1).every((delay) => delay <= 30_000)).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it("fetches again without If-None-Match past half the copy's lifetime, for a fresh exp", async () => {
    let now = Date.now();
    const list = await open({ now: () => now });
    now += 1800_000 + 1000;
    portal.iat = () => Math.floor(now / 1000);
    await list.refresh();
    expect(portal.requests.filter((r) => r.path.endsWith("/signed")).at(-1)?.ifNoneMatch).toBeUndefined();
    expect(list.status().expiresAt).toBe((Math.floor(now / 1000) + 3600) * 1000);
  });
});
