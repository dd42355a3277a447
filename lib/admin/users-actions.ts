"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { recordAuditInTx } from "@/lib/audit/record";
import { requireActionRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-ip";
import { settingsSchema, saveSettings } from "@/lib/settings/settings";
import { UserError } from "@/lib/user-error";
import { setUserRole } from "@/lib/users/roles";
import { inviteUser } from "@/lib/users/invite";
import { deactivateSchema, inviteSchema, roleChangeSchema } from "./schema";

export async function changeRoleAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const admin = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = roleChangeSchema.safeParse({ userId: formData.get("userId"), role: formData.get("role") });
    if (!parsed.success) return invalid(parsed.error);
    if (parsed.data.userId === admin.id && parsed.data.role !== "admin")
      throw new UserError("You cannot take away your own admin role; ask another admin.");
    const user = await db.user.findUnique({ where: { id: parsed.data.userId }, select: { email: true } });
    if (!user) throw new UserError("That user does not exist.");
    await setUserRole(db, user.email, parsed.data.role, admin, await requestIp());
    return { ok: true, message: `${user.email} is now ${parsed.data.role}.` };
  });
  revalidatePath("/admin/users");
  return result;
}

export async function inviteUserAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const admin = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = inviteSchema.safeParse({
      email: formData.get("email"),
      role: formData.get("role"),
      sendEmail: formData.get("sendEmail"),
    });
    if (!parsed.success) return invalid(parsed.error);
    await inviteUser(db, parsed.data, admin, await requestIp());
    const { email, role, sendEmail } = parsed.data;
    return {
      ok: true,
      message: `${email} is invited as ${role}${sendEmail ? " and was emailed an invitation" : ""}: their first sign-in with this address has that role.`,
    };
  });
  revalidatePath("/admin/users");
  return result;
}

/** Deactivating ends the user's sessions at once (they live in the database) and blocks sign-in. */
export async function setActiveAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const admin = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = deactivateSchema.safeParse({ userId: formData.get("userId"), active: formData.get("active") });
    if (!parsed.success) return invalid(parsed.error);
    const active = parsed.data.active === "true";
    if (parsed.data.userId === admin.id && !active) throw new UserError("You cannot deactivate yourself.");
    const ip = await requestIp();
    const email = await db.$transaction(async (tx) => {
      const user = await tx.user.update({
        where: { id: parsed.data.userId },
        data: { deactivatedAt: active ? null : new Date() },
        select: { email: true },
      });
      if (!active) await tx.session.deleteMany({ where: { userId: parsed.data.userId } });
      await recordAuditInTx(tx, {
        actor: admin,
        action: active ? "user.reactivated" : "user.deactivated",
        entityType: "user",
        entityId: parsed.data.userId,
        after: { email: user.email },
        ip,
      });
      return user.email;
    });
    return {
      ok: true,
      message: active ? `${email} can sign in again.` : `${email} is deactivated and signed out everywhere.`,
    };
  });
  revalidatePath("/admin/users");
  return result;
}

export async function saveSettingsAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const admin = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = settingsSchema.safeParse({
      reviewTargetBusinessDays: formData.get("reviewTargetBusinessDays"),
      defaultEntryLifetimeDays: formData.get("defaultEntryLifetimeDays"),
    });
    if (!parsed.success) return invalid(parsed.error);
    await saveSettings(db, parsed.data, admin, await requestIp());
    return { ok: true, message: "Settings saved." };
  });
  revalidatePath("/admin/settings");
  return result;
}
