// Findings of the security review (issue 9) that show in the browser.
import { expect, test } from "@playwright/test";
import { createClient, submitRequest } from "./support/developer";
import { signInByEmail, signInWithSso } from "./support/sign-in";

test("a reviewer's own request: no decision form, no take or send-back, and the page says why", async ({ page }) => {
  await signInWithSso(page, "reviewer-self@staff.test", "/clients");
  await createClient(page, "Self Review App");
  const requestId = await submitRequest(page, "Self Review App", ["https://self-review.example.com/cb"]);

  await page.goto(`/admin/requests/${requestId}`);
  await expect(page.getByTestId("own-request")).toContainText(
    "You submitted this request, so another reviewer must take it, ask for changes or decide it.",
  );
  await expect(page.getByTestId("decision-form")).toHaveCount(0);
  await expect(page.getByTestId("take-request")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send back for changes" })).toHaveCount(0);
  // Commenting stays open.
  await expect(page.getByLabel("Comment or ask the developer a question")).toBeVisible();
});

test("a developer's timeline says 'A reviewer', never the reviewer's address; staff still see it", async ({
  page,
  browser,
}) => {
  await signInByEmail(page, "dev-anon@client.test", "/clients");
  await createClient(page, "Anon App");
  const requestId = await submitRequest(page, "Anon App", ["https://anon.example.com/cb"]);

  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-anon@staff.test", `/admin/requests/${requestId}`);
  await reviewer.getByTestId("take-request").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("In review");
  await reviewer.getByLabel("Comment or ask the developer a question").fill("Which product uses this?");
  await reviewer.getByRole("button", { name: "Post comment" }).click();
  // The comment is saved once the reviewer's own timeline shows it (the take already named them).
  await expect(reviewer.getByTestId("timeline")).toContainText("Which product uses this?");
  await expect(reviewer.getByTestId("timeline")).toContainText("reviewer-anon@staff.test");

  await page.reload();
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Which product uses this?");
  await expect(timeline).toContainText("A reviewer took the request for review");
  await expect(timeline).toContainText("A reviewer commented");
  await expect(page.locator("body")).not.toContainText("reviewer-anon@staff.test");
});

test("?notice= shows only the portal's own messages, never text from the link", async ({ page }) => {
  await signInWithSso(page, "reviewer-notice@staff.test", "/admin/entries");
  await page.goto("/admin/entries?notice=Your+session+expired.+Sign+in+again+at+https%3A%2F%2Fphish-notice.example");
  await expect(page.getByRole("heading", { name: "Allowlist entries" })).toBeVisible();
  await expect(page.getByTestId("notice")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText("phish-notice.example");

  await page.goto("/admin/entries?notice=unblocked");
  await expect(page.getByTestId("notice")).toHaveText("Block removed.");
});

test("sign-in emails to one address are limited, and the sign-in page says for how long", async ({ page }) => {
  const email = "flooded@client.test";
  const ask = async () => {
    await page.goto("/signin");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  };
  for (let i = 0; i < 10; i++) {
    await ask();
    await expect(page.getByTestId("check-email")).toBeVisible();
  }
  await ask();
  await expect(page.locator("#email-error")).toContainText(
    /Too many sign-in emails for this address; try again in \d+ minutes/,
  );
  await expect(page.getByTestId("check-email")).toHaveCount(0);
});

test("one-line fields refuse line breaks: a client name cannot forge lines in an email", async ({ page }) => {
  await signInByEmail(page, "dev-forge@client.test", "/clients/new");
  await page.getByLabel("Client name").fill("Forge");
  await page.getByLabel("Vendor or organisation").fill("Forge Inc.");
  await page.getByLabel("Homepage").fill("https://forge.example.com");
  await page.getByLabel("Client type").selectOption("desktop");
  await page.getByLabel("Short description").fill("A desktop MCP client that connects to remote servers.");
  // A browser's text input drops typed line breaks, so put one in the submitted value as a script would.
  await page.getByLabel("Client name").evaluate((input: HTMLInputElement) => {
    input.setAttribute("type", "hidden");
    input.value = "Forge\n[mail] To: admin";
  });
  await page.getByRole("button", { name: "Save client" }).click();
  await expect(page.locator("#name-error")).toContainText("Use one line of plain text");
  await expect(page).toHaveURL(/\/clients\/new/);
});
