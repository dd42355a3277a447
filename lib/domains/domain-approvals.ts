// What a verified domain approved on its own — allowlist entries and CIMD clients — changed together:
// suspended with a lapse, restored with a re-verification, revoked with a transfer or a release.
// The rows that enter or leave the feed are list changes (the version moves) in the same transaction.
import { bumpListVersion, type ListChangeInput } from "@/lib/allowlist/version";
import type { Tx } from "@/lib/db";

type ApprovalRow = { id: string; expiredAt: Date | null; suspendedAt: Date | null };

/**
 * Applies `data` to the domain's approvals matching `where`; those for which `movesInFeed` holds
 * are recorded as `op`. Returns the ids of every approval changed (for the audit row).
 */
export async function updateDomainApprovalsInTx(
  tx: Tx,
  domainId: string,
  change: {
    where: object;
    data: { suspendedAt: Date | null } | { revokedAt: Date; revokedById: string; revokeReason: string };
    op: ListChangeInput["op"];
    movesInFeed: (row: ApprovalRow) => boolean;
  },
): Promise<string[]> {
  const where = { autoApprovedDomainId: domainId, ...change.where };
  const select = { id: true, expiredAt: true, suspendedAt: true } as const;
  const [entries, clients] = await Promise.all([
    tx.allowlistEntry.findMany({ where, select }),
    tx.cimdClient.findMany({ where, select }),
  ]);
  if (entries.length === 0 && clients.length === 0) return [];
  await tx.allowlistEntry.updateMany({ where: { id: { in: entries.map((e) => e.id) } }, data: change.data });
  await tx.cimdClient.updateMany({ where: { id: { in: clients.map((c) => c.id) } }, data: change.data });
  const moved = (rows: ApprovalRow[], target: "entry" | "client"): ListChangeInput[] =>
    rows.filter(change.movesInFeed).map((row) => ({ op: change.op, target, targetId: row.id }));
  const changes = [...moved(entries, "entry"), ...moved(clients, "client")];
  if (changes.length > 0) await bumpListVersion(tx, changes);
  return [...entries, ...clients].map((row) => row.id);
}
