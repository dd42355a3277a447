// Prisma's better-sqlite3 adapter (7.10), made safe for several processes writing one file (the
// CLI beside the server, PORTAL_WORKERS > 1). Three things in it need mending:
// - It opens interactive transactions with a deferred BEGIN. One that reads before it writes (every
//   audit append reads the chain's head first) cannot wait for another process's write lock: SQLite
//   answers SQLITE_BUSY at once and Prisma reports P1008. So transactions take the lock up front.
// - better-sqlite3 is synchronous: SQLite's busy timeout would wait for a lock with the whole event
//   loop stopped (every feed poll stalled behind a stuck writer). So SQLite never waits (busy
//   timeout 0) and every wait is ours, on timers: a busy BEGIN IMMEDIATE or statement lets go of
//   this connection, sleeps, and tries again until a deadline; other requests run in between.
// - A failed BEGIN never releases the adapter's transaction mutex (every later transaction then
//   times out), and statements outside a transaction run on the same connection even while another
//   request's transaction is open there, and so join it. Our own lock orders both.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

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

/** SQLITE_BUSY as better-sqlite3 throws it, or as the adapter wraps it (DriverAdapterError). */
function isBusy(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { originalCode?: unknown } } | null;
  const code = e?.code ?? e?.cause?.originalCode;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/**
 * Runs `attempt` holding this connection's lock; on SQLITE_BUSY lets go of it, waits on a timer and
 * tries again until the deadline. With `keep`, a successful attempt keeps the lock (an open
 * transaction) and the caller releases it.
 */
async function withRetriesOnBusy<T>(
  lock: ConnectionLock,
  lockWaitMs: number,
  attempt: () => T | Promise<T>,
  keep = false,
): Promise<{ result: T; release: () => void }> {
  const deadline = Date.now() + lockWaitMs;
  for (let round = 0; ; round++) {
    const release = await lock.acquire();
    try {
      const result = await attempt();
      if (!keep) release();
      return { result, release };
    } catch (error) {
      release();
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await sleep(Math.min(2 + round * 3, 50) * (0.5 + Math.random()));
  }
}

export class ImmediateTransactionsSqlite extends PrismaBetterSqlite3 {
  /** `lockWaitMs`: how long a transaction or statement waits for another process's lock (SQLITE_LOCK_WAIT_MS). */
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    private readonly lockWaitMs = 10_000,
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: Database.Database }).client;
    if (typeof client?.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 changed: lib/db/sqlite-adapter.ts must be revisited");
    }
    client.pragma("busy_timeout = 0");
    const lock = new ConnectionLock();

    // The adapter's own BEGIN becomes a no-op: the transaction has begun by the time it runs.
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "SELECT 1" : sql);

    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const { release } = await withRetriesOnBusy(lock, this.lockWaitMs, () => client.exec("BEGIN IMMEDIATE"), true);
      let transaction: Transaction;
      try {
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
      (adapter as unknown as Record<string, (arg: never) => Promise<unknown>>)[method] = async (arg) =>
        (await withRetriesOnBusy(lock, this.lockWaitMs, () => original(arg))).result;
    }
    return adapter;
  }
}
