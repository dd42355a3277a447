// The main pages on a phone-sized screen: nothing wider than the viewport, navigation reachable.
import { expect, test } from "@playwright/test";
import { signInByEmail } from "./support/sign-in";

test.use({ viewport: { width: 390, height: 844 } });

test("the landing page, the request form and my requests fit a phone screen", async ({ page }) => {
  await page.goto("/");
  await page.screenshot({ path: "test-results/screens/mobile-landing.png", fullPage: true });
  await signInByEmail(page, "dev-mobile@client.test", "/requests/new");
  await page.goto("/requests/new");
  await page
    .getByLabel("Redirect URI 1", { exact: true })
    .fill("HTTPS://Mobile.example.com:443/a-rather-long/oauth/callback/path");
  await expect(page.getByTestId("use-canonical")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/mobile-request-form.png", fullPage: true });
  for (const path of ["/", "/requests/new", "/requests", "/clients"]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    await expect(page.getByRole("link", { name: "My requests" })).toBeVisible();
  }
});
