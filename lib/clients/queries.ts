import "server-only";
import { db } from "@/lib/db";

/** Ownership lives in the where clause: another developer's id finds nothing. */
export async function listOwnClients(ownerId: string) {
  return db.client.findMany({
    where: { ownerId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      vendor: true,
      clientType: true,
      homepage: true,
      updatedAt: true,
      _count: { select: { requests: true } },
    },
  });
}

export async function getOwnClient(ownerId: string, id: string) {
  return db.client.findFirst({ where: { id, ownerId } });
}
