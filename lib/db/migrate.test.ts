import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/test-support/database";
import { migrateDatabase, migrationsFolder, readMigrations } from "./migrate";

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

describe("migrations", () => {
  it("apply once, are recorded like prisma migrate deploy records them, and a second run changes nothing", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const kind = database.url.startsWith("file:") ? "sqlite" : "postgres";
    const expected = readMigrations(migrationsFolder(kind)).map((m) => m.name);
    expect(await migrateDatabase(database.url)).toEqual(expected);
    expect(await migrateDatabase(database.url)).toEqual([]);
  });

  it("two instances starting at once: every migration is applied exactly once", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const [a, b] = await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url)]);
    const kind = database.url.startsWith("file:") ? "sqlite" : "postgres";
    expect([...a, ...b].sort()).toEqual(
      readMigrations(migrationsFolder(kind))
        .map((m) => m.name)
        .sort(),
    );
  });
});
