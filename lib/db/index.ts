// The only PrismaClient. DATABASE_URL picks the driver adapter and the generated client: SQLite
// (the default) or PostgreSQL. Both clients come from one schema, so they share one type.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { env } from "@/lib/env";
import { ImmediateTransactionsSqlite } from "./sqlite-adapter";
import { sqlitePathFromUrl } from "./sqlite-path";

export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function createClient(): Db {
  if (env.databaseKind === "sqlite") {
    // How waits for another process's write lock work (on timers, not blocking): sqlite-adapter.ts.
    const adapter = new ImmediateTransactionsSqlite(
      { url: sqlitePathFromUrl(env.DATABASE_URL), timeout: env.SQLITE_LOCK_WAIT_MS },
      env.SQLITE_LOCK_WAIT_MS,
    );
    // A transaction may queue behind this process's others and another process's write lock.
    return new SqliteClient({ adapter, transactionOptions: { maxWait: 15_000 } });
  }
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: 10 });
  // Same schema, same generated API: only the SQL dialect inside differs.
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { portalDb?: Db };

// One client per process, also across Next.js dev-server reloads.
export const db: Db = globalForDb.portalDb ?? (globalForDb.portalDb = createClient());
