// The whole loop through an authorization server built on the client library (node-oidc-provider
// behind its registration guard, the list from the signed feed) and a real MCP client (the MCP
// SDK's registerClient): refused with the exact body → requested → approved → registers, and the
// request's page shows that this server picked the approval up.
import { discoverAuthorizationServerMetadata, registerClient } from "@modelcontextprotocol/sdk/client/auth.js";
import { expect, test } from "@playwright/test";
import { createToken, retireOtherReaders } from "./support/cli";
import { createClient } from "./support/developer";
import { startLibraryAuthorizationServer } from "./support/library-as";
import { fillDecision } from "./support/review";
import { signInByEmail, signInWithSso } from "./support/sign-in";

const CALLBACK = "https://library-loop.example.com/oauth/callback";

test("an MCP client registers at a library-built AS once its request is approved", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await retireOtherReaders();
  const as = await startLibraryAuthorizationServer(await createToken("allowlist:read", "library AS"));
  try {
    // The SDK reports the refusal by its description; the raw answer is the exact body.
    const bodies: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === "POST") bodies.push(await response.clone().text());
      return response;
    };
    const metadata = await discoverAuthorizationServerMetadata(as.issuer, { fetchFn });
    const register = () =>
      registerClient(as.issuer, {
        metadata,
        clientMetadata: { client_name: "Library Loop", redirect_uris: [CALLBACK], token_endpoint_auth_method: "none" },
        fetchFn,
      });
    await expect(register()).rejects.toThrow("One or more redirect URIs are not allowed");
    const refusal = bodies.at(-1)!;
    expect(JSON.parse(refusal)).toEqual({
      error: "invalid_redirect_uri",
      error_description: "One or more redirect URIs are not allowed",
      disallowed_uris: [CALLBACK],
    });

    // The developer pastes that body into the request form; a reviewer approves.
    await signInByEmail(page, "dev-library@client.test", "/clients");
    await createClient(page, "Library Loop");
    await page.goto("/requests/new");
    await page.getByLabel("Client", { exact: true }).selectOption({ label: "Library Loop" });
    await page.getByLabel(/One URI per line, or the whole/).fill(refusal);
    await page.getByTestId("apply-paste").click();
    await expect(page.getByLabel("Redirect URI 1", { exact: true })).toHaveValue(CALLBACK);
    await page.getByLabel("Why does the client need these redirect URIs?").fill("Our MCP server refused it.");
    await page.getByTestId("submit-request").click();
    await expect(page.getByTestId("submitted-notice")).toBeVisible();
    const requestId = page.url().split("/requests/")[1]!.split("?")[0]!;
    const reviewer = await browser.newPage();
    await signInWithSso(reviewer, "reviewer-library@staff.test", `/admin/requests/${requestId}`);
    await fillDecision(reviewer, [{ approve: true }]);
    await reviewer.getByTestId("submit-decision").click();
    await expect(reviewer.getByTestId("status-badge").first()).toHaveText("Approved");

    // Within a few polls the library has the new version, and the same registration succeeds.
    await expect
      .poll(async () => (await register().catch(() => null))?.redirect_uris, { timeout: 15_000 })
      .toEqual([CALLBACK]);
    await page.goto(`/requests/${requestId}`);
    await expect(page.getByTestId("propagation")).toHaveText(
      /^Published in version \d+ — picked up by 1 of 1 server \(\d+ s\)\.$/,
      { timeout: 15_000 },
    );
  } finally {
    as.close();
  }
});
