// The authorization server's API, checked from outside over real HTTP, to the byte.
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { createToken, importUris, portal } from "./support/cli";
import { rawRequest } from "./support/http";

const EXACT_ERROR =
  '{"error":"invalid_redirect_uri","error_description":"One or more redirect URIs are not allowed","disallowed_uris":["https://unallowed.com"]}';

let readToken: string;
let validateToken: string;

test.beforeAll(async () => {
  readToken = await createToken("allowlist:read");
  validateToken = await createToken("allowlist:validate");
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test("health and readiness", async () => {
  expect((await rawRequest("GET", "/api/health")).status).toBe(200);
  const ready = await rawRequest("GET", "/api/ready");
  expect(ready.status).toBe(200);
  expect(JSON.parse(ready.text)).toEqual({ status: "ready" });
});

test("no token, a bad token and a revoked token get 401 with a Bearer challenge; the wrong scope gets 403", async () => {
  const none = await rawRequest("GET", "/api/v1/allowlist");
  expect(none.status).toBe(401);
  expect(none.headers["www-authenticate"]).toBe("Bearer");
  expect(Object.keys(JSON.parse(none.text)).sort()).toEqual(["error", "error_description"]);

  const bad = await rawRequest("GET", "/api/v1/allowlist", auth("alp_not-a-real-token"));
  expect(bad.status).toBe(401);
  expect(JSON.parse(bad.text).error).toBe("invalid_token");
  expect(bad.headers["www-authenticate"]).toBe("Bearer");

  const wrongScope = await rawRequest(
    "POST",
    "/api/v1/allowlist/validate",
    { ...auth(readToken), "content-type": "application/json" },
    '{"redirect_uris":["https://a.example/cb"]}',
  );
  expect(wrongScope.status).toBe(403);
  expect(JSON.parse(wrongScope.text).error).toBe("insufficient_scope");

  const doomed = await createToken("allowlist:read", "doomed");
  expect((await rawRequest("GET", "/api/v1/allowlist", auth(doomed))).status).toBe(200);
  const list = await portal("token", "list");
  const id = list.stdout
    .split("\n")
    .find((line) => line.includes("\tdoomed\t"))!
    .split("\t")[0]!;
  expect((await portal("token", "revoke", id)).code).toBe(0);
  await expect
    .poll(async () => (await rawRequest("GET", "/api/v1/allowlist", auth(doomed))).status, { timeout: 5000 })
    .toBe(401);
});

test("the snapshot: version, strong ETag, 304, gzip and br, and ?since= deltas", async () => {
  expect(
    (
      await importUris([
        { uri: "https://claude.ai/api/mcp/auth_callback", client: { name: "Claude" } },
        "http://127.0.0.1/callback",
      ])
    ).code,
  ).toBe(0);
  const first = await rawRequest("GET", "/api/v1/allowlist", auth(readToken));
  expect(first.status).toBe(200);
  expect(first.headers["cache-control"]).toBe("no-cache");
  const snapshot = JSON.parse(first.text);
  expect(Object.keys(snapshot)).toEqual(["version", "generated_at", "entries", "blocked", "clients"]);
  expect(first.headers.etag).toBe(`"${snapshot.version}"`);
  const claude = snapshot.entries.find((e: { uri: string }) => e.uri === "https://claude.ai/api/mcp/auth_callback");
  expect(claude).toMatchObject({ kind: "exact", client: { name: "Claude" }, expires_at: null });
  expect(snapshot.entries.find((e: { uri: string }) => e.uri === "http://127.0.0.1/callback").kind).toBe("loopback");

  const notModified = await rawRequest("GET", "/api/v1/allowlist", {
    ...auth(readToken),
    "if-none-match": first.headers.etag!,
  });
  expect(notModified.status).toBe(304);
  expect(notModified.body.length).toBe(0);

  const gzip = await rawRequest("GET", "/api/v1/allowlist", { ...auth(readToken), "accept-encoding": "gzip" });
  expect(gzip.headers["content-encoding"]).toBe("gzip");
  expect(JSON.parse(gunzipSync(gzip.body).toString()).version).toBe(snapshot.version);
  const br = await rawRequest("GET", "/api/v1/allowlist", { ...auth(readToken), "accept-encoding": "gzip, br" });
  expect(br.headers["content-encoding"]).toBe("br");
  expect(JSON.parse(brotliDecompressSync(br.body).toString()).entries).toHaveLength(snapshot.entries.length);

  expect((await importUris(["https://cursor.example.com/oauth/callback"])).code).toBe(0);
  // A change made by another process (here the CLI) shows within the feed's one-second freshness window.
  let after = snapshot;
  await expect
    .poll(
      async () => (after = JSON.parse((await rawRequest("GET", "/api/v1/allowlist", auth(readToken))).text)).version,
      { timeout: 5000 },
    )
    .toBe(snapshot.version + 1);

  const delta = JSON.parse(
    (await rawRequest("GET", `/api/v1/allowlist?since=${snapshot.version}`, auth(readToken))).text,
  );
  expect(delta).toMatchObject({ version: after.version, since: snapshot.version, removed: [] });
  expect(delta.added.map((e: { uri: string }) => e.uri)).toEqual(["https://cursor.example.com/oauth/callback"]);

  const unchanged = await rawRequest("GET", `/api/v1/allowlist?since=${after.version}`, {
    ...auth(readToken),
    "if-none-match": `"${after.version}"`,
  });
  expect(unchanged.status).toBe(304);
  const future = JSON.parse(
    (await rawRequest("GET", `/api/v1/allowlist?since=${after.version + 50}`, auth(readToken))).text,
  );
  expect(future.full).toBe(true);
  expect(future.entries.length).toBe(after.entries.length);
  for (const since of ["abc", "", "-1", "1.5"]) {
    expect((await rawRequest("GET", `/api/v1/allowlist?since=${since}`, auth(readToken))).status, since).toBe(400);
  }
});

test("validate: allowed, the exact error body, request order without repeats, and bad shapes", async () => {
  await importUris(["https://claude.ai/api/mcp/auth_callback", "http://127.0.0.1/callback"]);
  const post = (body: string) =>
    rawRequest(
      "POST",
      "/api/v1/allowlist/validate",
      { ...auth(validateToken), "content-type": "application/json" },
      body,
    );

  const ok = await post(
    '{"redirect_uris":["https://claude.ai/api/mcp/auth_callback","http://127.0.0.1:51234/callback"],"client_name":"Claude"}',
  );
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.text)).toEqual({
    redirect_uris: ["https://claude.ai/api/mcp/auth_callback", "http://127.0.0.1:51234/callback"],
  });

  const refused = await post('{"redirect_uris":["https://unallowed.com"]}');
  expect(refused.status).toBe(400);
  expect(refused.text).toBe(EXACT_ERROR);

  const mixed = await post(
    JSON.stringify({
      redirect_uris: [
        "https://b.example/cb",
        "https://claude.ai/api/mcp/auth_callback",
        "https://a.example/cb",
        "https://b.example/cb",
        "https://Claude.ai/api/mcp/auth_callback",
      ],
    }),
  );
  expect(JSON.parse(mixed.text).disallowed_uris).toEqual([
    "https://b.example/cb",
    "https://a.example/cb",
    "https://Claude.ai/api/mcp/auth_callback",
  ]);

  for (const body of [
    "not json",
    "{}",
    '{"redirect_uris":[]}',
    '{"redirect_uris":"https://a.example"}',
    '{"redirect_uris":[1]}',
    JSON.stringify({ redirect_uris: Array(33).fill("https://a.example/cb") }),
  ]) {
    const bad = await post(body);
    expect(bad.status, body).toBe(400);
    expect(JSON.parse(bad.text).error, body).toBe("invalid_client_metadata");
  }
  // Well-formed metadata with a very long URI: not allowed, so the exact error body lists it.
  const long = "https://a.example/" + "a".repeat(9000);
  const tooLong = await post(JSON.stringify({ redirect_uris: ["https://claude.ai/api/mcp/auth_callback", long] }));
  expect(tooLong.status).toBe(400);
  expect(tooLong.text).toBe(EXACT_ERROR.replace('["https://unallowed.com"]', JSON.stringify([long])));

  const huge = await post(JSON.stringify({ redirect_uris: ["https://a.example/" + "a".repeat(70_000)] }));
  expect(huge.status).toBe(413);
});

