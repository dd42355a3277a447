import "server-only";
import { db } from "@/lib/db";
import { containsText } from "@/lib/db/search";
import type { EntryFilter } from "./schema";

export const ENTRIES_PAGE_SIZE = 50;

export async function listEntries(filter: EntryFilter) {
  const status =
    filter.status === "active"
      ? { revokedAt: null, expiredAt: null }
      : filter.status === "revoked"
        ? { revokedAt: { not: null } }
        : filter.status === "expired"
          ? { expiredAt: { not: null } }
          : {};
  const where = {
    ...status,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.q ? { uri: { contains: filter.q } } : {}),
    ...(filter.host
      ? { OR: [{ uri: { contains: `://${filter.host}/` } }, { uri: { contains: `://${filter.host}:` } }] }
      : {}),
    ...(filter.client
      ? { OR: [{ client: { name: containsText(filter.client) } }, { clientName: containsText(filter.client) }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.allowlistEntry.findMany({
      where,
      orderBy: [{ approvedAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * ENTRIES_PAGE_SIZE,
      take: ENTRIES_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        uri: true,
        approvedAt: true,
        expiresAt: true,
        expiredAt: true,
        revokedAt: true,
        revokeReason: true,
        autoApprovedDomainId: true,
        suspendedAt: true,
        clientName: true,
        client: { select: { name: true } },
        approvedBy: { select: { email: true } },
        revokedBy: { select: { email: true } },
        requestUri: { select: { requestId: true } },
      },
    }),
    db.allowlistEntry.count({ where }),
  ]);
  return { rows, total };
}

export async function listBlocks() {
  return db.blockedEntry.findMany({
    where: { removedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, uri: true, host: true, reason: true, createdAt: true, createdBy: { select: { email: true } } },
  });
}
