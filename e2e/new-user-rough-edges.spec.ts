// The rough edges a new user met in a real browser (issue 10, items 7–15), each retried as that
// user would: the page must say and show the right thing, not only store it.
import type { ChildProcess } from "node:child_process";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createClient, submitRequest } from "./support/developer";
import { firstLink, messagesTo, waitForMail } from "./support/mailbox";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT } from "./support/ports";
import { fillDecision } from "./support/review";
import { signInByEmail, signInWithSso } from "./support/sign-in";

const screens = "test-results/screens";

/** This week's "decided" figure, read from the chart's accessible description. */
async function decidedThisWeek(page: Page): Promise<number> {
  const label = (await page.getByTestId("weekly-chart").getByRole("img").getAttribute("aria-label")) ?? "";
  const decided = /decided ([\d, ]+)/.exec(label)?.[1]?.split(",") ?? [];
  return Number(decided.at(-1)?.trim() ?? NaN);
}

test("item 7: after Save the Users page shows the new role, and Save again keeps it", async ({ page, browser }) => {
  await signInByEmail(page, "dev-role-save@client.test");
  const admin = await browser.newPage();
  await signInWithSso(admin, "admin-roles@staff.test", "/admin/users?q=dev-role-save");
  const row = admin.getByTestId("user-row").filter({ hasText: "dev-role-save@client.test" });
  const select = row.getByLabel("Role of dev-role-save@client.test");
  await select.selectOption("reviewer");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("action-result")).toHaveText("dev-role-save@client.test is now reviewer.");
  await expect(row.getByTestId("role-badge")).toHaveText("reviewer");
  await expect(select).toHaveValue("reviewer");
  await admin.screenshot({ path: `${screens}/users-after-save.png`, fullPage: true });

  // Pressing Save again in that row must not undo the change.
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByTestId("action-result")).toHaveText("dev-role-save@client.test is now reviewer.");
  await admin.reload();
  await expect(
    admin.getByTestId("user-row").filter({ hasText: "dev-role-save@client.test" }).getByTestId("role-badge"),
  ).toHaveText("reviewer");
  await admin.close();
});

