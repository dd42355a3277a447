// The feed's answers counted by endpoint and status, as plain numbers: counting is on the poll's
// hot path (the 304 fast path included), where a prom-client label lookup would allocate. The
// metrics registry (registry.ts) reads them at scrape time. On globalThis: the portal's server and
// Next.js's bundle load separate copies of lib/, and both answer feed requests.

export type FeedEndpoint = "feed" | "signed";

interface FeedCounters {
  feed: Map<number, number>;
  signed: Map<number, number>;
}

const holder = globalThis as unknown as { portalFeedCounters?: FeedCounters };
export const feedCounters: FeedCounters = (holder.portalFeedCounters ??= { feed: new Map(), signed: new Map() });

/** One answer. Small-integer keys and values: no allocation. */
export function countFeedAnswer(endpoint: FeedEndpoint, status: number): void {
  const counts = feedCounters[endpoint];
  counts.set(status, (counts.get(status) ?? 0) + 1);
}
