// Started by Playwright: the portal on a database of its own. SQLite: a fresh file under
// data/e2e/. PostgreSQL (TEST_PG_SERVER_URL set): a database this script creates on that server
// and drops when the run ends. The chosen DATABASE_URL is written to data/e2e/database-url for the
// tests that use the CLI.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded, root, serverArgs, serverEnv } from "./build-if-needed.mjs";
import { createPostgresDatabase } from "../lib/db/postgres-test-database.mjs";

// One folder per E2E_PORT_BASE, so that two runs side by side (SQLite and PostgreSQL) keep apart.
const e2eDir = path.join(root, "data", process.env.E2E_PORT_BASE ? `e2e-${process.env.E2E_PORT_BASE}` : "e2e");
rmSync(e2eDir, { recursive: true, force: true });
mkdirSync(e2eDir, { recursive: true });

const serverUrl = process.env.TEST_PG_SERVER_URL;
let databaseUrl = `file:${path.join(e2eDir, "portal.db")}`;
let dropDatabase = async () => {};
if (serverUrl) {
  const database = await createPostgresDatabase(serverUrl, "allowlist_portal_e2e");
  databaseUrl = database.url;
  dropDatabase = database.drop;
}
writeFileSync(path.join(e2eDir, "database-url"), databaseUrl);

await buildIfNeeded();
const server = spawn(process.execPath, serverArgs, {
  cwd: root,
  stdio: "inherit",
  env: serverEnv({ ...process.env, DATABASE_URL: databaseUrl }),
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once("exit", resolve)));
  await dropDatabase().catch((error) => console.error("could not drop the test database:", error.message));
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
