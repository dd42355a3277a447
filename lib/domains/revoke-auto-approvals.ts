// What a domain approved on its own stops counting when the proof no longer speaks for the owner
// (a transfer, or the owner releasing the claim): its entries and CIMD clients are revoked.
import { bumpListVersion, type ListChangeInput } from "@/lib/allowlist/version";
import type { Tx } from "@/lib/db";

/** Revokes the entries and CIMD clients the domain approved; only those still in the feed are list changes. */
export async function revokeAutoApprovals(
  tx: Tx,
  domainId: string,
  actorId: string,
  reason: string,
): Promise<string[]> {
  const where = { autoApprovedDomainId: domainId, revokedAt: null };
  const [entries, clients] = await Promise.all([
    tx.allowlistEntry.findMany({ where, select: { id: true, expiredAt: true, suspendedAt: true } }),
    tx.cimdClient.findMany({ where, select: { id: true, expiredAt: true, suspendedAt: true } }),
  ]);
  const data = { revokedAt: new Date(), revokedById: actorId, revokeReason: reason };
  await tx.allowlistEntry.updateMany({ where: { id: { in: entries.map((e) => e.id) } }, data });
  await tx.cimdClient.updateMany({ where: { id: { in: clients.map((c) => c.id) } }, data });
  const listed = (rows: typeof entries) => rows.filter((r) => !r.expiredAt && !r.suspendedAt).map((r) => r.id);
  const changes: ListChangeInput[] = [
    ...listed(entries).map((targetId) => ({ op: "removed" as const, target: "entry" as const, targetId })),
    ...listed(clients).map((targetId) => ({ op: "removed" as const, target: "client" as const, targetId })),
  ];
  if (changes.length > 0) await bumpListVersion(tx, changes);
  return [...entries, ...clients].map((r) => r.id);
}
