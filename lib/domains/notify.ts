// The owner's warning when a re-check fails: the domain's auto-approved URIs leave the feed after
// the grace period unless the proof is put back.
import type { Db } from "@/lib/db";
import { renderMail } from "@/lib/mail/layout";
import { sendMailQuietly } from "@/lib/mail/send";
import { GRACE_DAYS } from "./schema";

export async function notifyLapsed(db: Db, ownerId: string, domain: string, error: string): Promise<void> {
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { email: true } });
  if (!owner) return;
  const { env } = await import("@/lib/env");
  const content = renderMail({
    heading: `${domain} could not be verified again`,
    paragraphs: [
      `The portal's re-check of ${domain} failed: ${error}`,
      `Put the TXT record or the https file back within ${GRACE_DAYS} days. After that, the redirect URIs approved automatically because of this domain are suspended (taken off the allowlist) until it verifies again.`,
    ],
    action: { label: "Check your domains", url: `${env.APP_URL}/domains` },
  });
  await sendMailQuietly({ to: owner.email, subject: `Action needed: ${domain} verification lapsed`, ...content });
}
