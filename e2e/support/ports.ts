// Local ports for the test run: the portal, its SMTP server's mailbox and the OIDC provider.
// E2E_PORT_BASE moves them all, so that two checkouts can run their journeys side by side.
const base = Number(process.env.E2E_PORT_BASE ?? 3100);
export const APP_PORT = base;
export const MAILBOX_PORT = base + 1;
export const OIDC_PORT = base + 2;
export const SMTP_PORT = base + 25;
/** A TLS-terminating proxy in front of a second portal instance (behind-tls-proxy.spec.ts). */
export const TLS_PROXY_PORT = base + 3;
export const BEHIND_PROXY_PORT = base + 4;
export const BEHIND_PROXY_URL = `https://127.0.0.1:${TLS_PROXY_PORT}`;
// Served the way operators serve it: at a public address that is not localhost.
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT = { id: "allowlist-portal", secret: "e2e-client-secret-not-for-production" };
export const STAFF_GROUPS = { reviewer: "portal-reviewers", admin: "portal-admins" };
export const FIRST_ADMIN = "root-admin@portal.test";
/** Also in ADMIN_EMAILS: demoted by a test, to show that signing in again does not re-promote it. */
export const SECOND_ADMIN = "second-admin@portal.test";
/** A DNS server (UDP) for verified domains: TXT and A records set through the mailbox's /dns endpoint. */
export const DNS_PORT = base + 53;