test("the CLI: usage errors exit 2, import reports refusals with exit 1 and is idempotent", async () => {
  expect((await portal()).code).toBe(2);
  expect((await portal("frobnicate")).code).toBe(2);
  expect((await portal("token", "create", "--name", "x")).code).toBe(2);
  expect((await portal("user", "role", "a@b.test", "emperor")).code).toBe(2);

  const first = await importUris(["https://idem.example/cb", "https://idem.example/cb#frag"]);
  expect(first.code).toBe(1);
  expect(first.stdout).toContain("fragment");
  const second = await importUris(["https://idem.example/cb"]);
  expect(second.code).toBe(0);
  expect(second.stdout).toContain("Imported 0 entries; 1 already on the list");

  const exported = JSON.parse((await portal("export")).stdout);
  expect(exported.entries.filter((e: { uri: string }) => e.uri === "https://idem.example/cb")).toHaveLength(1);
  expect((await portal("audit", "verify")).stdout).toContain("intact");
});

test("the OpenAPI document and the docs page describe the live API", async ({ page }) => {
  const doc = JSON.parse((await rawRequest("GET", "/api/v1/openapi.json")).text);
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/allowlist",
      "/api/v1/allowlist/validate",
      "/api/v1/allowlist/signed",
      "/.well-known/allowlist-jwks.json",
      "/api/v1/cimd/preview",
      "/api/metrics",
    ]),
  );
  // Every documented path is served (with a token where one is needed), none is a 404.
  for (const [pathName, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    const method = "get" in methods ? "GET" : "POST";
    const answer = await rawRequest(method, pathName, { ...auth(readToken), "content-type": "application/json" });
    expect(answer.status, `${method} ${pathName}`).not.toBe(404);
  }
  expect(doc.components.schemas.Snapshot.required).toEqual(
    expect.arrayContaining(["version", "generated_at", "entries", "blocked"]),
  );
  expect(
    JSON.stringify(doc.paths["/api/v1/allowlist/validate"].post.responses["400"].content["application/json"].example),
  ).toBe(EXACT_ERROR);

  const { snapshotSchema } = await import("../lib/api/schema");
  const live = JSON.parse((await rawRequest("GET", "/api/v1/allowlist", auth(readToken))).text);
  expect(snapshotSchema.safeParse(live).success).toBe(true);

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "API for authorization servers" })).toBeVisible();
  await expect(page.getByText("curl -sS --compressed")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/docs-api.png", fullPage: true });
});

