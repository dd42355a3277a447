import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, defineConfig } from "@playwright/test";
import {
  APP_PORT,
  APP_URL,
  DNS_PORT,
  FIRST_ADMIN,
  SECOND_ADMIN,
  MAILBOX_PORT,
  OIDC_CLIENT,
  OIDC_ISSUER,
  SMTP_PORT,
  STAFF_GROUPS,
} from "./e2e/support/ports";

// Playwright's own Chromium where it was downloaded; otherwise the system's (Debian: apt install chromium).
const bundled = (() => {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
})();
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

// With PostgreSQL in production every instance needs the same secrets; the journeys start several.
process.env.AUTH_SECRET ??= "e2e-auth-secret-not-for-production";
process.env.AUDIT_SECRET ??= "e2e-audit-secret-not-for-production";
process.env.FEED_SIGNING_SECRET ??= "e2e-feed-signing-secret-not-for-production";
// Every journey (and every extra portal a journey starts) signs in from 127.0.0.1: far more sign-in
// emails an hour than one office sends.
process.env.SIGN_IN_EMAILS_PER_NETWORK ??= "10000";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions:
      bundled || !systemChromium
        ? {}
        : {
            executablePath: systemChromium,
            args: [
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-quic",
              "--no-first-run",
            ],
          },
  },
  projects: [{ name: "chromium" }],
  webServer: [
    {
      command: "node --import tsx e2e/support/services.ts",
      url: `http://127.0.0.1:${MAILBOX_PORT}/health`,
      stdout: "pipe",
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `${APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 400_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "pipe",
      env: {
        PORT: String(APP_PORT),
        APP_URL,
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_FROM: "Allowlist Portal <portal@portal.test>",
        ADMIN_EMAILS: `${FIRST_ADMIN},${SECOND_ADMIN}`,
        OIDC_ISSUER,
        OIDC_CLIENT_ID: OIDC_CLIENT.id,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        OIDC_NAME: "Test Staff SSO",
        OIDC_REVIEWER_GROUPS: STAFF_GROUPS.reviewer,
        OIDC_ADMIN_GROUPS: STAFF_GROUPS.admin,
        // Verified domains: TXT proofs from the services' DNS server; the https proof may reach the
        // local test HTTPS server (its own CA).
        DNS_SERVERS: `127.0.0.1:${DNS_PORT}`,
        CIMD_ALLOW_LOOPBACK: "1",
        NODE_EXTRA_CA_CERTS: path.resolve("lib/cimd/testdata/ca.pem"),
      },
    },
  ],
});
