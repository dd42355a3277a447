// Which list version each API token was last given, kept in memory by the feed's handlers and
// written to the database in batches (store.ts). Recording is on the poll's hot path, so a poll
// that changes nothing — the usual 304 — only overwrites two fields of an existing object: no
// allocation, no await, no timer per request. A flush runs at most every `intervalMs`.

/** One token's deliveries as they are written: the latest answer, and when its version was first given. */
export interface DeliveryRow {
  tokenId: string;
  version: number;
  polledAt: Date;
  /** When this process first gave `version` to this token; null when that is already written. */
  pickedAt: Date | null;
}

interface Delivery {
  version: number;
  polledAt: number;
  pickedAt: number;
  dirty: boolean;
  pickupDirty: boolean;
}

export type DeliveryStore = (rows: DeliveryRow[]) => Promise<void>;

/** Often enough that the dashboard moves within seconds, rarely enough that polling costs no writes. */
export const FLUSH_MS = 3000;

export class DeliveryRecorder {
  private readonly deliveries = new Map<string, Delivery>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: DeliveryStore,
    private readonly intervalMs = FLUSH_MS,
  ) {}

  /** The feed gave `tokenId` an answer (200 or 304) at `version`. */
  record(tokenId: string, version: number, now: number): void {
    const known = this.deliveries.get(tokenId);
    if (known !== undefined && known.version === version) {
      known.polledAt = now;
      known.dirty = true;
      return;
    }
    // A new token or a new version: rare (once per list change per server), so it may allocate.
    if (known !== undefined) {
      known.version = version;
      known.polledAt = now;
      known.pickedAt = now;
      known.dirty = true;
      known.pickupDirty = true;
    } else {
      this.deliveries.set(tokenId, { version, polledAt: now, pickedAt: now, dirty: true, pickupDirty: true });
    }
    this.timer ??= setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref?.();
  }

  /**
   * Writes everything recorded before this call, one flush at a time: a flush already under way
   * may have collected its rows before the latest polls, so this one waits for it, then runs.
   * On failure the rows are kept for the next flush.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.flushNow().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** The timer's flush: skipped while one is under way (a slow database must not queue them up). */
  private tick(): void {
    if (!this.flushing) void this.flush();
  }

  private async flushNow(): Promise<void> {
    const rows: DeliveryRow[] = [];
    for (const [tokenId, delivery] of this.deliveries) {
      if (!delivery.dirty) continue;
      rows.push({
        tokenId,
        version: delivery.version,
        polledAt: new Date(delivery.polledAt),
        pickedAt: delivery.pickupDirty ? new Date(delivery.pickedAt) : null,
      });
      delivery.dirty = false;
      delivery.pickupDirty = false;
    }
    if (rows.length === 0) return;
    try {
      await this.store(rows);
    } catch (error) {
      // Mark them again (a newer poll meanwhile may already have); the next flush retries.
      for (const row of rows) {
        const delivery = this.deliveries.get(row.tokenId);
        if (!delivery) continue;
        delivery.dirty = true;
        if (row.pickedAt !== null && delivery.version === row.version) delivery.pickupDirty = true;
      }
      console.warn(`[propagation] could not record polls: ${(error as Error).message}`);
    }
  }
}
