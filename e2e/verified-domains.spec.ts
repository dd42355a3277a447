// Verified domains: a developer proves a domain with a DNS TXT record (on the test DNS server the
// portal resolves through), submits a URI on it, and it is approved at once, without a reviewer —
// the reference authorization server accepts it within one poll. Hostile claims are refused.
// Then the lifecycle: the record goes, the domain lapses and (after the grace period, run with
// `portal domains sweep --as-of`) its auto-approved URI and CIMD client leave the feed, and come
// back when the record does.
import { expect, test, type Page } from "@playwright/test";
import { serve, startHttpsServer } from "../lib/cimd/test-support/https-server";
import { createToken, portalWith } from "./support/cli";
import { createClient } from "./support/developer";
import { waitForMail } from "./support/mailbox";
import { APP_URL, DNS_PORT, FIRST_ADMIN, MAILBOX_PORT } from "./support/ports";
import { authorize, ReferenceAuthorizationServer, register } from "./support/reference-as";
import { signInByEmail } from "./support/sign-in";

const DOMAIN = "journey-verified.example.com";
const CALLBACK = `https://${DOMAIN}/oauth/callback`;

/** Sets a record on the test DNS server; a TXT record without a value is deleted. */
async function setDns(type: "txt" | "a", name: string, value?: string) {
  const field = type === "txt" ? "value" : "address";
  const query = `name=${encodeURIComponent(name)}${value ? `&${field}=${encodeURIComponent(value)}` : ""}`;
  expect((await fetch(`http://127.0.0.1:${MAILBOX_PORT}/dns/${type}?${query}`, { method: "POST" })).ok).toBe(true);
}
const publishTxt = (name: string, value: string) => setDns("txt", name, value);

/** Claims the domain on the developer's Domains page, publishes its TXT record and verifies it; returns the record. */
async function claimAndVerify(page: Page, domain: string): Promise<string> {
  await page.goto("/domains");
  await page.getByTestId("claim-domain-input").fill(domain);
  await page.getByTestId("claim-domain-submit").click();
  const card = page.getByTestId(`domain-${domain}`);
  await expect(card.getByTestId("domain-status")).toHaveText("pending");
  const value = (await card.getByTestId("domain-txt-value").textContent())!;
  expect(value).toMatch(/^token=[a-z2-7]{32}$/);
  await publishTxt(`_allowlist-portal-challenge.${domain}`, value);
  await card.getByTestId("verify-domain").click();
  await expect(card.getByTestId("domain-status")).toHaveText("verified");
  return value;
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
    await claimAndVerify(page, DOMAIN);

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
    // Told of the decision by email, not "your request is in the review queue".
    await waitForMail("owner@journey-verified.example.com", /^Your request for Verified Client was approved$/);

    // Someone else cannot take the verified domain (and is not told whose it is), nor a public suffix.
    const intruder = await browser.newPage();
    await signInByEmail(intruder, "intruder@elsewhere.test", "/domains");
    await intruder.getByTestId("claim-domain-input").fill(DOMAIN);
    await intruder.getByTestId("claim-domain-submit").click();
    await expect(intruder.getByTestId("action-result")).toContainText(
      "already verified by another account. If it is yours, ask an admin to transfer it.",
    );
    await expect(intruder.getByTestId("action-result")).not.toContainText("owner@");
    await intruder.getByTestId("claim-domain-input").fill("vercel.app");
    await intruder.getByTestId("claim-domain-submit").click();
    await expect(intruder.getByTestId("action-result")).toContainText("public suffix");

    // An admin transfers the domain to the second developer (it was theirs after all): the claim
    // moves, and the first owner's auto-approved URI on it is revoked, so it leaves the feed.
    const admin = await browser.newPage();
    await signInByEmail(admin, FIRST_ADMIN, "/admin/domains");
    const row = admin.getByTestId(`admin-domain-${DOMAIN}`);
    await expect(row.getByTestId("admin-domain-owner")).toHaveText("owner@journey-verified.example.com");
    await expect(row.getByTestId("admin-domain-status")).toHaveText("verified");
    await row.getByLabel(`New owner of ${DOMAIN}`).fill("intruder@elsewhere.test");
    await row.getByLabel(`Reason for transferring ${DOMAIN}`).fill("The domain was sold to them");
    admin.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Transfer" }).click();
    await expect(admin.getByTestId("action-result")).toContainText(
      "now belongs to intruder@elsewhere.test. 1 auto-approved entry of the previous owner revoked.",
    );
    await admin.close();
    await intruder.goto("/domains");
    await expect(intruder.getByTestId(`domain-${DOMAIN}`).getByTestId("domain-status")).toHaveText("verified");
    await intruder.close();
    await expect
      .poll(async () => (await register(asUrl, [CALLBACK])).status, { timeout: as.pollMs * 2 + 2000, intervals: [100] })
      .toBe(400);
  } finally {
    await as.stop();
  }
});

