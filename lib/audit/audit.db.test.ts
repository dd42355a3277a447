// The keyed audit chain on a real database: what someone with write access to the database but
// without AUDIT_SECRET can and cannot hide.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";
import { type AuditRow, GENESIS_HASH, legacyAuditHash } from "./chain";

const SECRET = "audit-secret-for-tests-0123456789";
const actor = { id: null, email: "auditor@portal.test" };
const root = path.resolve(import.meta.dirname, "../..");

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  process.env.AUDIT_SECRET = SECRET;
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function append(count: number) {
  const { recordAudit } = await import("./record");
  for (let i = 0; i < count; i++)
    await recordAudit(t.db, { actor, action: "test.event", entityType: "test", entityId: `${i}` });
}

async function verify(options: { head?: string; secret?: string } = {}) {
  const { verifyAuditLog } = await import("./verify");
  const { parseHead } = await import("./head");
  return verifyAuditLog(t.db, { secret: options.secret, head: options.head ? parseHead(options.head)! : undefined });
}

const rows = () => t.db.auditLog.findMany({ orderBy: { id: "asc" } });

/** What an attacker without the key can do: rewrite rows from `fromIndex` on, recomputing plain SHA-256. */
async function rewriteWithPlainSha(fromIndex: number, edit: (row: AuditRow) => Partial<AuditRow>) {
  const all = await rows();
  let prevHash = fromIndex === 0 ? GENESIS_HASH : all[fromIndex - 1]!.hash;
  for (const row of all.slice(fromIndex)) {
    const changed = { ...row, ...(row === all[fromIndex] ? edit(row) : {}), prevHash };
    const hash = legacyAuditHash(prevHash, changed);
    await t.db.auditLog.update({ where: { id: row.id }, data: { reason: changed.reason, prevHash, hash } });
    prevHash = hash;
  }
}

function portal(args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, [path.join(root, "bin/portal.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t.url, AUDIT_SECRET: SECRET, ...env },
  }).then(
    (done) => ({ code: 0, out: done.stdout + done.stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      out: failed.stdout + failed.stderr,
    }),
  );
}

describe("the keyed audit chain", () => {
  let anchor = "";

  it("refuses rows hashed without the key even at the start, and logs each new head", async () => {
    // Two rows hashed as the previous release wrote them: plain SHA-256, which anyone can forge.
    let prevHash = GENESIS_HASH;
    for (const entityId of ["legacy-1", "legacy-2"]) {
      const fields = {
        at: new Date(),
        actorId: null,
        actorEmail: "old@portal.test",
        action: "test.legacy",
        entityType: "test",
        entityId,
        before: null,
        after: null,
        reason: null,
        ip: null,
      };
      const hash = legacyAuditHash(prevHash, fields);
      await t.db.auditLog.create({ data: { ...fields, prevHash, hash } });
      prevHash = hash;
    }
    const log = vi.spyOn(console, "log");
    await append(5);
    const last = (await rows()).at(-1)!;
    const line = await vi.waitFor(() => {
      const found = log.mock.calls.map(([text]) => String(text)).find((text) => text.includes(`id=${last.id} `));
      if (!found) throw new Error("no head logged yet");
      return found;
    });
    log.mockRestore();
    expect(line).toBe(`[audit] head count=7 id=${last.id} hash=${last.hash} anchor=7:${last.hash}`);
    anchor = /anchor=(\S+)/.exec(line)![1]!;

    const report = await verify({ head: anchor });
    expect(report.rows).toBe(7);
    expect(report.problems.map((p) => p.problem)).toEqual([
      expect.stringContaining("hashed without AUDIT_SECRET"),
      expect.stringContaining("hashed without AUDIT_SECRET"),
    ]);
    expect((await portal(["audit", "verify", "--head", anchor])).code).toBe(1);
    // From here on, a keyed log of its own.
    await t.db.auditLog.deleteMany();
    await append(5);
    const head = (await rows()).at(-1)!;
    anchor = `5:${head.hash}`;
    expect(await verify({ head: anchor })).toEqual({ rows: 5, problems: [] });
    expect((await portal(["audit", "verify", "--head", anchor])).code).toBe(0);
  });

  it("fails with the wrong AUDIT_SECRET", async () => {
    const wrong = await verify({ secret: "another-secret-0123456789" });
    expect(wrong.problems.length).toBeGreaterThan(0);
    const cli = await portal(["audit", "verify"], { AUDIT_SECRET: "another-secret-0123456789" });
    expect(cli.code).toBe(1);
    expect(cli.out).toContain("AUDIT_SECRET is not the one it was written with");
  });

  it("detects deleted newest rows with an anchored head, which the chain alone cannot", async () => {
    await append(2);
    const all = await rows();
    await t.db.auditLog.deleteMany({ where: { id: { in: all.slice(-4).map((row) => row.id) } } });
    expect((await verify()).problems).toEqual([]); // a shorter chain is still a valid chain
    const anchored = await verify({ head: anchor });
    expect(anchored.problems).toEqual([{ id: all.at(-5)!.id, problem: expect.stringContaining("rows were deleted") }]);
    const cli = await portal(["audit", "verify", "--head", anchor]);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain("TAMPERED");
  });

  it("detects a row rewritten with recomputed plain SHA-256 hashes", async () => {
    await append(3);
    await rewriteWithPlainSha(4, () => ({ reason: "nothing to see" }));
    const { problems } = await verify();
    expect(problems.map((p) => p.problem)).toContainEqual(expect.stringContaining("hashed without AUDIT_SECRET"));
  });

  it("detects a whole chain rewritten as unkeyed rows, with or without a head", async () => {
    await t.db.auditLog.deleteMany();
    await append(3);
    const head = (await rows()).at(-1)!;
    await rewriteWithPlainSha(0, () => ({ reason: "nothing to see" }));
    expect((await verify()).problems).toHaveLength(3);
    expect((await verify({ head: `3:${head.hash}` })).problems).toHaveLength(4);
  });

  it("refuses a malformed --head with the usage message", async () => {
    const cli = await portal(["audit", "verify", "--head", "12"]);
    expect(cli.code).toBe(2);
    expect(cli.out).toContain("--head takes <count>:<hash>");
  });
});
