// A lapsed domain's auto-approved entries leave the feed (suspendedAt) without being deleted, and
// come back when the domain verifies again. Both are list changes: the version moves, so pollers
// and the in-memory list see them like a removal and an addition.
import type { Tx } from "@/lib/db";
import { bumpListVersion } from "@/lib/allowlist/version";

export async function suspendEntriesInTx(tx: Tx, domainId: string, now: Date): Promise<string[]> {
  const entries = await tx.allowlistEntry.findMany({
    where: { autoApprovedDomainId: domainId, revokedAt: null, expiredAt: null, suspendedAt: null },
    select: { id: true },
  });
  const ids = entries.map((e) => e.id);
  if (ids.length === 0) return [];
  await tx.allowlistEntry.updateMany({ where: { id: { in: ids }, suspendedAt: null }, data: { suspendedAt: now } });
  await bumpListVersion(
    tx,
    ids.map((id) => ({ op: "removed" as const, target: "entry" as const, targetId: id })),
  );
  return ids;
}

export async function restoreEntriesInTx(tx: Tx, domainId: string): Promise<string[]> {
  const entries = await tx.allowlistEntry.findMany({
    where: { autoApprovedDomainId: domainId, revokedAt: null, expiredAt: null, suspendedAt: { not: null } },
    select: { id: true },
  });
  const ids = entries.map((e) => e.id);
  if (ids.length === 0) return [];
  await tx.allowlistEntry.updateMany({ where: { id: { in: ids } }, data: { suspendedAt: null } });
  await bumpListVersion(
    tx,
    ids.map((id) => ({ op: "added" as const, target: "entry" as const, targetId: id })),
  );
  return ids;
}
