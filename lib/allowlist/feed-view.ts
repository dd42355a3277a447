// One view of the published list as served at one moment: the database's list at a version, less
// the entries that have lapsed by then (lapse.ts). Made synchronously right after a sync (cheap:
// arrays of references); its bytes — the gzip, from the cached blocks of entries, deflating only
// the changed ones on the thread pool — are prepared afterwards, and only a view whose bytes are
// ready is served to polls.
import { metrics } from "@/lib/metrics/instruments";
import { compileRules, type CompiledRules } from "@/lib/redirect-uri/match";
import { DeltaCache } from "./delta-cache";
import { gzipSnapshot } from "./chunked-gzip";
import { EncodedBody } from "./encoded-body";
import { snapshotHead, snapshotJson, snapshotTail, withFullFlag } from "./feed-json";
import type { PublishedBlock, PublishedClient, PublishedEntry, PublishedList } from "./published-list";
import type { FeedBlocked, FeedClient, FeedEntry, Snapshot } from "@/lib/api/schema";

/**
 * The strong ETag of a view of the list. While nothing has lapsed it is the version ("42"), as
 * PRODUCT.md describes. When entries have lapsed in memory before the sweep wrote their expiry,
 * the bytes change but the version must not: the number belongs to the database's history, and
 * its next value will stand for the sweep's write (or for another change). Serving version 43
 * early would let a ?since=43 client skip that real change. So the body keeps version 42 and the
 * ETag names the lapse instead ("42-lapsed-<ms of the latest passed expires_at>"), which every
 * instance computes alike from the same version and clock, so If-None-Match works across them.
 * Once the sweep writes, the version moves to 43 and the ETag is plain "43" again.
 */
export function versionEtag(version: number, since?: number, lapsedThrough: number | null = null): string {
  const lapse = lapsedThrough === null ? "" : `-lapsed-${lapsedThrough}`;
  return since === undefined ? `"${version}${lapse}"` : `"${version}-since-${since}${lapse}"`;
}

export interface CachedDelta {
  etag: string;
  body: EncodedBody;
  readonly size: number;
}

let viewsMade = 0;

export class FeedView {
  /** Increases with every view made: a later view never gives way to an earlier one. */
  readonly sequence = ++viewsMade;
  readonly version: number;
  readonly generatedAt: string;
  readonly etag: string;
  /** Entries left out because their expiry has passed, which a delta must report as removed. */
  readonly lapsedIds: string[];
  /** The latest expires_at (ms) among them, or null: part of the ETag. */
  readonly lapsedThrough: number | null;
  /** When the next entry lapses (ms; Infinity when none will): the view must be remade then. */
  readonly nextLapseAt: number;
  /** The 304 answer's headers as writeHead takes them, made once per view for the poll's hot path. */
  readonly notModifiedHeaders: string[];
  /** Delta bodies by `since`, against this view. */
  readonly deltas = new DeltaCache<CachedDelta>();
  /** Set once the JSON and its gzip are made. */
  body: EncodedBody | null = null;
  // The list's rows at this view's moment: a copy of the array of references (a memcpy), since the
  // list changes in place; everything else is derived from them only when asked for.
  private readonly entryRows: readonly PublishedEntry[];
  private readonly blockRows: readonly PublishedBlock[];
  private readonly clientRows: readonly PublishedClient[];
  private snapshotObject: Snapshot | null = null;
  private blockedObjects: FeedBlocked[] | null = null;
  private clientObjects: FeedClient[] | null = null;
  private preparing: Promise<EncodedBody> | null = null;
  private fullBody: Promise<EncodedBody> | null = null;
  private compiled: CompiledRules<FeedEntry, FeedBlocked> | null = null;

  constructor(list: PublishedList, now: number) {
    const lapsed = new Set<string>();
    let lapsedThrough: number | null = null;
    let nextLapseAt = Infinity;
    // Only entries with an expiry date are looked at: usually a handful among many thousands.
    for (const [id, row] of list.expiring) {
      if (row.expiresAt! > now) nextLapseAt = Math.min(nextLapseAt, row.expiresAt!);
      else {
        lapsed.add(id);
        lapsedThrough = Math.max(lapsedThrough ?? row.expiresAt!, row.expiresAt!);
      }
    }
    // CIMD clients lapse the same way (they are few: all are looked at). Their ids are not in
    // lapsedIds: a delta carries entries only, and the client's expires_at is published with it.
    const clients = list.clients.rows.filter((row) => {
      if (row.expiresAt === null) return true;
      if (row.expiresAt > now) {
        nextLapseAt = Math.min(nextLapseAt, row.expiresAt);
        return true;
      }
      lapsedThrough = Math.max(lapsedThrough ?? row.expiresAt, row.expiresAt);
      return false;
    });
    const rows =
      lapsed.size === 0 ? list.entries.rows.slice() : list.entries.rows.filter((row) => !lapsed.has(row.entry.id));
    this.version = list.version;
    this.lapsedIds = [...lapsed];
    this.lapsedThrough = lapsedThrough;
    this.nextLapseAt = nextLapseAt;
    this.etag = versionEtag(list.version, undefined, lapsedThrough);
    this.notModifiedHeaders = ["cache-control", "no-cache", "etag", this.etag, "vary", "Accept-Encoding"];
    this.generatedAt = new Date(now).toISOString();
    this.entryRows = rows;
    this.blockRows = list.blocks.rows.slice();
    this.clientRows = clients;
  }

  /** The view as objects (validation, tests): made on first use, not for every version. */
  get snapshot(): Snapshot {
    return (this.snapshotObject ??= {
      version: this.version,
      generated_at: this.generatedAt,
      entries: this.entryRows.map((row) => row.entry),
      blocked: this.blocked,
      clients: this.clients,
    });
  }

  /** The blocks alone (few): a CIMD validation needs them, not the 100,000 entries. */
  get blocked(): FeedBlocked[] {
    return (this.blockedObjects ??= this.blockRows.map((row) => row.blocked));
  }

  /** The CIMD clients alone (few). */
  get clients(): FeedClient[] {
    return (this.clientObjects ??= this.clientRows.map((row) => row.client));
  }

  /** The gzip, made once (the JSON only when asked); the promise resolves when polls may be served from it. */
  prepare(): Promise<EncodedBody> {
    this.preparing ??= (async () => {
      const started = performance.now();
      const head = snapshotHead(this.version, this.generatedAt);
      const tail = snapshotTail(this.blockRows, this.clientRows);
      const { gzip, length } = await gzipSnapshot(head, this.entryRows, tail);
      const body = EncodedBody.gzipped(gzip, length, () => snapshotJson(head, this.entryRows, tail));
      metrics.snapshotBuild.observe((performance.now() - started) / 1000);
      this.body = body;
      return body;
    })();
    return this.preparing;
  }

  /** The snapshot with "full": true, for a ?since= that cannot be answered as a delta: one per view. */
  full(): Promise<EncodedBody> {
    this.fullBody ??= this.prepare().then(async (body) => {
      const makeJson = async () => withFullFlag(await body.identity());
      return new EncodedBody(await makeJson(), { remakeJson: makeJson });
    });
    return this.fullBody;
  }

  /** The list compiled for matching (the validate endpoint), compiled when first asked for. */
  get rules(): CompiledRules<FeedEntry, FeedBlocked> {
    return (this.compiled ??= compileRules(this.snapshot.entries, this.blocked));
  }
}
