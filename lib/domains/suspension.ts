// A lapsed domain's auto-approved entries and CIMD clients leave the feed (suspendedAt) without
// being deleted, and come back when the domain verifies again. Both are list changes: the version
// moves, so pollers and the in-memory list see them like a removal and an addition. The ids
// returned are those of the entries and clients, for the audit row.
import type { Tx } from "@/lib/db";
import { updateDomainApprovalsInTx } from "./domain-approvals";

const live = { revokedAt: null, expiredAt: null };

export function suspendEntriesInTx(tx: Tx, domainId: string, now: Date): Promise<string[]> {
  return updateDomainApprovalsInTx(tx, domainId, {
    where: { ...live, suspendedAt: null },
    data: { suspendedAt: now },
    op: "removed",
    movesInFeed: () => true,
  });
}

export function restoreEntriesInTx(tx: Tx, domainId: string): Promise<string[]> {
  return updateDomainApprovalsInTx(tx, domainId, {
    where: { ...live, suspendedAt: { not: null } },
    data: { suspendedAt: null },
    op: "added",
    movesInFeed: () => true,
  });
}
