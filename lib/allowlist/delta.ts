// `GET /api/v1/allowlist?since=N`: only what changed after version N, read from the change
// history and the in-memory snapshot of the current version (so the two always agree).
import type { Db } from "@/lib/db";
import type { Delta, Snapshot } from "@/lib/api/schema";

export type DeltaOrFull = { kind: "delta"; delta: Delta } | { kind: "full" };

/**
 * `snapshot` is the served view; `lapsedIds` are entries it leaves out because their expiry has
 * passed before the database recorded it (lapse.ts). They are reported as removed whatever
 * `since` is: the history cannot know of them yet, and removing an id a client lacks is harmless.
 */
export async function buildDelta(
  db: Db,
  snapshot: Snapshot,
  since: number,
  lapsedIds: string[] = [],
): Promise<DeltaOrFull> {
  const version = snapshot.version;
  if (since === version) return { kind: "delta", delta: { version, since, added: [], removed: [...lapsedIds] } };
  // A version from the future (a restored database, another portal) cannot be diffed.
  if (since > version) return { kind: "full" };
  const changes = await db.listChange.findMany({
    where: { version: { gt: since, lte: version } },
    select: { version: true, op: true, target: true, targetId: true },
    orderBy: { id: "asc" },
  });
  const versionsSeen = new Set(changes.map((c) => c.version));
  // Every version in the range must still be in the history; otherwise it was pruned.
  if (versionsSeen.size !== version - since) return { kind: "full" };
  // Blocked entries have no place in the delta's shape: a client that missed a block re-reads all.
  if (changes.some((c) => c.target === "blocked")) return { kind: "full" };

  const added = new Set<string>();
  const removed = new Set<string>(lapsedIds);
  for (const change of changes) {
    if (change.op === "added") added.add(change.targetId);
    else if (added.has(change.targetId))
      added.delete(change.targetId); // came and went within the range
    else removed.add(change.targetId);
  }
  return {
    kind: "delta",
    delta: { version, since, added: snapshot.entries.filter((entry) => added.has(entry.id)), removed: [...removed] },
  };
}
