// Proving a claim, on demand or by the sweep. A success verifies (or re-verifies) the domain and
// brings back any suspended entries; a failed re-check of a verified domain lapses it and warns
// the owner. Each transition is a conditional update on the status read, with its audit row.
import { announceListChange } from "@/lib/allowlist/version";
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { restoreEntriesInTx } from "./suspension";
import { heldByAnother, HELD_MESSAGE } from "./claim";
import { checkDnsProof, type ProofResult } from "./dns-proof";
import { checkHttpsProof } from "./https-proof";
import { notifyLapsed } from "./notify";
import { DAY_MS, OPEN_STATUSES, PENDING_DAYS, RECHECK_DAYS } from "./schema";

export type Prover = (domain: string, token: string) => Promise<ProofResult & { method?: "dns" | "https" }>;

/** DNS first (it also carries the scope), then the https file; either is enough. */
export async function defaultProver(domain: string, token: string) {
  const { env } = await import("@/lib/env");
  const dns = await checkDnsProof(domain, token, env.DNS_SERVERS);
  if (dns.ok) return { ...dns, method: "dns" as const };
  const https = await checkHttpsProof(domain, token, {
    dnsServers: env.DNS_SERVERS,
    allowLoopback: env.CIMD_ALLOW_LOOPBACK,
  });
  if (https.ok) return { ...https, method: "https" as const };
  return { ok: false as const, error: `${dns.error} ${https.error}` };
}

export interface CheckOptions {
  actor: Actor | null;
  /** Only this owner's claim (the developer's own button); unset for the sweep and admins. */
  ownerId?: string;
  now?: Date;
  prove?: Prover;
  ip?: string | null;
}

export type CheckOutcome = { status: string; ok: boolean; error: string | null };

export async function checkDomainClaim(db: Db, id: string, options: CheckOptions): Promise<CheckOutcome> {
  const now = options.now ?? new Date();
  const where = { id, ...(options.ownerId ? { ownerId: options.ownerId } : {}) };
  const claim = await db.verifiedDomain.findFirst({ where, select: claimSelect });
  if (!claim) throw new UserError("That domain claim does not exist.", 404);
  if (!OPEN_STATUSES.includes(claim.status as never)) {
    throw new UserError(`This claim is ${claim.status}: claim the domain again to get a new token.`);
  }
  if (claim.status === "pending" && claim.createdAt.getTime() + PENDING_DAYS * DAY_MS <= now.getTime()) {
    await expireClaim(db, claim.id, now);
    throw new UserError(
      `This claim was not proven within ${PENDING_DAYS} days and has expired: claim the domain again.`,
    );
  }
  const proof = await (options.prove ?? defaultProver)(claim.domain, claim.token);
  if (proof.ok && (await heldByAnother(db, claim.domain, claim.ownerId))) {
    return recordFailure(db, claim, now, HELD_MESSAGE, options);
  }
  if (!proof.ok) return recordFailure(db, claim, now, proof.error, options);

  const restored = await recordedChange(db, async (tx) => {
    const { count } = await tx.verifiedDomain.updateMany({
      where: { id: claim.id, status: claim.status },
      data: {
        status: "verified",
        scope: proof.scope,
        method: proof.method ?? null,
        verifiedAt: claim.status === "verified" ? undefined : now,
        lastCheckedAt: now,
        nextCheckAt: new Date(now.getTime() + RECHECK_DAYS * DAY_MS),
        lapsedAt: null,
        suspendedAt: null,
        lastError: null,
      },
    });
    if (count === 0) throw new UserError("The claim changed while it was being checked. Reload and try again.", 409);
    const ids = claim.suspendedAt ? await restoreEntriesInTx(tx, claim.id) : [];
    // A routine re-check that passes changes nothing worth an audit row.
    const transition = claim.status !== "verified" || claim.scope !== proof.scope;
    return {
      result: ids.length,
      audit: transition
        ? {
            actor: options.actor,
            action: "domain.verified",
            entityType: "verified_domain",
            entityId: claim.id,
            before: { status: claim.status, scope: claim.scope },
            after: {
              domain: claim.domain,
              status: "verified",
              scope: proof.scope,
              method: proof.method,
              restoredEntries: ids,
            },
            ip: options.ip ?? null,
          }
        : null,
    };
  });
  if (restored > 0) announceListChange();
  return { status: "verified", ok: true, error: null };
}

const claimSelect = {
  id: true,
  ownerId: true,
  domain: true,
  token: true,
  status: true,
  scope: true,
  createdAt: true,
  suspendedAt: true,
} as const;

type Claim = { id: string; ownerId: string; domain: string; status: string };

async function recordFailure(db: Db, claim: Claim, now: Date, error: string, options: CheckOptions) {
  const lapses = claim.status === "verified";
  await recordedChange(db, async (tx) => {
    const { count } = await tx.verifiedDomain.updateMany({
      where: { id: claim.id, status: claim.status },
      data: {
        lastCheckedAt: now,
        lastError: error.slice(0, 1000),
        ...(lapses ? { status: "lapsed", lapsedAt: now } : {}),
        // A lapsed domain keeps being tried, daily, so it returns by itself once the proof is back.
        ...(claim.status === "pending" ? {} : { nextCheckAt: new Date(now.getTime() + DAY_MS) }),
      },
    });
    if (count === 0) throw new UserError("The claim changed while it was being checked. Reload and try again.", 409);
    return {
      result: undefined,
      audit: lapses
        ? {
            actor: options.actor,
            action: "domain.lapsed",
            entityType: "verified_domain",
            entityId: claim.id,
            before: { status: "verified" },
            after: { domain: claim.domain, status: "lapsed" },
            reason: error.slice(0, 500),
            ip: options.ip ?? null,
          }
        : null,
    };
  });
  if (lapses) await notifyLapsed(db, claim.ownerId, claim.domain, error);
  return { status: lapses ? "lapsed" : claim.status, ok: false, error };
}

export async function expireClaim(db: Db, id: string, now: Date): Promise<boolean> {
  return recordedChange(db, async (tx) => {
    const { count } = await tx.verifiedDomain.updateMany({
      where: { id, status: "pending" },
      data: { status: "expired", nextCheckAt: null, lastCheckedAt: now },
    });
    return {
      result: count > 0,
      audit:
        count > 0
          ? {
              actor: null,
              action: "domain.expired",
              entityType: "verified_domain",
              entityId: id,
              reason: `not proven within ${PENDING_DAYS} days`,
            }
          : null,
    };
  });
}
