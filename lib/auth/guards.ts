// Guards for pages, server actions and route handlers. Each checks the role itself; nothing relies
// on a proxy redirect.
import { cache } from "react";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { auth } from "./index";
import { hasRole, type Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The signed-in user, or null. Cached per request. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.user?.id || !session.user.email) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name ?? null, role: session.user.role };
});

/** For pages: redirect to sign-in when signed out. */
export async function requireUser(returnTo?: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  return user;
}

/** For pages: sign-in when signed out, the 403 page without the role. */
export async function requireRole(role: Role, returnTo?: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** For server actions: 401 without a session, 403 without the role. */
export async function requireActionRole(role: Role): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) unauthorized();
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
