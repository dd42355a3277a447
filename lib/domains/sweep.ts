// The domains' clock: pending claims expire, verified ones are re-checked when due, lapsed ones
// past the grace period have their auto-approved entries suspended. Run by the server on an
// interval (server/serve.ts); `now` and `prove` are injectable for tests.
import { announceListChange } from "@/lib/allowlist/version";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import { DAY_MS, GRACE_DAYS, PENDING_DAYS } from "./schema";
import { suspendEntriesInTx } from "./suspension";
import { checkDomainClaim, expireClaim, type Prover } from "./verify";

const BATCH = 50;

export interface SweepResult {
  expired: number;
  checked: number;
  suspended: number;
}

export async function sweepDomains(db: Db, options: { now?: Date; prove?: Prover } = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const result: SweepResult = { expired: 0, checked: 0, suspended: 0 };

  const stale = await db.verifiedDomain.findMany({
    where: { status: "pending", createdAt: { lte: new Date(now.getTime() - PENDING_DAYS * DAY_MS) } },
    select: { id: true },
    take: BATCH,
  });
  for (const { id } of stale) if (await expireClaim(db, id, now)) result.expired++;

  const due = await db.verifiedDomain.findMany({
    where: { status: { in: ["verified", "lapsed"] }, nextCheckAt: { lte: now } },
    select: { id: true },
    orderBy: { nextCheckAt: "asc" },
    take: BATCH,
  });
  for (const { id } of due) {
    try {
      await checkDomainClaim(db, id, { actor: null, now, prove: options.prove });
      result.checked++;
    } catch (error) {
      // Another instance checked it at the same moment: its result stands.
      console.error(`[domains] re-check of ${id} failed:`, error);
    }
  }

  const overdue = await db.verifiedDomain.findMany({
    where: { status: "lapsed", suspendedAt: null, lapsedAt: { lte: new Date(now.getTime() - GRACE_DAYS * DAY_MS) } },
    select: { id: true, domain: true },
    take: BATCH,
  });
  for (const claim of overdue) {
    const ids = await recordedChange(db, async (tx) => {
      const { count } = await tx.verifiedDomain.updateMany({
        where: { id: claim.id, status: "lapsed", suspendedAt: null },
        data: { suspendedAt: now },
      });
      if (count === 0) return { result: [] as string[], audit: null };
      const suspended = await suspendEntriesInTx(tx, claim.id, now);
      return {
        result: suspended,
        audit: {
          actor: null,
          action: "domain.suspended",
          entityType: "verified_domain",
          entityId: claim.id,
          after: { domain: claim.domain, suspendedEntries: suspended },
          reason: `verification lapsed more than ${GRACE_DAYS} days ago`,
        },
      };
    });
    if (ids.length > 0) announceListChange();
    result.suspended += ids.length;
  }
  return result;
}
