// The whole loop: an MCP client's registration is refused → the developer pastes the error into
// the portal → a reviewer approves → the registration succeeds within one poll → an admin revokes
// → it is refused again. Then the feed survives the portal restarting.
import { expect, test } from "@playwright/test";
import { createToken, importUris } from "./support/cli";
import { createClient } from "./support/developer";
import { APP_PORT, APP_URL, FIRST_ADMIN } from "./support/ports";
import { startPortal, stopPortal } from "./support/portal-process";
import { ReferenceAuthorizationServer, register } from "./support/reference-as";
import { fillDecision } from "./support/review";
import { signInByEmail, signInWithSso } from "./support/sign-in";

const CALLBACK = "https://loop.example.com/oauth/callback";
const LOOPBACK = "http://127.0.0.1:49152/loop/callback";
const EXACT_BODY = (uris: string[]) =>
  JSON.stringify({
    error: "invalid_redirect_uri",
    error_description: "One or more redirect URIs are not allowed",
    disallowed_uris: uris,
  });

test("refused → requested → approved → allowed → revoked → refused", async ({ page, browser }) => {
  const as = new ReferenceAuthorizationServer(APP_URL, await createToken("allowlist:read", "reference AS"));
  const asUrl = await as.start();
  try {
    const refused = await register(asUrl, [CALLBACK, LOOPBACK]);
    expect(refused.status).toBe(400);
    expect(refused.text).toBe(EXACT_BODY([CALLBACK, LOOPBACK]));

    await signInByEmail(page, "dev-loop@client.test", "/clients");
    await createClient(page, "Loop Client");
    await page.goto("/requests/new");
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "Loop Client" });
    await page.getByLabel(/One URI per line, or the whole/).fill(refused.text);
    await page.getByTestId("apply-paste").click();
    await expect(page.getByLabel("Redirect URI 1", { exact: true })).toHaveValue(CALLBACK);
    await expect(page.getByLabel("Redirect URI 2", { exact: true })).toHaveValue(LOOPBACK);
    await page
      .getByLabel("Why does the client need these redirect URIs?")
      .fill("Registration was refused by the MCP server.");
    await page.getByTestId("submit-request").click();
    await expect(page.getByTestId("submitted-notice")).toBeVisible();
    const requestId = page.url().split("/requests/")[1]!.split("?")[0]!;

    const reviewer = await browser.newPage();
    await signInWithSso(reviewer, "reviewer-loop@staff.test", `/admin/requests/${requestId}`);
    await fillDecision(reviewer, [{ approve: true }, { approve: true }]);
    await reviewer.getByTestId("submit-decision").click();
    await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Approved");

    // Within one poll interval (plus the request's own time), the same registration succeeds —
    // the loopback one on any port.
    await expect
      .poll(async () => (await register(asUrl, [CALLBACK, LOOPBACK])).status, {
        timeout: as.pollMs * 2 + 2000,
        intervals: [100],
      })
      .toBe(201);
    expect((await register(asUrl, ["http://127.0.0.1:8080/loop/callback"])).status).toBe(201);
    expect((await register(asUrl, [`${CALLBACK}/`])).status).toBe(400);

    // Asking again for an allowed URI: the form points out that no request is needed.
    await page.goto("/requests/new");
    await page.getByLabel("Redirect URI 1", { exact: true }).fill(CALLBACK);
    await expect(page.getByTestId("uri-row-0").getByTestId("flag-already_allowed")).toBeVisible();

    const admin = await browser.newPage();
    await signInByEmail(admin, FIRST_ADMIN, "/admin/entries?q=loop.example.com");
    const row = admin.getByTestId("entry-row").filter({ hasText: CALLBACK });
    await row.getByLabel(/Reason for revoking/).fill("Client was compromised.");
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(admin.getByTestId("notice")).toContainText("Revoked");

    await expect
      .poll(async () => (await register(asUrl, [CALLBACK])).text, { timeout: as.pollMs * 2 + 2000, intervals: [100] })
      .toBe(EXACT_BODY([CALLBACK]));
    expect((await register(asUrl, [LOOPBACK])).status).toBe(201);
    await reviewer.close();
    await admin.close();
  } finally {
    await as.stop();
  }
});

test("the authorization server keeps its last good copy while the portal restarts", async () => {
  const port = APP_PORT + 10; // a portal of its own, restarted by the test
  await importUris(["https://restart.example.com/cb"]);
  let portal = await startPortal(port);
  const as = new ReferenceAuthorizationServer(
    `http://127.0.0.1:${port}`,
    await createToken("allowlist:read", "restart AS"),
  );
  const asUrl = await as.start();
  try {
    expect((await register(asUrl, ["https://restart.example.com/cb"])).status).toBe(201);
    await stopPortal(portal);
    const failedBefore = as.failedPolls;
    await expect.poll(() => as.failedPolls, { timeout: 5000 }).toBeGreaterThan(failedBefore);
    // The portal is down: registrations still use the last good list.
    expect((await register(asUrl, ["https://restart.example.com/cb"])).status).toBe(201);
    expect((await register(asUrl, ["https://restart.example.com/other"])).status).toBe(400);

    await importUris(["https://restart.example.com/other"]);
    portal = await startPortal(port);
    await expect
      .poll(async () => (await register(asUrl, ["https://restart.example.com/other"])).status, { timeout: 5000 })
      .toBe(201);
  } finally {
    await as.stop();
    await stopPortal(portal);
  }
});
