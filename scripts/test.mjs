// npm test — the whole suite: unit tests (Vitest), then the browser and API journeys
// (Playwright, which builds and starts the portal itself). DATABASE_URL picks the database the
// journeys run on: unset → a fresh SQLite file; postgresql://…/<server> → the tests create and drop
// their own database on that server.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npx", ["vitest", "run"]);
if (process.env.SKIP_E2E !== "1" && existsSync("e2e")) run("npx", ["playwright", "test"]);
