// Applies pending migrations (prisma/migrations or prisma/postgres/migrations) at start and from
// `portal db migrate`, without the Prisma CLI. Each one is recorded in `_prisma_migrations` exactly as
// `prisma migrate deploy` would record it, so `prisma migrate status` elsewhere agrees.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePathFromUrl } from "./sqlite-path";

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A number of our own for pg_advisory_lock: two instances starting at once never both migrate. */
const MIGRATION_LOCK_KEY = 7_240_517_311;

export function migrationsFolder(kind: "sqlite" | "postgres"): string {
  return path.resolve(
    /* turbopackIgnore: true */ process.cwd(),
    kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations",
  );
}

export function readMigrations(folder: string): Migration[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  return databaseUrl.startsWith("file:") ? migrateSqlite(databaseUrl) : migratePostgres(databaseUrl);
}

function assertUnchanged(applied: Map<string, string>, migrations: Migration[]) {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was edited after it was applied; restore it or add a new migration.`,
      );
    }
  }
}

function migrateSqlite(databaseUrl: string): string[] {
  const file = sqlitePathFromUrl(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const migrations = readMigrations(migrationsFolder("sqlite"));
    const appliedNow: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so a second process waits and then sees our rows.
    const run = db.transaction(() => {
      const rows = db
        .prepare(
          `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .all() as { migration_name: string; checksum: string }[];
      const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
      assertUnchanged(applied, migrations);
      for (const migration of migrations.filter((m) => !applied.has(m.name))) {
        const startedAt = Date.now();
        db.exec(migration.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
        appliedNow.push(migration.name);
      }
    });
    run.immediate();
    return appliedNow;
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const migrations = readMigrations(migrationsFolder("postgres"));
    assertUnchanged(applied, migrations);
    const appliedNow: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
