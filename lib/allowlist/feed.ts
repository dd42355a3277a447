// The feed's hot path: the snapshot is built once per list version and kept in memory with its
// JSON, gzip and brotli bytes and its ETag, shared by every request. A cheap version check (at
// most every FRESHNESS_MS, or at once when this process changes the list) decides whether to
// rebuild. When the database is briefly unreachable the last snapshot keeps being served.
// Expiry is enforced here too, from the clock: when an entry's expires_at passes, the served
// bytes are rebuilt without it at once, before the sweep has written anything (lapse.ts).
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Db } from "@/lib/db";
import { portalBus } from "@/lib/events/bus";
import { expireLapsedEntries } from "./expiry";
import { withoutLapsed } from "./lapse";
import { compileRules, type CompiledRules } from "@/lib/redirect-uri/match";
import type { FeedBlocked, FeedEntry, Snapshot } from "@/lib/api/schema";
import { loadListAtVersion } from "./snapshot";
import { currentListVersion } from "./version";

export interface EncodedBody {
  json: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export interface CachedSnapshot {
  /** What is served: the database's list at its version, less the entries that have lapsed since. */
  snapshot: Snapshot;
  etag: string;
  body: EncodedBody;
  /** The same list compiled for matching, for the validate endpoint. */
  rules: CompiledRules<FeedEntry, FeedBlocked>;
  /** Delta bodies by `since`, for this view only. */
  deltas: Map<number, { etag: string; body: EncodedBody }>;
  /** Entries left out because their expiry has passed, which a delta must report as removed. */
  lapsedIds: string[];
  /** The latest expires_at (ms) among them, or null: part of the ETag. */
  lapsedThrough: number | null;
  /** When the next entry lapses (ms; Infinity when none will). */
  nextLapseAt: number;
  /** The list as read from the database at this version. */
  base: Snapshot;
}

/** Another instance's change shows within this long; this process's own changes show at once. */
export const FRESHNESS_MS = 1000;
const EXPIRY_SWEEP_MS = 10_000;

export function encodeBody(value: unknown): EncodedBody {
  const json = Buffer.from(JSON.stringify(value));
  return {
    json,
    gzip: gzipSync(json, { level: 6 }),
    br: brotliCompressSync(json, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
    }),
  };
}

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

function toCached(base: Snapshot, now: number): CachedSnapshot {
  const { snapshot, lapsedIds, lapsedThrough, nextLapseAt } = withoutLapsed(base, now);
  return {
    snapshot,
    etag: versionEtag(snapshot.version, undefined, lapsedThrough),
    body: encodeBody(snapshot),
    rules: compileRules(snapshot.entries, snapshot.blocked),
    deltas: new Map(),
    lapsedIds,
    lapsedThrough,
    nextLapseAt,
    base,
  };
}

export class FeedCache {
  private cached: CachedSnapshot | null = null;
  private checkedAt = 0;
  private sweptAt = 0;
  private sweeping = false;
  private pending: Promise<CachedSnapshot> | null = null;

  constructor(private readonly db: Db) {
    portalBus.on("allowlist-changed", () => {
      this.checkedAt = 0;
    });
  }

  /**
   * The current snapshot; at most one rebuild runs at a time, however many requests wait.
   * Synchronous while the cached snapshot is fresh (the hot path); a promise when it must be checked.
   */
  current(): CachedSnapshot | Promise<CachedSnapshot> {
    const now = Date.now();
    if (this.cached && now - this.checkedAt < FRESHNESS_MS) return this.servedAt(now);
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The cached view, rebuilt in memory (no database) when an entry has lapsed since it was made. */
  private servedAt(now: number): CachedSnapshot {
    const cached = this.cached!;
    if (now < cached.nextLapseAt) return cached;
    return (this.cached = toCached(cached.base, now));
  }

  private async refresh(): Promise<CachedSnapshot> {
    this.sweepInBackground();
    try {
      const version = await currentListVersion(this.db);
      if (!this.cached || this.cached.base.version !== version) {
        this.cached = toCached(await loadListAtVersion(this.db), Date.now());
      }
      this.checkedAt = Date.now();
      return this.servedAt(this.checkedAt);
    } catch (error) {
      if (!this.cached) throw error;
      console.warn(
        `[feed] database unreachable, serving version ${this.cached.snapshot.version}: ${(error as Error).message}`,
      );
      this.checkedAt = Date.now();
      return this.servedAt(this.checkedAt);
    }
  }

  /**
   * Records lapsed entries in the database (which moves the version). Never awaited by a request:
   * a stuck writer must not hold up the feed, which already leaves lapsed entries out by itself.
   */
  private sweepInBackground(): void {
    if (this.sweeping || Date.now() - this.sweptAt < EXPIRY_SWEEP_MS) return;
    this.sweeping = true;
    this.sweptAt = Date.now();
    expireLapsedEntries(this.db)
      .catch((error: unknown) => console.warn(`[feed] expiry sweep failed: ${(error as Error).message}`))
      .finally(() => {
        this.sweeping = false;
      });
  }
}
