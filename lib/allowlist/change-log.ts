// The recent change history in memory, as the list syncs read it, so that a `?since=` poll for
// the version just published is answered at once, without a database round trip. Older `since`
// values fall back to the ListChange table (delta.ts).
import type { ChangeRow } from "./list-sync";

/** Bound: the last MAX_VERSIONS versions, and at most MAX_ROWS change rows (about 150 bytes each). */
export const CHANGE_LOG_MAX_VERSIONS = 1000;
export const CHANGE_LOG_MAX_ROWS = 50_000;

export class ChangeLog {
  /** Change rows in version order, covering the versions (floor, through]. */
  private rows: ChangeRow[] = [];
  private floor = 0;
  private through = 0;

  /** Appends the rows for (after, through]; a gap (a full reload) starts the log afresh. */
  record(after: number, through: number, rows: ChangeRow[]): void {
    if (after !== this.through) {
      this.rows = [];
      this.floor = after;
    }
    this.rows.push(...rows);
    this.through = through;
    this.trim();
  }

  /** The rows for (since, version], or null when the log does not reach back that far. */
  range(since: number, version: number): ChangeRow[] | null {
    if (since < this.floor || version !== this.through) return null;
    const start = lowerBound(this.rows, since + 1);
    return this.rows.slice(start);
  }

  private trim(): void {
    let floor = Math.max(this.floor, this.through - CHANGE_LOG_MAX_VERSIONS);
    if (this.rows.length > CHANGE_LOG_MAX_ROWS)
      floor = Math.max(floor, this.rows[this.rows.length - CHANGE_LOG_MAX_ROWS]!.version);
    if (floor === this.floor) return;
    this.rows = this.rows.slice(lowerBound(this.rows, floor + 1));
    this.floor = floor;
  }
}

/** The index of the first row whose version is at least `version`. */
function lowerBound(rows: ChangeRow[], version: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle]!.version < version) low = middle + 1;
    else high = middle;
  }
  return low;
}
