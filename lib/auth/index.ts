// Auth.js: email magic links for everyone, staff single sign-on through the company's OIDC
// provider, optional GitHub. Sessions live in the database, so a role change or a deactivation
// takes effect on the next request. Roles live on the User row; ADMIN_EMAILS only bootstraps.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type DefaultSession } from "next-auth";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { type Role, roleFromGroups } from "./roles";
import { sendSignInLink } from "./sign-in-email";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
}

// Auth.js builds the links in sign-in emails and its redirects from AUTH_URL: the portal's public URL.
process.env.AUTH_URL ??= env.APP_URL;

const providers: Provider[] = [
  Nodemailer({
    server: env.SMTP_URL ?? "smtp://localhost:25",
    from: env.MAIL_FROM,
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
    // The company's own identity provider vouches for staff addresses, so a staff member who first
    // signed in by email link keeps one account.
    allowDangerousEmailAccountLinking: true,
    profile: (profile) => ({
      id: String(profile.sub),
      email: String(profile.email).toLowerCase(),
      name: profile.name ?? null,
    }),
  });
}
if (env.AUTH_GITHUB_ID) {
  providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "database" },
  providers,
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  callbacks: {
    async signIn({ user }) {
      if (!user.email) return false;
      const existing = await db.user.findUnique({
        where: { email: user.email.toLowerCase() },
        select: { deactivatedAt: true },
      });
      return !existing?.deactivatedAt;
    },
    session({ session, user }) {
      const role = (user as { role?: Role }).role ?? "developer";
      return { ...session, user: { ...session.user, id: user.id, role } };
    },
  },
  events: {
    async signIn({ user, account, profile }) {
      if (!user.id || !user.email) return;
      const current = await db.user.findUnique({ where: { id: user.id }, select: { role: true, email: true } });
      if (!current) return;
      let role = current.role as Role;
      if (env.ADMIN_EMAILS.includes(current.email.toLowerCase())) role = "admin";
      if (account?.provider === "oidc" && profile) {
        const mapped = roleFromGroups(profile[env.OIDC_GROUPS_CLAIM], env.OIDC_REVIEWER_GROUPS, env.OIDC_ADMIN_GROUPS);
        if (mapped && role !== "admin") role = mapped;
      }
      if (role !== current.role) {
        await db.user.update({ where: { id: user.id }, data: { role } });
        await recordAudit(db, {
          actor: { id: user.id, email: current.email },
          action: "user.role_bootstrapped",
          entityType: "user",
          entityId: user.id,
          before: { role: current.role },
          after: { role },
          reason: account?.provider === "oidc" ? "identity provider group" : "ADMIN_EMAILS",
        });
      }
    },
  },
});
