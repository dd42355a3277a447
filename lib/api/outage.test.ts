// During a database outage an API token the portal has not cached yet cannot be checked: the
// authorization server gets 503 with Retry-After in the API's error shape, not a 500.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiRequest, ApiResponse } from "./http";

beforeAll(() => {
  // A database that cannot be reached, of the kind this run tests.
  process.env.DATABASE_URL = process.env.TEST_PG_SERVER_URL
    ? "postgresql://postgres@127.0.0.1:1/unreachable"
    : `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "portal-outage-")), "missing-dir", "portal.db")}`;
});

function request(method: string, url: string, body = ""): ApiRequest {
  const headers: Record<string, string> = { authorization: "Bearer alp_never-seen-before" };
  return { method, url, header: (name) => headers[name], body: async () => Buffer.from(body) };
}

function expectRetryLater(response: ApiResponse) {
  expect(response.status).toBe(503);
  expect(response.headers["retry-after"]).toMatch(/^\d+$/);
  const json = JSON.parse(response.body!.toString("utf8"));
  expect(json).toEqual({ error: "temporarily_unavailable", error_description: expect.any(String) });
}

describe("the API during a database outage", () => {
  it("answers 503 with Retry-After for an uncached token on the feed and on validate", async () => {
    const { handleAllowlistGet, handleValidate } = await import("./allowlist-api");
    expectRetryLater(await handleAllowlistGet(request("GET", "/api/v1/allowlist")));
    expectRetryLater(
      await handleValidate(request("POST", "/api/v1/allowlist/validate", '{"redirect_uris":["https://a.example/cb"]}')),
    );
  });
});