test("items 8 and 9: pasted URIs are confirmed, and survive describing the client first", async ({ page }) => {
  await signInByEmail(page, "dev-first-time@client.test", "/requests/new");
  await page.goto("/requests/new");
  await page.getByLabel(/One URI per line/).fill("https://first.example.com/cb\nhttp://127.0.0.1:8123/callback");
  await page.getByTestId("apply-paste").click();
  await expect(page.getByText("Added 2 redirect URIs.")).toBeVisible();
  await expect(page.getByLabel("Redirect URI 1", { exact: true })).toHaveValue("https://first.example.com/cb");
  await page.screenshot({ path: `${screens}/paste-confirmed.png`, fullPage: true });

  await page.getByRole("link", { name: "describe your client" }).click();
  await expect(page).toHaveURL(/\/clients\/new\?next=/);
  await page.getByLabel("Client name").fill("First Timer");
  await page.getByLabel("Vendor or organisation").fill("First Timer Ltd");
  await page.getByLabel("Homepage").fill("https://first.example.com");
  await page.getByLabel("Client type").selectOption("desktop");
  await page.getByLabel("Short description").fill("A desktop MCP client, described on the way to the request.");
  await page.getByRole("button", { name: "Save client" }).click();

  await expect(page).toHaveURL(/\/requests\/new\?client=/);
  await expect(page.getByLabel("Client", { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel("Redirect URI 1", { exact: true })).toHaveValue("https://first.example.com/cb");
  await expect(page.getByLabel("Redirect URI 2", { exact: true })).toHaveValue("http://127.0.0.1:8123/callback");
  await page.screenshot({ path: `${screens}/paste-survives-client.png`, fullPage: true });
  await page.getByLabel("Why does the client need these redirect URIs?").fill("Our sign-in callbacks.");
  await page.getByTestId("submit-request").click();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();

  // Submitted: the draft is gone, the next request starts empty.
  await page.goto("/requests/new");
  await expect(page.getByLabel("Redirect URI 1", { exact: true })).toHaveValue("");
});

test("items 10, 11 and 13: checks, chart and the developer's page follow a decision and a revocation", async ({
  page,
  browser,
}) => {
  const uri = "https://after-decision.example.com/oauth/callback";
  await signInByEmail(page, "dev-after-decision@client.test", "/clients");
  await createClient(page, "After Decision");
  const requestId = await submitRequest(page, "After Decision", [uri]);

  const admin = await browser.newPage();
  await signInWithSso(admin, "admin-decide@staff.test", "/admin");
  await expect(admin.getByTestId("weekly-chart")).toBeVisible();
  const before = await decidedThisWeek(admin);
  await expect(admin.locator("main")).not.toContainText("day(s)");

  await admin.goto(`/admin/requests/${requestId}`);
  await fillDecision(admin, [{ approve: true }]);
  await admin.getByTestId("submit-decision").click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("Approved");
  await admin.reload();
  const check = admin.getByTestId("review-uri").filter({ hasText: uri });
  await expect(check).toBeVisible();
  await expect(check.getByTestId("flag-already_allowed")).toHaveCount(0);
  await admin.screenshot({ path: `${screens}/review-after-decision.png`, fullPage: true });

  await admin.goto("/admin");
  expect(await decidedThisWeek(admin)).toBe(before + 1);
  await expect(admin.getByTestId("weekly-chart")).not.toContainText("median to decision: —");
  await admin.getByTestId("weekly-chart").screenshot({ path: `${screens}/weekly-chart.png` });

  await page.goto(`/requests/${requestId}`);
  await expect(page.getByTestId("next-step")).toContainText("on the allowlist");

  await admin.goto(`/admin/entries?q=${encodeURIComponent(uri)}`);
  const entry = admin.getByTestId("entry-row").filter({ hasText: uri });
  await entry.getByLabel(/Reason for revoking/).fill("The vendor retired this client.");
  await entry.getByRole("button", { name: "Revoke" }).click();
  await expect(admin.getByTestId("notice")).toContainText("Revoked");

  await page.reload();
  await expect(page.getByTestId("next-step")).not.toContainText("are on the allowlist");
  await expect(page.getByTestId("next-step")).toContainText(/revoked/i);
  await page.screenshot({ path: `${screens}/developer-after-revocation.png`, fullPage: true });
  await admin.close();
});

test("item 12: sign-in says why, repeats the address and sends the link again", async ({ page }) => {
  const email = "dev-resend@client.test";
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Frequests/);
  await expect(page.getByTestId("sign-in-reason")).toHaveText("Sign in to continue to the page you asked for.");
  await expect(page.getByTestId("oidc-sign-in")).toBeVisible();
  const before = (await messagesTo(email)).length;
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByTestId("check-email-address")).toHaveText(email);
  await waitForMail(email, /sign in/i, before + 1);
  await page.getByText("No email after a minute? Send it again").click();
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await page.getByRole("button", { name: "Send the link again" }).click();
  const second = await waitForMail(email, /sign in/i, before + 2);
  await expect(page.getByTestId("link-resent")).toBeVisible();
  await expect(page.getByTestId("check-email-address")).toHaveText(email);
  await page.screenshot({ path: `${screens}/check-email.png`, fullPage: true });
  await page.goto(firstLink(second));
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
});

