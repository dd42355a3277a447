import { expect, test } from "@playwright/test";
import { createClient, submitRequest } from "./support/developer";
import { waitForMail } from "./support/mailbox";
import { FIRST_ADMIN } from "./support/ports";
import { fillDecision } from "./support/review";
import { signInByEmail, signInWithSso } from "./support/sign-in";

test("a reviewer approves one URI and rejects another; the developer sees both and is emailed", async ({
  page,
  browser,
}) => {
  await signInByEmail(page, "dev-decide@client.test", "/clients");
  await createClient(page, "Decide App");
  const requestId = await submitRequest(page, "Decide App", [
    "https://decide.example.com/ok",
    "https://decide.example.com/no",
  ]);

  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-decide@staff.test");
  await reviewer.goto("/admin");
  await expect(reviewer.getByTestId("status-counts")).toContainText("Waiting");
  await reviewer
    .getByTestId("queue-row")
    .filter({ hasText: "Decide App" })
    .getByRole("link", { name: "Decide App" })
    .click();
  await expect(reviewer).toHaveURL(new RegExp(`/admin/requests/${requestId}`));
  await reviewer.getByTestId("take-request").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("In review");
  await fillDecision(reviewer, [{ approve: true }, { reject: "Not a callback your product documents." }]);
  await reviewer.screenshot({ path: "test-results/screens/review-detail.png", fullPage: true });
  await reviewer.getByTestId("submit-decision").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Partially approved");

  const mail = await waitForMail("dev-decide@client.test", /was partially approved/);
  expect(mail.text).toContain("https://decide.example.com/ok — approved");
  expect(mail.text).toContain("Not a callback your product documents.");
  expect(mail.html).toContain(`/requests/${requestId}`);

  await page.goto(`/requests/${requestId}`);
  await expect(page.getByTestId("status-badge").first()).toHaveText("Partially approved");
  const uris = page.getByTestId("request-uri");
  await expect(uris.filter({ hasText: "/ok" }).getByTestId("status-badge")).toHaveText("Approved");
  await expect(uris.filter({ hasText: "/no" }).getByTestId("status-badge")).toHaveText("Rejected");
  await expect(uris.filter({ hasText: "/no" }).getByTestId("uri-reason")).toContainText(
    "Not a callback your product documents.",
  );
  await page.screenshot({ path: "test-results/screens/request-decided-developer.png", fullPage: true });
  await reviewer.close();
});

test("two reviewers decide at once: exactly one wins and the other is told", async ({ page, browser }) => {
  await signInByEmail(page, "dev-race@client.test", "/clients");
  await createClient(page, "Race App");
  const requestId = await submitRequest(page, "Race App", ["https://race.example.com/cb"]);

  const [one, two] = [await browser.newPage(), await browser.newPage()];
  await signInWithSso(one, "reviewer-one@staff.test");
  await signInWithSso(two, "reviewer-two@staff.test");
  for (const p of [one, two]) await p.goto(`/admin/requests/${requestId}`);
  await fillDecision(one, [{ approve: true }]);
  await fillDecision(two, [{ reject: "Duplicate of another request." }]);
  await Promise.all([one.getByTestId("submit-decision").click(), two.getByTestId("submit-decision").click()]);

  const outcomes = await Promise.all(
    [one, two].map(async (p) => {
      const won = p.getByText(/Decision saved/);
      const lost = p.getByText(/Already decided by reviewer-(one|two)@staff\.test/);
      await expect(won.or(lost).first()).toBeVisible();
      return (await won.count()) > 0 ? "won" : "lost";
    }),
  );
  expect(outcomes.sort()).toEqual(["lost", "won"]);

  await page.goto(`/requests/${requestId}`);
  const status = await page.getByTestId("status-badge").first().textContent();
  expect(["Approved", "Rejected"]).toContain(status);
  await expect(page.getByTestId("timeline").getByText(/ decided/)).toHaveCount(1);
  await one.close();
  await two.close();
});

test("only an admin can approve a path prefix rule", async ({ page, browser }) => {
  await signInByEmail(page, "dev-prefix@client.test", "/clients");
  await createClient(page, "Prefix App");
  await page.goto("/requests/new");
  await page.getByLabel("Client", { exact: true }).selectOption({ label: "Prefix App" });
  await page.getByLabel("Redirect URI 1", { exact: true }).fill("https://prefix.example.com/connector/oauth/");
  await page.getByTestId("uri-row-0").getByText("Advanced").click();
  await page.getByLabel(/Path prefix: allow any one path segment/).check();
  await expect(page.getByTestId("uri-row-0").getByTestId("flag-path_prefix")).toBeVisible();
  await page
    .getByLabel("Why does the client need these redirect URIs?")
    .fill("Per-connector ids in the callback path.");
  await page.getByTestId("submit-request").click();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  const requestId = page.url().split("/requests/")[1]!.split("?")[0]!;

  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-prefix@staff.test");
  await reviewer.goto(`/admin/requests/${requestId}`);
  await expect(reviewer.getByTestId("decide-0").getByLabel("Approve")).toBeDisabled();
  await expect(reviewer.getByTestId("decide-0")).toContainText("only be approved by an admin");

  const admin = await browser.newPage();
  await signInByEmail(admin, FIRST_ADMIN, `/admin/requests/${requestId}`);
  await fillDecision(admin, [{ approve: true }]);
  await admin.getByTestId("submit-decision").click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("Approved");
  await reviewer.close();
  await admin.close();
});

