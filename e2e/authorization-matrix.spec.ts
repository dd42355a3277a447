// One walk over every page, server action and route handler as anonymous, developer, another
// developer, reviewer, admin and API token: each gets exactly what PRODUCT.md's role table allows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { serve, startHttpsServer } from "../lib/cimd/test-support/https-server";
import { approveCimdRequest, requestCimdClient } from "./support/cimd";
import { createToken } from "./support/cli";
import { createClient, submitRequest } from "./support/developer";
import { APP_URL, FIRST_ADMIN } from "./support/ports";
import { signInByEmail, signInWithSso } from "./support/sign-in";

type Who = "anonymous" | "developer" | "other developer" | "reviewer" | "admin" | "API token";
const EVERYONE: Who[] = ["anonymous", "developer", "other developer", "reviewer", "admin", "API token"];

/** What a role may get: "ok" (the content), "signin" (redirect to sign-in), or a status code. */
type Expect = "ok" | "signin" | 401 | 403 | 404;

async function signedInRequest(
  browser: Browser,
  signIn: (page: Page) => Promise<void>,
): Promise<{ request: APIRequestContext; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  await signIn(page);
  return { request: context.request, close: () => context.close() };
}

function actionIds(): Record<string, string> {
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../.next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { exportedName?: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, v]) => [v.exportedName!, id]));
}

