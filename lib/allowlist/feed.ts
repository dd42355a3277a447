// The feed's hot path: the snapshot is built once per list version and kept in memory with its
// JSON, gzip and brotli bytes and its ETag, shared by every request. A cheap version check (at
// most every FRESHNESS_MS, or at once when this process changes the list) decides whether to
// rebuild. When the database is briefly unreachable the last snapshot keeps being served.
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Db } from "@/lib/db";
import { portalBus } from "@/lib/events/bus";
import { expireLapsedEntries } from "./expiry";
import { compileRules, type CompiledRules } from "@/lib/redirect-uri/match";
import { buildSnapshot, type FeedBlocked, type FeedEntry, type Snapshot } from "./snapshot";
import { currentListVersion } from "./version";

export interface EncodedBody {
  json: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export interface CachedSnapshot {
  snapshot: Snapshot;
  etag: string;
  body: EncodedBody;
  /** The same list compiled for matching, for the validate endpoint. */
  rules: CompiledRules<FeedEntry, FeedBlocked>;
  /** Delta bodies by `since`, for this version only. */
  deltas: Map<number, { etag: string; body: EncodedBody }>;
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

export function versionEtag(version: number, since?: number): string {
  return since === undefined ? `"${version}"` : `"${version}-since-${since}"`;
}

export class FeedCache {
  private cached: CachedSnapshot | null = null;
  private checkedAt = 0;
  private sweptAt = 0;
  private pending: Promise<CachedSnapshot> | null = null;

  constructor(private readonly db: Db) {
    portalBus.on("allowlist-changed", () => {
      this.checkedAt = 0;
    });
  }

  /** The current snapshot; at most one rebuild runs at a time, however many requests wait. */
  /** Synchronous while the cached snapshot is fresh (the hot path); a promise when it must be checked. */
  current(): CachedSnapshot | Promise<CachedSnapshot> {
    if (this.cached && Date.now() - this.checkedAt < FRESHNESS_MS) return this.cached;
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async refresh(): Promise<CachedSnapshot> {
    try {
      if (Date.now() - this.sweptAt >= EXPIRY_SWEEP_MS) {
        this.sweptAt = Date.now();
        await expireLapsedEntries(this.db);
      }
      const version = await currentListVersion(this.db);
      if (!this.cached || this.cached.snapshot.version !== version) {
        const snapshot = await buildSnapshot(this.db);
        this.cached = {
          snapshot,
          etag: versionEtag(snapshot.version),
          body: encodeBody(snapshot),
          rules: compileRules(snapshot.entries, snapshot.blocked),
          deltas: new Map(),
        };
      }
      this.checkedAt = Date.now();
      return this.cached;
    } catch (error) {
      if (!this.cached) throw error;
      console.warn(
        `[feed] database unreachable, serving version ${this.cached.snapshot.version}: ${(error as Error).message}`,
      );
      this.checkedAt = Date.now();
      return this.cached;
    }
  }
}
