// Claiming a domain: the developer gets a token to publish. A name someone else holds is refused
// without saying who holds it.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import { announceListChange } from "@/lib/allowlist/version";
import type { Db, Tx } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { checkDomainName } from "./names";
import { revokeAutoApprovals } from "./revoke-auto-approvals";
import { HOLDING_STATUSES, OPEN_STATUSES } from "./schema";
import { newDomainToken } from "./token";

/** Names whose holder also holds `domain`: the name itself and, for subtree claims, its parents. */
function coveringNames(domain: string): string[] {
  const labels = domain.split(".");
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}

/**
 * Whether someone other than ownerId holds the domain (verified or lapsed, or a parent held as a
 * subtree). `exceptClaimId`: a claim to leave out (the one being transferred).
 */
export async function heldByAnother(
  tx: Tx | Db,
  domain: string,
  ownerId: string,
  exceptClaimId?: string,
): Promise<boolean> {
  const parents = coveringNames(domain).filter((name) => name !== domain);
  const held = await tx.verifiedDomain.findFirst({
    where: {
      ...(exceptClaimId ? { id: { not: exceptClaimId } } : {}),
      ownerId: { not: ownerId },
      status: { in: HOLDING_STATUSES },
      OR: [{ domain }, { domain: { in: parents }, scope: "subtree" }],
    },
    select: { id: true },
  });
  return held !== null;
}

export const HELD_MESSAGE =
  "This domain is already verified by another account. If it is yours, ask an admin to transfer it.";

export async function claimDomain(db: Db, owner: Actor & { id: string }, input: string, ip: string | null = null) {
  const checked = checkDomainName(input);
  if (!checked.ok) throw new UserError(checked.message);
  const { domain } = checked;
  return recordedChange(db, async (tx) => {
    if (await heldByAnother(tx, domain, owner.id)) throw new UserError(HELD_MESSAGE, 409);
    const mine = await tx.verifiedDomain.findFirst({
      where: { ownerId: owner.id, domain, status: { in: OPEN_STATUSES } },
      select: { id: true },
    });
    // Claiming again is not a new claim: the token already published stays valid.
    if (mine) return { result: { id: mine.id, created: false }, audit: null };
    const row = await tx.verifiedDomain.create({
      data: { ownerId: owner.id, domain, token: newDomainToken() },
      select: { id: true },
    });
    return {
      result: { id: row.id, created: true },
      audit: {
        actor: owner,
        action: "domain.claimed",
        entityType: "verified_domain",
        entityId: row.id,
        after: { domain },
        ip,
      },
    };
  });
}

export async function releaseDomain(db: Db, owner: Actor & { id: string }, id: string, ip: string | null = null) {
  const revoked = await recordedChange(db, async (tx) => {
    const row = await tx.verifiedDomain.findFirst({
      where: { id, ownerId: owner.id },
      select: { domain: true, status: true },
    });
    if (!row) throw new UserError("That domain claim does not exist.", 404);
    const { count } = await tx.verifiedDomain.updateMany({
      where: { id, ownerId: owner.id, status: { in: OPEN_STATUSES } },
      data: { status: "released", nextCheckAt: null },
    });
    if (count === 0) throw new UserError("That claim is already closed.");
    // Auto-approvals rested on this claim: released, it can never re-verify or lapse, so they go now.
    const revoked = await revokeAutoApprovals(tx, id, owner.id, `verified domain ${row.domain} released`);
    return {
      result: revoked.length,
      audit: {
        actor: owner,
        action: "domain.released",
        entityType: "verified_domain",
        entityId: id,
        before: { domain: row.domain, status: row.status },
        after: { revoked },
        ip,
      },
    };
  });
  if (revoked > 0) announceListChange();
}
