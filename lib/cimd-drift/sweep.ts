// The scheduled re-fetch: every approved CIMD client whose next check is due, at most
// `concurrency` fetches at once. Among instances sharing a database, only the one holding the
// lease sweeps; the schedule itself lives in the database, so a restart picks it up where it was.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db";
import { checkCimdClient, type CheckOptions, type CheckOutcome } from "./check";
import { claimLease, releaseLease } from "./lease";
import { DEFAULT_INTERVAL_S } from "./schedule";

export const SWEEP_LEASE = "cimd-refresh";
/** Longer than a batch can take (each fetch gives up after 5 s). */
const LEASE_MS = 5 * 60_000;
const BATCH = 200;

/** This process's name as a lease holder. */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface SweepOptions extends CheckOptions {
  holder?: string;
  concurrency?: number;
}

export type SweepResult = { leased: false } | { leased: true; checked: { id: string; result: CheckOutcome }[] };

/** Approved, unrevoked, unexpired clients whose check is due; a client never checked is due an hour after approval. */
export function dueWhere(now: Date) {
  return {
    revokedAt: null,
    AND: [
      { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      {
        OR: [
          { nextCheckAt: { lte: now } },
          { nextCheckAt: null, approvedAt: { lte: new Date(now.getTime() - DEFAULT_INTERVAL_S * 1000) } },
        ],
      },
    ],
  };
}

export async function refreshDueCimdClients(db: Db, options: SweepOptions = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const holder = options.holder ?? PROCESS_HOLDER;
  if (!(await claimLease(db, SWEEP_LEASE, holder, LEASE_MS, now))) return { leased: false };
  try {
    const due = await db.cimdClient.findMany({
      where: dueWhere(now),
      orderBy: [{ nextCheckAt: "asc" }, { id: "asc" }],
      take: BATCH,
      select: { id: true },
    });
    const checked = await inPool(due, options.concurrency ?? 4, async ({ id }) => ({
      id,
      result: await checkCimdClient(db, id, options),
    }));
    return { leased: true, checked };
  } finally {
    await releaseLease(db, SWEEP_LEASE, holder, now);
  }
}

/** Runs `work` over `items`, at most `limit` at a time, results in the items' order. */
export async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, runner));
  return results;
}
