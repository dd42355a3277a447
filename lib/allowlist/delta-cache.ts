// Delta bodies of one view of the list, by `since`, least recently used first out. A view's cache
// goes with the view when the next version is published, so at most two views' caches are alive.

/** Bound per view: DELTA_CACHE_MAX_BODIES bodies and DELTA_CACHE_MAX_BYTES bytes (JSON + compressed). */
export const DELTA_CACHE_MAX_BODIES = 256;
export const DELTA_CACHE_MAX_BYTES = 32 * 2 ** 20;

export interface Sized {
  readonly size: number;
}

export class DeltaCache<T extends Sized> {
  private readonly bodies = new Map<number, T>();

  get(since: number): T | undefined {
    const body = this.bodies.get(since);
    if (body === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks it as the most recently used.
    this.bodies.delete(since);
    this.bodies.set(since, body);
    return body;
  }

  set(since: number, body: T): void {
    this.bodies.delete(since);
    this.bodies.set(since, body);
    this.evict();
  }

  /** Compressed forms are added after a body is cached, so the byte bound is checked on each use too. */
  evict(): void {
    let bytes = 0;
    for (const body of this.bodies.values()) bytes += body.size;
    for (const [since, body] of this.bodies) {
      if (this.bodies.size <= DELTA_CACHE_MAX_BODIES && bytes <= DELTA_CACHE_MAX_BYTES) return;
      this.bodies.delete(since);
      bytes -= body.size;
    }
  }

  get count(): number {
    return this.bodies.size;
  }
}
