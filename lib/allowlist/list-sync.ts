// Moves the in-memory published list to the database's current version by re-reading only the
// rows that the ListChange history names; a full reload (paged, so no single query holds the event
// loop for long on SQLite's synchronous driver) only on start, when the history no longer reaches
// back to the list's version, or when a change touches so many rows that reading all is cheaper.
//
// Consistency without a long transaction (SQLite's would take the write lock, PostgreSQL's READ
// COMMITTED would not be a snapshot anyway): every list change bumps the version in its own
// transaction, so reading the version, then the rows, then the version again, and finding it
// unchanged proves no change committed in between. When it did move, the rows the newer versions
// touched are read again, until a round ends where the version stood still. Only then is the list
// changed, in one synchronous step: requests never see a half-applied version.
import type { Db } from "@/lib/db";
import {
  type PublishedList,
  PublishedList as List,
  publishedBlock,
  publishedClient,
  publishedEntry,
} from "./published-list";
import {
  activeClientWhere,
  activeEntryWhere,
  clientSelect,
  type ClientRow,
  entrySelect,
  type EntryRow,
  toFeedClient,
  toFeedEntry,
} from "./snapshot";
import { currentListVersion } from "./version";

export interface ChangeRow {
  version: number;
  op: string;
  target: string;
  targetId: string;
}

export interface SyncResult {
  list: PublishedList;
  /** The ListChange rows between the old and the new version, in order (for ?since= deltas). */
  changes: ChangeRow[];
  /** The version the changes start after: the old list's, or the new one's after a full reload. */
  changesAfter: number;
}

type BlockRow = { id: string; uri: string | null; host: string | null; reason: string; createdAt: Date };

const PAGE_SIZE = 5000;
const IDS_PER_QUERY = 1000;
/** A change touching more entries than this is applied by a full reload: fewer queries than by id. */
const RELOAD_ABOVE_CHANGED_ROWS = 20_000;
const blockSelect = { id: true, uri: true, host: true, reason: true, createdAt: true } as const;

export async function readChangeRange(db: Db, after: number, through: number): Promise<ChangeRow[] | null> {
  const changes = await db.listChange.findMany({
    where: { version: { gt: after, lte: through } },
    select: { version: true, op: true, target: true, targetId: true },
    orderBy: { id: "asc" },
  });
  // Every version writes at least one row; a version missing from the range has been pruned.
  return new Set(changes.map((change) => change.version)).size === through - after ? changes : null;
}

async function loadAllEntries(db: Db, list: PublishedList): Promise<void> {
  let last: { approvedAt: Date; id: string } | null = null;
  for (;;) {
    const after: object = last
      ? { OR: [{ approvedAt: { gt: last.approvedAt } }, { approvedAt: last.approvedAt, id: { gt: last.id } }] }
      : {};
    const rows: EntryRow[] = await db.allowlistEntry.findMany({
      where: { ...activeEntryWhere(), ...after },
      select: entrySelect,
      orderBy: [{ approvedAt: "asc" }, { id: "asc" }],
      take: PAGE_SIZE,
    });
    for (const row of rows) list.putEntry(publishedEntry(toFeedEntry(row)));
    if (rows.length < PAGE_SIZE) return;
    last = rows[rows.length - 1]!;
  }
}

/** A new list labelled with the version read before its rows; the caller settles it (see above). */
async function loadFullList(db: Db, version: number): Promise<PublishedList> {
  const list = new List(version);
  await loadAllEntries(db, list);
  const blocks: BlockRow[] = await db.blockedEntry.findMany({ where: { removedAt: null }, select: blockSelect });
  for (const { createdAt, ...blocked } of blocks) list.putBlock(publishedBlock(blocked, createdAt));
  const clients: ClientRow[] = await db.cimdClient.findMany({ where: activeClientWhere(), select: clientSelect });
  for (const row of clients) list.putClient(publishedClient(toFeedClient(row)));
  return list;
}

