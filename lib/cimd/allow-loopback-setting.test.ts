// CIMD_ALLOW_LOOPBACK: off unless set, refused when malformed, and loud at start-up when on.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(path.join(tmpdir(), "cimd-setting-"));
const baseEnv = {
  PATH: process.env.PATH ?? "",
  NODE_ENV: "production" as const,
  DATABASE_URL: `file:${path.join(scratch, "portal.db")}`,
  AUTH_SECRET: "test-auth-secret-test-auth-secret",
  AUDIT_SECRET: "test-audit-secret-test-audit-secret",
};
const serverArgs = ["--import", "tsx", path.join(root, "server/main.ts")];

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("CIMD_ALLOW_LOOPBACK", () => {
  it("refuses a value that is not 1 or 0, naming the setting", () => {
    const result = spawnSync(process.execPath, serverArgs, {
      cwd: root,
      env: { ...baseEnv, CIMD_ALLOW_LOOPBACK: "yes" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("CIMD_ALLOW_LOOPBACK: must be 1 (on) or 0 (off)");
  });

  it("warns at start-up when it is on", async () => {
    const port = String(await freePort());
    const child = spawn(process.execPath, serverArgs, {
      cwd: root,
      env: { ...baseEnv, PORT: port, CIMD_ALLOW_LOOPBACK: "1" },
    });
    let output = "";
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("For tests and development only")) resolve();
        });
        child.on("exit", () => reject(new Error(`exited before the warning:\n${output}`)));
      });
    } finally {
      child.kill();
    }
    expect(output).toContain("WARNING: CIMD_ALLOW_LOOPBACK is on");
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
