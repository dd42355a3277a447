// The re-fetch schedule from outside, with two portal instances on one PostgreSQL (each sweeping
// every 5 s): a due client's document is fetched once, not once per instance; the next check,
// stored in the database, survives a restart (no fetch on start-up); and when a check falls due
// again after the restart, a widening change is found and waits for a reviewer. Runs only with
// TEST_PG_SERVER_URL (the database is created here, and dropped).
import { createHash } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { serve, startHttpsServer, type TestHttpsServer } from "../lib/cimd/test-support/https-server";
import { createPostgresDatabase } from "../lib/db/postgres-test-database.mjs";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT } from "./support/ports";

const serverUrl = process.env.TEST_PG_SERVER_URL;
test.skip(!serverUrl, "needs TEST_PG_SERVER_URL (a PostgreSQL server the test may create a database on)");

// Ports of their own, clear of those in support/ports.ts and many-instances.spec.ts.
const PORTS = [APP_PORT + 42, APP_PORT + 43];
const SWEEP_ENV = {
  CIMD_REFRESH_TICK: "5s",
  CIMD_ALLOW_LOOPBACK: "1",
  NODE_EXTRA_CA_CERTS: path.resolve(import.meta.dirname, "../lib/cimd/testdata/ca.pem"),
};

let database: { url: string; drop(): Promise<void> };
let documents: TestHttpsServer;
let instances: ChildProcess[] = [];
let sql: pg.Client;

const start = (port: number) => startPortal(port, undefined, { DATABASE_URL: database.url, ...SWEEP_ENV });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createPostgresDatabase(serverUrl!, "allowlist_portal_e2e_drift");
  documents = await startHttpsServer();
  instances = await Promise.all(PORTS.map(start));
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
});

test.afterAll(async () => {
  await sql?.end();
  await Promise.all(instances.map((instance) => stopPortal(instance)));
  await documents?.close();
  await database?.drop();
});

test("two instances fetch a due document once; the schedule survives a restart", async () => {
  test.setTimeout(180_000);
  const path = "/instances/client.json";
  const url = `${documents.origin}${path}`;
  const body = JSON.stringify({ client_id: url, client_name: "Instances", redirect_uris: ["https://inst.example/cb"] });
  documents.route(path, serve(body));
  const fetches = () => documents.requests.filter((req) => req.url === path).length;
  // An approved client whose check is due now (as after an import; approval itself is covered elsewhere).
  await sql.query(
    `INSERT INTO "CimdClient" (id, kind, "clientIdUrl", host, document, "documentSha256", "redirectUris", "approvedAt", "nextCheckAt")
     VALUES ('drift-instances', 'client_id', $1, $2, $3, $4, $5, (now() AT TIME ZONE 'UTC') - interval '2 hours', now() AT TIME ZONE 'UTC')`,
    [
      url,
      new URL(url).host,
      body,
      createHash("sha256").update(body).digest("hex"),
      JSON.stringify(["https://inst.example/cb"]),
    ],
  );

  await expect.poll(fetches, { timeout: 15_000 }).toBe(1);
  await sleep(12_000); // two more sweeps on each instance
  expect(fetches()).toBe(1);
  const { rows } = await sql.query(
    `SELECT "lastCheckedAt" IS NOT NULL AS checked, "nextCheckAt" > (now() AT TIME ZONE 'UTC') + interval '50 minutes' AS later
     FROM "CimdClient" WHERE id = 'drift-instances'`,
  );
  expect(rows[0]).toEqual({ checked: true, later: true }); // no Cache-Control: about an hour

  // Restart: both stop, one starts again. It reads the schedule from the database: no fetch.
  await Promise.all(instances.map((instance) => stopPortal(instance)));
  instances = [await start(PORTS[0]!)];
  await sleep(12_000);
  expect(fetches()).toBe(1);

  // The check falls due and the vendor has added a redirect URI: it waits for a reviewer.
  documents.route(
    path,
    serve({
      client_id: url,
      client_name: "Instances",
      redirect_uris: ["https://inst.example/cb", "https://inst.example/new"],
    }),
  );
  await sql.query(`UPDATE "CimdClient" SET "nextCheckAt" = now() AT TIME ZONE 'UTC' WHERE id = 'drift-instances'`);
  await expect.poll(fetches, { timeout: 15_000 }).toBe(2);
  await expect
    .poll(async () =>
      (
        await sql.query(
          `SELECT status FROM "CimdDocumentVersion" WHERE "cimdClientId" = 'drift-instances' ORDER BY "seenAt"`,
        )
      ).rows.map((row: { status: string }) => row.status),
    )
    .toEqual(["published", "pending"]);
  const pinned = await sql.query(`SELECT "redirectUris" FROM "CimdClient" WHERE id = 'drift-instances'`);
  expect(JSON.parse(pinned.rows[0].redirectUris as string)).toEqual(["https://inst.example/cb"]);
});
