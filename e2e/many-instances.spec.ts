// Many stateless instances, one PostgreSQL (PRODUCT.md, Storage): two portal processes started at
// once on a fresh database migrate it once, and each serves what was changed through the other's
// database within the feed's freshness window — an approval within 2 s, a token revocation
// refused within 3 s. Runs only with TEST_PG_SERVER_URL (the database is created here, and dropped).
import type { ChildProcess } from "node:child_process";
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createPostgresDatabase } from "../lib/db/postgres-test-database.mjs";
import { writeTempFile } from "./support/cli";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT } from "./support/ports";

const serverUrl = process.env.TEST_PG_SERVER_URL;
test.skip(!serverUrl, "needs TEST_PG_SERVER_URL (a PostgreSQL server the test may create a database on)");

// Ports of their own, clear of those in support/ports.ts.
const PORTS = [APP_PORT + 40, APP_PORT + 41];
const root = path.resolve(import.meta.dirname, "..");
const run = promisify(execFile);

let database: { url: string; drop(): Promise<void> };
let instances: ChildProcess[] = [];

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(root, "bin/portal.mjs"), ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
  });
  return stdout;
}

function get(port: number, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: "/api/v1/allowlist", headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Milliseconds until `check` holds, polling every 50 ms; fails after `limit` ms. */
async function msUntil(check: () => Promise<boolean>, limit: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limit) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not within ${limit} ms`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createPostgresDatabase(serverUrl!, "allowlist_portal_e2e_instances");
  // Both at once, on a database with no tables yet: each runs the migrations as it starts.
  instances = await Promise.all(PORTS.map((port) => startPortal(port, undefined, { DATABASE_URL: database.url })));
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => stopPortal(instance)));
  await database?.drop();
});

test("two instances started at once migrate the database once", async () => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT migration_name, count(*)::int AS runs FROM "_prisma_migrations" GROUP BY migration_name',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row.migration_name).toMatchObject({ runs: 1 });
  } finally {
    await client.end();
  }
  for (const port of PORTS) expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);
});

test("an approval shows on both within 2 s; a revoked token is refused by both within 3 s", async () => {
  const token = (await cli("token", "create", "--name", "two instances", "--scopes", "allowlist:read")).trim();
  // Both instances have read the list and checked the token (so both hold them in memory).
  const versions = await Promise.all(PORTS.map(async (port) => JSON.parse((await get(port, token)).body).version));
  expect(versions[0]).toBe(versions[1]);

  const uri = "https://two-instances.example/callback";
  await cli("import", writeTempFile("one.json", JSON.stringify({ entries: [{ uri }] })));
  const listed = (port: number) => async () => (await get(port, token)).body.includes(uri);
  const [shownOnFirst, shownOnSecond] = await Promise.all(PORTS.map((port) => msUntil(listed(port), 2000)));
  console.log(`approval served after ${shownOnFirst} ms and ${shownOnSecond} ms`);

  const id = (await cli("token", "list"))
    .split("\n")
    .find((line) => line.includes("two instances"))!
    .split(/\s+/)[0]!;
  // Polling on both as the revocation is made, so both hold the token in their caches.
  let polling = true;
  const pollers = PORTS.map(async (port) => {
    while (polling) {
      await get(port, token);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  expect((await get(PORTS[1]!, token)).status).toBe(200);
  await cli("token", "revoke", id);
  const refused = (port: number) => async () => (await get(port, token)).status === 401;
  const [refusedByFirst, refusedBySecond] = await Promise.all(PORTS.map((port) => msUntil(refused(port), 3000)));
  polling = false;
  await Promise.all(pollers);
  console.log(`revoked token refused after ${refusedByFirst} ms and ${refusedBySecond} ms`);
});
