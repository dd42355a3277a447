// The database side of one check's outcome. Each writes the client's schedule and state, and —
// when the published list changes — the new pinned set with its list version, audit row and
// request timeline event, in one transaction (recordedChange), as approve and revoke do.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db, Tx } from "@/lib/db";
import type { ChangeKind, DocumentChanges } from "./compare";
import { publishDocumentInTx, publishRemovalInTx, StalePublished, type ComparedState } from "./publish";

export interface WatchedClient {
  id: string;
  clientIdUrl: string;
  document: string;
  documentSha256: string;
  redirectUris: string;
  approvedAt: Date;
  unreachableSince: Date | null;
  cimdRequestId: string | null;
}

export interface SeenDocument {
  body: string;
  sha256: string;
  redirectUris: string[];
}

/** The schedule and validators a successful check leaves; a recovered client is reachable again. */
export function reachable(
  now: Date,
  nextCheckAt: Date,
  validators: { etag: string | null; lastModified: string | null },
) {
  return {
    lastCheckedAt: now,
    nextCheckAt,
    ...validators,
    unreachableSince: null,
    failedChecks: 0,
    lastError: null,
    unreachableAlertAt: null,
  };
}

/** The timeline starts with the document as approved, written the first time a check runs. */
export async function ensureBaseline(tx: Tx, client: WatchedClient): Promise<void> {
  if ((await tx.cimdDocumentVersion.count({ where: { cimdClientId: client.id } })) > 0) return;
  await tx.cimdDocumentVersion.create({
    data: {
      cimdClientId: client.id,
      seenAt: client.approvedAt,
      document: client.document,
      documentSha256: client.documentSha256,
      redirectUris: client.redirectUris,
      kind: "initial",
      changes: JSON.stringify({ addedUris: [], removedUris: [], changedFields: [] }),
      status: "published",
    },
  });
}

/** A pending change the document has moved on from is no longer what anyone should approve. */
export async function supersedePending(tx: Tx, cimdClientId: string, now: Date): Promise<void> {
  await tx.cimdDocumentVersion.updateMany({
    where: { cimdClientId, status: "pending" },
    data: { status: "superseded", decidedAt: now },
  });
}

async function requestIdOf(tx: Tx, client: WatchedClient): Promise<string | null> {
  if (!client.cimdRequestId) return null;
  const row = await tx.cimdRequest.findUnique({ where: { id: client.cimdRequestId }, select: { requestId: true } });
  return row?.requestId ?? null;
}

export interface RecordedDocument {
  versionId: string;
  /** The version that published the change, or (widening) the removal it carried; null: nothing published. */
  listVersion: number | null;
}

/**
 * A document that differs from the published one. Narrowed and harmless changes publish at once;
 * a widening one becomes a pending version for a reviewer, and the pinned set stays as it is but
 * for the URIs it removes. Null when the published state moved since the check read it: nothing is
 * written, not even the validators, so the next check fetches in full and compares again.
 */
export async function recordNewDocument(
  db: Db,
  client: WatchedClient,
  seen: SeenDocument,
  change: DocumentChanges & { kind: ChangeKind },
  schedule: ReturnType<typeof reachable>,
  now: Date,
): Promise<RecordedDocument | null> {
  const compared = { documentSha256: client.documentSha256, redirectUris: client.redirectUris };
  try {
    return await recordedChange(db, (tx) => recordInTx(tx, client, seen, change, schedule, now, compared));
  } catch (error) {
    if (error instanceof StalePublished) return null;
    throw error;
  }
}

async function recordInTx(
  tx: Tx,
  client: WatchedClient,
  seen: SeenDocument,
  change: DocumentChanges & { kind: ChangeKind },
  schedule: ReturnType<typeof reachable>,
  now: Date,
  compared: ComparedState,
) {
  // First, and conditional on what was compared: on PostgreSQL it also locks the row, so no
  // approval can publish between here and the commit.
  const { count } = await tx.cimdClient.updateMany({ where: { id: client.id, ...compared }, data: schedule });
  if (count === 0) throw new StalePublished();
  await ensureBaseline(tx, client);
  await supersedePending(tx, client.id, now);
  const { kind, ...changes } = change;
  const widening = kind === "widening";
  const removedNow = widening && changes.removedUris.length > 0;
  const removal = removedNow ? await publishRemovalInTx(tx, client, changes.removedUris, now, compared) : null;
  // What waits is only the widening part: the removal is already published.
  const waiting = removedNow ? { ...changes, removedUris: [] } : changes;
  const version = await tx.cimdDocumentVersion.create({
    data: {
      cimdClientId: client.id,
      seenAt: now,
      document: seen.body,
      documentSha256: seen.sha256,
      redirectUris: JSON.stringify(seen.redirectUris),
      kind,
      changes: JSON.stringify(waiting),
      status: widening ? "pending" : "published",
    },
    select: { id: true },
  });
  const listVersion = widening ? removal : await publishDocumentInTx(tx, client.id, seen, now, compared);
  if (!widening && listVersion === null) throw new StalePublished();
  const requestId = await requestIdOf(tx, client);
  const what = !widening
    ? `changed (${kind}); applied at once`
    : removedNow
      ? "changed; the redirect URIs it no longer lists were removed at once, the rest waits for a reviewer"
      : "changed; the change waits for a reviewer";
  return {
    result: { versionId: version.id, listVersion },
    audit: {
      actor: null,
      action: widening ? "cimd_client.document_changed" : "cimd_client.document_applied",
      entityType: "cimd_client",
      entityId: client.id,
      before: { sha256: client.documentSha256, redirectUris: JSON.parse(client.redirectUris) as unknown },
      after: { sha256: seen.sha256, redirectUris: seen.redirectUris, kind, ...waiting },
    },
    events: requestId ? [{ requestId, type: "cimd_document", detail: `The metadata document ${what}.` }] : [],
  };
}

/** Unchanged (a 304, or the same bytes): only the check time and the schedule move. */
export async function recordUnchanged(
  db: Db,
  client: WatchedClient,
  schedule: ReturnType<typeof reachable>,
  options: { backToPublished: boolean; now: Date },
) {
  await db.$transaction(async (tx) => {
    await tx.cimdClient.update({ where: { id: client.id }, data: schedule });
    // The document went back to the published bytes: a change still waiting is moot.
    if (options.backToPublished) await supersedePending(tx, client.id, options.now);
  });
  if (client.unreachableSince) {
    await recordedChange(db, async () => ({
      result: null,
      audit: { actor: null, action: "cimd_client.reachable", entityType: "cimd_client", entityId: client.id },
    }));
  }
}
