// A CIMD client from request to feed: the developer fetches a client ID metadata document in the
// form and submits it, a reviewer approves the pinned document, and the feed and validate endpoint
// answer for it from outside. The document is served by a local HTTPS server whose CA the portal
// trusts (NODE_EXTRA_CA_CERTS); CIMD_ALLOW_LOOPBACK=1 lets the portal fetch from 127.0.0.1.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { serve, startHttpsServer, type TestHttpsServer } from "../lib/cimd/test-support/https-server";
import { createToken, portalWith, writeTempFile } from "./support/cli";
import { createClient } from "./support/developer";
import { rawRequest } from "./support/http";
import { APP_URL } from "./support/ports";
import { authorize, ReferenceAuthorizationServer } from "./support/reference-as";
import { signInByEmail, signInWithSso } from "./support/sign-in";

let server: TestHttpsServer;
test.beforeAll(async () => {
  server = await startHttpsServer();
});
test.afterAll(async () => {
  await server.close();
});

/** The request form's CIMD path: fetch the document, see it pass, justify, submit. */
async function requestCimdClient(page: Page, clientName: string, clientId: string, redirectUris: number) {
  await page.goto("/requests/new");
  await page.getByText("My client uses a client ID metadata document").click();
  await page.getByLabel("Client for this document").selectOption({ label: clientName });
  await page.getByRole("textbox", { name: "client_id URL" }).fill(clientId);
  await page.getByTestId("cimd-fetch-button").click();
  await expect(page.getByTestId("cimd-verdict")).toContainText("passes every check");
  await expect(page.getByTestId("cimd-redirect-uri")).toHaveCount(redirectUris);
  await expect(page.getByTestId("cimd-fetch")).toContainText("status 200");
  await page.getByLabel("Justification").fill("Our desktop client registers with a metadata document.");
  await page.getByTestId("cimd-submit").click();
}

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
  await requestCimdClient(page, "CIMD Client", clientId, 2);
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
  await expectReferenceAsToHonour(token, clientId);
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

/** The reference authorization server, fed by the portal's feed, lets the approved client in and no other. */
async function expectReferenceAsToHonour(token: string, clientId: string) {
  const unapproved = `${server.origin}/oauth/unapproved.json`;
  server.route("/oauth/unapproved.json", serve({ client_id: unapproved, redirect_uris: [REDIRECTS[1]] }));
  const as = new ReferenceAuthorizationServer(APP_URL, token);
  const asUrl = await as.start();
  try {
    const approved = await authorize(asUrl, clientId, "http://127.0.0.1:53682/cimd/callback");
    expect(approved.status).toBe(302);
    expect(approved.location).toMatch(/^http:\/\/127\.0\.0\.1:53682\/cimd\/callback\?code=[^&]+&state=s1$/);
    expect((await authorize(asUrl, clientId, REDIRECTS[1]!)).status).toBe(302);

    const stranger = await authorize(asUrl, unapproved, REDIRECTS[1]!);
    expect([stranger.status, JSON.parse(stranger.text).error]).toEqual([400, "unauthorized_client"]);
    // The document the client serves now lists evil.example: the pinned copy decides, so it is refused.
    const unpinned = await authorize(asUrl, clientId, "https://evil.example/cb");
    expect([unpinned.status, unpinned.location]).toEqual([400, null]);
  } finally {
    await as.stop();
  }
}

test("changes requested → the developer fixes the document → fetch again and resubmit → the new pin is approved", async ({
  page,
  browser,
}) => {
  const clientId = `${server.origin}/oauth/resubmitted.json`;
  const document = (redirectUris: string[]) =>
    server.route("/oauth/resubmitted.json", serve({ client_id: clientId, redirect_uris: redirectUris }));
  document(["http://127.0.0.1/old/callback", "https://cimd.example.com/too-broad"]);
  await signInByEmail(page, "dev-cimd-resubmit@client.test", "/clients");
  await createClient(page, "CIMD Resubmit");
  await requestCimdClient(page, "CIMD Resubmit", clientId, 2);
  await expect(page.getByTestId("submitted-notice")).toBeVisible();
  const requestId = page.url().split("/requests/")[1]!.split("?")[0]!;

  const reviewer = await browser.newPage();
  await signInWithSso(reviewer, "reviewer-cimd-resubmit@staff.test", `/admin/requests/${requestId}`);
  await reviewer.getByLabel("Request changes", { exact: true }).fill("Drop the too-broad redirect URI.");
  await reviewer.getByRole("button", { name: "Send back for changes" }).click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Changes requested");

  document(["http://127.0.0.1/new/callback"]);
  await page.goto(`/requests/${requestId}`);
  await page.getByTestId("cimd-resubmit-form").getByLabel("What did you change?").fill("Removed it.");
  await page.getByRole("button", { name: "Fetch again and resubmit" }).click();
  await expect(page.getByTestId("submitted-notice")).toContainText("resubmitted");
  await expect(page.getByTestId("cimd-pinned").getByTestId("cimd-redirect-uri")).toHaveCount(1);
  await expect(page.getByTestId("cimd-pinned")).toContainText("http://127.0.0.1/new/callback");

  await reviewer.reload();
  await expect(reviewer.getByTestId("cimd-pinned").getByTestId("cimd-redirect-uri")).toHaveCount(1);
  await reviewer.getByTestId("decide-cimd").getByLabel("Approve").check();
  await reviewer.getByTestId("submit-decision").click();
  await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Approved");
  await reviewer.close();
  const token = await createToken("allowlist:read", "cimd resubmit");
  const feed = JSON.parse((await rawRequest("GET", "/api/v1/allowlist", { authorization: `Bearer ${token}` })).text);
  expect((feed as { clients: { client_id: string; redirect_uris: string[] }[] }).clients).toContainEqual(
    expect.objectContaining({ client_id: clientId, redirect_uris: ["http://127.0.0.1/new/callback"] }),
  );
});

test("portal import brings the feed's clients in, pinned through the safe fetcher, refusing bad ones", async () => {
  const good = `${server.origin}/import/good.json`;
  const secret = `${server.origin}/import/secret.json`;
  server.route("/import/good.json", serve({ client_id: good, redirect_uris: ["https://imported.example/cb"] }));
  server.route("/import/secret.json", serve({ client_id: secret, redirect_uris: [REDIRECTS[1]], client_secret: "x" }));
  const file = writeTempFile("clients.json", JSON.stringify({ clients: [{ client_id: good }, { client_id: secret }] }));
  const trustTestCa = { NODE_EXTRA_CA_CERTS: path.resolve("lib/cimd/testdata/ca.pem"), CIMD_ALLOW_LOOPBACK: "1" };
  const first = await portalWith(trustTestCa, "import", file);
  expect(first.code).toBe(1);
  expect(first.stdout).toContain("Imported 1 CIMD client; 0 already on the list; 1 refused.");
  expect(first.stdout).toContain("cimd_shared_secret");
  const again = await portalWith(trustTestCa, "import", file);
  expect(again.stdout).toContain("Imported 0 CIMD clients; 1 already on the list; 1 refused.");

  const token = await createToken("allowlist:read", "cimd import");
  const as = new ReferenceAuthorizationServer(APP_URL, token);
  const asUrl = await as.start();
  try {
    expect((await authorize(asUrl, good, "https://imported.example/cb")).status).toBe(302);
    expect((await authorize(asUrl, secret, REDIRECTS[1]!)).status).toBe(400);
  } finally {
    await as.stop();
  }
});
