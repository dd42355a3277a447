import { expect } from "@playwright/test";
import { MAILBOX_PORT } from "./ports";

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export async function messagesTo(email: string): Promise<Mail[]> {
  const response = await fetch(`http://127.0.0.1:${MAILBOX_PORT}/messages?to=${encodeURIComponent(email)}`);
  return (await response.json()) as Mail[];
}

/** Waits for the n-th message (1-based) to `email` whose subject matches, and returns it. */
export async function waitForMail(email: string, subject: RegExp, count = 1): Promise<Mail> {
  let found: Mail[] = [];
  await expect
    .poll(
      async () => {
        found = (await messagesTo(email)).filter((m) => subject.test(m.subject));
        return found.length;
      },
      { message: `waiting for mail "${subject}" to ${email}`, timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return found[count - 1]!;
}

export function firstLink(mail: Mail): string {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return match[0];
}
