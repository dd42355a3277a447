// Entries approved with an expiry date leave the list by themselves: this sweep takes lapsed
// entries off (one version bump for the lot) and records it in the audit log.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import { announceListChange, bumpListVersion } from "./version";

export async function expireLapsedEntries(db: Db, now = new Date()): Promise<number> {
  const lapsed = await db.allowlistEntry.findMany({
    where: { revokedAt: null, expiredAt: null, expiresAt: { lte: now } },
    select: { id: true, uri: true },
    take: 1000,
  });
  if (lapsed.length === 0) return 0;
  const expired = await recordedChange(db, async (tx) => {
    const ids = lapsed.map((entry) => entry.id);
    // Conditional on expiredAt still being null: two instances sweeping at once expire each entry once.
    const claimed = await tx.allowlistEntry.findMany({
      where: { id: { in: ids }, expiredAt: null, revokedAt: null },
      select: { id: true, uri: true },
    });
    if (claimed.length === 0) return { result: 0, audit: null };
    const { count } = await tx.allowlistEntry.updateMany({
      where: { id: { in: claimed.map((e) => e.id) }, expiredAt: null },
      data: { expiredAt: now },
    });
    if (count !== claimed.length) throw new Error("expiry raced with another sweep; retry");
    await bumpListVersion(
      tx,
      claimed.map((entry) => ({ op: "removed" as const, target: "entry" as const, targetId: entry.id })),
    );
    return {
      result: claimed.length,
      audit: {
        actor: null,
        action: "entry.expired",
        entityType: "allowlist_entry",
        entityId: claimed.length === 1 ? claimed[0]!.id : null,
        after: { expired: claimed.map((e) => ({ id: e.id, uri: e.uri })) },
        reason: "expiry date reached",
      },
    };
  });
  if (expired > 0) announceListChange();
  return expired;
}
