// A second portal instance on the same database, started and stopped by a test (to show the
// authorization server riding out a portal restart, or the portal behind a TLS proxy).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { testDatabaseUrl } from "./cli";

const root = path.resolve(import.meta.dirname, "../..");

/** Starts the portal on `port`; `appUrl` is its public address (defaults to http://localhost:<port>). */
export async function startPortal(
  port: number,
  appUrl = `http://localhost:${port}`,
  extraEnv: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: appUrl,
      DATABASE_URL: testDatabaseUrl(),
      SMTP_URL: "",
      ...extraEnv,
    },
    stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`portal on port ${port} did not start`);
}

export async function stopPortal(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
