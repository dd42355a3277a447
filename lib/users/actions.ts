"use server";

import { validatedAction } from "@/lib/action";
import { db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { inviteUser } from "./invite";
import { deactivateSchema, inviteSchema, roleChangeSchema } from "./schema";
import { setUserActive } from "./set-active";
import { setUserRole } from "./set-role";

const revalidate = () => ["/admin/users"];

export const changeRoleAction = validatedAction({
  role: "admin",
  schema: roleChangeSchema,
  async run({ userId, role }, { user: admin, ip }) {
    if (userId === admin.id && role !== "admin")
      throw new UserError("You cannot take away your own admin role; ask another admin.");
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new UserError("That user does not exist.");
    await setUserRole(db, user.email, role, admin, ip);
    return { message: `${user.email} is now ${role}.` };
  },
  revalidate,
});

/** Deactivating ends the user's sessions at once and blocks sign-in (lib/users/set-active.ts). */
export const setActiveAction = validatedAction({
  role: "admin",
  schema: deactivateSchema,
  async run({ userId, active }, { user: admin, ip }) {
    if (userId === admin.id && !active) throw new UserError("You cannot deactivate yourself.");
    const email = await setUserActive(db, userId, active, admin, ip);
    return { message: active ? `${email} can sign in again.` : `${email} is deactivated and signed out everywhere.` };
  },
  revalidate,
});

/** Gives a role to someone who has not signed in yet (lib/users/invite.ts). */
export const inviteUserAction = validatedAction({
  role: "admin",
  schema: inviteSchema,
  async run({ email, role, sendEmail }, { user: admin, ip }) {
    await inviteUser(db, { email, role, sendEmail }, admin, ip);
    return {
      message: `${email} is invited as ${role}${sendEmail ? " and was emailed an invitation" : ""}: their first sign-in with this address has that role.`,
    };
  },
  revalidate,
});
