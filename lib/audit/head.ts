// The chain's head — how many rows it has and the newest row's hash — written to the server log
// after each append. A keyed chain cannot be rewritten, but its newest rows can be deleted and
// what remains still verifies; a head copied from the log (or kept by log shipping, out of the
// database's reach) proves the chain once reached that far: `portal audit verify --head N:HASH`.
import type { AuditRow, ChainProblem } from "./chain";

export interface AuditHead {
  count: number;
  hash: string;
}

export const HEAD_FORMAT = "<count>:<hash>";

/** "123:9f…" (as logged after anchor=) → a head, or null. */
export function parseHead(text: string): AuditHead | null {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(text.trim());
  return match ? { count: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}

export function formatHeadLine(head: AuditHead & { id: number }): string {
  return `[audit] head count=${head.count} id=${head.id} hash=${head.hash} anchor=${head.count}:${head.hash}`;
}

/** Does the chain (rows in id order) still hold this head at its position? */
export function checkHead(rows: Pick<AuditRow, "id" | "hash">[], head: AuditHead): ChainProblem | null {
  const row = rows[head.count - 1];
  if (head.count < 1 || !row)
    return {
      id: rows.at(-1)?.id ?? 0,
      problem: `the chain has ${rows.length} row(s) but once had at least ${head.count}: rows were deleted`,
    };
  if (row.hash !== head.hash)
    return {
      id: row.id,
      problem: `row ${head.count} of the chain does not carry the anchored hash: rows before it were deleted or the chain was rewritten`,
    };
  return null;
}
