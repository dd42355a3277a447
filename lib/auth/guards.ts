// Guards for pages, server actions and route handlers. Each checks the role itself; nothing relies
// on a proxy redirect.
import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { auth } from "./index";
import { hasRole, type Role } from "./roles";
import { SESSION_COOKIES } from "./session-cookies";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export const UNAVAILABLE_MESSAGE =
  "The portal cannot reach its database just now. You are still signed in and nothing was changed; try again in a minute.";

export type SessionState = { kind: "signed-in"; user: CurrentUser } | { kind: "signed-out" } | { kind: "unavailable" };

/** Auth.js answers "no session" when it cannot read one; a session cookie and a failing database
 *  mean the service is down, not that the visitor signed out. */
async function databaseUnreachable(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return false;
  } catch {
    return true;
  }
}

/** Who is signed in, or that we cannot tell because the database is down. Cached per request. */
export const sessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  if (session?.user?.id && session.user.email) {
    const { id, email, name, role } = session.user;
    return { kind: "signed-in", user: { id, email, name: name ?? null, role } };
  }
  const jar = await cookies();
  if (SESSION_COOKIES.some((name) => jar.has(name)) && (await databaseUnreachable())) return { kind: "unavailable" };
  return { kind: "signed-out" };
});

/** The signed-in user, or null (also while the database is unreachable). Cached per request. */
export async function currentUser(): Promise<CurrentUser | null> {
  const state = await sessionState();
  return state.kind === "signed-in" ? state.user : null;
}

/** For pages: redirect to sign-in when signed out, to the outage page when the database is down. */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const state = await sessionState();
  if (state.kind === "unavailable") redirect("/unavailable");
  if (state.kind === "signed-out") {
    redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  }
  return state.user;
}

/** For pages: sign-in when signed out, the 403 page without the role. */
export async function requireRole(role: Role, returnTo?: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** For server actions: 401 without a session, 403 without the role, a clear message in an outage. */
export async function requireActionRole(role: Role): Promise<CurrentUser> {
  const state = await sessionState();
  if (state.kind === "unavailable") throw new UserError(UNAVAILABLE_MESSAGE, 503);
  if (state.kind === "signed-out") unauthorized();
  if (!hasRole(state.user.role, role)) forbidden();
  return state.user;
}
