"use server";

import { validatedAction } from "@/lib/action";
import { db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { claimDomain, releaseDomain } from "./claim";
import { claimDomainSchema, domainIdSchema, transferDomainSchema } from "./schema";
import { transferDomain } from "./transfer";
import { checkDomainClaim } from "./verify";

export const claimDomainAction = validatedAction({
  role: "developer",
  schema: claimDomainSchema,
  async run({ domain }, { user, ip }) {
    const { created } = await claimDomain(db, user, domain, ip);
    return {
      message: created ? "Claimed: publish one of the proofs below, then verify." : "You have already claimed it.",
    };
  },
  revalidate: () => ["/domains"],
});

export const verifyDomainAction = validatedAction({
  role: "developer",
  schema: domainIdSchema,
  async run({ id }, { user, ip }) {
    const outcome = await checkDomainClaim(db, id, { actor: user, ownerId: user.id, ip });
    // The failed check is already recorded (lastError); the developer reads why beside the button.
    if (!outcome.ok) throw new UserError(`Not verified yet: ${outcome.error}`);
    return { message: "Verified." };
  },
  revalidate: () => ["/domains"],
});

export const releaseDomainAction = validatedAction({
  role: "developer",
  schema: domainIdSchema,
  async run({ id }, { user, ip }) {
    await releaseDomain(db, user, id, ip);
    return { message: "Released." };
  },
  revalidate: () => ["/domains"],
});

/** Admin only: the claim moves to another account; the previous owner's auto-approvals are revoked (transfer.ts). */
export const transferDomainAction = validatedAction({
  role: "admin",
  schema: transferDomainSchema,
  async run(input, { user, ip }) {
    const { domain, revoked } = await transferDomain(db, user, input, ip);
    const also =
      revoked > 0 ? ` ${revoked} auto-approved entr${revoked === 1 ? "y" : "ies"} of the previous owner revoked.` : "";
    return { message: `${domain} now belongs to ${input.email}.${also}` };
  },
  revalidate: () => ["/admin/domains"],
});
