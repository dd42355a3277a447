// Several processes writing to one database at once (the CLI beside the server, PORTAL_WORKERS > 1):
// every write succeeds, and the audit chain they extend together stays intact.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const PROCESSES = 4;
const WRITES_EACH = 150;

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("concurrent writers", () => {
  it("all succeed when four processes append to the audit log at once", async () => {
    const writers = Array.from({ length: PROCESSES }, () =>
      run(
        process.execPath,
        ["--import", "tsx", path.join(root, "lib/test-support/audit-writer.ts"), String(WRITES_EACH), "4"],
        // Correctness under contention, not speed: on a loaded machine 600 serialised appends can take
        // longer than the default wait, so the writers wait as long as the test allows.
        { cwd: root, env: { ...process.env, DATABASE_URL: t.url, SQLITE_LOCK_WAIT_MS: "120000" }, timeout: 150_000 },
      ),
    );
    const results = await Promise.all(writers);
    const failures = results.flatMap(
      ({ stdout }) => (JSON.parse(stdout.trim().split("\n").at(-1)!) as { failures: string[] }).failures,
    );
    expect(failures).toEqual([]);
    expect(await t.db.auditLog.count({ where: { action: "test.concurrent" } })).toBe(PROCESSES * WRITES_EACH);
    const { verifyAuditLog } = await import("@/lib/audit/verify");
    expect((await verifyAuditLog(t.db)).problems).toEqual([]);
  }, 180_000);
});
