// The audit log's hash chain: each row's hash covers its own fields and the previous row's hash,
// so editing, deleting or reordering rows is detectable (`portal audit verify`).
import { createHash } from "node:crypto";

export interface AuditFields {
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  ip: string | null;
}

export const GENESIS_HASH = "0".repeat(64);

export function auditHash(prevHash: string, row: AuditFields): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at.toISOString(),
    row.actorId,
    row.actorEmail,
    row.action,
    row.entityType,
    row.entityId,
    row.before,
    row.after,
    row.reason,
    row.ip,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainProblem = { id: number; problem: string };

/** Checks rows in id order; returns the first rows that break the chain. */
export function verifyChain(rows: (AuditFields & { id: number; prevHash: string; hash: string })[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let previous = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== previous)
      problems.push({ id: row.id, problem: "does not follow the previous row (a row was removed or reordered)" });
    if (auditHash(row.prevHash, row) !== row.hash)
      problems.push({ id: row.id, problem: "its content does not match its hash (the row was edited)" });
    previous = row.hash;
  }
  return problems;
}
