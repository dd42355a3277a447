// Re-checking one approved CIMD client: fetch its document through the safe fetcher (conditional
// on the last validators), compare it with the published one, and act — unchanged, applied at
// once, waiting for a reviewer, or unreachable. Never throws for anything the client's server does.
import { fetchClientMetadata, type CimdFetchOptions } from "@/lib/cimd/fetch-client-metadata";
import type { CimdPreview } from "@/lib/cimd/preview";
import type { CimdFetchResult } from "@/lib/cimd/result";
import { announceListChange } from "@/lib/allowlist/version";
import { parseRedirectUris } from "@/lib/cimd-clients/schema";
import type { Db } from "@/lib/db";
import { compareDocuments } from "./compare";
import { recordFailure } from "./failure";
import { mailDeveloper, mailReviewers } from "./notify";
import { reachable, recordNewDocument, recordUnchanged, type WatchedClient } from "./record";
import { CHECK_CLAIM_MS, refreshIntervalSeconds, withJitter } from "./schedule";

export interface CheckOptions {
  now?: Date;
  fetchOptions?: CimdFetchOptions;
  /** In [0, 1): the schedule's jitter (tests pin it). */
  random?: () => number;
}

export type CheckOutcome =
  | { outcome: "skipped"; reason: string }
  | { outcome: "unchanged" }
  | { outcome: "applied"; kind: "narrowed" | "harmless"; listVersion: number }
  /** listVersion: the redirect URIs the change removed, published at once (null: it removed none). */
  | { outcome: "pending"; versionId: string; listVersion: number | null }
  | { outcome: "unreachable"; code: string; message: string; alerted: boolean };

const watchedSelect = {
  id: true,
  clientIdUrl: true,
  document: true,
  documentSha256: true,
  redirectUris: true,
  approvedAt: true,
  unreachableSince: true,
  failedChecks: true,
  unreachableAlertAt: true,
  cimdRequestId: true,
  nextCheckAt: true,
  lastCheckedAt: true,
  etag: true,
  lastModified: true,
  revokedAt: true,
} as const;

/** The validators to send: the last 200's, else (first check) those pinned at submission. */
async function validatorsOf(
  db: Db,
  row: { etag: string | null; lastModified: string | null; lastCheckedAt: Date | null; cimdRequestId: string | null },
) {
  if (row.lastCheckedAt || row.etag || row.lastModified || !row.cimdRequestId) {
    return { etag: row.etag, lastModified: row.lastModified };
  }
  const pinned = await db.cimdRequest.findUnique({ where: { id: row.cimdRequestId }, select: { fetchDetails: true } });
  const details = pinned ? (JSON.parse(pinned.fetchDetails) as Partial<CimdPreview["fetch"]>) : {};
  return { etag: details.etag ?? null, lastModified: details.last_modified ?? null };
}

/** Checks the client now, whatever its schedule says (the sweep only calls it for due ones). */
export async function checkCimdClient(db: Db, id: string, options: CheckOptions = {}): Promise<CheckOutcome> {
  const now = options.now ?? new Date();
  const row = await db.cimdClient.findUnique({ where: { id }, select: watchedSelect });
  if (!row || row.revokedAt) return { outcome: "skipped", reason: "not on the list" };
  // A claim in flight looks like a check due within CHECK_CLAIM_MS (every schedule a check leaves is
  // at least 4.5 minutes on): "Check now" then leaves it to the check already fetching.
  if (row.nextCheckAt && row.nextCheckAt > now && row.nextCheckAt.getTime() <= now.getTime() + CHECK_CLAIM_MS) {
    return { outcome: "skipped", reason: "another check is in progress (or due within two minutes)" };
  }
  // Claim it: a second instance (or a second "Check now") that read the same schedule loses.
  const { count } = await db.cimdClient.updateMany({
    where: { id, revokedAt: null, nextCheckAt: row.nextCheckAt },
    data: { nextCheckAt: new Date(now.getTime() + CHECK_CLAIM_MS) },
  });
  if (count === 0) return { outcome: "skipped", reason: "another check is in progress" };

  const validators = await validatorsOf(db, row);
  const fetched = await fetchClientMetadata(row.clientIdUrl, { ...options.fetchOptions, ...validators });
  const client: WatchedClient = row;
  if (fetched.outcome === "failed" || (fetched.outcome === "fetched" && !fetched.approvable)) {
    return recordFailure(db, row, fetched, now, options.random);
  }
  const nextCheckAt = new Date(
    now.getTime() + withJitter(refreshIntervalSeconds(fetched.details.cacheControl), options.random),
  );
  if (fetched.outcome === "not_modified") {
    await recordUnchanged(db, client, reachable(now, nextCheckAt, validators), { backToPublished: false, now });
    return { outcome: "unchanged" };
  }
  return recordFetched(db, client, fetched, nextCheckAt, now);
}