test("an admin creates a token in the dashboard, sees it once, and revokes it", async ({ page }) => {
  const { signInByEmail } = await import("./support/sign-in");
  const { FIRST_ADMIN } = await import("./support/ports");
  await signInByEmail(page, FIRST_ADMIN, "/admin/tokens");
  await page.goto("/admin/tokens");
  await page.getByLabel("Name").fill("Dashboard token");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^alp_/);
  expect((await rawRequest("GET", "/api/v1/allowlist", auth(token))).status).toBe(200);
  await page.screenshot({ path: "test-results/screens/admin-tokens.png", fullPage: true });

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByTestId("token-row").filter({ hasText: "Dashboard token" });
  await expect(row).toContainText(token.slice(0, 12));
  await expect(row).not.toContainText(token);
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await rawRequest("GET", "/api/v1/allowlist", auth(token))).status).toBe(401);
});

test("GET /api/metrics: Prometheus text for a metrics:read token, counting the feed's answers; request ids", async () => {
  const metricsToken = await createToken("metrics:read", "prometheus");
  expect((await rawRequest("GET", "/api/metrics", auth(readToken))).status).toBe(403);
  const scrape = async () => (await rawRequest("GET", "/api/metrics", auth(metricsToken))).text;
  const count = (text: string, status: number) =>
    Number(
      new RegExp(`^allowlist_feed_requests_total\\{endpoint="feed",status="${status}"\\} (\\d+)$`, "m").exec(
        text,
      )?.[1] ?? 0,
    );

  const before = await scrape();
  const first = await rawRequest("GET", "/api/v1/allowlist", auth(readToken));
  // Two conditional polls: the first through the full path, the second (a token seen within 2 s)
  // answered on the server's fast path. Both are counted.
  for (let poll = 0; poll < 2; poll++) {
    const again = await rawRequest("GET", "/api/v1/allowlist", {
      ...auth(readToken),
      "if-none-match": first.headers.etag!,
    });
    expect(again.status).toBe(304);
  }
  const res = await rawRequest("GET", "/api/metrics", auth(metricsToken));
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(count(res.text, 200)).toBeGreaterThan(count(before, 200));
  expect(count(res.text, 304)).toBeGreaterThanOrEqual(count(before, 304) + 2);
  for (const name of [
    "allowlist_snapshot_build_seconds_count",
    "allowlist_list_version",
    "allowlist_entries",
    "allowlist_pending_requests",
    "allowlist_oldest_pending_request_age_seconds",
  ])
    expect(res.text, name).toMatch(new RegExp(`^${name} \\d`, "m"));

  // The poller just polled (recorded within a few seconds), so it has a lag line: it holds the list's version.
  await expect
    .poll(scrape, { timeout: 10_000 })
    .toMatch(/^allowlist_token_lag_versions\{token_id="[^"]+",token_name="test allowlist:read"\} 0$/m);

  // Pages carry a request id: a sane one from a proxy is kept, anything else replaced.
  expect((await rawRequest("GET", "/", { "x-request-id": "lb-42.a" })).headers["x-request-id"]).toBe("lb-42.a");
  expect((await rawRequest("GET", "/", { "x-request-id": 'bad"id' })).headers["x-request-id"]).toMatch(
    /^[0-9a-f-]{36}$/,
  );
});
