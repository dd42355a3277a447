import { renderMail } from "@/lib/mail/layout";
import { sendMail } from "@/lib/mail/send";

export async function sendSignInLink({ identifier, url }: { identifier: string; url: string }) {
  const content = renderMail({
    heading: "Sign in to Allowlist Portal",
    paragraphs: [
      "Use the link below to sign in. It works once and expires in 24 hours.",
      "If you did not ask for it, ignore this email.",
    ],
    action: { label: "Sign in", url },
  });
  await sendMail({ to: identifier, subject: "Sign in to Allowlist Portal", ...content });
}
