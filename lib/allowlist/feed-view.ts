// One view of the published list as served at one moment: the database's list at a version, less
// the entries that have lapsed by then (lapse.ts). Made synchronously right after a sync (cheap:
// arrays of references); its bytes — JSON from the cached fragments, then gzip on the thread
// pool — are prepared afterwards, and only a view whose bytes are ready is served to polls.
import { metrics } from "@/lib/metrics/instruments";
import { compileRules, type CompiledRules } from "@/lib/redirect-uri/match";
import { DeltaCache } from "./delta-cache";
import { gzipFromFragments } from "./chunked-gzip";
import { EncodedBody } from "./encoded-body";
import { snapshotJson, withFullFlag } from "./feed-json";
import type { PublishedList } from "./published-list";
import type { FeedBlocked, FeedEntry, Snapshot } from "@/lib/api/schema";

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
  readonly snapshot: Snapshot;
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
  private readonly entryFragments: Buffer[];
  private readonly blockFragments: Buffer[];
  private readonly clientFragments: Buffer[];
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
    const rows = lapsed.size === 0 ? list.entries.rows : list.entries.rows.filter((row) => !lapsed.has(row.entry.id));
    this.version = list.version;
    this.lapsedIds = [...lapsed];
    this.lapsedThrough = lapsedThrough;
    this.nextLapseAt = nextLapseAt;
    this.etag = versionEtag(list.version, undefined, lapsedThrough);
    this.notModifiedHeaders = ["cache-control", "no-cache", "etag", this.etag, "vary", "Accept-Encoding"];
    this.snapshot = {
      version: list.version,
      generated_at: new Date(now).toISOString(),
      entries: rows.map((row) => row.entry),
      blocked: list.blocks.rows.map((row) => row.blocked),
      clients: clients.map((row) => row.client),
    };
    this.entryFragments = rows.map((row) => row.json);
    this.blockFragments = list.blocks.rows.map((row) => row.json);
    this.clientFragments = clients.map((row) => row.json);
  }

  /** The JSON and its gzip, made once; the promise resolves when polls may be served from them. */
  prepare(): Promise<EncodedBody> {
    this.preparing ??= (async () => {
      const started = performance.now();
      const json = await snapshotJson(
        this.version,
        this.snapshot.generated_at,
        this.entryFragments,
        this.blockFragments,
        this.clientFragments,
      );
      const entriesStart = json.indexOf('"entries":[') + '"entries":['.length;
      const body = new EncodedBody(json, () => gzipFromFragments(json, entriesStart, this.entryFragments));
      await body.get("gzip");
      metrics.snapshotBuild.observe((performance.now() - started) / 1000);
      this.body = body;
      return body;
    })();
    return this.preparing;
  }

  /** The snapshot with "full": true, for a ?since= that cannot be answered as a delta: one per view. */
  full(): Promise<EncodedBody> {
    this.fullBody ??= this.prepare().then((body) => new EncodedBody(withFullFlag(body.json)));
    return this.fullBody;
  }

  /** The list compiled for matching (the validate endpoint), compiled when first asked for. */
  get rules(): CompiledRules<FeedEntry, FeedBlocked> {
    return (this.compiled ??= compileRules(this.snapshot.entries, this.snapshot.blocked));
  }
}
