import "server-only";
import { db } from "@/lib/db";
import { requestCountsBy } from "@/lib/db/counts";

/** Ownership lives in the where clause: another developer's id finds nothing. */
export async function listOwnClients(ownerId: string) {
  const clients = await db.client.findMany({
    where: { ownerId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      vendor: true,
      clientType: true,
      homepage: true,
      updatedAt: true,
    },
  });
  const counts = await requestCountsBy(
    "clientId",
    clients.map((c) => c.id),
  );
  return clients.map((c) => ({ ...c, requestCount: counts.get(c.id) ?? 0 }));
}

export async function getOwnClient(ownerId: string, id: string) {
  return db.client.findFirst({ where: { id, ownerId } });
}
