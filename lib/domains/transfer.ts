// An admin moves a domain claim to another account (the domain changed hands, or its owner left).
// The claim keeps its status, token and schedule: the published proof still names it, and the next
// re-check decides as before. What the previous owner got approved *because of* the domain is
// revoked: an auto-approval rested on that owner's proof, which no longer speaks for them.
// Reviewer-approved entries are untouched; they never depended on the domain.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import { announceListChange } from "@/lib/allowlist/version";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { heldByAnother, HELD_MESSAGE } from "./claim";
import { revokeAutoApprovals } from "./revoke-auto-approvals";
import { OPEN_STATUSES } from "./schema";

export async function transferDomain(
  db: Db,
  admin: Actor & { id: string },
  input: { id: string; email: string; reason: string },
  ip: string | null = null,
): Promise<{ domain: string; revoked: number }> {
  const result = await recordedChange(db, async (tx) => {
    const claim = await tx.verifiedDomain.findFirst({
      where: { id: input.id, status: { in: OPEN_STATUSES } },
      select: { domain: true, status: true, ownerId: true },
    });
    if (!claim) throw new UserError("That domain claim does not exist or is closed.", 404);
    const to = await tx.user.findFirst({ where: { email: input.email, deactivatedAt: null }, select: { id: true } });
    if (!to) throw new UserError(`No active account has the address ${input.email}; they must sign in once first.`);
    if (to.id === claim.ownerId) throw new UserError("That account already owns the domain.");
    // One owner per name: not onto someone while another account holds it (or a parent subtree) verified.
    if (await heldByAnother(tx, claim.domain, to.id, input.id)) throw new UserError(HELD_MESSAGE, 409);
    const from = await tx.user.findUniqueOrThrow({ where: { id: claim.ownerId }, select: { email: true } });
    const { count } = await tx.verifiedDomain.updateMany({
      where: { id: input.id, ownerId: claim.ownerId, status: claim.status },
      data: { ownerId: to.id },
    });
    if (count === 0) throw new UserError("The claim changed while you were looking at it. Reload and try again.", 409);
    // The new owner's own open claims on the same name would now duplicate it.
    await tx.verifiedDomain.updateMany({
      where: { ownerId: to.id, domain: claim.domain, status: "pending", id: { not: input.id } },
      data: { status: "released", nextCheckAt: null },
    });
    const revoked = await revokeAutoApprovals(tx, input.id, admin.id, `verified domain ${claim.domain} transferred`);
    return {
      result: { domain: claim.domain, revoked: revoked.length },
      audit: {
        actor: admin,
        action: "domain.transferred",
        entityType: "verified_domain",
        entityId: input.id,
        before: { domain: claim.domain, owner: from.email },
        after: { domain: claim.domain, owner: input.email, revoked },
        reason: input.reason,
        ip,
      },
    };
  });
  if (result.revoked > 0) announceListChange();
  return result;
}
