import { expect, type Page } from "@playwright/test";
import { firstLink, messagesTo, waitForMail } from "./mailbox";

/** Signs in through the email magic link that the local SMTP server received. */
export async function signInByEmail(page: Page, email: string, callbackPath = "/") {
  const before = (await messagesTo(email)).filter((m) => /sign in/i.test(m.subject)).length;
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByTestId("check-email")).toBeVisible();
  const mail = await waitForMail(email, /sign in/i, before + 1);
  await page.goto(firstLink(mail));
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
}

/** Signs in through the staff OIDC provider's login form. */
export async function signInWithSso(page: Page, email: string, callbackPath = "/admin") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByTestId("oidc-sign-in").click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
}

/** Tries the staff OIDC provider with a login it vouches for oddly; returns on the sign-in page. */
export async function attemptSso(page: Page, login: string) {
  await page.goto("/signin?callbackUrl=%2Fadmin");
  await page.getByTestId("oidc-sign-in").click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
}
