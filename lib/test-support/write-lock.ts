// Holds the database's write lock from a second connection, as a stuck writer (a long SQLite
// transaction, a PostgreSQL lock) would: reads go on, writes to the allowlist wait.
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePathFromUrl } from "@/lib/db/sqlite-path";

export interface WriteLock {
  release(): Promise<void>;
}

export async function holdAllowlistWriteLock(url: string): Promise<WriteLock> {
  if (url.startsWith("file:")) {
    const sqlite = new Database(sqlitePathFromUrl(url));
    sqlite.exec("BEGIN IMMEDIATE");
    return {
      release: async () => {
        sqlite.exec("ROLLBACK");
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  // EXCLUSIVE lets plain SELECTs through and makes every UPDATE of the table wait.
  await client.query('LOCK TABLE "AllowlistEntry" IN EXCLUSIVE MODE');
  return {
    release: async () => {
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}
