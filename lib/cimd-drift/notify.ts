// Who hears about drift: the developer whose client it is (a shrunk list, a decision, a day
// unreachable), and reviewers (a change waiting for them, a day unreachable). Each mail links to
// the client's page on the side the reader works on.
import type { Db } from "@/lib/db";
import { renderMail } from "@/lib/mail/layout";
import { sendMailQuietly } from "@/lib/mail/send";

/** The developer's address: the owner of the portal client it belongs to, else the requester. */
async function developerOf(db: Db, cimdClientId: string) {
  const row = await db.cimdClient.findUnique({
    where: { id: cimdClientId },
    select: { clientId: true, cimdRequestId: true, clientIdUrl: true },
  });
  if (!row) return null;
  const owner = row.clientId
    ? await db.client.findUnique({ where: { id: row.clientId }, select: { owner: { select: { email: true } } } })
    : null;
  const requester =
    !owner && row.cimdRequestId
      ? await db.cimdRequest.findUnique({
          where: { id: row.cimdRequestId },
          select: { request: { select: { requester: { select: { email: true } } } } },
        })
      : null;
  const email = owner?.owner.email ?? requester?.request.requester.email ?? null;
  return email ? { email, clientIdUrl: row.clientIdUrl } : null;
}

export async function mailDeveloper(
  db: Db,
  cimdClientId: string,
  subject: (url: string) => string,
  paragraphs: string[],
) {
  const developer = await developerOf(db, cimdClientId);
  if (!developer) return;
  const { env } = await import("@/lib/env");
  const heading = subject(developer.clientIdUrl);
  const content = renderMail({
    heading,
    paragraphs,
    action: { label: "See the client", url: `${env.APP_URL}/cimd-clients/${cimdClientId}` },
  });
  await sendMailQuietly({ to: developer.email, subject: heading, ...content });
}

export async function mailReviewers(db: Db, cimdClientId: string, heading: string, paragraphs: string[]) {
  const reviewers = await db.user.findMany({
    where: { role: { in: ["reviewer", "admin"] }, deactivatedAt: null },
    select: { email: true },
  });
  const { env } = await import("@/lib/env");
  const content = renderMail({
    heading,
    paragraphs,
    action: { label: "Review the client", url: `${env.APP_URL}/admin/cimd-clients/${cimdClientId}` },
    footer: "You receive this email as a reviewer on Allowlist Portal.",
  });
  await Promise.all(reviewers.map((r) => sendMailQuietly({ to: r.email, subject: heading, ...content })));
}
