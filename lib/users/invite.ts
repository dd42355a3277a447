// Inviting someone who has not signed in yet, with a role (what `portal user role` does for
// operators): the user row is created now, and their first sign-in with that address links to it.
import { recordAuditInTx } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { renderMail } from "@/lib/mail/layout";
import { sendMailQuietly } from "@/lib/mail/send";
import { UserError } from "@/lib/user-error";

export async function inviteUser(
  db: Db,
  input: { email: string; role: Role; sendEmail: boolean },
  actor: { id: string; email: string },
  ip: string | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { role: true } });
    // Never a quiet role change: the table's role selector is the place for that.
    if (existing)
      throw new UserError(
        `${input.email} already has an account (${existing.role}): change the role in the table below instead.`,
      );
    const user = await tx.user.create({ data: { email: input.email, role: input.role }, select: { id: true } });
    await recordAuditInTx(tx, {
      actor,
      action: "user.invited",
      entityType: "user",
      entityId: user.id,
      after: { email: input.email, role: input.role, emailed: input.sendEmail },
      ip,
    });
  });
  if (input.sendEmail) await sendInvitation(input.email, input.role, actor.email);
}

/** A pointer to the sign-in page, not a sign-in link: the invitee asks for their own link there. */
async function sendInvitation(email: string, role: Role, inviter: string) {
  const staff = role !== "developer";
  const url = `${env.APP_URL}/signin?${new URLSearchParams({ email, callbackUrl: staff ? "/admin" : "/" })}`;
  const content = renderMail({
    heading: "You are invited to Allowlist Portal",
    paragraphs: [
      `${inviter} invited you to Allowlist Portal as ${role === "admin" ? "an admin" : `a ${role}`}.`,
      staff
        ? "Sign in with this email address to open the review queue."
        : "Sign in with this email address to request redirect URIs for your clients.",
    ],
    action: { label: "Sign in", url },
  });
  await sendMailQuietly({ to: email, subject: "You are invited to Allowlist Portal", ...content });
}
