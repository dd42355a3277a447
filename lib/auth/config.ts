// Auth.js: email magic links for everyone, staff single sign-on through the company's OIDC
// provider, optional GitHub. Sessions live in the database, so a role change or a deactivation
// takes effect on the next request. Roles live on the User row (see role-sync.ts).
import type { NextAuthConfig } from "next-auth";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { portalAuthAdapter } from "./adapter";
import { githubProfileWithVerifiedEmail } from "./github-email";
import { oidcIdentity } from "./oidc-identity";
import { isRole } from "./roles";
import { applyIdentityProviderGroups, bootstrapAdminOnCreate, dropStaffRoleOutsideSso } from "./role-sync";
import { sendSignInLink } from "./sign-in-email";

/** A sign-in link works once, for this long. */
export const MAGIC_LINK_MINUTES = 15;

const providers: Provider[] = [
  Nodemailer({
    server: env.SMTP_URL ?? "smtp://localhost:25",
    from: env.MAIL_FROM,
    maxAge: MAGIC_LINK_MINUTES * 60,
    sendVerificationRequest: sendSignInLink,
  }),
];
if (env.OIDC_ISSUER) {
  providers.push({
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oidc",
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    // Safe only because the signIn callback admits an OIDC login solely with an email address the
    // provider verified (and, when configured, in the company's domains): then a staff member who
    // first signed in by email link keeps one account.
    allowDangerousEmailAccountLinking: true,
    profile(profile: Record<string, unknown>) {
      const identity = oidcIdentity(profile, env.OIDC_EMAIL_DOMAINS);
      // A refused identity carries no email, and the signIn callback turns it away.
      if (!identity.ok) return { id: crypto.randomUUID(), email: null, name: null };
      const name = typeof profile.name === "string" ? profile.name : null;
      return { id: identity.subject, email: identity.email, name };
    },
  });
}
if (env.AUTH_GITHUB_ID) {
  providers.push(
    GitHub({
      clientId: env.AUTH_GITHUB_ID,
      clientSecret: env.AUTH_GITHUB_SECRET,
      userinfo: { url: "https://api.github.com/user", request: githubProfileWithVerifiedEmail },
    }),
  );
}

export const authConfig = {
  adapter: portalAuthAdapter(db),
  secret: env.AUTH_SECRET,
  // Auth.js builds every URL from the request, which the auth route rebuilds at APP_URL
  // (public-request.ts); server-side calls (auth(), signIn()) read AUTH_URL, set to APP_URL in index.ts.
  trustHost: true,
  useSecureCookies: env.APP_URL.startsWith("https:"),
  session: { strategy: "database" },
  providers,
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  callbacks: {
    async signIn({ user, account, profile, email }) {
      if (account?.provider === "oidc") {
        if (!profile || !oidcIdentity(profile, env.OIDC_EMAIL_DOMAINS).ok) return "/signin?error=StaffIdentity";
      }
      if (!user.email) return false;
      // Asking for a link says nothing about the account: everyone gets the same "check your email"
      // page, and the refusal of a deactivated account shows only to whoever opens the link.
      if (email?.verificationRequest) return true;
      const existing = await db.user.findUnique({
        where: { email: user.email.toLowerCase() },
        select: { deactivatedAt: true },
      });
      return existing?.deactivatedAt ? "/signin?error=Deactivated" : true;
    },
    session({ session, user }) {
      const role = (user as { role?: unknown }).role;
      return { ...session, user: { ...session.user, id: user.id, role: isRole(role) ? role : "developer" } };
    },
  },
  events: {
    async createUser({ user }) {
      if (user.id) await bootstrapAdminOnCreate(user.id);
    },
    async signIn({ user, account, profile }) {
      if (!user.id) return;
      if (account?.provider === "oidc" && profile)
        await applyIdentityProviderGroups(user.id, profile[env.OIDC_GROUPS_CLAIM]);
      else await dropStaffRoleOutsideSso(user.id);
    },
  },
} satisfies NextAuthConfig;
