// The database side of one check's outcome. Each writes the client's schedule and state, and —
// when the published list changes — the new pinned set with its list version, audit row and
// request timeline event, in one transaction (recordedChange), as approve and revoke do.
import { bumpListVersion } from "@/lib/allowlist/version";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db, Tx } from "@/lib/db";
import type { ChangeKind, DocumentChanges } from "./compare";

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

/** Publishes a document as the client's pinned one: a new list version that the feed and `?since=` carry. */
export async function publishDocumentInTx(tx: Tx, cimdClientId: string, seen: SeenDocument, now: Date) {
  await tx.cimdClient.update({
    where: { id: cimdClientId },
    data: {
      document: seen.body,
      documentSha256: seen.sha256,
      redirectUris: JSON.stringify(seen.redirectUris),
      lastChangedAt: now,
    },
  });
  return bumpListVersion(tx, [{ op: "changed", target: "client", targetId: cimdClientId }]);
}

async function requestIdOf(tx: Tx, client: WatchedClient): Promise<string | null> {
  if (!client.cimdRequestId) return null;
  const row = await tx.cimdRequest.findUnique({ where: { id: client.cimdRequestId }, select: { requestId: true } });
  return row?.requestId ?? null;
}

/**
 * A document that differs from the published one. Narrowed and harmless changes publish at once;
 * a widening one becomes a pending version for a reviewer, and the pinned set stays as it is.
 */
export async function recordNewDocument(
  db: Db,
  client: WatchedClient,
  seen: SeenDocument,
  change: DocumentChanges & { kind: ChangeKind },
  schedule: ReturnType<typeof reachable>,
  now: Date,
) {
  return recordedChange(db, async (tx) => {
    await ensureBaseline(tx, client);
    await supersedePending(tx, client.id, now);
    const { kind, ...changes } = change;
    const widening = kind === "widening";
    const version = await tx.cimdDocumentVersion.create({
      data: {
        cimdClientId: client.id,
        seenAt: now,
        document: seen.body,
        documentSha256: seen.sha256,
        redirectUris: JSON.stringify(seen.redirectUris),
        kind,
        changes: JSON.stringify(changes),
        status: widening ? "pending" : "published",
      },
      select: { id: true },
    });
    await tx.cimdClient.update({ where: { id: client.id }, data: schedule });
    const listVersion = widening ? null : await publishDocumentInTx(tx, client.id, seen, now);
    const requestId = await requestIdOf(tx, client);
    const what = widening ? "changed; the change waits for a reviewer" : `changed (${kind}); applied at once`;
    return {
      result: { versionId: version.id, listVersion },
      audit: {
        actor: null,
        action: widening ? "cimd_client.document_changed" : "cimd_client.document_applied",
        entityType: "cimd_client",
        entityId: client.id,
        before: { sha256: client.documentSha256, redirectUris: JSON.parse(client.redirectUris) as unknown },
        after: { sha256: seen.sha256, redirectUris: seen.redirectUris, kind, ...changes },
      },
      events: requestId ? [{ requestId, type: "cimd_document", detail: `The metadata document ${what}.` }] : [],
    };
  });
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
