// What a domain approved on its own stops counting when the proof no longer speaks for the owner
// (a transfer, or the owner releasing the claim): its entries and CIMD clients are revoked.
import type { Tx } from "@/lib/db";
import { updateDomainApprovalsInTx } from "./domain-approvals";

/** Revokes the entries and CIMD clients the domain approved; only those still in the feed are list changes. */
export function revokeAutoApprovals(tx: Tx, domainId: string, actorId: string, reason: string): Promise<string[]> {
  return updateDomainApprovalsInTx(tx, domainId, {
    where: { revokedAt: null },
    data: { revokedAt: new Date(), revokedById: actorId, revokeReason: reason },
    op: "removed",
    movesInFeed: (row) => !row.expiredAt && !row.suspendedAt,
  });
}
