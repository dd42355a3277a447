// Entries whose expires_at has passed leave the served list at that instant, in memory, whether or
// not the expiry sweep has managed to write it to the database yet (a stuck SQLite writer, an
// outage): the authorization server must never be told that a lapsed entry is still allowed.
import type { Snapshot } from "@/lib/api/schema";

export interface ServedList {
  /** The snapshot to serve: the database's list at its version, less the lapsed entries. */
  snapshot: Snapshot;
  /** Entries of the database's list that have lapsed though the database may not say so yet. */
  lapsedIds: string[];
  /** The latest expires_at (ms) among the lapsed entries, null when none: it names this view. */
  lapsedThrough: number | null;
  /** The earliest expires_at (ms) still ahead, Infinity when none: the view must be rebuilt then. */
  nextLapseAt: number;
}

export function withoutLapsed(base: Snapshot, now: number): ServedList {
  const lapsedIds: string[] = [];
  let lapsedThrough: number | null = null;
  let nextLapseAt = Infinity;
  const entries = base.entries.filter((entry) => {
    if (entry.expires_at === null) return true;
    const expiresAt = Date.parse(entry.expires_at);
    if (expiresAt > now) {
      nextLapseAt = Math.min(nextLapseAt, expiresAt);
      return true;
    }
    lapsedIds.push(entry.id);
    lapsedThrough = Math.max(lapsedThrough ?? expiresAt, expiresAt);
    return false;
  });
  // CIMD clients lapse alike; as in feed-view.ts their ids stay out of lapsedIds (deltas are entries only).
  let clientsLapsed = false;
  const clients = base.clients.filter((client) => {
    if (client.expires_at === null) return true;
    const expiresAt = Date.parse(client.expires_at);
    if (expiresAt > now) {
      nextLapseAt = Math.min(nextLapseAt, expiresAt);
      return true;
    }
    clientsLapsed = true;
    lapsedThrough = Math.max(lapsedThrough ?? expiresAt, expiresAt);
    return false;
  });
  if (lapsedIds.length === 0 && !clientsLapsed) return { snapshot: base, lapsedIds, lapsedThrough, nextLapseAt };
  return {
    snapshot: { ...base, generated_at: new Date(now).toISOString(), entries, clients },
    lapsedIds,
    lapsedThrough,
    nextLapseAt,
  };
}
