import { recordAuditInTx } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";

export async function setUserRole(
  db: Db,
  email: string,
  role: Role,
  actor: { id: string | null; email: string | null },
  ip?: string | null,
) {
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role }, select: { id: true } })
      : await tx.user.create({ data: { email, role }, select: { id: true } });
    if (existing?.role !== role) {
      await recordAuditInTx(tx, {
        actor,
        action: "user.role_changed",
        entityType: "user",
        entityId: user.id,
        before: existing ? { role: existing.role } : null,
        after: { email, role },
        ip,
      });
    }
    return { created: !existing, before: existing?.role ?? null };
  });
}
