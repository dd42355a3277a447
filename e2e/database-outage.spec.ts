// While the database is unreachable, a signed-in user is told the service is unavailable, not
// sent to sign in as if their session had ended; when it is back, they are still signed in.
// PostgreSQL only: the test cuts its own database off (an embedded SQLite file cannot be).
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { createPostgresDatabase, runOnServer } from "../lib/db/postgres-test-database.mjs";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT, SMTP_PORT } from "./support/ports";
import { signInByEmail } from "./support/sign-in";

const serverUrl = process.env.TEST_PG_SERVER_URL;
const port = APP_PORT + 5;
const origin = `http://127.0.0.1:${port}`;

test.skip(!serverUrl, "needs TEST_PG_SERVER_URL: a PostgreSQL server on which the test makes its own database");

let database: { url: string; drop(): Promise<void> };
let portal: ChildProcess;

const onServer = (sql: string) => runOnServer(serverUrl!, sql);

const databaseName = () => new URL(database.url).pathname.slice(1);

test.use({ baseURL: origin });

test.beforeAll(async () => {
  database = await createPostgresDatabase(serverUrl!, "allowlist_portal_outage");
  portal = await startPortal(port, origin, {
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  });
});

test.afterAll(async () => {
  if (portal) await stopPortal(portal);
  await onServer(`ALTER DATABASE "${databaseName()}" ALLOW_CONNECTIONS true`).catch(() => {});
  await database?.drop();
});

test("a signed-in developer is told the service is unavailable, and is still signed in afterwards", async ({
  page,
}) => {
  await signInByEmail(page, "dev-outage@client.test", "/requests");

  await onServer(`ALTER DATABASE "${databaseName()}" ALLOW_CONNECTIONS false`);
  await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName()}'`);
  await page.goto("/requests");
  await expect(page).toHaveURL(`${origin}/unavailable`);
  await expect(page.getByTestId("service-unavailable")).toContainText("You are still signed in");
  await expect(page.getByTestId("service-unavailable-badge")).toBeVisible();

  await onServer(`ALTER DATABASE "${databaseName()}" ALLOW_CONNECTIONS true`);
  await expect(async () => {
    await page.goto("/requests");
    await expect(page.getByTestId("signed-in-as")).toContainText("dev-outage@client.test", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});
