// A rate limiter kept in the database, so every app instance behind a load balancer counts the
// same attempts. An attempt is recorded first and counted after: of several concurrent attempts
// none can slip past the limit (at worst a refused one was borderline). Refused attempts are
// removed again, so hammering does not extend the wait.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
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

/** Counts one attempt against `limit` for `key`; refuses it when the window is already full. */
export async function takeAttempt(limit: Limit, key: string, now = new Date()): Promise<LimitVerdict> {
  const hashed = hashKey(key);
  const since = new Date(now.getTime() - limit.windowMs);
  const own = await db.rateLimitHit.create({
    data: { bucket: limit.bucket, key: hashed, createdAt: now },
    select: { id: true },
  });
  const recent = await db.rateLimitHit.findMany({
    where: { bucket: limit.bucket, key: hashed, createdAt: { gt: since } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, createdAt: true },
  });
  // Our own row counts only if it is among the first `max` of the window.
  const position = recent.findIndex((hit) => hit.id === own.id);
  if (position !== -1 && position < limit.max) {
    if (Math.random() < 0.01) void sweep(now);
    return { ok: true };
  }
  await db.rateLimitHit.delete({ where: { id: own.id } }).catch(() => {});
  const oldest = recent[0]?.createdAt ?? now;
  return { ok: false, retryAfterMs: Math.max(1000, oldest.getTime() + limit.windowMs - now.getTime()) };
}

/** Whether `key` already has an attempt in the window, without counting one. */
export async function hasRecentAttempt(limit: Limit, key: string, now = new Date()): Promise<boolean> {
  const hit = await db.rateLimitHit.findFirst({
    where: { bucket: limit.bucket, key: hashKey(key), createdAt: { gt: new Date(now.getTime() - limit.windowMs) } },
    select: { id: true },
  });
  return hit !== null;
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
