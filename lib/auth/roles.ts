export const ROLES = ["developer", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { developer: 0, reviewer: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Does `role` carry the rights of `needed`? (admin ⊃ reviewer ⊃ developer) */
export function hasRole(role: string | undefined, needed: Role): boolean {
  return isRole(role) && RANK[role] >= RANK[needed];
}

/** The role an OIDC groups claim maps to, if any. */
export function roleFromGroups(groups: unknown, reviewerGroups: string[], adminGroups: string[]): Role | null {
  const list = Array.isArray(groups) ? groups.map(String) : typeof groups === "string" ? groups.split(/[\s,]+/) : [];
  if (list.some((g) => adminGroups.includes(g))) return "admin";
  if (list.some((g) => reviewerGroups.includes(g))) return "reviewer";
  return null;
}
