// Counts of related rows for one page of results. Prisma's relation `_count` aggregates the whole
// related table before joining, which grows with the database; these count only the page's rows.
import { db } from "./index";

function toMap(groups: { key: string; count: number }[]): Map<string, number> {
  return new Map(groups.map((g) => [g.key, g.count]));
}

export async function uriCountsByRequest(requestIds: string[]): Promise<Map<string, number>> {
  if (requestIds.length === 0) return new Map();
  const groups = await db.requestUri.groupBy({
    by: ["requestId"],
    where: { requestId: { in: requestIds } },
    _count: { _all: true },
  });
  return toMap(groups.map((g) => ({ key: g.requestId, count: g._count._all })));
}

export async function requestCountsBy(field: "clientId" | "requesterId", ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const groups = await db.request.groupBy({ by: [field], where: { [field]: { in: ids } }, _count: { _all: true } });
  return toMap(groups.map((g) => ({ key: (g as Record<string, unknown>)[field] as string, count: g._count._all })));
}
