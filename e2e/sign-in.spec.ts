import { expect, test } from "@playwright/test";
import { FIRST_ADMIN } from "./support/ports";
import { signInByEmail, signInWithSso } from "./support/sign-in";

test("a developer signs in with an emailed link, cannot open the dashboard, and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /redirect URIs allowed/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/landing.png", fullPage: true });

  await signInByEmail(page, "dev-one@client.test");
  await expect(page.getByTestId("role-badge")).toHaveText("developer");
  await expect(page.getByRole("link", { name: "Review queue" })).toHaveCount(0);

  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Review queue" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
});

test("a used sign-in link does not work twice", async ({ page, browser }) => {
  await signInByEmail(page, "dev-two@client.test");
  const { firstLink, waitForMail } = await import("./support/mailbox");
  const link = firstLink(await waitForMail("dev-two@client.test", /sign in/i));
  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByTestId("sign-in-error")).toContainText(/expired or was already used/);
  await other.close();
});

test("a reviewer signs in through the staff identity provider and gets the dashboard", async ({ page }) => {
  await signInWithSso(page, "reviewer-ann@staff.test");
  await expect(page.getByTestId("role-badge")).toHaveText("reviewer");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin-queue.png", fullPage: true });
});

test("the first admin from ADMIN_EMAILS is an admin on first sign-in", async ({ page }) => {
  await signInByEmail(page, FIRST_ADMIN, "/admin");
  await expect(page.getByTestId("role-badge")).toHaveText("admin");
  await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
});

test("a signed-out visitor who opens a deep link signs in and lands on it", async ({ page }) => {
  await page.goto("/requests/new");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Frequests%2Fnew/);
  const { firstLink, waitForMail, messagesTo } = await import("./support/mailbox");
  const before = (await messagesTo("dev-deeplink@client.test")).length;
  await page.getByLabel("Email address").fill("dev-deeplink@client.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByTestId("check-email")).toBeVisible();
  await page.goto(firstLink(await waitForMail("dev-deeplink@client.test", /sign in/i, before + 1)));
  await expect(page).toHaveURL(/\/requests\/new$/);
  await expect(page.getByRole("heading", { name: "Request redirect URIs" })).toBeVisible();
});
