import "server-only";
import { db } from "@/lib/db";
import { uriCountsByRequest } from "@/lib/db/counts";
import { containsText } from "@/lib/db/search";
import { OPEN_STATUSES, REQUEST_STATUSES, UNDECIDED_STATUSES } from "@/lib/requests/status";
import { QUEUE_PAGE_SIZE, type QueueFilter } from "./schema";

function whereFor(filter: QueueFilter, reviewerId: string) {
  const q = filter.q;
  return {
    ...(filter.flag ? { flagCodes: { contains: filter.flag } } : {}),
    ...(filter.clientType ? { client: { clientType: filter.clientType } } : {}),
    ...(filter.assignee === "me"
      ? { assigneeId: reviewerId }
      : filter.assignee === "none"
        ? { assigneeId: null }
        : filter.assignee
          ? { assigneeId: filter.assignee }
          : {}),
    ...(q
      ? {
          OR: [
            { client: { name: containsText(q) } },
            { requester: { email: containsText(q.toLowerCase()) } },
            { uris: { some: { uri: { contains: q } } } },
          ],
        }
      : {}),
  };
}

/** Oldest first, keyset-paginated on (submittedAt, id): fast however deep the queue is. */
export async function listQueue(filter: QueueFilter, reviewerId: string) {
  const where = whereFor(filter, reviewerId);
  const [afterDate, afterId] = filter.after?.split("_") ?? [];
  const cursorWhere =
    afterDate && afterId && !Number.isNaN(Date.parse(afterDate))
      ? {
          OR: [{ submittedAt: { gt: new Date(afterDate) } }, { submittedAt: new Date(afterDate), id: { gt: afterId } }],
        }
      : {};
  const page = (status?: string) =>
    db.request.findMany({
      where: { AND: [where, cursorWhere, status ? { status } : {}] },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: QUEUE_PAGE_SIZE + 1,
      select: {
        id: true,
        status: true,
        submittedAt: true,
        flagCodes: true,
        client: { select: { name: true, clientType: true } },
        requester: { select: { email: true } },
        assignee: { select: { email: true } },
      },
    });
  // One indexed (status, submittedAt) walk per status, merged: an IN over several statuses would
  // make the database sort every matching row to find the oldest few.
  const statuses = filter.status === "open" ? OPEN_STATUSES : filter.status === "all" ? [undefined] : [filter.status];
  const rows = (await Promise.all(statuses.map(page)))
    .flat()
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const slice = rows.slice(0, QUEUE_PAGE_SIZE);
  const uriCounts = await uriCountsByRequest(slice.map((r) => r.id));
  const result = slice.map((r) => ({ ...r, uriCount: uriCounts.get(r.id) ?? 0 }));
  const last = result.at(-1);
  return {
    rows: result,
    next: rows.length > QUEUE_PAGE_SIZE && last ? `${last.submittedAt.toISOString()}_${last.id}` : null,
  };
}

export async function statusCounts() {
  const groups = await db.request.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

const WEEK = 7 * 24 * 3600_000;

let statsCache: { at: number; mark: string; value: Awaited<ReturnType<typeof computeQueueStats>> } | null = null;

/** The latest submission and decision: two index lookups that change whenever the chart would. */
async function statsMark(): Promise<string> {
  const [submitted, decided] = await Promise.all([
    db.request.findFirst({ orderBy: { submittedAt: "desc" }, select: { submittedAt: true } }),
    db.request.findFirst({
      where: { decidedAt: { not: null } },
      orderBy: { decidedAt: "desc" },
      select: { decidedAt: true },
    }),
  ]);
  return `${submitted?.submittedAt.getTime() ?? 0}:${decided?.decidedAt?.getTime() ?? 0}`;
}

/** The chart's figures, recomputed when a request was submitted or decided since (a reviewer who
 *  has just decided sees the chart move, on every instance), and at least once a minute (the weeks
 *  roll on). Otherwise cached: the sixteen counts behind it describe weeks, not seconds. */
export async function queueStats() {
  const mark = await statsMark();
  if (statsCache && statsCache.mark === mark && Date.now() - statsCache.at < 60_000) return statsCache.value;
  const value = await computeQueueStats();
  statsCache = { at: Date.now(), mark, value };
  return value;
}

/** Requests received and decided in each of the last eight weeks, and the median time to decision. */
async function computeQueueStats() {
  const now = Date.now();
  const weeks = Array.from({ length: 8 }, (_, i) => ({
    from: new Date(now - (8 - i) * WEEK),
    to: new Date(now - (7 - i) * WEEK),
  }));
  const [received, decided, recent] = await Promise.all([
    Promise.all(weeks.map((w) => db.request.count({ where: { submittedAt: { gte: w.from, lt: w.to } } }))),
    Promise.all(
      weeks.map((w) =>
        db.request.count({
          where: { decidedAt: { gte: w.from, lt: w.to }, status: { notIn: [...UNDECIDED_STATUSES, "withdrawn"] } },
        }),
      ),
    ),
    db.request.findMany({
      where: {
        decidedAt: { gte: new Date(now - 13 * WEEK) },
        status: { in: ["approved", "partially_approved", "rejected"] },
      },
      select: { submittedAt: true, decidedAt: true },
      orderBy: { decidedAt: "desc" },
      take: 5000,
    }),
  ]);
  const durations = recent.map((r) => r.decidedAt!.getTime() - r.submittedAt.getTime()).sort((a, b) => a - b);
  const median = durations.length ? durations[Math.floor(durations.length / 2)]! : null;
  return {
    weeks: weeks.map((w, i) => ({ start: w.from, received: received[i]!, decided: decided[i]! })),
    medianMs: median,
  };
}

export async function listReviewers() {
  return db.user.findMany({
    where: { role: { in: ["reviewer", "admin"] }, deactivatedAt: null },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
}
