// For tests that need a real database: a fresh SQLite file, or — when TEST_PG_SERVER_URL is set —
// a PostgreSQL database that the test creates on that server and drops afterwards. It must run
// before anything imports lib/env or lib/db (they read DATABASE_URL once).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "@/lib/db/postgres-test-database.mjs";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_PG_SERVER_URL;
  if (!server) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-test-"));
    return {
      url: `file:${path.join(dir, "test.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  return createPostgresDatabase(server, "allowlist_portal_test");
}

/** Creates and migrates a database, points DATABASE_URL at it, and returns the app's client. */
export async function useTestDatabase() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase(database.url);
  const { db } = await import("@/lib/db");
  return {
    db,
    url: database.url,
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