test.describe("item 12 without single sign-on", () => {
  const port = APP_PORT + 5;
  let portal: ChildProcess;
  test.beforeAll(async () => {
    portal = await startPortal(port, `http://127.0.0.1:${port}`);
  });
  test.afterAll(async () => {
    if (portal) await stopPortal(portal);
  });

  test("the sign-in page does not mention staff single sign-on", async ({ page }) => {
    await page.goto(`http://127.0.0.1:${port}/signin`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText(/single sign-on/i);
    await expect(page.getByTestId("oidc-sign-in")).toHaveCount(0);
    await expect(page.getByTestId("sign-in-reason")).toHaveCount(0);
    await page.screenshot({ path: `${screens}/sign-in-no-sso.png`, fullPage: true });
  });
});

test("item 14: an admin invites someone with a role; their first sign-in has it", async ({ page, browser }) => {
  const email = "reviewer-invited@partner.test";
  const admin = await browser.newPage();
  await signInWithSso(admin, "admin-invites@staff.test", "/admin/users");
  const invite = admin.getByTestId("invite-form");
  await invite.getByLabel("Email address").fill(email);
  await invite.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(invite.getByTestId("action-result")).toContainText(`${email} is invited as reviewer`);
  const row = admin.getByTestId("user-row").filter({ hasText: email });
  await expect(row.getByTestId("role-badge")).toHaveText("reviewer");
  await expect(row).toContainText("not signed in yet");
  await admin.screenshot({ path: `${screens}/users-invited.png`, fullPage: true });

  // Inviting the same address again does not quietly change anything.
  await invite.getByLabel("Email address").fill(email);
  await invite.getByLabel("Role", { exact: true }).selectOption("admin");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(invite.getByTestId("action-result")).toContainText("already has an account");
  await expect(row.getByTestId("role-badge")).toHaveText("reviewer");

  const invitation = await waitForMail(email, /invited/i);
  expect(invitation.text).toContain("reviewer");
  await page.goto(firstLink(invitation));
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await signInByEmail(page, email, "/admin");
  await expect(page.getByTestId("role-badge")).toHaveText("reviewer");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();

  await admin.goto("/admin/audit?action=user.invited");
  await expect(admin.getByTestId("audit-row").filter({ hasText: email })).toHaveCount(1);

  // A reviewer cannot open the Users page at all, so cannot invite.
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await admin.close();
});

/** Is `text` inside `container` laid out on one line (not broken in the middle)? */
async function onOneLine(container: Locator, text: string): Promise<boolean> {
  return container.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const all = nodes.map((n) => n.data).join("");
    const at = all.indexOf(wanted);
    if (at < 0) throw new Error(`"${wanted}" not found in "${all}"`);
    const locate = (offset: number) => {
      let seen = 0;
      for (const node of nodes) {
        if (offset <= seen + node.data.length) return { node, offset: offset - seen };
        seen += node.data.length;
      }
      throw new Error("offset out of range");
    };
    const range = document.createRange();
    const start = locate(at + 1);
    const end = locate(at + wanted.length);
    range.setStart(start.node, start.offset - 1);
    range.setEnd(end.node, end.offset);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size === 1;
  }, text);
}

test.describe("item 15 on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("long URIs wrap between their parts, the path-prefix option waits behind Advanced", async ({ page }) => {
    const uri = "https://mobile-wrapping.example.com/oauth2/callback/connector-settings/finish-sign-in";
    await signInByEmail(page, "dev-phone-wrap@client.test", "/clients");
    await createClient(page, "Phone Wrap");
    await page.goto("/requests/new");
    await expect(page.getByLabel(/Path prefix/)).toBeHidden();
    await page.getByTestId("uri-row-0").getByText("Advanced").click();
    await expect(page.getByLabel(/Path prefix/)).toBeVisible();
    await page.screenshot({ path: `${screens}/mobile-advanced.png`, fullPage: true });

    const requestId = await submitRequest(page, "Phone Wrap", [uri]);
    await page.goto(`/requests/${requestId}`);
    const shown = page.getByTestId("request-uri").locator("code").first();
    await expect(shown).toHaveText(uri);
    for (const part of ["mobile-wrapping.example.com", "callback", "connector-settings", "finish-sign-in"])
      expect(await onOneLine(shown, part), `"${part}" is broken across lines`).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${screens}/mobile-long-uri.png`, fullPage: true });
  });
});

test("item 15: empty tables say so and what to do", async ({ page }) => {
  await signInWithSso(page, "admin-empty@staff.test", "/admin/entries");
  await page.goto("/admin/entries?q=nothing-matches-this-search");
  await expect(page.getByTestId("entries-empty")).toContainText("No active entries match");
  await page.screenshot({ path: `${screens}/entries-empty.png`, fullPage: true });
  await page.goto("/admin/users?q=nobody-has-this-address");
  await expect(page.getByTestId("users-empty")).toBeVisible();
  await page.goto("/admin/audit?action=no.such.action");
  await expect(page.getByTestId("audit-empty")).toBeVisible();
});
