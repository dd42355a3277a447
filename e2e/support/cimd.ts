// A CIMD client requested by a signed-in developer and approved by a reviewer, as a person would in
// the browser; returns the approved client's id (from the entries page's link to its page).
import { expect, type Page } from "@playwright/test";

export async function requestCimdClient(page: Page, clientName: string, clientIdUrl: string): Promise<string> {
  await page.goto("/requests/new");
  await page.getByText("My client uses a client ID metadata document").click();
  await page.getByLabel("Client for this document").selectOption({ label: clientName });
  await page.getByRole("textbox", { name: "client_id URL" }).fill(clientIdUrl);
  await page.getByTestId("cimd-fetch-button").click();
  await expect(page.getByTestId("cimd-verdict")).toContainText("passes every check");
  await page.getByLabel("Justification").fill("Our client registers with a client ID metadata document.");
  await page.getByTestId("cimd-submit").click();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  return page.url().split("/requests/")[1]!.split("?")[0]!;
}

export async function approveCimdRequest(reviewer: Page, requestId: string, clientIdUrl: string): Promise<string> {
  await reviewer.goto(`/admin/requests/${requestId}`);
  await reviewer.getByTestId("decide-cimd").getByLabel("Approve").check();
  await reviewer.getByTestId("submit-decision").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Approved");
  await reviewer.goto("/admin/entries");
  const link = reviewer.getByTestId("cimd-client-row").getByRole("link", { name: clientIdUrl, exact: true });
  return (await link.getAttribute("href"))!.split("/admin/cimd-clients/")[1]!;
}
