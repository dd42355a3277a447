import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";

/** Deactivating ends the user's sessions at once (they live in the database) and blocks sign-in. */
export async function setUserActive(db: Db, userId: string, active: boolean, actor: Actor, ip?: string | null) {
  return recordedChange(db, async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { deactivatedAt: active ? null : new Date() },
      select: { email: true },
    });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    return {
      result: user.email,
      audit: {
        actor,
        action: active ? "user.reactivated" : "user.deactivated",
        entityType: "user",
        entityId: userId,
        after: { email: user.email },
        ip,
      },
    };
  });
}
