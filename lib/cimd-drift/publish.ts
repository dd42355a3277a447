// Writing a new published state for an approved CIMD client: a document (or only a narrower pinned
// set) and its list version. A check's publish is conditional on the state it compared against, so
// a reviewer's approval committed while the check was fetching is never overwritten.
import { bumpListVersion } from "@/lib/allowlist/version";
import { recordAuditInTx } from "@/lib/audit/record";
import { parseRedirectUris } from "@/lib/cimd-clients/schema";
import type { Tx } from "@/lib/db";
import type { WatchedClient } from "./record";

/** The published state a check compared against: it may publish only while this still holds. */
export interface ComparedState {
  documentSha256: string;
  /** The pinned set as stored (JSON), which a removal can narrow without changing the document. */
  redirectUris: string;
}

/** The published state moved (a reviewer approved, another check published) after the check read it. */
export class StalePublished extends Error {}

/**
 * Publishes a document (or, without `body`, only a narrower pinned set) as the client's: a new list
 * version that the feed and `?since=` carry. With `ifStill`, a conditional update: when the
 * published state is no longer the one compared against, nothing is written and it returns null.
 */
export async function publishDocumentInTx(
  tx: Tx,
  cimdClientId: string,
  seen: { body?: string; sha256?: string; redirectUris: string[] },
  now: Date,
  ifStill?: ComparedState,
): Promise<number | null> {
  const { count } = await tx.cimdClient.updateMany({
    where: { id: cimdClientId, ...ifStill },
    data: {
      ...(seen.body !== undefined && { document: seen.body, documentSha256: seen.sha256 }),
      redirectUris: JSON.stringify(seen.redirectUris),
      lastChangedAt: now,
    },
  });
  if (count === 0) return null;
  return bumpListVersion(tx, [{ op: "changed", target: "client", targetId: cimdClientId }]);
}

/**
 * A widening change that also drops redirect URIs: the drop must not wait for the reviewer, so the
 * pinned set loses them now (even down to none: a client with no pinned URI can complete no
 * authorization, which fails closed). The published document stays the approved one — the feed's
 * `document` is always bytes the client served, and its `redirect_uris` are the authoritative set.
 */
export async function publishRemovalInTx(
  tx: Tx,
  client: WatchedClient,
  removedUris: string[],
  now: Date,
  compared: ComparedState,
): Promise<number> {
  const removed = new Set(removedUris);
  const narrowed = parseRedirectUris(client.redirectUris).filter((uri) => !removed.has(uri));
  await tx.cimdDocumentVersion.create({
    data: {
      cimdClientId: client.id,
      seenAt: now,
      document: client.document,
      documentSha256: client.documentSha256,
      redirectUris: JSON.stringify(narrowed),
      kind: "narrowed",
      changes: JSON.stringify({ addedUris: [], removedUris, changedFields: [] }),
      status: "published",
    },
  });
  const listVersion = await publishDocumentInTx(tx, client.id, { redirectUris: narrowed }, now, compared);
  if (listVersion === null) throw new StalePublished();
  await recordAuditInTx(tx, {
    actor: null,
    action: "cimd_client.document_applied",
    entityType: "cimd_client",
    entityId: client.id,
    before: { sha256: client.documentSha256, redirectUris: JSON.parse(client.redirectUris) as unknown },
    after: { sha256: client.documentSha256, redirectUris: narrowed, kind: "narrowed", removedUris },
  });
  return listVersion;
}
