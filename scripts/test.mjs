// npm test — the whole suite: unit tests (Vitest), then the browser and API journeys
// (Playwright, which builds and starts the portal itself; SKIP_E2E=1 skips them). Both run on
// fresh SQLite files unless TEST_PG_SERVER_URL names a PostgreSQL server, on which each test run
// creates its own database and drops it afterwards (lib/db/postgres-test-database.mjs).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npx", ["vitest", "run"]);
if (process.env.SKIP_E2E !== "1" && existsSync("e2e")) run("npx", ["playwright", "test"]);
