// Taking a CIMD client off the list: applies at once, with its version bump and audit row.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import { announceListChange, bumpListVersion } from "@/lib/allowlist/version";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/user-error";

export async function revokeCimdClient(db: Db, id: string, reason: string, actor: Actor, ip?: string | null) {
  const revoked = await recordedChange(db, async (tx) => {
    const client = await tx.cimdClient.findUnique({
      where: { id },
      select: { id: true, kind: true, clientIdUrl: true, cimdRequestId: true },
    });
    if (!client) throw new UserError("That client does not exist.", 404);
    const { count } = await tx.cimdClient.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.id, revokeReason: reason },
    });
    if (count === 0) throw new UserError("That client is no longer on the list (already revoked).");
    await bumpListVersion(tx, [{ op: "removed", target: "client", targetId: id }]);
    const pinned = client.cimdRequestId
      ? await tx.cimdRequest.findUnique({ where: { id: client.cimdRequestId }, select: { requestId: true } })
      : null;
    return {
      result: { id, clientIdUrl: client.clientIdUrl, requestId: pinned?.requestId ?? null },
      audit: {
        actor,
        action: "cimd_client.revoked",
        entityType: "cimd_client",
        entityId: id,
        before: { clientId: client.clientIdUrl, kind: client.kind },
        reason,
        ip,
      },
      events: pinned
        ? [{ requestId: pinned.requestId, type: "revoked", detail: `${client.clientIdUrl} — ${reason}` }]
        : [],
    };
  });
  announceListChange();
  return revoked;
}
