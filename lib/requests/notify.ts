// Email notifications (PRODUCT.md): reviewers hear of new and resubmitted requests; the developer
// hears of every question, change request, decision and revocation. Each links to its page.
// A reviewer gets at most one email per request in LIMITS.reviewerMailPerRequest's window: later
// updates (a reply, a resubmission) coalesce into it and show on the request's timeline.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { renderMail } from "@/lib/mail/layout";
import { sendMailQuietly } from "@/lib/mail/send";
import { takeAttempt } from "@/lib/rate-limit/limiter";
import { LIMITS } from "@/lib/rate-limit/limits";

async function requestSummary(requestId: string) {
  return db.request.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      client: { select: { name: true } },
      requester: { select: { email: true } },
      assignee: { select: { id: true, email: true } },
      uris: { select: { uri: true, decision: true, reason: true }, orderBy: { position: "asc" } },
      cimd: { select: { clientIdUrl: true, decision: true, reason: true } },
    },
  });
}

/** What a request asks for, for an email: its URIs, and its CIMD client when it has one. */
function subjects(request: NonNullable<Awaited<ReturnType<typeof requestSummary>>>) {
  const cimd = request.cimd ? [{ uri: `CIMD client ${request.cimd.clientIdUrl}`, ...request.cimd }] : [];
  return [...cimd, ...request.uris];
}

/** After a submission: a request approved at once by a verified domain tells its developer the
 *  decision (reviewers spot-check it in the queue); any other goes to the reviewers. */
export async function notifySubmission(requestId: string, autoApproved: boolean | undefined, resubmitted = false) {
  if (autoApproved) return notifyDeveloper(requestId, { kind: "decision" });
  if (resubmitted) return notifyReviewers(requestId, "resubmitted");
  await Promise.all([notifyReviewers(requestId, "new"), notifyDeveloper(requestId, { kind: "submitted" })]);
}

const REVIEWER_SUBJECTS = {
  new: "New request",
  resubmitted: "Request resubmitted",
  reply: "The developer replied",
} as const;
const REVIEWER_VERBS = {
  new: "asks for",
  resubmitted: "changed and resubmitted",
  reply: "commented on a request for",
} as const;

/** To the assignee when there is one (replies), else to every active reviewer and admin. */
export async function notifyReviewers(requestId: string, kind: keyof typeof REVIEWER_SUBJECTS): Promise<void> {
  const request = await requestSummary(requestId);
  if (!request) return;
  const reviewers =
    kind === "reply" && request.assignee
      ? [request.assignee]
      : await db.user.findMany({
          where: { role: { in: ["reviewer", "admin"] }, deactivatedAt: null },
          select: { id: true, email: true },
        });
  const subject = `${REVIEWER_SUBJECTS[kind]}: ${request.client.name}`;
  const content = renderMail({
    heading: subject,
    paragraphs: [
      `${request.requester.email} ${REVIEWER_VERBS[kind]}:`,
      subjects(request)
        .map((u) => `• ${u.uri}`)
        .join("\n"),
    ],
    action: { label: "Review the request", url: `${env.APP_URL}/admin/requests/${request.id}` },
    footer: "You receive this email as a reviewer on Allowlist Portal.",
  });
  await Promise.all(
    reviewers.map(async (r) => {
      const fresh = await takeAttempt(LIMITS.reviewerMailPerRequest, `${r.id} ${request.id}`);
      if (fresh.ok) await sendMailQuietly({ to: r.email, subject, ...content });
    }),
  );
}

export type DeveloperNotice =
  | { kind: "submitted" }
  | { kind: "question"; body: string }
  | { kind: "changes_requested"; message: string }
  | { kind: "decision" }
  | { kind: "revoked"; uri: string; reason: string };

export async function notifyDeveloper(requestId: string, notice: DeveloperNotice): Promise<void> {
  const request = await requestSummary(requestId);
  if (!request) return;
  const client = request.client.name;
  let subject: string;
  let paragraphs: string[];
  switch (notice.kind) {
    case "submitted":
      subject = `We received your request for ${client}`;
      paragraphs = [
        "Your request is in the review queue with:",
        subjects(request)
          .map((u) => `• ${u.uri}`)
          .join("\n"),
        "We will email you when a reviewer asks something or decides.",
      ];
      break;
    case "question":
      subject = `A reviewer commented on your request for ${client}`;
      // Staff stay "a reviewer" to developers (their addresses are not the developer's business).
      paragraphs = ["A reviewer wrote:", notice.body, "Reply on the request's page."];
      break;
    case "changes_requested":
      subject = `Changes requested on your request for ${client}`;
      paragraphs = [
        "A reviewer asks you to change the request before it can be decided:",
        notice.message,
        "Edit the redirect URIs on the request's page and resubmit.",
      ];
      break;
    case "decision": {
      const outcome = request.status.replace("_", " ");
      subject = `Your request for ${client} was ${outcome}`;
      paragraphs = [
        `The request was ${outcome}:`,
        subjects(request)
          .map((u) => `• ${u.uri} — ${u.decision}${u.reason ? ` (${u.reason})` : ""}`)
          .join("\n"),
        "What was approved is on the allowlist now; the authorization server picks it up within its next poll.",
      ];
      break;
    }
    case "revoked":
      subject = `A redirect URI of ${client} was revoked`;
      paragraphs = [`${notice.uri} is no longer allowed.`, `Reason: ${notice.reason}`];
      break;
  }
  const content = renderMail({
    heading: subject,
    paragraphs,
    action: { label: "Open the request", url: `${env.APP_URL}/requests/${request.id}` },
  });
  await sendMailQuietly({ to: request.requester.email, subject, ...content });
}
