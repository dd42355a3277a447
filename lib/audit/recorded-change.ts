// Every state change is written with its record: the audit row and, when the change belongs to a
// request, its timeline event — in the change's own transaction, so none of them can exist
// without the others. The audit head is still announced after commit (announce-head.ts).
import type { Db, Tx } from "@/lib/db";
import { type AuditInput, recordAuditInTx } from "./record";

/** A line on a request's timeline; its actor is the audit row's. */
export interface RequestEventInput {
  requestId: string;
  type: string;
  detail?: string;
}

export interface Recorded<T> {
  result: T;
  /** null: nothing changed that needs recording (a role set to the role it already had). */
  audit: AuditInput | null;
  events?: RequestEventInput[];
}

/** Runs `change` in one transaction and writes the audit row and events it returns in the same one. */
export async function recordedChange<T>(db: Db, change: (tx: Tx) => Promise<Recorded<T>>): Promise<T> {
  return db.$transaction(async (tx) => {
    const { result, audit, events = [] } = await change(tx);
    if (events.length > 0) {
      const actorId = audit?.actor?.id ?? null;
      await tx.requestEvent.createMany({
        data: events.map((e) => ({ requestId: e.requestId, actorId, type: e.type, detail: e.detail ?? "" })),
      });
    }
    if (audit) await recordAuditInTx(tx, audit);
    return result;
  });
}
