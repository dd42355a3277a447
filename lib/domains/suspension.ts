// A lapsed domain's auto-approved entries and CIMD clients leave the feed (suspendedAt) without
// being deleted, and come back when the domain verifies again. Both are list changes: the version
// moves, so pollers and the in-memory list see them like a removal and an addition. The ids
// returned are those of the entries and clients, for the audit row.
import type { Tx } from "@/lib/db";
import { bumpListVersion, type ListChangeInput } from "@/lib/allowlist/version";

const live = { revokedAt: null, expiredAt: null };

async function setSuspended(tx: Tx, domainId: string, suspendedAt: Date | null): Promise<string[]> {
  const where = { autoApprovedDomainId: domainId, ...live, suspendedAt: suspendedAt ? null : { not: null } };
  const [entries, clients] = await Promise.all([
    tx.allowlistEntry.findMany({ where, select: { id: true } }),
    tx.cimdClient.findMany({ where, select: { id: true } }),
  ]);
  if (entries.length === 0 && clients.length === 0) return [];
  const entryIds = entries.map((e) => e.id);
  const clientIds = clients.map((c) => c.id);
  await tx.allowlistEntry.updateMany({ where: { id: { in: entryIds } }, data: { suspendedAt } });
  await tx.cimdClient.updateMany({ where: { id: { in: clientIds } }, data: { suspendedAt } });
  const op = suspendedAt ? ("removed" as const) : ("added" as const);
  const changes: ListChangeInput[] = [
    ...entryIds.map((targetId) => ({ op, target: "entry" as const, targetId })),
    ...clientIds.map((targetId) => ({ op, target: "client" as const, targetId })),
  ];
  await bumpListVersion(tx, changes);
  return [...entryIds, ...clientIds];
}

export function suspendEntriesInTx(tx: Tx, domainId: string, now: Date): Promise<string[]> {
  return setSuspended(tx, domainId, now);
}

export function restoreEntriesInTx(tx: Tx, domainId: string): Promise<string[]> {
  return setSuspended(tx, domainId, null);
}
