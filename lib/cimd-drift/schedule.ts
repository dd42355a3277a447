// When an approved client's document is fetched next. The document's own Cache-Control max-age
// sets the pace, clamped so that a hostile or careless server can neither make the portal poll it
// every second nor hide a change for weeks; failures back off instead. Jitter spreads the fetches
// of clients approved together, so they do not all fall due in the same minute.

export const MIN_INTERVAL_S = 5 * 60;
export const MAX_INTERVAL_S = 24 * 3600;
export const DEFAULT_INTERVAL_S = 3600;
/** A failed check is retried after 5 min, 10, 20 … at most this long. */
export const MAX_BACKOFF_S = 3600;
/** Unreachable this long → the developer and reviewers are told (once). */
export const UNREACHABLE_ALERT_MS = 24 * 3600_000;
/** A check in flight holds its client this long, so a second instance or "Check now" skips it. */
export const CHECK_CLAIM_MS = 2 * 60_000;
const JITTER = 0.1;

/** max-age in seconds from a Cache-Control header; null when absent or unreadable. */
export function maxAgeOf(cacheControl: string | null): number | null {
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/i.exec(cacheControl ?? "");
  return match ? Number(match[1]) : null;
}

/** The re-fetch interval a response asks for, clamped to [5 min, 24 h]; 1 h when it says nothing. */
export function refreshIntervalSeconds(cacheControl: string | null): number {
  const maxAge = maxAgeOf(cacheControl);
  if (maxAge === null) return DEFAULT_INTERVAL_S;
  return Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, maxAge));
}

/** `seconds` give or take 10 %; `random` in [0, 1) is injectable for tests. */
export function withJitter(seconds: number, random: () => number = Math.random): number {
  return Math.round(seconds * 1000 * (1 - JITTER + 2 * JITTER * random()));
}

/** Retry delay after the n-th failure in a row (n ≥ 1). */
export function backoffSeconds(failures: number): number {
  return Math.min(MAX_BACKOFF_S, MIN_INTERVAL_S * 2 ** Math.max(0, failures - 1));
}
