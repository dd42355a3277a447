// What every approval by a verified domain shares, URIs or a CIMD client: whose domains count,
// the race-safe claim on the request, and the reason the developer and the audit log read.
import type { Db, Tx } from "@/lib/db";
import type { OwnedDomain } from "./eligibility";
import type { DomainScope } from "./names";

export const AUTO_APPROVED_CODE = "auto_approved";

/** The requester's verified domains, the only ones that may approve anything of theirs. */
export async function ownedVerifiedDomains(db: Db, ownerId: string): Promise<OwnedDomain[]> {
  const owned = await db.verifiedDomain.findMany({
    where: { ownerId, status: "verified" },
    select: { id: true, domain: true, scope: true },
  });
  return owned.map((d) => ({ ...d, scope: d.scope as DomainScope }));
}

/**
 * Inside the approval's transaction: the domains are still verified and the requester's, and the request still the
 * submitted revision that was checked (a lapse or a withdrawal meanwhile wins); then it is marked
 * approved, with "auto_approved" among its flag codes. False when it lost.
 */
export async function claimForAutoApproval(
  tx: Tx,
  request: { id: string; revision: number; flagCodes: string; requesterId: string },
  domainIds: string[],
  now: Date,
): Promise<boolean> {
  const ids = [...new Set(domainIds)];
  // Still the requester's, too: a transfer that committed meanwhile takes the domain's word with it.
  const stillVerified = await tx.verifiedDomain.count({
    where: { id: { in: ids }, status: "verified", ownerId: request.requesterId },
  });
  if (stillVerified !== ids.length) return false;
  const { count } = await tx.request.updateMany({
    where: { id: request.id, status: "submitted", revision: request.revision },
    data: {
      status: "approved",
      decidedAt: now,
      revision: { increment: 1 },
      flagCodes: [...request.flagCodes.split(" ").filter(Boolean), AUTO_APPROVED_CODE].sort().join(" "),
    },
  });
  return count === 1;
}

export function reasonFor(domain: OwnedDomain): string {
  return `auto-approved: verified domain ${domain.domain}`;
}
