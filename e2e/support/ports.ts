// Fixed local ports for the test run: the portal, its SMTP server's mailbox and the OIDC provider.
export const APP_PORT = 3100;
export const SMTP_PORT = 3125;
export const MAILBOX_PORT = 3101;
export const OIDC_PORT = 3102;
export const APP_URL = `http://localhost:${APP_PORT}`;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT = { id: "allowlist-portal", secret: "e2e-client-secret-not-for-production" };
export const STAFF_GROUPS = { reviewer: "portal-reviewers", admin: "portal-admins" };
export const FIRST_ADMIN = "root-admin@portal.test";
