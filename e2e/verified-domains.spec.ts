// Verified domains: a developer proves a domain with a DNS TXT record (on the test DNS server the
// portal resolves through), submits a URI on it, and it is approved at once, without a reviewer —
// the reference authorization server accepts it within one poll. Hostile claims are refused.
import { expect, test } from "@playwright/test";
import { createToken } from "./support/cli";
import { createClient } from "./support/developer";
import { APP_URL, MAILBOX_PORT } from "./support/ports";
import { ReferenceAuthorizationServer, register } from "./support/reference-as";
import { signInByEmail } from "./support/sign-in";

const DOMAIN = "journey-verified.example.com";
const CALLBACK = `https://${DOMAIN}/oauth/callback`;

async function publishTxt(name: string, value: string) {
  const url = `http://127.0.0.1:${MAILBOX_PORT}/dns/txt?name=${encodeURIComponent(name)}&value=${encodeURIComponent(value)}`;
  expect((await fetch(url, { method: "POST" })).ok).toBe(true);
}

test("claim → TXT → verify → submit → approved at once → the authorization server accepts it", async ({
  page,
  browser,
}) => {
  const as = new ReferenceAuthorizationServer(APP_URL, await createToken("allowlist:read", "reference AS domains"));
  const asUrl = await as.start();
  try {
    expect((await register(asUrl, [CALLBACK])).status).toBe(400);

    await signInByEmail(page, "owner@journey-verified.example.com", "/clients");
    await createClient(page, "Verified Client");
    await page.goto("/domains");
    await page.getByTestId("claim-domain-input").fill(DOMAIN);
    await page.getByTestId("claim-domain-submit").click();
    const card = page.getByTestId(`domain-${DOMAIN}`);
    await expect(card.getByTestId("domain-status")).toHaveText("pending");

    const value = (await card.getByTestId("domain-txt-value").textContent())!;
    expect(value).toMatch(/^token=[a-z2-7]{32}$/);
    await publishTxt(`_allowlist-portal-challenge.${DOMAIN}`, value);
    await card.getByTestId("verify-domain").click();
    await expect(card.getByTestId("domain-status")).toHaveText("verified");

    const started = Date.now();
    // Filled by hand: the shared helper waits for the "submitted" notice, which an approved request skips.
    await page.goto("/requests/new");
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "Verified Client" });
    await page.getByLabel("Redirect URI 1", { exact: true }).fill(CALLBACK);
    await page.getByLabel("Why does the client need these redirect URIs?").fill("Our own domain.");
    await page.getByTestId("submit-request").click();
    await expect(page.getByTestId("status-badge").first()).toHaveText("Approved");
    await expect(page.getByText(`Reason: auto-approved: verified domain ${DOMAIN}`)).toBeVisible();
    await expect
      .poll(async () => (await register(asUrl, [CALLBACK])).status, { timeout: as.pollMs * 2 + 2000, intervals: [100] })
      .toBe(201);
    expect(Date.now() - started).toBeLessThan(15_000);

    // Someone else cannot take the verified domain (and is not told whose it is), nor a public suffix.
    const intruder = await browser.newPage();
    await signInByEmail(intruder, "intruder@elsewhere.test", "/domains");
    await intruder.getByTestId("claim-domain-input").fill(DOMAIN);
    await intruder.getByTestId("claim-domain-submit").click();
    await expect(intruder.getByTestId("action-result")).toContainText("already verified by another account");
    await expect(intruder.getByTestId("action-result")).not.toContainText("owner@");
    await intruder.getByTestId("claim-domain-input").fill("vercel.app");
    await intruder.getByTestId("claim-domain-submit").click();
    await expect(intruder.getByTestId("action-result")).toContainText("public suffix");
    await intruder.close();
  } finally {
    await as.stop();
  }
});
