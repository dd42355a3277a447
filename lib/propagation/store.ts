// Writes a batch of recorded polls (recorder.ts). Several instances write the same tokens, so
// each write only moves forward: the last poll wins by its time, and a version's pickup keeps
// the earliest time any instance gave it out. No transaction: each row stands on its own.
import type { Db } from "@/lib/db";
import type { DeliveryRow } from "./recorder";

/** Pickup rows are kept this long: long enough for any request page anyone still looks at. */
export const PICKUP_RETENTION_MS = 30 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
let prunedAt = 0;

export async function storeDeliveries(db: Db, rows: DeliveryRow[]): Promise<void> {
  for (const row of rows) {
    await storePoll(db, row);
    if (row.pickedAt !== null) await storePickup(db, row.tokenId, row.version, row.pickedAt);
  }
  if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
    prunedAt = Date.now();
    await db.tokenPickup.deleteMany({ where: { at: { lt: new Date(Date.now() - PICKUP_RETENTION_MS) } } });
  }
}

async function storePoll(db: Db, { tokenId, version, polledAt }: DeliveryRow): Promise<void> {
  const data = { version, polledAt };
  const { count } = await db.tokenPoll.updateMany({ where: { tokenId, polledAt: { lt: polledAt } }, data });
  if (count > 0) return;
  // No row yet, or another instance recorded a later poll (then the empty update leaves it be).
  await db.tokenPoll.upsert({ where: { tokenId }, create: { tokenId, ...data }, update: {} });
}

async function storePickup(db: Db, tokenId: string, version: number, at: Date): Promise<void> {
  await db.tokenPickup.upsert({
    where: { tokenId_version: { tokenId, version } },
    create: { tokenId, version, at },
    update: {},
  });
  await db.tokenPickup.updateMany({ where: { tokenId, version, at: { gt: at } }, data: { at } });
}
