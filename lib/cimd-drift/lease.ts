// A named lease row with an expiry: of several instances sharing one database, the one that holds
// it runs the job. Claimed with a conditional update (expired, or already ours), so two claimants
// cannot both win on SQLite or PostgreSQL; an instance that dies simply lets it expire.
import type { Db } from "@/lib/db";

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

/** True when `holder` now holds the lease until now + ttlMs. */
export async function claimLease(db: Db, name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const { count } = await db.workerLease.updateMany({
    where: { name, OR: [{ expiresAt: { lte: now } }, { holder }] },
    data: { holder, expiresAt },
  });
  if (count === 1) return true;
  try {
    await db.workerLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    // The row exists (held by another instance, or created by one just now).
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Lets another instance take it at once; a lease someone else holds is left alone. */
export async function releaseLease(db: Db, name: string, holder: string, now: Date): Promise<void> {
  await db.workerLease.updateMany({ where: { name, holder }, data: { expiresAt: now } });
}
