// A CIMD client from request to feed: the developer fetches a client ID metadata document in the
// form and submits it, a reviewer approves the pinned document, and the feed and validate endpoint
// answer for it from outside. The document is served by a local HTTPS server whose CA the portal
// trusts (NODE_EXTRA_CA_CERTS); CIMD_ALLOW_LOOPBACK=1 lets the portal fetch from 127.0.0.1.
import { expect, test } from "@playwright/test";
import { serve, startHttpsServer, type TestHttpsServer } from "../lib/cimd/test-support/https-server";
import { createToken } from "./support/cli";
import { createClient } from "./support/developer";
import { rawRequest } from "./support/http";
import { signInByEmail, signInWithSso } from "./support/sign-in";

let server: TestHttpsServer;
test.beforeAll(async () => {
  server = await startHttpsServer();
});
test.afterAll(async () => {
  await server.close();
});

const REDIRECTS = ["http://127.0.0.1/cimd/callback", "https://cimd.example.com/oauth/callback"];

test("developer fetches and requests a CIMD client → reviewer approves → feed and validate", async ({
  page,
  browser,
}) => {
  const clientId = `${server.origin}/oauth/client-metadata.json`;
  server.route(
    "/oauth/client-metadata.json",
    serve({ client_id: clientId, client_name: "CIMD Journey", redirect_uris: REDIRECTS }, { etag: '"doc-1"' }),
  );

  await signInByEmail(page, "dev-cimd@client.test", "/clients");
  await createClient(page, "CIMD Client");
  await page.goto("/requests/new");
  await page.getByText("My client uses a client ID metadata document").click();
  await page.getByLabel("Client for this document").selectOption({ label: "CIMD Client" });
  await page.getByRole("textbox", { name: "client_id URL" }).fill(clientId);
  await page.getByTestId("cimd-fetch-button").click();
  await expect(page.getByTestId("cimd-verdict")).toContainText("passes every check");
  await expect(page.getByTestId("cimd-redirect-uri")).toHaveCount(2);
  await expect(page.getByTestId("cimd-fetch")).toContainText("status 200");
  await page.getByLabel("Justification").fill("Our desktop client registers with a metadata document.");
  await page.getByTestId("cimd-submit").click();
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  await expect(page.getByTestId("cimd-pinned")).toContainText(clientId);
  const requestId = page.url().split("/requests/")[1]!.split("?")[0]!;

  // The document changes after submission: the reviewer still sees, and approves, the pinned one.
  server.route(
    "/oauth/client-metadata.json",
    serve({ client_id: clientId, redirect_uris: ["https://evil.example/cb"] }),
  );
  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-cimd@staff.test", `/admin/requests/${requestId}`);
  const pinned = reviewer.getByTestId("cimd-pinned");
  await expect(pinned).toContainText("ETag");
  await expect(pinned.getByTestId("cimd-redirect-uri")).toHaveCount(2);
  await reviewer.getByTestId("decide-cimd").getByLabel("Approve").check();
  await reviewer.getByTestId("submit-decision").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Approved");
  await reviewer.goto("/admin/entries");
  // Other journeys (the authorization matrix, drift) approve CIMD clients of their own on this database.
  await expect(reviewer.getByTestId("cimd-client-row").filter({ hasText: clientId })).toHaveCount(1);
  await reviewer.close();

  const token = await createToken("allowlist:read,allowlist:validate", "cimd journey");
  const auth = { authorization: `Bearer ${token}` };
  const feed = JSON.parse((await rawRequest("GET", "/api/v1/allowlist", auth)).text) as {
    clients: { client_id: string; redirect_uris: string[]; document: string }[];
  };
  expect(feed.clients.filter((c) => c.client_id === clientId)).toEqual([
    expect.objectContaining({ client_id: clientId, redirect_uris: REDIRECTS }),
  ]);

  const validate = (body: unknown) =>
    rawRequest(
      "POST",
      "/api/v1/allowlist/validate",
      { ...auth, "content-type": "application/json" },
      JSON.stringify(body),
    );
  const ok = await validate({ client_id: clientId, redirect_uris: ["http://127.0.0.1:40123/cimd/callback"] });
  expect(ok.status).toBe(200);
  const unknown = await validate({ client_id: `${server.origin}/other`, redirect_uris: [REDIRECTS[1]] });
  expect(unknown.status).toBe(400);
  expect(JSON.parse(unknown.text)).toMatchObject({ error: "unauthorized_client", client_id: `${server.origin}/other` });
  const unpinned = await validate({ client_id: clientId, redirect_uris: ["https://evil.example/cb"] });
  expect(unpinned.text).toBe(
    JSON.stringify({
      error: "invalid_redirect_uri",
      error_description: "One or more redirect URIs are not allowed",
      disallowed_uris: ["https://evil.example/cb"],
    }),
  );
});
