// The client library (packages/allowlist-client) against the running portal, as an authorization
// server embeds it: a key rotation mid-run, a tampering proxy replaying an older snapshot, exp
// passing, and a restart while the portal is down, served from the cache file.
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { decodeProtectedHeader } from "jose";
import { type Allowlist, createAllowlist } from "../packages/allowlist-client/src/index";
import { createToken, importUris, portal } from "./support/cli";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT, APP_URL } from "./support/ports";

const SECOND_PORT = APP_PORT + 45;
let token: string;
const dir = mkdtempSync(path.join(os.tmpdir(), "allowlist-client-e2e-"));

test.beforeAll(async () => {
  token = await createToken("allowlist:read", "library e2e");
});

const options = (url: string, cacheFile: string) => ({
  url,
  token,
  audience: APP_URL, // FEED_AUDIENCE defaults to APP_URL
  issuer: APP_URL,
  cacheFile,
  intervalMs: 200,
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function signedKid(): Promise<string> {
  const res = await fetch(`${APP_URL}/api/v1/allowlist/signed`, { headers: { authorization: `Bearer ${token}` } });
  return decodeProtectedHeader(await res.text()).kid!;
}

test("follows approvals and a key rotation mid-run", async () => {
  test.setTimeout(120_000);
  const uri = `https://rotation-${Date.now()}.example/cb`;
  const list = await createAllowlist(options(APP_URL, path.join(dir, "rotation.json")));
  try {
    const oldKid = await signedKid();
    expect((await portal("keys", "rotate")).code).toBe(0);
    await importUris([uri]);
    await until(() => list.isAllowed(uri));
    // The running portal takes the new key within its key refresh (30 s); the library follows.
    await until(async () => (await signedKid()) !== oldKid, 60_000);
    await importUris([`${uri}2`]);
    await until(() => list.isAllowed(`${uri}2`));
    expect(list.status()).toMatchObject({ stale: false, failedClosed: false });
  } finally {
    list.close();
  }
});

test("refuses an older snapshot replayed by a tampering proxy", async () => {
  let replay: string | null = null;
  const answer = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (replay && req.url === "/api/v1/allowlist/signed") {
      res.writeHead(200, { "content-type": "application/allowlist+jwt" }).end(replay);
      return;
    }
    const upstream = await fetch(`${APP_URL}${req.url}`, {
      headers: Object.fromEntries(
        ["authorization", "if-none-match"].flatMap((name) =>
          req.headers[name] ? [[name, String(req.headers[name])]] : [],
        ),
      ),
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== "content-encoding" && name !== "content-length") headers[name] = value;
    });
    res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
  };
  const proxy = http.createServer((req, res) => void answer(req, res));
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const older = await (
    await fetch(`${APP_URL}/api/v1/allowlist/signed`, { headers: { authorization: `Bearer ${token}` } })
  ).text();
  const uri = `https://replay-${Date.now()}.example/cb`;
  await importUris([uri]);
  const errors: string[] = [];
  const list = await createAllowlist({
    ...options(proxyUrl, path.join(dir, "replay.json")),
    onError: (event) => errors.push(event.code),
  });
  try {
    await until(() => list.isAllowed(uri));
    const version = list.status().version;
    replay = older;
    await expect(list.refresh()).rejects.toMatchObject({ code: "rollback_rejected" });
    expect(list.status().version).toBe(version);
    expect(list.isAllowed(uri)).toBe(true);
  } finally {
    list.close();
    proxy.closeAllConnections();
    proxy.close();
  }
});

test("starts from its cache file when the portal is down at boot; stale past exp, closed after maxStale", async () => {
  test.setTimeout(120_000);
  const uri = `https://restart-${Date.now()}.example/cb`;
  await importUris([uri]);
  const secondUrl = `http://127.0.0.1:${SECOND_PORT}`;
  const cacheFile = path.join(dir, "restart.json");
  const second = await startPortal(SECOND_PORT, APP_URL);
  let first: Allowlist | null = null;
  try {
    first = await createAllowlist(options(secondUrl, cacheFile));
    expect(first.isAllowed(uri)).toBe(true);
  } finally {
    first?.close();
    await stopPortal(second);
  }
  let now = Date.now();
  const restarted = await createAllowlist({ ...options(secondUrl, cacheFile), now: () => now, maxStaleMs: 60_000 });
  try {
    expect(restarted.status()).toMatchObject({ failedClosed: false, age: null });
    expect(restarted.isAllowed(uri)).toBe(true);
    now = restarted.status().expiresAt! + 1000;
    expect(restarted.status()).toMatchObject({ stale: true, failedClosed: false });
    expect(restarted.isAllowed(uri)).toBe(true);
    now += 60_000;
    expect(restarted.isAllowed(uri)).toBe(false);
    expect(restarted.validateRegistration([uri]).ok).toBe(false);
  } finally {
    restarted.close();
  }
});
