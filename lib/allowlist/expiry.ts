// Entries and CIMD clients approved with an expiry date leave the list by themselves: this sweep
// takes lapsed ones off (one version bump for the lot) and records it in the audit log.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import { announceListChange, bumpListVersion, type ListChangeInput } from "./version";

const lapsedWhere = (now: Date) => ({ revokedAt: null, expiredAt: null, expiresAt: { lte: now } });

/** Returns how many entries and clients it took off the list. */
export async function expireLapsedEntries(db: Db, now = new Date()): Promise<number> {
  const [entries, clients] = await Promise.all([
    db.allowlistEntry.findMany({ where: lapsedWhere(now), select: { id: true }, take: 1000 }),
    db.cimdClient.findMany({ where: lapsedWhere(now), select: { id: true }, take: 1000 }),
  ]);
  if (entries.length === 0 && clients.length === 0) return 0;
  const expired = await recordedChange(db, async (tx) => {
    // Conditional on expiredAt still being null: two instances sweeping at once expire each row once.
    const claimedEntries = await tx.allowlistEntry.findMany({
      where: { id: { in: entries.map((e) => e.id) }, expiredAt: null, revokedAt: null },
      select: { id: true, uri: true },
    });
    const claimedClients = await tx.cimdClient.findMany({
      where: { id: { in: clients.map((c) => c.id) }, expiredAt: null, revokedAt: null },
      select: { id: true, clientIdUrl: true, cimdRequestId: true },
    });
    const total = claimedEntries.length + claimedClients.length;
    if (total === 0) return { result: 0, audit: null };
    const entryCount = await tx.allowlistEntry.updateMany({
      where: { id: { in: claimedEntries.map((e) => e.id) }, expiredAt: null },
      data: { expiredAt: now },
    });
    const clientCount = await tx.cimdClient.updateMany({
      where: { id: { in: claimedClients.map((c) => c.id) }, expiredAt: null },
      data: { expiredAt: now },
    });
    if (entryCount.count + clientCount.count !== total) throw new Error("expiry raced with another sweep; retry");
    const changes: ListChangeInput[] = [
      ...claimedEntries.map((e) => ({ op: "removed" as const, target: "entry" as const, targetId: e.id })),
      ...claimedClients.map((c) => ({ op: "removed" as const, target: "client" as const, targetId: c.id })),
    ];
    await bumpListVersion(tx, changes);
    // The developer's request timeline says its client left the list, as it does for a revocation.
    const requests = await tx.cimdRequest.findMany({
      where: { id: { in: claimedClients.flatMap((c) => (c.cimdRequestId ? [c.cimdRequestId] : [])) } },
      select: { id: true, requestId: true, clientIdUrl: true },
    });
    return {
      result: total,
      events: requests.map((r) => ({ requestId: r.requestId, type: "expired", detail: r.clientIdUrl })),
      audit: {
        actor: null,
        action: "entry.expired",
        entityType: "allowlist_entry",
        entityId: total === 1 ? (claimedEntries[0]?.id ?? claimedClients[0]!.id) : null,
        after: {
          expired: claimedEntries.map((e) => ({ id: e.id, uri: e.uri })),
          ...(claimedClients.length > 0
            ? { clients: claimedClients.map((c) => ({ id: c.id, clientId: c.clientIdUrl })) }
            : {}),
        },
        reason: "expiry date reached",
      },
    };
  });
  if (expired > 0) announceListChange();
  return expired;
}
