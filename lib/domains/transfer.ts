// An admin moves a domain claim to another account (the domain changed hands, or its owner left).
// The claim keeps its status, token and schedule: the published proof still names it, and the next
// re-check decides as before. What the previous owner got approved *because of* the domain is
// revoked: an auto-approval rested on that owner's proof, which no longer speaks for them.
// Reviewer-approved entries are untouched; they never depended on the domain.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import { announceListChange, bumpListVersion, type ListChangeInput } from "@/lib/allowlist/version";
import type { Db, Tx } from "@/lib/db";
import { UserError } from "@/lib/user-error";
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

/** Revokes the entries and CIMD clients the domain approved; only those still in the feed are list changes. */
async function revokeAutoApprovals(tx: Tx, domainId: string, adminId: string, reason: string): Promise<string[]> {
  const where = { autoApprovedDomainId: domainId, revokedAt: null };
  const [entries, clients] = await Promise.all([
    tx.allowlistEntry.findMany({ where, select: { id: true, expiredAt: true, suspendedAt: true } }),
    tx.cimdClient.findMany({ where, select: { id: true, expiredAt: true, suspendedAt: true } }),
  ]);
  const data = { revokedAt: new Date(), revokedById: adminId, revokeReason: reason };
  await tx.allowlistEntry.updateMany({ where: { id: { in: entries.map((e) => e.id) } }, data });
  await tx.cimdClient.updateMany({ where: { id: { in: clients.map((c) => c.id) } }, data });
  const listed = (rows: typeof entries) => rows.filter((r) => !r.expiredAt && !r.suspendedAt).map((r) => r.id);
  const changes: ListChangeInput[] = [
    ...listed(entries).map((targetId) => ({ op: "removed" as const, target: "entry" as const, targetId })),
    ...listed(clients).map((targetId) => ({ op: "removed" as const, target: "client" as const, targetId })),
  ];
  if (changes.length > 0) await bumpListVersion(tx, changes);
  return [...entries, ...clients].map((r) => r.id);
}
