// Roles that sign-in sets. ADMIN_EMAILS makes the first admins when their accounts are created and
// never again, so an admin can demote one of them. With group mapping configured, the staff
// identity provider's groups set the role at every OIDC sign-in, downgrades included.
import { recordedChange } from "@/lib/audit/recorded-change";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { type Role, roleFromGroups } from "./roles";

async function setRole(user: { id: string; email: string; role: string }, role: Role, action: string, reason: string) {
  if (user.role === role) return;
  await recordedChange(db, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { role } });
    return {
      result: undefined,
      audit: {
        actor: null,
        action,
        entityType: "user",
        entityId: user.id,
        before: { role: user.role },
        after: { role },
        reason,
      },
    };
  });
}

export async function bootstrapAdminOnCreate(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!user || !env.ADMIN_EMAILS.includes(user.email.toLowerCase())) return;
  await setRole(user, "admin", "user.role_bootstrapped", "ADMIN_EMAILS, when the account was created");
}

export function groupMappingConfigured(): boolean {
  return env.OIDC_REVIEWER_GROUPS.length > 0 || env.OIDC_ADMIN_GROUPS.length > 0;
}

export async function applyIdentityProviderGroups(userId: string, groupsClaim: unknown) {
  if (!groupMappingConfigured()) return;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!user) return;
  const role = roleFromGroups(groupsClaim, env.OIDC_REVIEWER_GROUPS, env.OIDC_ADMIN_GROUPS) ?? "developer";
  await setRole(user, role, "user.role_from_identity_provider", `groups claim "${env.OIDC_GROUPS_CLAIM}" at sign-in`);
}

/**
 * With group mapping, staff roles come only from the provider's groups, so a staff member who signs
 * in another way (an email link) must not keep a role the groups may no longer grant.
 */
export async function dropStaffRoleOutsideSso(userId: string) {
  if (!groupMappingConfigured()) return;
  const user = await db.user.findFirst({
    where: { id: userId, role: { not: "developer" }, accounts: { some: { provider: "oidc" } } },
    select: { id: true, email: true, role: true },
  });
  if (!user) return;
  await setRole(user, "developer", "user.role_from_identity_provider", "signed in without single sign-on");
}
