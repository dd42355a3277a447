// The portal's Auth.js instance. See config.ts for providers and callbacks.
import { Auth } from "@auth/core";
import NextAuth, { type DefaultSession } from "next-auth";
import { env } from "@/lib/env";
import { authConfig } from "./config";
import { atPublicOrigin } from "./public-request";
import type { Role } from "./roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

// Server-side calls (auth(), signIn() in actions) build their URLs from AUTH_URL: APP_URL, always.
process.env.AUTH_URL = env.APP_URL;

// NextAuth() fills in the config's defaults (basePath, secret) in place, so the route below runs
// Auth.js with the same settings as auth() and signIn().
export const { auth, signIn, signOut } = NextAuth(authConfig);

/** The /api/auth/* route: Auth.js on a request rebuilt at the public origin. */
export async function authRoute(request: Request): Promise<Response> {
  return Auth(await atPublicOrigin(request, env.APP_URL), authConfig);
}
