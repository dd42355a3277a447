import { execFile } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

/** The database the portal under test uses (written by scripts/e2e-server.mjs). */
export function testDatabaseUrl(): string {
  const folder = process.env.E2E_PORT_BASE ? `e2e-${process.env.E2E_PORT_BASE}` : "e2e";
  return readFileSync(path.join(root, "data", folder, "database-url"), "utf8").trim();
}

export function portal(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return portalWith({}, ...args);
}

/** The same, with settings of the portal under test that the command needs (DNS_SERVERS …). */
export async function portalWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, "bin/portal.mjs"), ...args], {
      env: { ...process.env, ...env, DATABASE_URL: testDatabaseUrl() },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

export async function createToken(scopes: string, name = `test ${scopes}`): Promise<string> {
  const result = await portal("token", "create", "--name", name, "--scopes", scopes);
  if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
  return result.stdout.trim();
}

export function writeTempFile(name: string, content: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

export async function importUris(uris: (string | { uri: string; kind?: string; client?: { name: string } })[]) {
  const file = writeTempFile(
    "import.json",
    JSON.stringify({ entries: uris.map((u) => (typeof u === "string" ? { uri: u } : u)) }),
  );
  return portal("import", file);
}

/**
 * Earlier journeys leave tokens that polled minutes ago and never will again; an operator retires
 * such servers by revoking their tokens, and a revoked token is never counted in propagation. A
 * journey that counts servers retires them first, so that its own servers are the only live ones.
 */
export async function retireOtherReaders() {
  const { stdout } = await portal("token", "list");
  const live = stdout
    .split("\n")
    .map((line) => line.split("\t"))
    .filter((cols) => cols[3]?.includes("allowlist:read") && cols[6] === "active");
  for (const [id] of live) await portal("token", "revoke", id!);
}
