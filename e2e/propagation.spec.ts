// Propagation you can see: a reviewer approves a request, two authorization servers poll the feed
// (one the JSON feed, one the signed feed from another instance on the same database, which then
// shuts down), and the request's page and the "Authorization servers" page follow them —
// "published in version N — picked up by X of Y servers (T s)".
import { expect, test } from "@playwright/test";
import { createToken, retireOtherReaders } from "./support/cli";
import { createClient, submitRequest } from "./support/developer";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT, APP_URL } from "./support/ports";
import { fillDecision } from "./support/review";
import { signInByEmail, signInWithSso } from "./support/sign-in";

/** A second instance on the same database: a port of its own, clear of support/ports.ts and other specs. */
const OTHER_PORT = APP_PORT + 47;

/** One poll as an authorization server sends it; returns the status and the ETag it now holds. */
async function poll(token: string, etag?: string, path = "/api/v1/allowlist", base = APP_URL) {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...(etag ? { "if-none-match": etag } : {}) },
  });
  await res.arrayBuffer();
  return { status: res.status, etag: String(res.headers.get("etag")) };
}

test("an approval spreads to the authorization servers, and both pages show it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await retireOtherReaders();
  const east = await createToken("allowlist:read", "east AS");
  const west = await createToken("allowlist:read", "west AS");
  const before = await poll(east);
  expect(before.status).toBe(200);
  expect((await poll(west, undefined, "/api/v1/allowlist/signed")).status).toBe(200);

  await signInByEmail(page, "dev-spread@client.test", "/clients");
  await createClient(page, "Spread Client");
  const requestId = await submitRequest(page, "Spread Client", ["https://spread.example.com/oauth/callback"]);
  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-spread@staff.test", `/admin/requests/${requestId}`);
  await fillDecision(reviewer, [{ approve: true }]);
  await reviewer.getByTestId("submit-decision").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Approved");

  // Nobody has it yet: both servers hold the version before the approval.
  await page.goto(`/requests/${requestId}`);
  const status = page.getByTestId("propagation");
  await expect(status).toHaveText(/^Published in version \d+ — picked up by 0 of 2 servers so far\.$/);
  const version = Number(/version (\d+)/.exec((await status.textContent())!)![1]);
  const servers = await browser.newPage();
  await signInWithSso(servers, "reviewer-spread@staff.test", "/admin/servers");
  await servers.getByRole("link", { name: "Authorization servers" }).click();
  await expect(servers.getByTestId("current-version")).toHaveText(String(version));
  const row = (name: string) => servers.getByTestId("server-row").filter({ hasText: name });
  await expect(row("east AS").getByTestId("server-status")).toHaveText(/^behind by \d+ versions?$/);

  // east polls with its old ETag and is given the new version: both pages move without a reload.
  // (Until the new version's bytes are made, a poll may still be answered 304 from the previous one.)
  await expect.poll(async () => (await poll(east, before.etag)).status).toBe(200);
  await expect(status).toHaveText(`Published in version ${version} — picked up by 1 of 2 servers so far.`, {
    timeout: 15_000,
  });
  await expect(row("east AS").getByTestId("server-version")).toHaveText(String(version), { timeout: 15_000 });
  await expect(row("east AS").getByTestId("server-status")).toHaveText("current");
  await expect(row("west AS").getByTestId("server-status")).toHaveText(/^behind by/);

  // west reads the signed feed from another instance, which stops at once: its shutdown writes the
  // poll, and this instance's pages show that all live servers have it, and how long it took.
  const other = await startPortal(OTHER_PORT);
  try {
    expect((await poll(west, undefined, "/api/v1/allowlist/signed", `http://127.0.0.1:${OTHER_PORT}`)).status).toBe(
      200,
    );
  } finally {
    await stopPortal(other);
  }
  const done = new RegExp(`^Published in version ${version} — picked up by 2 of 2 servers \\(\\d+ s\\)\\.$`);
  await expect(status).toHaveText(done, { timeout: 15_000 });
  await expect(row("west AS").getByTestId("server-status")).toHaveText("current", { timeout: 15_000 });
  // The reviewer's view of the request says the same.
  await reviewer.reload();
  await expect(reviewer.getByTestId("propagation")).toHaveText(done);
});
