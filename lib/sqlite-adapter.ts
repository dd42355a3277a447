// Prisma's better-sqlite3 adapter (7.10) opens interactive transactions with a plain (deferred)
// BEGIN. A deferred transaction that reads before it writes — every audit append reads the chain's
// head first — cannot wait for another process's write lock: SQLite answers SQLITE_BUSY at once
// (waiting could deadlock), and Prisma reports P1008. BEGIN IMMEDIATE takes the write lock up
// front, where SQLite's busy timeout makes it wait its turn instead. The adapter offers no option
// for this, so its connection's BEGIN is rewritten; connect() fails loudly if the adapter changes.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

export class ImmediateTransactionsSqlite extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: Database.Database }).client;
    if (typeof client?.prepare !== "function") {
      throw new Error(
        "@prisma/adapter-better-sqlite3 changed: lib/sqlite-adapter.ts can no longer use BEGIN IMMEDIATE",
      );
    }
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;
    return adapter;
  }
}
