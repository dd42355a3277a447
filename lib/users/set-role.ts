import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";

/** Gives `email` the role, creating the account if it has not signed in yet (it gets the role then). */
export async function setUserRole(db: Db, email: string, role: Role, actor: Actor, ip?: string | null) {
  return recordedChange(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role }, select: { id: true } })
      : await tx.user.create({ data: { email, role }, select: { id: true } });
    return {
      result: { created: !existing, before: existing?.role ?? null },
      audit:
        existing?.role === role
          ? null
          : {
              actor,
              action: "user.role_changed",
              entityType: "user",
              entityId: user.id,
              before: existing ? { role: existing.role } : null,
              after: { email, role },
              ip,
            },
    };
  });
}
