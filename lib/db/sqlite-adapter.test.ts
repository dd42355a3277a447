// A process waiting for another process's SQLite write lock must go on answering everything else:
// the feed and sign-in read while a write waits its turn. (SQLite only: PostgreSQL has a pool.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";
import { holdAllowlistWriteLock } from "@/lib/test-support/write-lock";

const onSqlite = !process.env.TEST_PG_SERVER_URL;
let t: Awaited<ReturnType<typeof useTestDatabase>>;

beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe.runIf(onSqlite)("the SQLite connection behind a stuck writer", () => {
  it("answers reads at once while a transaction waits for the lock, then runs the transaction", async () => {
    const lock = await holdAllowlistWriteLock(t.url);
    const waiting = t.db.$transaction((tx) => tx.setting.create({ data: { key: "stall-test", value: "1" } }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Reads queued behind the waiting transaction would wait out its 10 s lock wait: they answer
      // long before (the bound is loose so that a loaded machine cannot fail it).
      const started = Date.now();
      expect(await t.db.setting.count()).toBeGreaterThanOrEqual(0);
      expect(await t.db.allowlistEntry.count()).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);

      // A plain write outside a transaction waits too, without stopping the event loop.
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const plainWrite = t.db.setting.create({ data: { key: "stall-plain", value: "1" } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      clearInterval(ticker);
      expect(ticks).toBeGreaterThan(3); // a write waiting inside SQLite would leave none
      await lock.release();
      await Promise.all([waiting, plainWrite]);
    } finally {
      await lock.release().catch(() => undefined);
    }
    expect(await t.db.setting.count({ where: { key: { startsWith: "stall-" } } })).toBe(2);
  }, 20_000);

  it("fails a transaction as busy after the deadline, and the connection still works afterwards", async () => {
    const lock = await holdAllowlistWriteLock(t.url);
    try {
      const refused = await t.db
        .$transaction((tx) => tx.setting.create({ data: { key: "never", value: "1" } }), { maxWait: 20_000 })
        .then(
          () => "committed",
          (error: unknown) => String((error as Error).message),
        );
      expect(refused).toMatch(/busy|locked/i);
    } finally {
      await lock.release();
    }
    await t.db.$transaction((tx) => tx.setting.create({ data: { key: "after", value: "1" } }));
    expect(await t.db.setting.findUnique({ where: { key: "after" } })).not.toBeNull();
  }, 30_000);
});
