// A rate limiter kept in the database, so every app instance behind a load balancer counts the
// same attempts. Count and record happen in one transaction that holds a lock on the key
// (PostgreSQL: an advisory lock; SQLite: the adapter runs one transaction at a time), so racing
// attempts are counted one after another: exactly `max` pass. Refused attempts are not recorded,
// so hammering does not extend the wait.
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { UserError } from "@/lib/user-error";

export interface Limit {
  /** What is counted, e.g. "sign-in-email:address". */
  bucket: string;
  max: number;
  windowMs: number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Keys are hashed: the table never holds an email address or an IP. */
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

const DAY = 24 * 3600_000;

async function lockKey(tx: Tx, lockName: string) {
  if (env.databaseKind !== "postgres") return;
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${lockName}))`;
}

/** Counts one attempt against `limit` for `key`; refuses it when the window is already full. */
export async function takeAttempt(limit: Limit, key: string, now = new Date()): Promise<LimitVerdict> {
  const hashed = hashKey(key);
  const inWindow = { bucket: limit.bucket, key: hashed, createdAt: { gt: new Date(now.getTime() - limit.windowMs) } };
  const verdict = await db.$transaction(async (tx): Promise<LimitVerdict> => {
    await lockKey(tx, `rate-limit ${limit.bucket} ${hashed}`);
    const count = await tx.rateLimitHit.count({ where: inWindow });
    if (count < limit.max) {
      await tx.rateLimitHit.create({ data: { bucket: limit.bucket, key: hashed, createdAt: now } });
      return { ok: true };
    }
    const oldest = await tx.rateLimitHit.findFirst({
      where: inWindow,
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    const freeAt = (oldest?.createdAt ?? now).getTime() + limit.windowMs;
    return { ok: false, retryAfterMs: Math.max(1000, freeAt - now.getTime()) };
  });
  if (verdict.ok && Math.random() < 0.01) void sweep(now);
  return verdict;
}

/** Forgets attempts older than any window (a day): the table stays small without a separate job. */
async function sweep(now: Date) {
  await db.rateLimitHit.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - DAY) } } }).catch(() => {});
}

export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** A refused attempt, with a message that says what and for how long. */
export class TooManyAttempts extends UserError {
  constructor(message: string) {
    super(message, 429);
  }
}

/** Takes an attempt or throws TooManyAttempts with the message for that wait. */
export async function takeAttemptOrThrow(limit: Limit, key: string, message: (minutes: number) => string) {
  const verdict = await takeAttempt(limit, key);
  if (!verdict.ok) throw new TooManyAttempts(message(minutesUntil(verdict.retryAfterMs)));
}
