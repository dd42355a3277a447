// Local ports for the test run: the portal, its SMTP server's mailbox and the OIDC provider.
// E2E_PORT_BASE moves them all, so that two checkouts can run their journeys side by side.
const base = Number(process.env.E2E_PORT_BASE ?? 3100);
export const APP_PORT = base;
export const MAILBOX_PORT = base + 1;
export const OIDC_PORT = base + 2;
export const SMTP_PORT = base + 25;
// Served the way operators serve it: at a public address that is not localhost.
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT = { id: "allowlist-portal", secret: "e2e-client-secret-not-for-production" };
export const STAFF_GROUPS = { reviewer: "portal-reviewers", admin: "portal-admins" };
export const FIRST_ADMIN = "root-admin@portal.test";
