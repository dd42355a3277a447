// The writes of `portal import`, fast at 100,000 rows: plain multi-row INSERTs (Prisma's per-row
// argument handling cost more than the database itself), and one version bump for the import.
//
// The list must change in one version, atomically: a version names one exact list on every
// instance (list-sync.ts relies on it).
// - SQLite: one transaction per IMPORT_BATCH_ROWS rows, since a transaction holds the database's
//   only write lock and every other writer (a reviewer's decision) would wait for the whole
//   import. The batches insert their entries as not yet listed — expired at the epoch, with a
//   pending-import marker in revokeReason — and one last transaction lists them all, writes
//   their ListChange rows and bumps the version. An import that dies half-way leaves only
//   unlisted rows, which a later import deletes.
// - PostgreSQL: the same batches as statements of one transaction. MVCC keeps them invisible
//   until the commit and blocks no reader or writer meanwhile (the version row is locked only at
//   the end), and it spares rewriting 100,000 rows to list them, which costs more there than the
//   inserts themselves.
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { RuleKind } from "@/lib/redirect-uri/lint";
import { bumpListVersionBy } from "./version";

export const IMPORT_BATCH_ROWS = 5000;
/** Rows per SQLite INSERT statement: 8 parameters each stays far below its limit. */
const ROWS_PER_STATEMENT = 500;
const PENDING_PREFIX = "pending import ";
const NOT_YET_LISTED = new Date(0);

export interface ImportedEntry {
  kind: RuleKind;
  uri: string;
  clientName: string | null;
}

/** Timestamps as Prisma writes them: TEXT with an explicit offset on SQLite, timestamp(3) UTC on PostgreSQL. */
function sqlTimestamp(date: Date): string {
  const iso = date.toISOString();
  return env.databaseKind === "sqlite" ? iso.replace("Z", "+00:00") : iso.replace("T", " ").replace("Z", "");
}

/** The n-th placeholder of a statement in this database's dialect. */
function placeholder(n: number): string {
  return env.databaseKind === "sqlite" ? "?" : `$${n}`;
}

function timestampPlaceholder(n: number): string {
  return env.databaseKind === "sqlite" ? "?" : `CAST($${n} AS TIMESTAMP(3))`;
}

let idCounter = 0;
/** Collision-resistant ids shaped like Prisma's cuid(): "c", time, counter, randomness (25 chars). */
function newEntryId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`)
    .toString(36)
    .padStart(12, "0")
    .slice(-12);
  return `c${Date.now().toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(4, "0")}${random}`;
}

/** SQLite: a multi-row VALUES list (its ? placeholders are positional, so shared values repeat). */
async function insertRowsSqlite(tx: Tx, rows: ImportedEntry[], approvedById: string | null, marker: string) {
  const approvedAt = sqlTimestamp(new Date());
  const notYetListed = sqlTimestamp(NOT_YET_LISTED);
  const params = rows.flatMap((row) => [
    newEntryId(),
    row.kind,
    row.uri,
    row.clientName,
    approvedById,
    approvedAt,
    notYetListed,
    marker,
  ]);
  await tx.$executeRawUnsafe(
    `INSERT INTO "AllowlistEntry" ${INSERT_COLUMNS} VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
    ...params,
  );
}

