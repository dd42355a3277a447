import { expect, test } from "@playwright/test";
import { waitForMail } from "./support/mailbox";
import { signInByEmail, signInWithSso } from "./support/sign-in";
import { createClient, submitRequest } from "./support/developer";

const DEV = "dev-journey@client.test";
const OTHER = "dev-other@client.test";

test("a developer describes a client and gets a correct request in front of a reviewer", async ({ page, browser }) => {
  await signInByEmail(page, DEV, "/clients");
  await createClient(page, "Journey Desktop");

  await page.goto("/requests/new");
  await page.getByLabel("Client", { exact: true }).selectOption({ label: "Journey Desktop" });
  // One good, one flagged, one rejected.
  await page.getByLabel("Redirect URI 1", { exact: true }).fill("https://journey.example.com/oauth/callback");
  await expect(page.getByTestId("uri-row-0").getByTestId("uri-accepted")).toBeVisible();
  await page.getByRole("button", { name: "+ Add another URI" }).click();
  await page.getByLabel("Redirect URI 2", { exact: true }).fill("http://localhost:8765/callback");
  await expect(page.getByTestId("uri-row-1").getByTestId("flag-localhost_not_ip")).toBeVisible();
  await expect(page.getByTestId("uri-row-1")).toContainText("any port will match");
  await page.getByRole("button", { name: "+ Add another URI" }).click();
  await page.getByLabel("Redirect URI 3", { exact: true }).fill("HTTPS://Journey.example.com:443/oauth/other");
  await expect(page.getByTestId("uri-row-2").getByTestId("uri-rejected")).toContainText("Not in canonical form");
  await page
    .getByLabel("Why does the client need these redirect URIs?")
    .fill("Desktop sign-in and our hosted web callback.");
  await expect(page.getByTestId("submit-request")).toBeDisabled();
  await page.screenshot({ path: "test-results/screens/request-form.png", fullPage: true });

  // The one-click canonical fix.
  await page.getByTestId("uri-row-2").getByTestId("use-canonical").click();
  await expect(page.getByLabel("Redirect URI 3", { exact: true })).toHaveValue(
    "https://journey.example.com/oauth/other",
  );
  await expect(page.getByTestId("uri-row-2").getByTestId("uri-accepted")).toBeVisible();

  // Pasting the authorization server's error fills in its disallowed_uris.
  await page.getByText("Paste several URIs, or the authorization server's error").click();
  await page
    .getByLabel(/One URI per line, or the whole/)
    .fill(
      '{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://journey.example.com/pasted/callback"]}',
    );
  await page.getByTestId("apply-paste").click();
  await expect(page.getByLabel("Redirect URI 4", { exact: true })).toHaveValue(
    "https://journey.example.com/pasted/callback",
  );

  await expect(page.getByTestId("submit-request")).toBeEnabled();
  await page.getByTestId("submit-request").click();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  await expect(page.getByTestId("status-badge").first()).toHaveText("Submitted");
  await expect(page.getByTestId("request-uri")).toHaveCount(4);
  await expect(page.getByTestId("request-uris")).toContainText("http://localhost/callback");
  await page.screenshot({ path: "test-results/screens/request-detail-developer.png", fullPage: true });
  const requestUrl = page.url().split("?")[0]!;
  const confirmation = await waitForMail(DEV, /We received your request for Journey Desktop/);
  expect(confirmation.text).toContain(requestUrl);
  expect(confirmation.text).toContain("https://journey.example.com/pasted/callback");

  // Reviewers hear of it; staff get the link.
  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-joan@staff.test");
  // (the reviewer signed up after the request, so the notice went to earlier staff; the queue shows it)
  await reviewer.goto("/admin");
  await expect(reviewer.getByTestId("queue-row").filter({ hasText: "Journey Desktop" })).toBeVisible();

  // Another developer cannot open it: 404, not the content.
  const other = await browser.newPage();
  await signInByEmail(other, OTHER);
  const response = await other.goto(requestUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("Journey Desktop")).toHaveCount(0);
  await other.close();
  await reviewer.close();

  // The list shows the request with its status.
  await page.goto("/requests");
  await expect(page.getByTestId("request-row").filter({ hasText: "Journey Desktop" })).toContainText("Submitted");
});

test("a developer answers a question, resubmits after changes are requested, and can withdraw", async ({
  page,
  browser,
}) => {
  await signInByEmail(page, "dev-changes@client.test", "/clients");
  await createClient(page, "Changes CLI");
  const requestId = await submitRequest(page, "Changes CLI", ["https://changes.example.com/cb"]);

  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-kim@staff.test");
  await reviewer.goto(`/admin/requests/${requestId}`);
  await reviewer.getByLabel("Comment or ask the developer a question").fill("Which product uses this callback?");
  await reviewer.getByRole("button", { name: "Post comment" }).click();
  await expect(reviewer.getByTestId("timeline")).toContainText("Which product uses this callback?");
  const question = await waitForMail("dev-changes@client.test", /commented on your request/);
  expect(question.text).toContain(`/requests/${requestId}`);

  await page.reload();
  await expect(page.getByTestId("timeline")).toContainText("Which product uses this callback?");
  await page.getByLabel("Write to the reviewers").fill("Our CLI, version 2 and later.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByTestId("timeline")).toContainText("Our CLI, version 2 and later.");

  await reviewer.reload();
  await reviewer
    .getByPlaceholder("What should the developer change?")
    .fill("Use a loopback redirect for the CLI instead.");
  await reviewer.getByRole("button", { name: "Send back for changes" }).click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Changes requested");
  await waitForMail("dev-changes@client.test", /Changes requested/);

  await page.reload();
  await expect(page.getByTestId("next-step")).toContainText("asked for changes");
  await page.getByLabel("Redirect URI 1", { exact: true }).fill("http://127.0.0.1/cli/callback");
  await page.getByLabel("What did you change? (optional)").fill("Switched to a loopback redirect.");
  await page.getByRole("button", { name: "Resubmit" }).click();
  await expect(page.getByTestId("submitted-notice")).toContainText("resubmitted");
  await expect(page.getByTestId("status-badge").first()).toHaveText("Submitted");

  await reviewer.reload();
  await expect(reviewer.getByTestId("timeline")).toContainText("changed the redirect URIs and resubmitted");
  await expect(reviewer.getByTestId("review-uri")).toContainText("http://127.0.0.1/cli/callback");
  await reviewer.close();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Withdraw request" }).click();
  await expect(page.getByTestId("next-step")).toContainText("You withdrew this request");
  await expect(page.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);
});

test("submitting the same form twice creates one request", async ({ page }) => {
  await signInByEmail(page, "dev-double@client.test", "/clients");
  await createClient(page, "Double Click");
  await page.goto("/requests/new");
  await page.getByLabel("Client", { exact: true }).selectOption({ label: "Double Click" });
  await page.getByLabel("Redirect URI 1", { exact: true }).fill("https://double.example.com/cb");
  await page.getByLabel("Why does the client need these redirect URIs?").fill("Double submission test justification.");
  await page.getByTestId("submit-request").dblclick();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  await page.goto("/requests");
  await expect(page.getByTestId("request-row")).toHaveCount(1);
});
