import type { Db } from "@/lib/db";
import { verifyChain } from "./chain";

export async function verifyAuditLog(db: Db) {
  const rows = await db.auditLog.findMany({ orderBy: { id: "asc" } });
  return { rows: rows.length, problems: verifyChain(rows) };
}
