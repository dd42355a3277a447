// The audit log's hash chain: each row's hash covers its own fields and the previous row's hash,
// so editing, deleting or reordering rows is detectable (`portal audit verify`). The hash is an
// HMAC keyed with AUDIT_SECRET, which lives outside the database: someone who can write to the
// database cannot recompute the chain after rewriting a row. Deleting the newest rows leaves a
// valid shorter chain; an anchored head (head.ts) catches that.
import { createHash, createHmac } from "node:crypto";

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

export type AuditRow = AuditFields & { id: number; prevHash: string; hash: string };

export const GENESIS_HASH = "0".repeat(64);

function canonical(prevHash: string, row: AuditFields): string {
  return JSON.stringify([
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
}

export function auditHash(secret: string, prevHash: string, row: AuditFields): string {
  return createHmac("sha256", secret).update(canonical(prevHash, row)).digest("hex");
}

/** How rows were hashed before AUDIT_SECRET: plain SHA-256, which anyone can recompute. */
export function legacyAuditHash(prevHash: string, row: AuditFields): string {
  return createHash("sha256").update(canonical(prevHash, row)).digest("hex");
}

export type ChainProblem = { id: number; problem: string };

export interface ChainReport {
  problems: ChainProblem[];
}

/**
 * Checks rows in id order and reports the rows that break the chain. A row hashed without the key
 * (plain SHA-256, as releases before AUDIT_SECRET wrote them) is a problem wherever it stands:
 * accepting such rows, even only as a leading prefix, would let anyone with database access rewrite
 * the whole log as "old" rows and have it verify.
 */
export function verifyChain(rows: AuditRow[], secret: string): ChainReport {
  const problems: ChainProblem[] = [];
  let previous = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== previous)
      problems.push({ id: row.id, problem: "does not follow the previous row (a row was removed or reordered)" });
    if (auditHash(secret, row.prevHash, row) !== row.hash) {
      const unkeyed = legacyAuditHash(row.prevHash, row) === row.hash;
      problems.push({
        id: row.id,
        problem: unkeyed
          ? "is hashed without AUDIT_SECRET (written by a release before the log was keyed, or rewritten by someone without the key)"
          : "its content does not match its hash (the row was edited, or AUDIT_SECRET is not the one it was written with)",
      });
    }
    previous = row.hash;
  }
  return { problems };
}
