// The portal as operators run it: at an https address, behind a proxy that terminates TLS.
// Sign-in links, redirects and the SSO callback must all stay at that public origin.
import type { ChildProcess } from "node:child_process";
import type { Server } from "node:https";
import { expect, test } from "@playwright/test";
import { messagesTo, waitForMail, firstLink } from "./support/mailbox";
import { startPortal, stopPortal } from "./support/portal-process";
import {
  BEHIND_PROXY_PORT,
  BEHIND_PROXY_URL,
  OIDC_CLIENT,
  OIDC_ISSUER,
  SMTP_PORT,
  STAFF_GROUPS,
  TLS_PROXY_PORT,
} from "./support/ports";
import { signInWithSso } from "./support/sign-in";
import { startTlsProxy } from "./support/tls-proxy";

let portal: ChildProcess;
let proxy: Server;

test.use({ baseURL: BEHIND_PROXY_URL, ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  portal = await startPortal(BEHIND_PROXY_PORT, BEHIND_PROXY_URL, {
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAIL_FROM: "Allowlist Portal <portal@portal.test>",
    OIDC_ISSUER,
    OIDC_CLIENT_ID: OIDC_CLIENT.id,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
    OIDC_REVIEWER_GROUPS: STAFF_GROUPS.reviewer,
    OIDC_ADMIN_GROUPS: STAFF_GROUPS.admin,
  });
  proxy = await startTlsProxy(TLS_PROXY_PORT, BEHIND_PROXY_PORT);
});

test.afterAll(async () => {
  proxy?.close();
  if (portal) await stopPortal(portal);
});

test("an emailed link signs in at the https address and keeps the deep link", async ({ page }) => {
  const email = "dev-tls@client.test";
  await page.goto("/requests/new");
  await expect(page).toHaveURL(`${BEHIND_PROXY_URL}/signin?callbackUrl=%2Frequests%2Fnew`);
  await expect(page.getByTestId("sign-in-reason")).toBeVisible();
  const before = (await messagesTo(email)).length;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByTestId("check-email-address")).toHaveText(email);
  const link = firstLink(await waitForMail(email, /sign in/i, before + 1));
  expect(link.startsWith(`${BEHIND_PROXY_URL}/api/auth/callback/nodemailer?`)).toBe(true);
  await page.goto(link);
  await expect(page).toHaveURL(`${BEHIND_PROXY_URL}/requests/new`);
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
  const cookies = await page.context().cookies(BEHIND_PROXY_URL);
  expect(cookies.find((c) => c.name === "__Secure-authjs.session-token")?.secure).toBe(true);
});

test("staff single sign-on completes at the https address", async ({ page }) => {
  await signInWithSso(page, "reviewer-tls@staff.test");
  await expect(page).toHaveURL(`${BEHIND_PROXY_URL}/admin`);
  await expect(page.getByTestId("role-badge")).toHaveText("reviewer");
});

test("pages are served with HSTS and a content security policy", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
});