test("every page, action and route handler answers each role as the spec allows", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  // The developer's approved CIMD client, for its pages (developer and reviewer side).
  const documents = await startHttpsServer();
  const cimdUrl = `${documents.origin}/matrix/client.json`;
  documents.route(
    "/matrix/client.json",
    serve({ client_id: cimdUrl, redirect_uris: ["https://matrix.example.com/cimd"] }),
  );
  let cimdRequestId = "";
  const dev = await signedInRequest(browser, async (page) => {
    await signInByEmail(page, "matrix-dev@client.test", "/clients");
    await createClient(page, "Matrix Client");
    await submitRequest(page, "Matrix Client", ["https://matrix.example.com/cb"]);
    cimdRequestId = await requestCimdClient(page, "Matrix Client", cimdUrl);
  });
  const devPage = await (await dev.request.get("/requests")).text();
  const requestId = [...devPage.matchAll(/\/requests\/(c[a-z0-9]{20,})"/g)]
    .map((m) => m[1]!)
    .find((id) => id !== cimdRequestId)!;
  const clientId = /\/clients\/(c[a-z0-9]{20,})"/.exec(await (await dev.request.get("/clients")).text())![1]!;
  const other = await signedInRequest(browser, (page) => signInByEmail(page, "matrix-other@client.test"));
  let cimdClientId = "";
  const reviewer = await signedInRequest(browser, async (page) => {
    await signInWithSso(page, "reviewer-matrix@staff.test");
    cimdClientId = await approveCimdRequest(page, cimdRequestId, cimdUrl);
  });
  await documents.close();
  const admin = await signedInRequest(browser, (page) => signInByEmail(page, FIRST_ADMIN));
  const anonymous = await playwright.request.newContext({ baseURL: APP_URL });
  const token = await createToken("allowlist:read,allowlist:validate", "matrix");
  const tokenCtx = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const as: Record<Who, APIRequestContext> = {
    anonymous,
    developer: dev.request,
    "other developer": other.request,
    reviewer: reviewer.request,
    admin: admin.request,
    "API token": tokenCtx,
  };

  const pages: [string, Record<Who, Expect>][] = [
    [
      "/",
      { anonymous: "ok", developer: "ok", "other developer": "ok", reviewer: "ok", admin: "ok", "API token": "ok" },
    ],
    [
      "/docs/api",
      { anonymous: "ok", developer: "ok", "other developer": "ok", reviewer: "ok", admin: "ok", "API token": "ok" },
    ],
    ...["/requests", "/requests/new", "/clients", "/clients/new", "/domains"].map(
      (p): [string, Record<Who, Expect>] => [
        p,
        {
          anonymous: "signin",
          developer: "ok",
          "other developer": "ok",
          reviewer: "ok",
          admin: "ok",
          "API token": "signin",
        },
      ],
    ),
    [
      `/requests/${requestId}`,
      {
        anonymous: "signin",
        developer: "ok",
        "other developer": 404,
        reviewer: 404,
        admin: 404,
        "API token": "signin",
      },
    ],
    [
      `/clients/${clientId}`,
      {
        anonymous: "signin",
        developer: "ok",
        "other developer": 404,
        reviewer: 404,
        admin: 404,
        "API token": "signin",
      },
    ],
    [
      `/cimd-clients/${cimdClientId}`,
      {
        anonymous: "signin",
        developer: "ok",
        "other developer": 404,
        reviewer: 404,
        admin: 404,
        "API token": "signin",
      },
    ],
    ...[
      "/admin",
      `/admin/requests/${requestId}`,
      "/admin/entries",
      `/admin/cimd-clients/${cimdClientId}`,
      "/admin/servers",
    ].map((p): [string, Record<Who, Expect>] => [
      p,
      {
        anonymous: "signin",
        developer: 403,
        "other developer": 403,
        reviewer: "ok",
        admin: "ok",
        "API token": "signin",
      },
    ]),
    ...["/admin/tokens", "/admin/users", "/admin/settings", "/admin/audit", "/admin/domains"].map(
      (p): [string, Record<Who, Expect>] => [
        p,
        {
          anonymous: "signin",
          developer: 403,
          "other developer": 403,
          reviewer: 403,
          admin: "ok",
          "API token": "signin",
        },
      ],
    ),
  ];
  const failures: string[] = [];
  for (const [url, expected] of pages) {
    for (const who of EVERYONE) {
      const response = await as[who].get(url, { maxRedirects: 0 });
      const got: "ok" | "signin" | number =
        response.status() === 200
          ? "ok"
          : [302, 303, 307].includes(response.status()) && (response.headers().location ?? "").includes("/signin")
            ? "signin"
            : response.status();
      if (got !== expected[who]) failures.push(`GET ${url} as ${who}: expected ${expected[who]}, got ${got}`);
      if (expected[who] !== "ok" && got !== "ok" && response.status() !== 302 && response.status() !== 307) {
        const body = await response.text();
        if (body.includes("Matrix Client") && url.includes(requestId))
          failures.push(`GET ${url} as ${who}: the content leaked`);
      }
    }
  }

  const routes: [string, string, Record<Who, number>][] = [
    [
      "GET",
      "/admin/audit/export",
      // Signed out, the proxy sends a browser to sign-in first (307); the handler itself answers 401.
      { anonymous: 307, developer: 403, "other developer": 403, reviewer: 403, admin: 200, "API token": 307 },
    ],
    [
      "GET",
      "/api/v1/allowlist",
      { anonymous: 401, developer: 401, "other developer": 401, reviewer: 401, admin: 401, "API token": 200 },
    ],
    [
      "POST",
      "/api/v1/allowlist/validate",
      { anonymous: 401, developer: 401, "other developer": 401, reviewer: 401, admin: 401, "API token": 400 },
    ],
    [
      "GET",
      "/api/metrics",
      // The matrix's token reads and validates the list: metrics need their own scope.
      { anonymous: 401, developer: 401, "other developer": 401, reviewer: 401, admin: 401, "API token": 403 },
    ],
    [
      "GET",
      "/api/health",
      { anonymous: 200, developer: 200, "other developer": 200, reviewer: 200, admin: 200, "API token": 200 },
    ],
  ];
  for (const [method, url, expected] of routes) {
    for (const who of EVERYONE) {
      const response = await as[who].fetch(url, {
        method,
        maxRedirects: 0,
        data: method === "POST" ? { redirect_uris: ["https://nope.example/cb"] } : undefined,
      });
      if (response.status() !== expected[who])
        failures.push(`${method} ${url} as ${who}: expected ${expected[who]}, got ${response.status()}`);
    }
  }

  // Server actions, called directly as an attacker would (the ids are public in the page's JS).
  const ids = actionIds();
  const level: Record<string, "developer" | "reviewer" | "admin"> = {
    saveClientAction: "developer",
    submitRequestAction: "developer",
    resubmitRequestAction: "developer",
    withdrawRequestAction: "developer",
    addCommentAction: "developer",
    checkListingAction: "developer",
    assignAction: "reviewer",
    decideAction: "reviewer",
    requestChangesAction: "reviewer",
    revokeEntryAction: "admin",
    blockAction: "admin",
    unblockAction: "admin",
    changeRoleAction: "admin",
    inviteUserAction: "admin",
    setActiveAction: "admin",
    saveSettingsAction: "admin",
    createTokenAction: "admin",
    revokeTokenAction: "admin",
    claimDomainAction: "developer",
    verifyDomainAction: "developer",
    releaseDomainAction: "developer",
    transferDomainAction: "admin",
    previewCimdAction: "developer",
    submitCimdRequestAction: "developer",
    resubmitCimdRequestAction: "developer",
    revokeCimdClientAction: "admin",
    checkCimdClientNowAction: "admin",
    decideCimdDocumentChangeAction: "reviewer",
  };
  const rank = { developer: 0, reviewer: 1, admin: 2 } as const;
  const roleOf: Record<Who, keyof typeof rank | null> = {
    anonymous: null,
    "API token": null,
    developer: "developer",
    "other developer": "developer",
    reviewer: "reviewer",
    admin: "admin",
  };
  for (const [name, needed] of Object.entries(level)) {
    expect(ids[name], `action ${name} is in the build`).toBeTruthy();
    for (const who of EVERYONE) {
      const response = await as[who].post("/", {
        headers: { "next-action": ids[name]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        data: "[]",
        maxRedirects: 0,
      });
      // Next.js answers an action's unauthorized()/forbidden() inside the RSC payload, as an error digest.
      const digest = /NEXT_HTTP_ERROR_FALLBACK;(\d{3})/.exec(await response.text());
      const got = digest ? Number(digest[1]) : response.status();
      const role = roleOf[who];
      const expected = role === null ? 401 : rank[role] >= rank[needed] ? 200 : 403;
      if (got !== expected) failures.push(`action ${name} as ${who}: expected ${expected}, got ${got}`);
    }
  }
  // Every exported action is in the table: a new one must be added here, with its role.
  const unlisted = Object.keys(ids).filter(
    (name) =>
      !(name in level) &&
      !["signOutAction", "emailSignInAction", "oidcSignInAction", "githubSignInAction"].includes(name),
  );
  expect(unlisted, "server actions missing from the matrix").toEqual([]);
  expect(failures).toEqual([]);
  await Promise.all([
    dev.close(),
    other.close(),
    reviewer.close(),
    admin.close(),
    anonymous.dispose(),
    tokenCtx.dispose(),
  ]);
});
