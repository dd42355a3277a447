// Auth.js's sendVerificationRequest for the email provider: the one place every sign-in link
// passes, whether it was asked for through the sign-in form or by posting to /api/auth directly.
// So the checks live here: a well-formed address (no line breaks that could forge lines in the
// mail or the log) and the sign-in email rate limits, per address and per client IP.
// The class next-auth re-exports, from the module it re-exports it from (importing next-auth
// itself would pull next/server into unit tests).
import { AuthError } from "@auth/core/errors";
import { renderMail } from "@/lib/mail/layout";
import { sendMail } from "@/lib/mail/send";
import { takeAttempt, minutesUntil } from "@/lib/rate-limit/limiter";
import { LIMITS } from "@/lib/rate-limit/limits";
import { requestIp } from "@/lib/request-ip";
import { signInEmailSchema } from "./schema";

/** Refused before sending. An AuthError, so that Auth.js hands it back to the sign-in action as it is. */
export class SignInEmailRefused extends AuthError {
  static type = "EmailSignInError";
  static kind = "signIn";
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

function minutes(n: number) {
  return `${n} minute${n === 1 ? "" : "s"}`;
}

/**
 * Counts one sign-in email against both limits; throws SignInEmailRefused with the wait when one is
 * full. The network's limit comes first: a caller already over it must not use up the address's
 * budget, or one network could lock anyone out of sign-in without a single email being sent.
 */
export async function limitSignInEmails(address: string, ip: string | null): Promise<void> {
  // Without a known client IP (no trusted proxy header) only the per-address limit applies.
  if (ip) {
    const perIp = await takeAttempt(LIMITS.signInEmailPerIp, ip);
    if (!perIp.ok) {
      throw new SignInEmailRefused(
        `Too many sign-in emails from your network; try again in ${minutes(minutesUntil(perIp.retryAfterMs))}.`,
      );
    }
  }
  const perAddress = await takeAttempt(LIMITS.signInEmailPerAddress, address);
  if (!perAddress.ok) {
    throw new SignInEmailRefused(
      `Too many sign-in emails for this address; try again in ${minutes(minutesUntil(perAddress.retryAfterMs))}. The links already sent still work.`,
    );
  }
}

/** Auth.js passes the link's expiry; the email states it rather than a number of its own. */
function expiresIn(expires: Date | undefined): string {
  if (!expires) return "a few minutes";
  return minutes(Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000)));
}

export async function sendSignInLink({
  identifier,
  url,
  expires,
}: {
  identifier: string;
  url: string;
  expires?: Date;
}) {
  const address = signInEmailSchema.shape.email.safeParse(identifier);
  if (!address.success) throw new SignInEmailRefused("Enter a valid email address.");
  await limitSignInEmails(address.data, await requestIp());
  const content = renderMail({
    heading: "Sign in to Allowlist Portal",
    paragraphs: [
      `Use the link below to sign in. It works once and expires in ${expiresIn(expires)}.`,
      "If you did not ask for it, ignore this email.",
    ],
    action: { label: "Sign in", url },
  });
  await sendMail({ to: address.data, subject: "Sign in to Allowlist Portal", ...content });
}
