// The list version: one row holding the current number, and one ListChange row per entry added
// or removed, so `?since=` can answer with only what changed. Every change to the list goes
// through bumpListVersion inside the same transaction as the change itself.
import type { Tx } from "@/lib/db";
import { portalBus } from "@/lib/events/bus";

export interface ListChangeInput {
  /** changed: a listed row was rewritten in place (a CIMD client's re-fetched document, lib/cimd-drift). */
  op: "added" | "removed" | "changed";
  target: "entry" | "blocked" | "client";
  targetId: string;
}

/** How many versions of change history `?since=` can read; older asks get the full snapshot. */
export const RETAINED_VERSIONS = 10_000;

export async function bumpListVersion(tx: Tx, changes: ListChangeInput[]): Promise<number> {
  if (changes.length === 0) throw new Error("bumpListVersion needs at least one change");
  return bumpListVersionBy(tx, async (version) => {
    await tx.listChange.createMany({ data: changes.map((change) => ({ ...change, version })) });
    return changes.length;
  });
}

/**
 * The same, for a caller that writes the version's ListChange rows itself (a bulk import writes
 * 100,000 with one INSERT … SELECT); `recordChanges` returns how many it wrote, at least one.
 */
export async function bumpListVersionBy(tx: Tx, recordChanges: (version: number) => Promise<number>): Promise<number> {
  // The increment is a row update, so concurrent transactions serialise on it (both databases).
  const state = await tx.listState.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1 },
    update: { version: { increment: 1 } },
  });
  if ((await recordChanges(state.version)) === 0) throw new Error("a list version needs at least one change");
  if (state.version % 1000 === 0) {
    await tx.listChange.deleteMany({ where: { version: { lte: state.version - RETAINED_VERSIONS } } });
  }
  return state.version;
}

/** Call after the transaction commits. */
export function announceListChange(): void {
  portalBus.emit("allowlist-changed");
}

export async function currentListVersion(client: Pick<Tx, "listState">): Promise<number> {
  const state = await client.listState.findUnique({ where: { id: 1 }, select: { version: true } });
  return state?.version ?? 0;
}
