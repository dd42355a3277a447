// The list's versions, deltas, expiry, blocks and the audit chain, on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
const actor = { id: null, email: "test@portal.test" };
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function snapshot() {
  const { buildSnapshot } = await import("./snapshot");
  return buildSnapshot(t.db);
}

describe("the allowlist on a real database", () => {
  it("bumps the version by one per change and answers ?since= with what changed", async () => {
    const { importEntries } = await import("./import");
    const { revokeEntry, blockEntry } = await import("./entries");
    const { buildDelta } = await import("./delta");
    const v0 = (await snapshot()).version;

    const report = await importEntries(
      t.db,
      [
        { line: 1, uri: "https://a.example/cb" },
        { line: 2, uri: "http://127.0.0.1:8080/cb" },
      ],
      actor,
      "test",
    );
    expect(report.imported).toEqual([
      { uri: "https://a.example/cb", kind: "exact" },
      { uri: "http://127.0.0.1/cb", kind: "loopback" },
    ]);
    const s1 = await snapshot();
    expect(s1.version).toBe(v0 + 1);

    const again = await importEntries(t.db, [{ line: 1, uri: "https://a.example/cb" }], actor, "test");
    expect(again.imported).toEqual([]);
    expect((await snapshot()).version).toBe(s1.version);

    const a = s1.entries.find((e) => e.uri === "https://a.example/cb")!;
    await revokeEntry(t.db, a.id, "test revoke", actor);
    const s2 = await snapshot();
    expect(s2.version).toBe(s1.version + 1);
    expect(s2.entries.map((e) => e.uri)).toEqual(["http://127.0.0.1/cb"]);
    await expect(revokeEntry(t.db, a.id, "twice", actor)).rejects.toThrow(/no longer on the list/);

    const delta = await buildDelta(t.db, s2, s1.version);
    expect(delta).toEqual({
      kind: "delta",
      delta: { version: s2.version, since: s1.version, added: [], removed: [a.id] },
    });
    const fromStart = await buildDelta(t.db, s2, v0);
    expect(fromStart.kind === "delta" && fromStart.delta.added.map((e) => e.uri)).toEqual(["http://127.0.0.1/cb"]);
    expect(fromStart.kind === "delta" && fromStart.delta.removed).toEqual([]);

    await blockEntry(t.db, { host: "evil.example", reason: "test" }, actor);
    const s3 = await snapshot();
    expect(s3.version).toBe(s2.version + 1);
    expect(s3.blocked.map((b) => b.host)).toEqual(["evil.example"]);
    expect((await buildDelta(t.db, s3, s2.version)).kind).toBe("full");
  });

  it("refuses a block that is not canonical, offering the canonical form, and lists nothing", async () => {
    const { blockEntry } = await import("./entries");
    const before = await snapshot();
    await expect(blockEntry(t.db, { uri: "HTTPS://Claude.ai:443/cb", reason: "test" }, actor)).rejects.toThrow(
      "block https://claude.ai/cb instead",
    );
    await expect(blockEntry(t.db, { host: "Bücher.example", reason: "test" }, actor)).rejects.toThrow(
      "block xn--bcher-kva.example instead",
    );
    const after = await snapshot();
    expect(after.version).toBe(before.version);
    expect(after.blocked).toEqual(before.blocked);
  });

  it("takes an expired entry off the list by itself, once", async () => {
    const { addEntriesInTx } = await import("./entries");
    const { expireLapsedEntries } = await import("./expiry");
    await t.db.$transaction((tx) =>
      addEntriesInTx(
        tx,
        [{ kind: "exact", uri: "https://expiring.example/cb", expiresAt: new Date(Date.now() + 60_000) }],
        null,
      ),
    );
    const before = await snapshot();
    expect(before.entries.some((e) => e.uri === "https://expiring.example/cb")).toBe(true);
    expect(await expireLapsedEntries(t.db, new Date(Date.now() + 120_000))).toBe(1);
    expect(await expireLapsedEntries(t.db, new Date(Date.now() + 120_000))).toBe(0);
    const after = await snapshot();
    expect(after.version).toBe(before.version + 1);
    expect(after.entries.some((e) => e.uri === "https://expiring.example/cb")).toBe(false);
  });

  it("keeps an intact audit hash chain and detects an edited or deleted row", async () => {
    const { verifyAuditLog } = await import("@/lib/audit/verify");
    const intact = await verifyAuditLog(t.db);
    expect(intact.rows).toBeGreaterThan(3);
    expect(intact.problems).toEqual([]);

    const rows = await t.db.auditLog.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    // Tampering from outside the app (the app has no code path that edits audit rows).
    await t.db.$executeRawUnsafe(`UPDATE "AuditLog" SET "reason" = 'edited' WHERE "id" = ${rows[1]!.id}`);
    expect((await verifyAuditLog(t.db)).problems.map((p) => p.id)).toEqual([rows[1]!.id]);
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE "id" = ${rows[2]!.id}`);
    expect((await verifyAuditLog(t.db)).problems.map((p) => p.id)).toContain(rows[3]!.id);
  });
});
