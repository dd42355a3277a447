// The one-line notice a page shows after an action redirects back to it. The URL carries a code,
// never text: a ?notice= link from anyone must not put words of their choosing into the portal's
// own chrome (phishing). An unknown code shows nothing.
import { redirect } from "next/navigation";
import { localPath } from "@/lib/auth/schema";

export const NOTICES = {
  approved: "Decision saved: approved. The developer has been emailed.",
  partially_approved: "Decision saved: partially approved. The developer has been emailed.",
  rejected: "Decision saved: rejected. The developer has been emailed.",
  changes_requested: "Changes requested: the developer has been emailed.",
  revoked: "Revoked: the entry left the list at once. If it came from a request, its developer has been emailed.",
  blocked: "Blocked: it is denied even where an entry allows it.",
  unblocked: "Block removed.",
} as const;
export type NoticeCode = keyof typeof NOTICES;

export function noticeText(code: unknown): string | null {
  return typeof code === "string" && Object.hasOwn(NOTICES, code) ? NOTICES[code as NoticeCode] : null;
}

/** After an action that changes what the page shows: back to the page, with a notice by code. */
export function redirectWithNotice(returnTo: unknown, code: NoticeCode): never {
  const url = new URL(localPath.parse(typeof returnTo === "string" ? returnTo : "/"), "http://portal");
  url.searchParams.set("notice", code);
  redirect(url.pathname + url.search);
}
