// Propagation as people see it: which version each authorization server (an allowlist:read
// token) holds, and how far an approved request has spread. Read from the database only, where
// every instance's recorder writes (store.ts), so any instance answers alike.
import type { Db } from "@/lib/db";
import { currentListVersion } from "@/lib/allowlist/version";

/**
 * A token counts as a live server ("Y" in "picked up by X of Y") when it polled within this. The
 * client library polls every 30–60 s and backs off to at most 5 min on errors, so 10 min still
 * counts a backing-off server, while a token nobody uses any more drops out on its own.
 */
export const RECENT_POLL_MS = 10 * 60_000;

const readerTokens = { revokedAt: null, scopes: { contains: "allowlist:read" } } as const;

export async function listAuthorizationServers(db: Db, now = Date.now()) {
  const [currentVersion, tokens] = await Promise.all([
    currentListVersion(db),
    db.apiToken.findMany({
      where: readerTokens,
      select: { id: true, name: true, prefix: true, poll: { select: { version: true, polledAt: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const servers = tokens.map(({ poll, ...token }) => ({
    ...token,
    lastPollAt: poll?.polledAt ?? null,
    version: poll?.version ?? null,
    behindBy: poll ? Math.max(0, currentVersion - poll.version) : null,
    recent: poll !== null && now - poll.polledAt.getTime() < RECENT_POLL_MS,
  }));
  return { currentVersion, servers };
}

export interface RequestPropagation {
  /** The list version that published the request's last approved entry (or CIMD client). */
  version: number;
  publishedAt: Date;
  /** Live servers holding that version or a later one. */
  pickedUp: number;
  servers: number;
  /** Seconds from publication until the last live server had it; null until all have. */
  seconds: number | null;
}

/** How far a request's approval has spread; null when it published nothing (or its history is gone). */
export async function requestPropagation(
  db: Db,
  requestId: string,
  now = Date.now(),
): Promise<RequestPropagation | null> {
  const [entries, cimd] = await Promise.all([
    db.allowlistEntry.findMany({ where: { requestUri: { requestId } }, select: { id: true } }),
    db.cimdRequest.findUnique({ where: { requestId }, select: { id: true } }),
  ]);
  const clients = cimd ? await db.cimdClient.findMany({ where: { cimdRequestId: cimd.id }, select: { id: true } }) : [];
  const targetIds = [...entries, ...clients].map((row) => row.id);
  if (targetIds.length === 0) return null;
  const change = await db.listChange.findFirst({
    where: { op: "added", targetId: { in: targetIds } },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true },
  });
  if (!change) return null;
  const live = await db.tokenPoll.findMany({
    where: { polledAt: { gte: new Date(now - RECENT_POLL_MS) }, token: readerTokens },
    select: { tokenId: true, version: true, polledAt: true },
  });
  const holding = live.filter((poll) => poll.version >= change.version);
  const result = {
    version: change.version,
    publishedAt: change.createdAt,
    pickedUp: holding.length,
    servers: live.length,
  };
  if (holding.length === 0 || holding.length < live.length) return { ...result, seconds: null };
  return { ...result, seconds: await secondsUntilAllHad(db, change, holding) };
}

/** When the last of these servers first held `version` or later, counted from its publication. */
async function secondsUntilAllHad(
  db: Db,
  change: { version: number; createdAt: Date },
  holding: { tokenId: string; polledAt: Date }[],
): Promise<number> {
  const pickups = await db.tokenPickup.findMany({
    where: { tokenId: { in: holding.map((poll) => poll.tokenId) }, version: { gte: change.version } },
    select: { tokenId: true, at: true },
  });
  const first = new Map<string, number>();
  for (const { tokenId, at } of pickups) first.set(tokenId, Math.min(first.get(tokenId) ?? Infinity, at.getTime()));
  // A pickup pruned or not yet written: the last poll is a later bound, so never an understatement.
  const last = Math.max(...holding.map((poll) => first.get(poll.tokenId) ?? poll.polledAt.getTime()));
  return Math.max(0, Math.round((last - change.createdAt.getTime()) / 1000));
}
