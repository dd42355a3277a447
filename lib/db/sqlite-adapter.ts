// Prisma's better-sqlite3 adapter (7.10), made safe for several processes writing one file (the
// CLI beside the server, PORTAL_WORKERS > 1). Three things in it need mending:
// - It opens interactive transactions with a deferred BEGIN. One that reads before it writes (every
//   audit append reads the chain's head first) cannot wait for another process's write lock: SQLite
//   answers SQLITE_BUSY at once and Prisma reports P1008. So transactions take the lock up front.
// - better-sqlite3 is synchronous: SQLite's busy timeout would wait for that lock with the whole
//   event loop stopped (every feed poll stalled behind a stuck writer). So the wait is ours:
//   BEGIN IMMEDIATE without a busy timeout, retried on timers until a deadline.
// - A failed BEGIN never releases the adapter's transaction mutex (every later transaction then
//   times out), and statements outside a transaction run on the same connection even while another
//   request's transaction is open there, and so join it. Our own lock orders both.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** How long a transaction waits for another process's write lock before it fails as busy. */
const WRITE_LOCK_WAIT_MS = 10_000;
/** Plain statements outside a transaction may still meet a lock briefly (a checkpoint, a write). */
const STATEMENT_BUSY_TIMEOUT_MS = 2_000;

/** A FIFO lock for this connection: one open transaction at a time, and no statement inside another's. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => released);
    return acquired;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

/** BEGIN IMMEDIATE, waiting on timers (not in SQLite's busy loop) for another process's lock. */
async function beginImmediate(client: Database.Database): Promise<void> {
  const deadline = Date.now() + WRITE_LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    client.pragma("busy_timeout = 0");
    try {
      client.exec("BEGIN IMMEDIATE");
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    } finally {
      client.pragma(`busy_timeout = ${STATEMENT_BUSY_TIMEOUT_MS}`);
    }
    await sleep(Math.min(2 + attempt * 3, 50) * (0.5 + Math.random()));
  }
}

export class ImmediateTransactionsSqlite extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: Database.Database }).client;
    if (typeof client?.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: lib/db/sqlite-adapter.ts must be revisited");
    }
    client.pragma(`busy_timeout = ${STATEMENT_BUSY_TIMEOUT_MS}`);
    const lock = new ConnectionLock();

    // The adapter's own BEGIN becomes a no-op: the transaction has begun by the time it runs.
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "SELECT 1" : sql);

    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await lock.acquire();
      let transaction: Transaction;
      try {
        await beginImmediate(client);
        transaction = await startTransaction(isolationLevel);
      } catch (error) {
        if (client.inTransaction) client.exec("ROLLBACK");
        release();
        throw error;
      }
      // Prisma sends COMMIT or ROLLBACK as SQL, then calls one of these.
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => commit().finally(release);
      transaction.rollback = () => rollback().finally(release);
      return transaction;
    };

    for (const method of ["queryRaw", "executeRaw", "executeScript"] as const) {
      const original = (adapter[method] as (arg: never) => Promise<unknown>).bind(adapter);
      (adapter as unknown as Record<string, (arg: never) => Promise<unknown>>)[method] = async (arg) => {
        const release = await lock.acquire();
        try {
          return await original(arg);
        } finally {
          release();
        }
      };
    }
    return adapter;
  }
}
