import { redirect } from "next/navigation";
import { localPath } from "@/lib/auth/schema";

/** After an action that changes what the page shows: back to the page, with a one-line notice. */
export function redirectWithNotice(returnTo: unknown, message: string): never {
  const url = new URL(localPath.parse(typeof returnTo === "string" ? returnTo : "/"), "http://portal");
  url.searchParams.set("notice", message);
  redirect(url.pathname + url.search);
}