async function recordFetched(
  db: Db,
  client: WatchedClient,
  fetched: CimdFetchResult,
  nextCheckAt: Date,
  now: Date,
): Promise<CheckOutcome> {
  const seen = { body: fetched.body!, sha256: fetched.sha256!, redirectUris: fetched.redirectUris.map((r) => r.uri) };
  const schedule = reachable(now, nextCheckAt, {
    etag: fetched.details.etag,
    lastModified: fetched.details.lastModified,
  });
  const pinned = new Set(parseRedirectUris(client.redirectUris));
  // The published bytes again, and every URI they list still pinned (a removal published while the
  // rest of a change waited narrows the set below the document: those URIs coming back are added).
  const backToPublished = seen.sha256 === client.documentSha256 && seen.redirectUris.every((uri) => pinned.has(uri));
  // The same bytes as published, as the change already waiting, or as the one a reviewer turned down.
  const known =
    backToPublished ||
    (
      await db.cimdDocumentVersion.findFirst({
        where: { cimdClientId: client.id, status: { in: ["pending", "rejected"] } },
        orderBy: { seenAt: "desc" },
        select: { documentSha256: true },
      })
    )?.documentSha256 === seen.sha256;
  if (known) {
    await recordUnchanged(db, client, schedule, { backToPublished, now });
    return { outcome: "unchanged" };
  }
  const change = compareDocuments(
    {
      document: JSON.parse(client.document) as Record<string, unknown>,
      redirectUris: parseRedirectUris(client.redirectUris),
    },
    { document: fetched.document!, redirectUris: seen.redirectUris },
  );
  const recorded = await recordNewDocument(db, client, seen, change, schedule, now);
  if (!recorded) return { outcome: "skipped", reason: STALE };
  if (recorded.listVersion !== null) announceListChange();
  if (change.removedUris.length > 0) await mailRemoval(db, client.id, change.removedUris);
  if (change.kind === "widening") {
    const what = [
      ...change.addedUris.map((uri) => `• new redirect URI ${uri}`),
      ...change.removedUris.map((uri) => `• redirect URI ${uri} removed (already applied)`),
      ...change.changedFields.map((field) => `• ${field} added, removed or changed`),
    ].join("\n");
    await mailReviewers(db, client.id, `Document changed: ${client.clientIdUrl}`, [
      "The client's metadata document changed in a way that needs a review. The approved redirect URIs (less any it removed) stay published until you approve or reject the change.",
      what,
    ]);
    return { outcome: "pending", versionId: recorded.versionId, listVersion: recorded.listVersion };
  }
  return { outcome: "applied", kind: change.kind, listVersion: recorded.listVersion! };
}

const STALE = "the published document changed during the check (a reviewer's decision?); the next check compares again";

/** A removal is published at once, alone or ahead of a change that waits: the developer hears why. */
function mailRemoval(db: Db, cimdClientId: string, removedUris: string[]) {
  return mailDeveloper(db, cimdClientId, (url) => `Redirect URIs removed: ${url}`, [
    "Your client's metadata document no longer lists these redirect URIs, so the allowlist no longer accepts them:",
    removedUris.map((uri) => `• ${uri}`).join("\n"),
  ]);
}
