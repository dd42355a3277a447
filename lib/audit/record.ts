// Appends to the audit log. The only write the app makes to AuditLog is this insert: there is no
// code path that updates or deletes an audit row.
import type { Db, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { auditHash, GENESIS_HASH } from "./chain";
import { announceHeadAfterCommit } from "./announce-head";

/** Who did something: a user, or (id null) the CLI or the portal itself. */
export interface Actor {
  id: string | null;
  email: string | null;
}

export interface AuditInput {
  actor: Actor | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  ip?: string | null;
}

/** A number of our own for pg_advisory_xact_lock: one writer extends the chain at a time. */
const AUDIT_LOCK_KEY = 7_240_517_312;

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Record inside the caller's transaction, so the audit row and the change commit together. */
export async function recordAuditInTx(tx: Tx, input: AuditInput): Promise<void> {
  if (env.databaseKind === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    at: new Date(),
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: json(input.before),
    after: json(input.after),
    reason: input.reason ?? null,
    ip: input.ip ?? null,
  };
  const row = await tx.auditLog.create({
    data: { ...fields, prevHash, hash: auditHash(env.AUDIT_SECRET, prevHash, fields) },
    select: { id: true },
  });
  announceHeadAfterCommit(row.id);
}

/** Record on its own (for events outside a larger transaction). */
export async function recordAudit(client: Db, input: AuditInput): Promise<void> {
  await client.$transaction((tx) => recordAuditInTx(tx, input));
}