const LAPSING = "journey.cimd.test"; // the test CA's certificate covers *.cimd.test
const DAY = 86_400_000;

test("lapse → suspension → the feed drops the URI and the CIMD client → re-verify → they return", async ({ page }) => {
  test.setTimeout(120_000);
  const documents = await startHttpsServer();
  const as = new ReferenceAuthorizationServer(APP_URL, await createToken("allowlist:read", "reference AS lapse"));
  const asUrl = await as.start();
  const sweep = (days: number) =>
    portalWith(
      { DNS_SERVERS: `127.0.0.1:${DNS_PORT}` },
      "domains",
      "sweep",
      "--as-of",
      new Date(Date.now() + days * DAY).toISOString(),
    );
  try {
    const callback = `https://${LAPSING}/oauth/callback`;
    const clientId = `https://${LAPSING}:${documents.port}/oauth/client.json`;
    const cimdCallback = `https://${LAPSING}/cimd/callback`;
    await setDns("a", LAPSING, "127.0.0.1");
    documents.route("/oauth/client.json", serve({ client_id: clientId, redirect_uris: [cimdCallback] }));

    await signInByEmail(page, `owner@${LAPSING}`, "/clients");
    await createClient(page, "Lapsing Client");
    const record = await claimAndVerify(page, LAPSING);
    await page.goto("/requests/new");
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "Lapsing Client" });
    await page.getByLabel("Redirect URI 1", { exact: true }).fill(callback);
    await page.getByLabel("Why does the client need these redirect URIs?").fill("Our own domain.");
    await page.getByTestId("submit-request").click();
    await expect(page.getByTestId("status-badge").first()).toHaveText("Approved");
    // A CIMD client whose client_id URL is on the verified host is approved at once too.
    await page.goto("/requests/new");
    await page.getByText("My client uses a client ID metadata document").click();
    await page.getByLabel("Client for this document").selectOption({ label: "Lapsing Client" });
    await page.getByRole("textbox", { name: "client_id URL" }).fill(clientId);
    await page.getByTestId("cimd-fetch-button").click();
    await expect(page.getByTestId("cimd-verdict")).toContainText("passes every check");
    await page.getByLabel("Justification").fill("Our own client ID metadata document.");
    await page.getByTestId("cimd-submit").click();
    await expect(page.getByTestId("status-badge").first()).toHaveText("Approved");
    await expect(page.getByTestId("cimd-decision")).toContainText(`auto-approved: verified domain ${LAPSING}`);
    const cimdRequest = page.url();

    const bothAllowed = async () =>
      `${(await register(asUrl, [callback])).status} ${(await authorize(asUrl, clientId, cimdCallback)).status}`;
    const poll = { timeout: as.pollMs * 4 + 3000, intervals: [200] };
    await expect.poll(bothAllowed, poll).toBe("201 302");

    // The record is removed: the next re-check lapses the domain, but the grace period keeps both listed.
    await setDns("txt", `_allowlist-portal-challenge.${LAPSING}`);
    expect((await sweep(31)).code).toBe(0);
    await page.goto("/domains");
    await expect(page.getByTestId(`domain-${LAPSING}`).getByTestId("domain-status")).toHaveText("lapsed");
    expect(await bothAllowed()).toBe("201 302");

    // Past the grace period: suspended, out of the feed, so the authorization server refuses both.
    expect((await sweep(39)).stdout).toMatch(/suspended 2 /);
    await expect.poll(bothAllowed, poll).toBe("400 400");
    await page.goto(cimdRequest);
    await expect(page.getByTestId("next-step")).toContainText("suspended until your verified domain is verified again");

    // The record is back and the developer checks again: both return without a reviewer.
    await publishTxt(`_allowlist-portal-challenge.${LAPSING}`, record);
    await page.goto("/domains");
    await page.getByTestId(`domain-${LAPSING}`).getByTestId("verify-domain").click();
    await expect(page.getByTestId(`domain-${LAPSING}`).getByTestId("domain-status")).toHaveText("verified");
    await expect.poll(bothAllowed, poll).toBe("201 302");
  } finally {
    await as.stop();
    await documents.close();
  }
});
