// `portal import` at scale: batched writes, one version for the whole import, nothing listed
// before that version, and the in-memory list agreeing with a full reload afterwards.
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

describe("importing more entries than one batch", () => {
  it("lists them all in one version, idempotently, in the order a full reload reads", async () => {
    const { importEntries } = await import("./import");
    const { IMPORT_BATCH_ROWS } = await import("./bulk-import");
    const { loadListAtVersion } = await import("./snapshot");
    const { syncPublishedList } = await import("./list-sync");
    const before = (await syncPublishedList(t.db, null)).list;
    const count = IMPORT_BATCH_ROWS * 2 + 17;
    const rows = Array.from({ length: count }, (_, i) => ({
      line: i + 1,
      uri: i % 10 === 0 ? `http://127.0.0.1/client-${i}/cb` : `https://app-${i}.example/cb`,
      client: i % 3 ? `Client ${i}` : undefined,
    }));

    const report = await importEntries(t.db, rows, actor, "big.json");
    expect(report.imported).toHaveLength(count);
    const full = await loadListAtVersion(t.db);
    expect(full.version).toBe(before.version + 1);
    expect(full.entries).toHaveLength(count);
    expect(full.entries[1]).toMatchObject({
      kind: "exact",
      uri: "https://app-1.example/cb",
      client: { name: "Client 1" },
    });
    expect(await t.db.listChange.count({ where: { version: full.version } })).toBe(count);

    const synced = await syncPublishedList(t.db, before);
    expect(synced.list.toSnapshot(full.generated_at)).toEqual(full);

    const again = await importEntries(t.db, rows.slice(0, 10), actor, "again.json");
    expect(again.imported).toEqual([]);
    expect(again.alreadyPresent).toHaveLength(10);
    expect((await loadListAtVersion(t.db)).version).toBe(full.version);
  }, 60_000);

  // SQLite only: PostgreSQL imports in one transaction, which leaves nothing behind when it dies.
  it.skipIf(process.env.TEST_PG_SERVER_URL)(
    "never lists the rows of an import that died before its last step, and clears them later",
    async () => {
      const { insertUnlisted, discardAbandonedImports } = await import("./bulk-import");
      const { loadListAtVersion } = await import("./snapshot");
      const before = await loadListAtVersion(t.db);
      await insertUnlisted(t.db, [{ kind: "exact", uri: "https://half-way.example/cb", clientName: null }], null);
      const after = await loadListAtVersion(t.db);
      expect(after.version).toBe(before.version);
      expect(after.entries.map((e) => e.uri)).not.toContain("https://half-way.example/cb");
      // An hour later the next import deletes it.
      await t.db.allowlistEntry.updateMany({
        where: { uri: "https://half-way.example/cb" },
        data: { approvedAt: new Date(Date.now() - 2 * 3_600_000) },
      });
      await discardAbandonedImports(t.db);
      expect(await t.db.allowlistEntry.count({ where: { uri: "https://half-way.example/cb" } })).toBe(0);
    },
  );
});
