// The feed's hot path. The published list lives in memory and moves forward by what changed
// (list-sync.ts); each version becomes a view (feed-view.ts) whose bytes are assembled from cached
// per-entry JSON and gzipped on the thread pool, so a change never stalls the event loop. Until
// the new view's bytes are ready, polls are answered from the previous view; a ?since= poll gets
// the new version's delta at once, since it needs only the list, not the snapshot's bytes.
//
// A cheap version check runs at most every FRESHNESS_MS (at once when this process changes the
// list). When the database is briefly unreachable the last view keeps being served. Expiry is
// enforced here too, from the clock: when an entry's expires_at passes, a view without it is made
// at once, before the sweep has written anything (lapse.ts), and nothing older is served after.
//
// Memory: the list (one object and JSON fragment per entry), the served view and at most one
// newer view being prepared, each with its bytes and its bounded delta cache (delta-cache.ts), and
// the bounded change log (change-log.ts). Older views are dropped as soon as a newer one is served.
import type { Db } from "@/lib/db";
import { portalBus } from "@/lib/events/bus";
import { ChangeLog } from "./change-log";
import { expireLapsedEntries } from "./expiry";
import { FeedView } from "./feed-view";
import { syncPublishedList } from "./list-sync";
import type { PublishedList } from "./published-list";

export { type CachedDelta, FeedView, versionEtag } from "./feed-view";

/** Another instance's change shows within this long; this process's own changes show at once. */
export const FRESHNESS_MS = 1000;
const EXPIRY_SWEEP_MS = 10_000;

export class FeedCache {
  /** The database's list at `list.version`, lapsed entries included. */
  private list: PublishedList | null = null;
  readonly changes = new ChangeLog();
  /** The view of the list now: its bytes may still be in preparation. */
  private newest: FeedView | null = null;
  /** The latest view whose bytes are ready: what polls are answered from. */
  private served: FeedView | null = null;
  private checkedAt = 0;
  private syncing: Promise<void> | null = null;
  private publishing: FeedView | null = null;
  private sweptAt = 0;
  private sweeping = false;

  constructor(private readonly db: Db) {
    portalBus.on("allowlist-changed", () => {
      this.checkedAt = 0;
      // Start now rather than on the next request, so the bytes are ready sooner.
      if (this.list) this.sync().catch(() => undefined);
    });
  }

  /**
   * For a conditional poll: the served view, now. It never waits for a version check or for new
   * bytes (both start in the background when due); it waits only when there is no view yet, or
   * when an entry of the served view has lapsed — a lapsed entry is never served.
   */
  forPoll(): FeedView | Promise<FeedView> {
    const now = Date.now();
    const served = this.served;
    if (!served) return this.current();
    if (now - this.checkedAt >= FRESHNESS_MS) this.sync().catch(() => undefined);
    if (now < served.nextLapseAt) return served;
    return this.current();
  }

  /** forPoll() when it can answer now, else null (the caller takes the general path). */
  pollViewNow(): FeedView | null {
    const served = this.served;
    if (!served) return null;
    const now = Date.now();
    if (now - this.checkedAt >= FRESHNESS_MS) this.sync().catch(() => undefined);
    return now < served.nextLapseAt ? served : null;
  }

  /**
   * The freshest view with its bytes: after a version check when one is due, and after the bytes
   * of the newest view are made. Synchronous while the served view is fresh (the hot path).
   */
  current(): FeedView | Promise<FeedView> {
    const now = Date.now();
    const served = this.served;
    if (served && served === this.newest && now - this.checkedAt < FRESHNESS_MS && now < served.nextLapseAt)
      return served;
    return this.latest().then(async (view) => {
      await view.prepare();
      this.promote(view);
      return view;
    });
  }

  /**
   * The newest view and the list it was made from, after a version check when one is due, without
   * waiting for its bytes: for ?since= deltas and validation.
   */
  async latest(): Promise<FeedView> {
    if (!this.newest || Date.now() - this.checkedAt >= FRESHNESS_MS) await this.sync();
    const now = Date.now();
    if (now >= this.newest!.nextLapseAt) this.setNewest(new FeedView(this.list!, now));
    return this.newest!;
  }

  /** The list the newest view was made from (read it synchronously: a sync changes it in place). */
  get publishedList(): PublishedList {
    return this.list!;
  }

  /** At most one version check at a time, however many requests ask for one. */
  private sync(): Promise<void> {
    this.syncing ??= this.syncNow().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async syncNow(): Promise<void> {
    this.sweepInBackground();
    try {
      const before = this.list?.version;
      const { list, changes, changesAfter } = await syncPublishedList(this.db, this.list);
      const replaced = list !== this.list;
      this.list = list;
      this.changes.record(changesAfter, list.version, changes);
      if (replaced || list.version !== before || !this.newest) this.setNewest(new FeedView(list, Date.now()));
      this.checkedAt = Date.now();
    } catch (error) {
      if (!this.newest) throw error;
      console.warn(`[feed] database unreachable, serving version ${this.newest.version}: ${(error as Error).message}`);
      this.checkedAt = Date.now();
    }
  }

  private setNewest(view: FeedView): void {
    this.newest = view;
    this.publish();
  }

  /** Prepares the newest view's bytes, one view at a time; a view overtaken meanwhile is skipped. */
  private publish(): void {
    if (this.publishing) return;
    const view = this.newest;
    if (!view || view === this.served) return;
    this.publishing = view;
    view
      .prepare()
      .then(
        () => this.promote(view),
        (error: unknown) => console.error("[feed] could not prepare a version", error),
      )
      .finally(() => {
        this.publishing = null;
        if (this.newest !== view) this.publish();
      });
  }

  private promote(view: FeedView): void {
    if (!this.served || view.sequence > this.served.sequence) this.served = view;
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
