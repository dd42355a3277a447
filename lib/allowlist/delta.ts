// `GET /api/v1/allowlist?since=N`: only what changed after version N. The change rows come from
// the in-memory log when it reaches back to N (change-log.ts), else from the ListChange table;
// the entries come from the same published list as the snapshot, so the two always agree.
import type { Db } from "@/lib/db";
import type { Delta, Snapshot } from "@/lib/api/schema";
import type { ChangeLog } from "./change-log";
import { type ChangeRow, readChangeRange } from "./list-sync";
import { entryBefore, type PublishedEntry, type PublishedList } from "./published-list";

export type DeltaOrFull = { kind: "delta"; delta: Delta } | { kind: "full" };

/** A delta of the published list: its added entries with their JSON fragments, in list order. */
export type ListDelta =
  { kind: "delta"; version: number; since: number; added: PublishedEntry[]; removed: string[] } | { kind: "full" };

/**
 * The net effect of the changes in (since, version]: ids added, ids removed; null when a block
 * changed, which has no place in the delta's shape (a client that missed a block re-reads all).
 * `lapsedIds` are entries the served view leaves out because their expiry has passed before the
 * database recorded it (lapse.ts): reported as removed whatever `since` is, since the history
 * cannot know of them yet, and removing an id a client lacks is harmless.
 */
function netChanges(changes: ChangeRow[], lapsedIds: string[]): { added: Set<string>; removed: Set<string> } | null {
  // Blocks and CIMD clients are few and rarely change: a client that missed one re-reads the list.
  if (changes.some((change) => change.target !== "entry")) return null;
  const added = new Set<string>();
  const removed = new Set<string>(lapsedIds);
  for (const change of changes) {
    if (change.op === "added") added.add(change.targetId);
    else if (added.has(change.targetId))
      added.delete(change.targetId); // came and went within the range
    else removed.add(change.targetId);
  }
  for (const id of lapsedIds) added.delete(id);
  return { added, removed };
}

async function changesBetween(db: Db, log: ChangeLog | null, since: number, version: number) {
  return log?.range(since, version) ?? (await readChangeRange(db, since, version));
}

/** The delta from `since` to the list's version, or "full" when it cannot be told as one. */
export async function deltaOfList(
  db: Db,
  log: ChangeLog,
  list: PublishedList,
  since: number,
  lapsedIds: string[],
): Promise<ListDelta> {
  const version = list.version;
  if (since === version) return { kind: "delta", version, since, added: [], removed: [...lapsedIds] };
  // A version from the future (a restored database, another portal) cannot be diffed.
  if (since > version) return { kind: "full" };
  const changes = await changesBetween(db, log, since, version);
  // The list may have moved on while the history was read: its rows no longer match the range.
  if (list.version !== version) return deltaOfList(db, log, list, since, lapsedIds);
  const net = changes && netChanges(changes, lapsedIds);
  if (!net) return { kind: "full" };
  const added: PublishedEntry[] = [];
  for (const id of net.added) {
    const row = list.entries.get(id);
    if (row) added.push(row);
  }
  added.sort((a, b) => (entryBefore(a, b) ? -1 : 1));
  return { kind: "delta", version, since, added, removed: [...net.removed] };
}

/** The same delta for a snapshot read from the database (the CLI and tests). */
export async function buildDelta(
  db: Db,
  snapshot: Snapshot,
  since: number,
  lapsedIds: string[] = [],
): Promise<DeltaOrFull> {
  const version = snapshot.version;
  if (since === version) return { kind: "delta", delta: { version, since, added: [], removed: [...lapsedIds] } };
  if (since > version) return { kind: "full" };
  const changes = await readChangeRange(db, since, version);
  const net = changes && netChanges(changes, lapsedIds);
  if (!net) return { kind: "full" };
  const added = snapshot.entries.filter((entry) => net.added.has(entry.id));
  return { kind: "delta", delta: { version, since, added, removed: [...net.removed] } };
}
