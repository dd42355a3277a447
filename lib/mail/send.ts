// Sends email through SMTP_URL, or — with no SMTP configured — writes it to the server log, so a
// fresh install can still sign in and see notifications.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let transport: Transporter | undefined;

function transporter(): Transporter | undefined {
  if (!env.SMTP_URL) return undefined;
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  return transport;
}

// Control characters (a terminal escape, a form feed) and bidi overrides, shown escaped in the log.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** How a mail looks in the log when there is no SMTP. Recipient and subject are JSON strings and
 *  every body line is indented behind "| ", so no user text (a client name, a comment) can start a
 *  line of its own: nothing in a mail can pass for a header or a fake "[mail]" sign-in block. */
export function mailForLog(mail: Mail): string {
  const body = mail.text
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    .map((line) => `  | ${line.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}`)
    .join("\n");
  return [
    "",
    "[mail] (no SMTP_URL: written here instead of sent)",
    `  To: ${JSON.stringify(mail.to)}`,
    `  Subject: ${JSON.stringify(mail.subject)}`,
    body,
    "",
  ].join("\n");
}

export async function sendMail(mail: Mail): Promise<void> {
  const smtp = transporter();
  if (!smtp) {
    console.log(mailForLog(mail));
    return;
  }
  await smtp.sendMail({ from: env.MAIL_FROM, ...mail });
}

/** Notifications must never fail the action that caused them: log and carry on. */
export async function sendMailQuietly(mail: Mail): Promise<void> {
  try {
    await sendMail(mail);
  } catch (error) {
    console.error(`[mail] could not send ${JSON.stringify(mail.subject)} to ${JSON.stringify(mail.to)}:`, error);
  }
}
