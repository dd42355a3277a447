// A reviewer's verdict on a pending document change. Approving publishes the new document, its
// hash and its redirect URIs as the pinned set (a new list version); rejecting leaves the list as
// it is. One conditional update decides, so of two reviewers acting at once exactly one wins.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import { announceListChange } from "@/lib/allowlist/version";
import type { Role } from "@/lib/auth/roles";
import { parseRedirectUris } from "@/lib/cimd-clients/schema";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { mailDeveloper } from "./notify";
import { publishDocumentInTx } from "./publish";
import type { DecideDocumentChangeInput } from "./schema";

export async function decideDocumentChange(
  db: Db,
  actor: Actor & { role: Role },
  input: Omit<DecideDocumentChangeInput, "cimdClientId">,
  options: { now?: Date; ip?: string | null } = {},
) {
  const now = options.now ?? new Date();
  const decided = await recordedChange(db, async (tx) => {
    const version = await tx.cimdDocumentVersion.findUnique({
      where: { id: input.versionId },
      select: {
        id: true,
        document: true,
        documentSha256: true,
        redirectUris: true,
        changes: true,
        cimdClient: { select: { id: true, kind: true, clientIdUrl: true, revokedAt: true, cimdRequestId: true } },
      },
    });
    if (!version) throw new UserError("That document change does not exist.", 404);
    const client = version.cimdClient;
    if (client.revokedAt) throw new UserError("This client has been revoked; there is nothing to publish.");
    // As for the original request: a host rule trusts documents nobody has seen, so only an admin widens it.
    if (client.kind === "client_id_host" && actor.role !== "admin") {
      throw new UserError("Only an admin may approve a change to a client_id_host client.", 403);
    }
    const { count } = await tx.cimdDocumentVersion.updateMany({
      where: { id: version.id, status: "pending" },
      data: { status: input.decision, decidedById: actor.id, decidedAt: now, reason: input.reason ?? null },
    });
    if (count === 0) throw new UserError("This change was already decided, or a newer document replaced it.");
    const listVersion =
      input.decision === "approved"
        ? await publishDocumentInTx(
            tx,
            client.id,
            {
              body: version.document,
              sha256: version.documentSha256,
              redirectUris: parseRedirectUris(version.redirectUris),
            },
            now,
          )
        : null;
    const request = client.cimdRequestId
      ? await tx.cimdRequest.findUnique({ where: { id: client.cimdRequestId }, select: { requestId: true } })
      : null;
    return {
      result: { cimdClientId: client.id, clientIdUrl: client.clientIdUrl, listVersion },
      audit: {
        actor,
        action: `cimd_client.document_${input.decision}`,
        entityType: "cimd_client",
        entityId: client.id,
        after: {
          versionId: version.id,
          sha256: version.documentSha256,
          changes: JSON.parse(version.changes) as unknown,
        },
        reason: input.reason ?? null,
        ip: options.ip ?? null,
      },
      events: request
        ? [{ requestId: request.requestId, type: "cimd_document", detail: `A document change was ${input.decision}.` }]
        : [],
    };
  });
  if (decided.listVersion !== null) announceListChange();
  await mailDeveloper(
    db,
    decided.cimdClientId,
    (url) => `Document change ${input.decision}: ${url}`,
    input.decision === "approved"
      ? [
          "A reviewer approved the change to your client's metadata document. Its new redirect URIs are on the allowlist now.",
        ]
      : [
          `A reviewer rejected the change to your client's metadata document: ${input.reason ?? ""}`,
          "The redirect URIs on the allowlist stay as they are (any the new document no longer lists were already removed).",
        ],
  );
  return decided;
}
