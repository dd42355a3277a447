// An approved CIMD client's document changes on its (local HTTPS) server: an admin's "Check now"
// finds a new redirect URI, which waits in the review queue under "Document changed" while the feed
// keeps the approved set; once a reviewer approves the change, the feed carries the new URI. A
// removal, by contrast, leaves the feed at the very next check.
import { expect, test } from "@playwright/test";
import { serve, startHttpsServer, type TestHttpsServer } from "../lib/cimd/test-support/https-server";
import { approveCimdRequest, requestCimdClient } from "./support/cimd";
import { createToken } from "./support/cli";
import { createClient } from "./support/developer";
import { waitForMail } from "./support/mailbox";
import { rawRequest } from "./support/http";
import { FIRST_ADMIN } from "./support/ports";
import { signInByEmail, signInWithSso } from "./support/sign-in";

let server: TestHttpsServer;
test.beforeAll(async () => {
  server = await startHttpsServer();
});
test.afterAll(async () => {
  await server.close();
});

const FIRST = ["http://127.0.0.1/drift/callback", "https://drift.example.com/oauth/callback"];
const ADDED = "https://drift.example.com/oauth/second";

test("a widening document change waits for a reviewer; the feed carries the new URI only after approval", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const clientIdUrl = `${server.origin}/drift/client-metadata.json`;
  const publish = (redirectUris: string[], etag: string) =>
    server.route(
      "/drift/client-metadata.json",
      serve({ client_id: clientIdUrl, client_name: "Drift Journey", redirect_uris: redirectUris }, { etag }),
    );
  publish(FIRST, '"d1"');

  await signInByEmail(page, "dev-drift@client.test", "/clients");
  await createClient(page, "Drift Client");
  const requestId = await requestCimdClient(page, "Drift Client", clientIdUrl);
  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-drift@staff.test", `/admin/requests/${requestId}`);
  const cimdClientId = await approveCimdRequest(reviewer, requestId, clientIdUrl);

  const token = await createToken("allowlist:read", "drift journey");
  const feedUris = async () => {
    const feed = JSON.parse(
      (await rawRequest("GET", "/api/v1/allowlist", { authorization: `Bearer ${token}` })).text,
    ) as {
      clients: { client_id: string; redirect_uris: string[] }[];
    };
    return feed.clients.find((c) => c.client_id === clientIdUrl)?.redirect_uris;
  };
  await expect.poll(feedUris).toEqual(FIRST);

  // The vendor adds a redirect URI. An admin checks at once instead of waiting for the schedule.
  publish([...FIRST, ADDED], '"d2"');
  const admin = await browser.newPage();
  await signInByEmail(admin, FIRST_ADMIN, `/admin/cimd-clients/${cimdClientId}`);
  await admin.getByTestId("check-now-button").click();
  await expect(admin.getByTestId("check-now").getByTestId("action-result")).toContainText("waits for a reviewer");
  expect(await feedUris()).toEqual(FIRST);

  await waitForMail("reviewer-drift@staff.test", /^Document changed: /);

  // The reviewer finds it in the queue under "Document changed", with the diff, and approves it.
  await reviewer.goto("/admin");
  await reviewer.getByTestId("drift-filter-changed").click();
  await expect(reviewer.getByTestId("drift-row")).toContainText(`+ ${ADDED}`);
  await reviewer.getByTestId("drift-row").getByRole("link", { name: clientIdUrl }).click();
  const pending = reviewer.locator('[data-testid="cimd-version"][data-status="pending"]');
  await expect(pending.getByTestId("cimd-diff")).toContainText(`+     "${ADDED}"`);
  expect(await feedUris()).toEqual(FIRST);
  await pending.getByLabel("Approve and publish").check();
  await pending.getByTestId("submit-document-decision").click();
  // The page refreshes: the change is now in the timeline as approved, and nothing waits.
  await expect(reviewer.locator('[data-testid="cimd-version"][data-status="approved"]')).toHaveCount(1);
  await expect.poll(feedUris).toEqual([...FIRST, ADDED]);
  await reviewer.reload();
  await expect(reviewer.getByTestId("cimd-pinned-uris")).toContainText(ADDED);

  // A removal needs nobody: the next check takes it off the feed, and the developer sees why.
  publish([FIRST[1]!, ADDED], '"d3"');
  await admin.reload();
  await admin.getByTestId("check-now-button").click();
  await expect(admin.getByTestId("check-now").getByTestId("action-result")).toContainText("narrowed");
  await expect.poll(feedUris).toEqual([FIRST[1], ADDED]);
  const removal = await waitForMail("dev-drift@client.test", /^Redirect URIs removed: /);
  expect(removal.text).toContain(FIRST[0]);
  await page.goto(`/requests/${requestId}`);
  await page.getByTestId("cimd-drift-link").click();
  await expect(page).toHaveURL(new RegExp(`/cimd-clients/${cimdClientId}$`));
  await expect(page.getByTestId("cimd-pinned-uris")).not.toContainText(FIRST[0]!);
  await expect(page.getByTestId("cimd-version")).toHaveCount(3);
  await expect(page.getByTestId("cimd-last-checked")).not.toHaveText("never");

  // A change that drops a URI and adds one: the drop is published at once, the addition waits.
  const THIRD = "https://drift.example.com/oauth/third";
  publish([ADDED, THIRD], '"d4"');
  await admin.reload();
  await admin.getByTestId("check-now-button").click();
  await expect(admin.getByTestId("check-now").getByTestId("action-result")).toContainText(
    "the rest waits for a reviewer",
  );
  await expect.poll(feedUris).toEqual([ADDED]);

  // The server goes away: the pinned set stays, the client shows as unreachable in the queue.
  server.route("/drift/client-metadata.json", serve("down", {}, 503));
  await admin.reload();
  await admin.getByTestId("check-now-button").click();
  await expect(admin.getByTestId("check-now").getByTestId("action-result")).toContainText("cimd_http_status");
  expect(await feedUris()).toEqual([ADDED]);
  await reviewer.goto("/admin?drift=unreachable");
  await expect(reviewer.getByTestId("drift-row")).toContainText(clientIdUrl);
  await reviewer.goto("/admin/entries");
  // Both markers: the addition still waits for a review, and the document is unreachable.
  await expect(
    reviewer.getByTestId("cimd-client-row").filter({ hasText: clientIdUrl }).getByTestId("cimd-drift-marker"),
  ).toContainText(["document changed: waits for a review", "unreachable since"]);
  await Promise.all([reviewer.close(), admin.close()]);
});