/** PostgreSQL: one array parameter per column, unnested — a few parameters however many rows. */
async function insertRowsPostgres(tx: Tx, ids: string[], rows: ImportedEntry[], approvedById: string | null) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "AllowlistEntry" ${INSERT_COLUMNS} ` +
      `SELECT u.id, u.kind, u.uri, u.client_name, $5, CAST($6 AS TIMESTAMP(3)), CAST($7 AS TIMESTAMP(3)), $8 ` +
      `FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, kind, uri, client_name)`,
    ids,
    rows.map((row) => row.kind),
    rows.map((row) => row.uri),
    rows.map((row) => row.clientName),
    approvedById,
    sqlTimestamp(new Date()),
    null,
    null,
  );
}

const INSERT_COLUMNS = '("id", "kind", "uri", "clientName", "approvedById", "approvedAt", "expiredAt", "revokeReason")';

/** SQLite: inserts the entries unlisted, in transactions of IMPORT_BATCH_ROWS rows; returns the import's marker. */
export async function insertUnlisted(db: Db, entries: ImportedEntry[], approvedById: string | null): Promise<string> {
  const marker = `${PENDING_PREFIX}${randomBytes(9).toString("base64url")}`;
  for (let start = 0; start < entries.length; start += IMPORT_BATCH_ROWS) {
    const batch = entries.slice(start, start + IMPORT_BATCH_ROWS);
    await db.$transaction(
      async (tx) => {
        for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT)
          await insertRowsSqlite(tx, batch.slice(i, i + ROWS_PER_STATEMENT), approvedById, marker);
      },
      { timeout: 60_000 },
    );
  }
  return marker;
}

/** In the caller's transaction: lists the marked entries, records them as added, bumps the version once. */
export async function listImported(tx: Tx, marker: string): Promise<number> {
  return bumpListVersionBy(tx, async (version) => {
    const now = sqlTimestamp(new Date());
    const changes = await tx.$executeRawUnsafe(
      `INSERT INTO "ListChange" ("version", "op", "target", "targetId", "createdAt") ` +
        `SELECT ${placeholder(1)}, 'added', 'entry', "id", ${timestampPlaceholder(2)} FROM "AllowlistEntry" WHERE "revokeReason" = ${placeholder(3)}`,
      version,
      now,
      marker,
    );
    await tx.allowlistEntry.updateMany({
      where: { revokeReason: marker },
      data: { expiredAt: null, revokeReason: null },
    });
    return changes;
  });
}

/**
 * Deletes what an import that died half-way left behind (never listed, so never in any version).
 * Only rows older than an hour: an import running at the same time keeps its own.
 */
export async function discardAbandonedImports(db: Db): Promise<void> {
  await db.allowlistEntry.deleteMany({
    where: {
      revokeReason: { startsWith: PENDING_PREFIX },
      expiredAt: NOT_YET_LISTED,
      revokedAt: null,
      approvedAt: { lt: new Date(Date.now() - 3_600_000) },
    },
  });
}

/**
 * Adds the entries as one new list version, then runs `alsoInTx` (the audit row) in the
 * transaction that publishes them.
 */
export async function importAsOneVersion(
  db: Db,
  entries: ImportedEntry[],
  approvedById: string | null,
  alsoInTx: (tx: Tx) => Promise<void>,
): Promise<void> {
  if (env.databaseKind === "sqlite") {
    await discardAbandonedImports(db);
    const marker = await insertUnlisted(db, entries, approvedById);
    await db.$transaction(
      async (tx) => {
        await listImported(tx, marker);
        await alsoInTx(tx);
      },
      { timeout: 60_000 },
    );
    return;
  }
  await db.$transaction(
    async (tx) => {
      const ids = entries.map(() => newEntryId());
      for (let start = 0; start < entries.length; start += IMPORT_BATCH_ROWS) {
        const end = start + IMPORT_BATCH_ROWS;
        await insertRowsPostgres(tx, ids.slice(start, end), entries.slice(start, end), approvedById);
      }
      await bumpListVersionBy(tx, (version) =>
        tx.$executeRawUnsafe(
          `INSERT INTO "ListChange" ("version", "op", "target", "targetId", "createdAt") ` +
            `SELECT $1, 'added', 'entry', id, CAST($2 AS TIMESTAMP(3)) FROM unnest($3::text[]) AS id`,
          version,
          sqlTimestamp(new Date()),
          ids,
        ),
      );
      await alsoInTx(tx);
    },
    { timeout: 120_000 },
  );
}
