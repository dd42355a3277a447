import "server-only";
import { parseRedirectUris } from "@/lib/cimd-clients/schema";
import { db } from "@/lib/db";
import type { DocumentChanges } from "./compare";
import { diffDocuments, type DiffLine } from "./diff";
import type { DriftFilter } from "./schema";

const PUBLISHED = new Set(["published", "approved"]);

export interface TimelineEntry {
  id: string;
  seenAt: Date;
  kind: string;
  status: string;
  documentSha256: string;
  redirectUris: string[];
  changes: DocumentChanges;
  reason: string | null;
  decidedAt: Date | null;
  /** Against the document published when this one was seen; null for the first. */
  diff: DiffLine[] | null;
}

/** An approved CIMD client's drift state and document timeline, newest first; null when unknown. */
export async function getCimdDrift(id: string) {
  const client = await db.cimdClient.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      clientIdUrl: true,
      clientId: true,
      document: true,
      documentSha256: true,
      redirectUris: true,
      approvedAt: true,
      revokedAt: true,
      revokeReason: true,
      lastCheckedAt: true,
      lastChangedAt: true,
      nextCheckAt: true,
      unreachableSince: true,
      failedChecks: true,
      lastError: true,
      versions: { orderBy: [{ seenAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!client) return null;
  const { versions, ...rest } = client;
  const timeline: TimelineEntry[] = [];
  let base: string | null = null;
  for (const version of versions) {
    timeline.push({
      id: version.id,
      seenAt: version.seenAt,
      kind: version.kind,
      status: version.status,
      documentSha256: version.documentSha256,
      redirectUris: parseRedirectUris(version.redirectUris),
      changes: JSON.parse(version.changes) as DocumentChanges,
      reason: version.reason,
      decidedAt: version.decidedAt,
      diff: base === null ? null : diffDocuments(base, version.document),
    });
    // What a later version is compared with: the document that was published at the time it was seen.
    if (PUBLISHED.has(version.status) || base === null) base = version.document;
  }
  return {
    ...rest,
    redirectUris: parseRedirectUris(client.redirectUris),
    timeline: timeline.reverse(),
    pending: timeline.find((entry) => entry.status === "pending") ?? null,
  };
}
export type CimdDrift = NonNullable<Awaited<ReturnType<typeof getCimdDrift>>>;

/** The same, for the developer who owns the portal client it belongs to; null otherwise. */
export async function getCimdDriftForOwner(id: string, ownerId: string) {
  const row = await db.cimdClient.findUnique({ where: { id }, select: { clientId: true } });
  if (!row?.clientId) return null;
  const owned = await db.client.count({ where: { id: row.clientId, ownerId } });
  return owned ? getCimdDrift(id) : null;
}

/** A developer's portal client's approved CIMD clients, for its page. */
export async function listCimdClientsOf(clientId: string) {
  return db.cimdClient.findMany({
    where: { clientId },
    orderBy: { approvedAt: "desc" },
    select: { id: true, clientIdUrl: true, revokedAt: true, unreachableSince: true, lastCheckedAt: true },
  });
}

/** The review queue's drift views: pending document changes, or unreachable clients, oldest first. */
export async function listDriftQueue(filter: DriftFilter) {
  if (filter === "changed") {
    const rows = await db.cimdDocumentVersion.findMany({
      where: { status: "pending", cimdClient: { revokedAt: null } },
      orderBy: [{ seenAt: "asc" }, { id: "asc" }],
      take: 200,
      select: { seenAt: true, changes: true, cimdClient: { select: { id: true, clientIdUrl: true } } },
    });
    return rows.map((row) => ({
      id: row.cimdClient.id,
      clientIdUrl: row.cimdClient.clientIdUrl,
      since: row.seenAt,
      detail: summarize(JSON.parse(row.changes) as DocumentChanges),
    }));
  }
  const rows = await db.cimdClient.findMany({
    where: { revokedAt: null, unreachableSince: { not: null } },
    orderBy: [{ unreachableSince: "asc" }, { id: "asc" }],
    take: 200,
    select: { id: true, clientIdUrl: true, unreachableSince: true, lastError: true },
  });
  return rows.map((row) => ({
    id: row.id,
    clientIdUrl: row.clientIdUrl,
    since: row.unreachableSince!,
    detail: row.lastError ?? "",
  }));
}

export async function driftCounts(): Promise<Record<DriftFilter, number>> {
  const [changed, unreachable] = await Promise.all([
    db.cimdDocumentVersion.count({ where: { status: "pending", cimdClient: { revokedAt: null } } }),
    db.cimdClient.count({ where: { revokedAt: null, unreachableSince: { not: null } } }),
  ]);
  return { changed, unreachable };
}

export function summarize(changes: DocumentChanges): string {
  return [
    ...changes.addedUris.map((uri) => `+ ${uri}`),
    ...changes.removedUris.map((uri) => `− ${uri}`),
    ...changes.changedFields.map((field) => `${field} changed`),
  ].join(" · ");
}

/** The approved CIMD client a request put on the list, if any (for a link from the request's page). */
export async function cimdClientOfRequest(requestId: string) {
  const pinned = await db.cimdRequest.findUnique({ where: { requestId }, select: { id: true } });
  if (!pinned) return null;
  return db.cimdClient.findFirst({ where: { cimdRequestId: pinned.id }, select: { id: true } });
}

/** Per listed client: a change waiting for a reviewer, or unreachable since when (the entries page's markers). */
export async function driftMarkers(ids: string[]) {
  const [pending, unreachable] = await Promise.all([
    db.cimdDocumentVersion.findMany({
      where: { cimdClientId: { in: ids }, status: "pending" },
      select: { cimdClientId: true },
    }),
    db.cimdClient.findMany({
      where: { id: { in: ids }, unreachableSince: { not: null } },
      select: { id: true, unreachableSince: true },
    }),
  ]);
  return {
    pending: new Set(pending.map((row) => row.cimdClientId)),
    unreachableSince: new Map(unreachable.map((row) => [row.id, row.unreachableSince!])),
  };
}
