// After each append, the chain's new head goes to the log as one greppable line (head.ts says why).
// The append runs inside the caller's transaction, which may still be open — or roll back — when
// recordAuditInTx returns. So the head is read back from committed data, retrying a few times
// until the appended row is visible; a row that never appears was rolled back and is not logged.
import { db } from "@/lib/db";
import { formatHeadLine } from "./head";

const RETRY_DELAYS_MS = [0, 50, 250, 1000, 4000];
const pending = new Set<Promise<void>>();
let lastLogged = "";
/** The server log by default; the CLI keeps stdout for its output (`TOKEN=$(portal token create …)`). */
let writeLine: (line: string) => void = (line) => console.log(line);

export function sendHeadLinesTo(write: (line: string) => void): void {
  writeLine = write;
}

export function announceHeadAfterCommit(appendedId: number): void {
  const announcing = (async () => {
    for (const delay of RETRY_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const logged = await logCommittedHead(appendedId).catch(() => false);
      if (logged) return;
    }
  })();
  pending.add(announcing);
  void announcing.finally(() => pending.delete(announcing));
}

/** For a short-lived process (the CLI): wait until the heads of its appends are logged. */
export async function settleHeadAnnouncements(): Promise<void> {
  await Promise.all(pending);
}

async function logCommittedHead(appendedId: number): Promise<boolean> {
  // In a transaction of its own: on SQLite a plain query would share the connection of a still-open
  // transaction and see its uncommitted row; a transaction waits for that one to finish. One
  // statement, so that the count and the newest row come from the same snapshot.
  const [head] = await db.$transaction(
    (tx) => tx.$queryRaw<{ id: number | bigint; hash: string; count: number | bigint; seen: number | bigint }[]>`
      SELECT "id", "hash",
        (SELECT COUNT(*) FROM "AuditLog") AS "count",
        (SELECT COUNT(*) FROM "AuditLog" WHERE "id" = ${appendedId}) AS "seen"
      FROM "AuditLog" ORDER BY "id" DESC LIMIT 1`,
  );
  if (!head || Number(head.seen) === 0) return false;
  if (head.hash !== lastLogged) {
    lastLogged = head.hash;
    writeLine(formatHeadLine({ count: Number(head.count), id: Number(head.id), hash: head.hash }));
  }
  return true;
}