/** Reads the current state of the named rows: a row, or null when it is not (or no longer) listed. */
async function readRows(db: Db, entryIds: string[], blockIds: string[], clientIds: string[]) {
  const entries = new Map<string, EntryRow | null>(entryIds.map((id) => [id, null]));
  const blocks = new Map<string, BlockRow | null>(blockIds.map((id) => [id, null]));
  const clients = new Map<string, ClientRow | null>(clientIds.map((id) => [id, null]));
  for (let i = 0; i < clientIds.length; i += IDS_PER_QUERY) {
    const rows: ClientRow[] = await db.cimdClient.findMany({
      where: { id: { in: clientIds.slice(i, i + IDS_PER_QUERY) }, ...activeClientWhere() },
      select: clientSelect,
    });
    for (const row of rows) clients.set(row.id, row);
  }
  for (let i = 0; i < entryIds.length; i += IDS_PER_QUERY) {
    const rows: EntryRow[] = await db.allowlistEntry.findMany({
      where: { id: { in: entryIds.slice(i, i + IDS_PER_QUERY) }, ...activeEntryWhere() },
      select: entrySelect,
    });
    for (const row of rows) entries.set(row.id, row);
  }
  for (let i = 0; i < blockIds.length; i += IDS_PER_QUERY) {
    const rows: BlockRow[] = await db.blockedEntry.findMany({
      where: { id: { in: blockIds.slice(i, i + IDS_PER_QUERY) }, removedAt: null },
      select: blockSelect,
    });
    for (const row of rows) blocks.set(row.id, row);
  }
  return { entries, blocks, clients };
}

function idsOf(changes: ChangeRow[], target: "entry" | "blocked" | "client"): string[] {
  return [...new Set(changes.filter((change) => change.target === target).map((change) => change.targetId))];
}

/**
 * Brings `current` (null on start) to the database's current version. Returns the same list object
 * changed in place, or a new one after a full reload.
 */
export async function syncPublishedList(db: Db, current: PublishedList | null): Promise<SyncResult> {
  let list = current ?? (await loadFullList(db, await currentListVersion(db)));
  let changes: ChangeRow[] = [];
  const entryRows = new Map<string, EntryRow | null>();
  const blockRows = new Map<string, BlockRow | null>();
  const clientRows = new Map<string, ClientRow | null>();
  // Rows that versions up to here touched have been read after that version committed.
  let settled = list.version;
  for (;;) {
    const now = await currentListVersion(db);
    if (now === settled) break; // nothing committed since this round's reads began
    const range = now > settled ? await readChangeRange(db, settled, now) : null;
    const entryIds = range ? idsOf(range, "entry") : [];
    if (!range || entryIds.length > RELOAD_ABOVE_CHANGED_ROWS) {
      // History pruned, the database went back in time (a restore), or most of the list changed.
      list = await loadFullList(db, now);
      entryRows.clear();
      blockRows.clear();
      clientRows.clear();
      changes = [];
      settled = now;
      continue;
    }
    changes.push(...range);
    const read = await readRows(db, entryIds, idsOf(range, "blocked"), idsOf(range, "client"));
    for (const [id, row] of read.entries) entryRows.set(id, row);
    for (const [id, row] of read.blocks) blockRows.set(id, row);
    for (const [id, row] of read.clients) clientRows.set(id, row);
    settled = now;
  }
  for (const [id, row] of entryRows) {
    if (row) list.putEntry(publishedEntry(toFeedEntry(row)));
    else list.removeEntry(id);
  }
  for (const [id, row] of blockRows) {
    if (!row) list.removeBlock(id);
    else {
      const { createdAt, ...blocked } = row;
      list.putBlock(publishedBlock(blocked, createdAt));
    }
  }
  for (const [id, row] of clientRows) {
    if (row) list.putClient(publishedClient(toFeedClient(row)));
    else list.removeClient(id);
  }
  const changesAfter = list === current ? current.version : settled;
  list.version = settled;
  return { list, changes: list === current ? changes : [], changesAfter };
}
