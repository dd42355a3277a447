// The published list held in memory between versions: every active entry, block and CIMD client,
// in the order a full reload gives (entries by approvedAt then id, blocks by createdAt then id).
// A new version changes only the rows its ListChange history names (list-sync.ts), so a version
// costs what changed, not what exists. Entries keep no JSON of their own (100,000 Buffers would
// cost more than their bytes): the snapshot's gzip keeps its blocks' compressed bytes instead
// (chunked-gzip.ts). The few blocks and clients keep their JSON fragment.
import type { FeedBlocked, FeedClient, FeedEntry, Snapshot } from "@/lib/api/schema";
import { endsBlock } from "./chunked-gzip";

export interface PublishedEntry {
  entry: FeedEntry;
  /** Whether the snapshot's gzip starts a new block after this entry (chunked-gzip.ts). */
  blockEnd: boolean;
  /** expires_at in ms, or null. */
  expiresAt: number | null;
}

export interface PublishedBlock {
  blocked: FeedBlocked;
  json: Buffer;
  /** createdAt (ISO) then id. */
  sortKey: string;
}

export interface PublishedClient {
  client: FeedClient;
  json: Buffer;
  /** approved_at then id, as the full reload orders them. */
  sortKey: string;
  expiresAt: number | null;
}

export function publishedClient(client: FeedClient): PublishedClient {
  return {
    client,
    json: Buffer.from(JSON.stringify(client)),
    sortKey: sortKeyOf(client.approved_at, client.id),
    expiresAt: client.expires_at === null ? null : Date.parse(client.expires_at),
  };
}

/** approved_at or createdAt (ISO) then id, as one comparable string: for the few blocks and clients. */
function sortKeyOf(iso: string, id: string): string {
  return `${iso} ${id}`;
}

export function publishedEntry(entry: FeedEntry): PublishedEntry {
  return {
    entry,
    blockEnd: endsBlock(entry.id),
    expiresAt: entry.expires_at === null ? null : Date.parse(entry.expires_at),
  };
}

/**
 * The full reload's order for entries: approved_at (fixed-width ISO) then id, compared from the
 * entry itself — a stored sort key would cost 100,000 strings. Both databases compare ids
 * byte-wise (SQLite BINARY, PostgreSQL C.UTF-8), as JS's < does.
 */
export function entryBefore(a: PublishedEntry, b: PublishedEntry): boolean {
  const x = a.entry;
  const y = b.entry;
  return x.approved_at < y.approved_at || (x.approved_at === y.approved_at && x.id < y.id);
}

function keyedBefore(a: { sortKey: string }, b: { sortKey: string }): boolean {
  return a.sortKey < b.sortKey;
}

export function publishedBlock(blocked: FeedBlocked, createdAt: Date): PublishedBlock {
  return {
    blocked,
    json: Buffer.from(JSON.stringify(blocked)),
    sortKey: sortKeyOf(createdAt.toISOString(), blocked.id),
  };
}

/** Keeps rows sorted and findable by id. New rows usually sort last: appending is O(1). */
class SortedRows<T> {
  readonly rows: T[] = [];
  private readonly byId = new Map<string, T>();

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.rows.length;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  set(id: string, row: T): void {
    this.delete(id);
    this.byId.set(id, row);
    const last = this.rows[this.rows.length - 1];
    if (!last || this.before(last, row)) this.rows.push(row);
    else this.rows.splice(this.position(row), 0, row);
  }

  delete(id: string): void {
    const row = this.byId.get(id);
    if (!row) return;
    this.byId.delete(id);
    this.rows.splice(this.position(row), 1);
  }

  /** The index of the first row that does not sort before `row` (`row` itself, when present). */
  private position(row: T): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.before(this.rows[middle]!, row)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

export class PublishedList {
  readonly entries = new SortedRows<PublishedEntry>(entryBefore);
  readonly blocks = new SortedRows<PublishedBlock>(keyedBefore);
  readonly clients = new SortedRows<PublishedClient>(keyedBefore);
  /** Entries with an expiry date, so lapse checks look at these few rather than every entry. */
  readonly expiring = new Map<string, PublishedEntry>();

  constructor(public version: number) {}

  putEntry(row: PublishedEntry): void {
    this.entries.set(row.entry.id, row);
    if (row.expiresAt === null) this.expiring.delete(row.entry.id);
    else this.expiring.set(row.entry.id, row);
  }

  removeEntry(id: string): void {
    this.entries.delete(id);
    this.expiring.delete(id);
  }

  putBlock(row: PublishedBlock): void {
    this.blocks.set(row.blocked.id, row);
  }

  removeBlock(id: string): void {
    this.blocks.delete(id);
  }

  putClient(row: PublishedClient): void {
    this.clients.set(row.client.id, row);
  }

  removeClient(id: string): void {
    this.clients.delete(id);
  }

  /** The list as the database holds it at `version`, lapsed entries included (as loadListAtVersion). */
  toSnapshot(generatedAt = new Date().toISOString()): Snapshot {
    return {
      version: this.version,
      generated_at: generatedAt,
      entries: this.entries.rows.map((row) => row.entry),
      blocked: this.blocks.rows.map((row) => row.blocked),
      clients: this.clients.rows.map((row) => row.client),
    };
  }
}
