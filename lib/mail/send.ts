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

export async function sendMail(mail: Mail): Promise<void> {
  const smtp = transporter();
  if (!smtp) {
    console.log(
      `\n[mail] (no SMTP_URL: written here instead of sent)\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`,
    );
    return;
  }
  await smtp.sendMail({ from: env.MAIL_FROM, ...mail });
}

/** Notifications must never fail the action that caused them: log and carry on. */
export async function sendMailQuietly(mail: Mail): Promise<void> {
  try {
    await sendMail(mail);
  } catch (error) {
    console.error(`[mail] could not send "${mail.subject}" to ${mail.to}:`, error);
  }
}
