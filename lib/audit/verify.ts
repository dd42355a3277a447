import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyChain } from "./chain";
import { type AuditHead, checkHead } from "./head";

export interface VerifyOptions {
  /** A head from the server log: the chain must still hold it at its position. */
  head?: AuditHead;
  secret?: string;
}

export async function verifyAuditLog(db: Db, { head, secret = env.AUDIT_SECRET }: VerifyOptions = {}) {
  const rows = await db.auditLog.findMany({ orderBy: { id: "asc" } });
  const { problems } = verifyChain(rows, secret);
  const headProblem = head ? checkHead(rows, head) : null;
  if (headProblem) problems.push(headProblem);
  return { rows: rows.length, problems };
}