test("an admin revokes an entry and blocks a host; both are in the audit log", async ({ page, browser }) => {
  await signInByEmail(page, "dev-revoke@client.test", "/clients");
  await createClient(page, "Revoke App");
  const requestId = await submitRequest(page, "Revoke App", ["https://revoke.example.com/cb"]);

  const admin = await browser.newPage();
  await signInByEmail(admin, FIRST_ADMIN, `/admin/requests/${requestId}`);
  await fillDecision(admin, [{ approve: true }]);
  await admin.getByTestId("submit-decision").click();
  await expect(admin.getByTestId("status-badge").first()).toHaveText("Approved");

  await admin.goto("/admin/entries?q=revoke.example.com");
  const row = admin.getByTestId("entry-row").filter({ hasText: "https://revoke.example.com/cb" });
  await row.getByLabel(/Reason for revoking/).fill("Vendor asked us to remove it.");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(admin.getByTestId("notice")).toContainText("Revoked: the entry left the list at once");
  await admin.goto("/admin/entries?q=revoke.example.com&status=revoked");
  await expect(admin.getByTestId("entry-row").filter({ hasText: "https://revoke.example.com/cb" })).toContainText(
    "Vendor asked us to remove it.",
  );
  await waitForMail("dev-revoke@client.test", /was revoked/);

  await admin.goto("/admin/entries");
  const block = admin.getByTestId("block-form");
  await block.getByLabel("Block a").selectOption("host");
  await block.getByLabel("URI or host to block").fill("evil.example");
  await block.getByLabel("Reason for the block").fill("Phishing kit seen in the wild.");
  await block.getByRole("button", { name: "Block" }).click();
  await expect(admin.getByTestId("blocks")).toContainText("evil.example");
  await admin.screenshot({ path: "test-results/screens/admin-entries.png", fullPage: true });

  await admin.goto("/admin/audit");
  await expect(
    admin
      .getByTestId("audit-row")
      .filter({ hasText: "entry.revoked" })
      .filter({ hasText: "Vendor asked us to remove it." }),
  ).toHaveCount(1);
  await expect(admin.getByTestId("audit-row").filter({ hasText: "blocked.created" })).toHaveCount(1);
  await admin.screenshot({ path: "test-results/screens/admin-audit.png", fullPage: true });
  const csv = await admin.request.get("/admin/audit/export?action=entry.");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Vendor asked us to remove it.");

  // The developer sees the revocation on their request.
  await page.goto(`/requests/${requestId}`);
  await expect(page.getByTestId("request-uri")).toContainText("Revoked: Vendor asked us to remove it.");
  await admin.close();
});

test("the queue: screenshot with several requests", async ({ page }) => {
  await signInWithSso(page, "reviewer-shot@staff.test");
  await page.goto("/admin?status=all");
  await expect(page.getByTestId("queue-row").first()).toBeVisible();
  await expect(page.getByTestId("weekly-chart")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/admin-queue-full.png", fullPage: true });
});

test("an admin changes a role and deactivates a user: both take effect on the user's next request", async ({
  page,
  browser,
}) => {
  await signInByEmail(page, "dev-promote@client.test");
  const admin = await browser.newPage();
  await signInByEmail(admin, FIRST_ADMIN, "/admin/users?q=dev-promote");
  const row = admin.getByTestId("user-row").filter({ hasText: "dev-promote@client.test" });
  await row.getByLabel("Role of dev-promote@client.test").selectOption("reviewer");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByText("dev-promote@client.test is now reviewer.")).toBeVisible();

  await page.goto("/admin");
  await expect(page.getByTestId("role-badge")).toHaveText("reviewer");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();

  admin.once("dialog", (dialog) => void dialog.accept());
  await admin
    .getByTestId("user-row")
    .filter({ hasText: "dev-promote@client.test" })
    .getByRole("button", { name: "Deactivate" })
    .click();
  await expect(admin.getByText(/deactivated and signed out everywhere/)).toBeVisible();

  await page.goto("/requests");
  await expect(page).toHaveURL(/\/signin/);
  // Asking for a link tells nobody whether the account exists or is deactivated; the link does.
  const { firstLink, messagesTo, waitForMail } = await import("./support/mailbox");
  const before = (await messagesTo("dev-promote@client.test")).length;
  await page.getByLabel("Email address").fill("dev-promote@client.test");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByTestId("check-email")).toBeVisible();
  await expect(page.getByTestId("check-email-address")).toHaveText("dev-promote@client.test");
  await page.goto(firstLink(await waitForMail("dev-promote@client.test", /sign in/i, before + 1)));
  await expect(page.getByTestId("sign-in-error")).toContainText("has been deactivated");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await admin.close();
});
