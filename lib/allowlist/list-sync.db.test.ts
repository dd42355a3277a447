// The published list moved forward change by change is exactly the list a full reload reads, on a
// real database (SQLite; PostgreSQL when TEST_PG_SERVER_URL is set): a property over random
// sequences of additions (ties in approvedAt, back-dated, expiring), revocations, expiry sweeps,
// blocks and unblocks, CIMD clients approved and revoked, with the list synced after random steps — several versions at once or one.
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";
import type { PublishedList } from "./published-list";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
const actor = { id: null, email: "test@portal.test" };
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const BASE = Date.parse("2026-01-01T00:00:00.000Z");

type Step =
  | { op: "add"; count: number; approvedAtSlot: number; expiry: "none" | "past" | "future" }
  | { op: "revoke"; pick: number }
  | { op: "sweep" }
  | { op: "block"; host: number }
  | { op: "unblock"; pick: number }
  | { op: "addClient"; approvedAtSlot: number; expiry: "none" | "past" | "future" }
  | { op: "revokeClient"; pick: number }
  | { op: "sync" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant("add" as const),
    count: fc.integer({ min: 1, max: 4 }),
    // A few slots, so that entries share approvedAt (ordered by id then) and land mid-list.
    approvedAtSlot: fc.integer({ min: 0, max: 5 }),
    expiry: fc.constantFrom("none" as const, "past" as const, "future" as const),
  }),
  fc.record({ op: fc.constant("revoke" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("sweep" as const) }),
  fc.record({ op: fc.constant("block" as const), host: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({ op: fc.constant("unblock" as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant("addClient" as const),
    approvedAtSlot: fc.integer({ min: 0, max: 5 }),
    expiry: fc.constantFrom("none" as const, "past" as const, "future" as const),
  }),
  fc.record({ op: fc.constant("revokeClient" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("sync" as const) }),
);

let uriCounter = 0;

async function apply(s: Step): Promise<void> {
  const { bumpListVersion } = await import("./version");
  const { revokeEntry, blockEntry, unblockEntry } = await import("./entries");
  const { expireLapsedEntries } = await import("./expiry");
  if (s.op === "add") {
    const approvedAt = new Date(BASE + s.approvedAtSlot * 1000);
    const expiresAt = s.expiry === "none" ? null : new Date(Date.now() + (s.expiry === "past" ? -60_000 : 3_600_000));
    await t.db.$transaction(async (tx) => {
      const rows = await tx.allowlistEntry.createManyAndReturn({
        data: Array.from({ length: s.count }, () => ({
          kind: "exact",
          uri: `https://prop-${++uriCounter}.example/cb`,
          clientName: uriCounter % 2 ? `Client ${uriCounter}` : null,
          approvedAt,
          expiresAt,
        })),
        select: { id: true },
      });
      await bumpListVersion(
        tx,
        rows.map((row) => ({ op: "added" as const, target: "entry" as const, targetId: row.id })),
      );
    });
  } else if (s.op === "revoke") {
    const active = await t.db.allowlistEntry.findMany({
      where: { revokedAt: null, expiredAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    if (active.length > 0) await revokeEntry(t.db, active[s.pick % active.length]!.id, "property test", actor);
  } else if (s.op === "sweep") {
    await expireLapsedEntries(t.db);
  } else if (s.op === "block") {
    await blockEntry(t.db, { host: `blocked-${s.host}.example`, reason: "property test" }, actor).catch(() => {
      /* the same host twice is refused: no change */
    });
  } else if (s.op === "addClient") {
    const url = `https://prop-${++uriCounter}.example/client`;
    await t.db.$transaction(async (tx) => {
      const row = await tx.cimdClient.create({
        data: {
          kind: uriCounter % 3 ? "client_id" : "client_id_host",
          clientIdUrl: url,
          host: new URL(url).host,
          document: JSON.stringify({ client_id: url, redirect_uris: ["http://127.0.0.1/cb"] }),
          documentSha256: "0".repeat(64),
          redirectUris: JSON.stringify(["http://127.0.0.1/cb"]),
          approvedAt: new Date(BASE + s.approvedAtSlot * 1000),
          expiresAt: s.expiry === "none" ? null : new Date(Date.now() + (s.expiry === "past" ? -60_000 : 3_600_000)),
        },
        select: { id: true },
      });
      await bumpListVersion(tx, [{ op: "added", target: "client", targetId: row.id }]);
    });
  } else if (s.op === "revokeClient") {
    const { revokeCimdClient } = await import("@/lib/cimd-clients/revoke");
    const active = await t.db.cimdClient.findMany({
      where: { revokedAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    if (active.length > 0) await revokeCimdClient(t.db, active[s.pick % active.length]!.id, "property test", actor);
  } else if (s.op === "unblock") {
    const blocks = await t.db.blockedEntry.findMany({ where: { removedAt: null }, select: { id: true } });
    if (blocks.length > 0) await unblockEntry(t.db, blocks[s.pick % blocks.length]!.id, actor);
  }
}

async function expectSameAsFullReload(list: PublishedList) {
  const { loadListAtVersion } = await import("./snapshot");
  const { FeedView } = await import("./feed-view");
  const full = await loadListAtVersion(t.db);
  const incremental = list.toSnapshot(full.generated_at);
  expect(incremental).toEqual(full);
  // The bytes assembled from cached fragments are those JSON.stringify gives for the served view.
  const view = new FeedView(list, Date.now());
  const body = await view.prepare();
  const json = await body.identity(); // remade: the view lets its JSON go once gzipped
  expect(json.toString()).toBe(JSON.stringify(view.snapshot));
  expect(gunzipSync(body.ifReady("gzip")!).equals(json)).toBe(true);
}

describe("the published list moved forward from the change history", () => {
  it("equals a full reload after any sequence of changes", async () => {
    const { syncPublishedList } = await import("./list-sync");
    let list = (await syncPublishedList(t.db, null)).list;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          if (s.op === "sync") list = (await syncPublishedList(t.db, list)).list;
          else await apply(s);
        }
        const synced = await syncPublishedList(t.db, list);
        expect(synced.list).toBe(list); // moved forward in place, not reloaded
        await expectSameAsFullReload(list);
      }),
      { numRuns: process.env.TEST_PG_SERVER_URL ? 15 : 25 },
    );
  }, 120_000);

  it("reloads in full when the history no longer reaches back, and still agrees", async () => {
    const { syncPublishedList } = await import("./list-sync");
    const list = (await syncPublishedList(t.db, null)).list;
    await apply({ op: "add", count: 2, approvedAtSlot: 9, expiry: "none" });
    await t.db.listChange.deleteMany({ where: { version: { gt: list.version } } }); // as pruning would
    const synced = await syncPublishedList(t.db, list);
    expect(synced.list).not.toBe(list);
    await expectSameAsFullReload(synced.list);
  });
});
