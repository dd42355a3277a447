import "server-only";
import { db } from "@/lib/db";
import type { AuditFilter } from "./schema";

export function auditWhere(filter: AuditFilter) {
  return {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actor ? { actorEmail: { contains: filter.actor.toLowerCase() } } : {}),
    ...(filter.entity ? { OR: [{ entityType: filter.entity }, { entityId: filter.entity }] } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
      : {}),
  };
}

export const AUDIT_PAGE_SIZE = 100;

/** Newest first, keyset-paginated by id. */
export async function listAudit(filter: AuditFilter) {
  const rows = await db.auditLog.findMany({
    where: { AND: [auditWhere(filter), filter.before ? { id: { lt: filter.before } } : {}] },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  return {
    rows: rows.slice(0, AUDIT_PAGE_SIZE),
    next: rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1]!.id : null,
  };
}

function csvCell(value: string | number | Date | null): string {
  const text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  // A leading = + - @ would be run as a formula by spreadsheets: neutralise it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const COLUMNS = [
  "id",
  "at",
  "actorEmail",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
  "reason",
  "ip",
  "prevHash",
  "hash",
] as const;

/** The filtered log as CSV, streamed in batches so a long log does not sit in memory. */
export function auditCsvStream(filter: AuditFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | undefined;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\n`));
      }
      const rows = await db.auditLog.findMany({
        where: { AND: [auditWhere(filter), cursor ? { id: { gt: cursor } } : {}] },
        orderBy: { id: "asc" },
        take: 1000,
      });
      if (rows.length === 0) {
        controller.close();
        return;
      }
      cursor = rows.at(-1)!.id;
      controller.enqueue(
        encoder.encode(rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(",")).join("\n") + "\n"),
      );
    },
  });
}
