import { expect, type Page } from "@playwright/test";

export async function createClient(page: Page, name: string) {
  await page.goto("/clients/new");
  await page.getByLabel("Client name").fill(name);
  await page.getByLabel("Vendor or organisation").fill(`${name} Inc.`);
  await page.getByLabel("Homepage").fill("https://client.example.com");
  await page.getByLabel("Client type").selectOption("desktop");
  await page.getByLabel("Short description").fill("A desktop MCP client that connects to remote servers.");
  await page.getByRole("button", { name: "Save client" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByRole("link", { name })).toBeVisible();
}

/** Fills the request form with the given URIs (one row each) and submits it. Returns the request id. */
export async function submitRequest(
  page: Page,
  clientName: string,
  uris: string[],
  justification = "We need these for our OAuth sign-in flow.",
) {
  await page.goto("/requests/new");
  await page.getByLabel("Client", { exact: true }).selectOption({ label: clientName });
  for (const [index, uri] of uris.entries()) {
    if (index > 0) await page.getByRole("button", { name: "+ Add another URI" }).click();
    await page.getByLabel(`Redirect URI ${index + 1}`, { exact: true }).fill(uri);
  }
  await page.getByLabel("Why does the client need these redirect URIs?").fill(justification);
  await page.getByTestId("submit-request").click();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  return page.url().split("/requests/")[1]!.split("?")[0]!;
}
