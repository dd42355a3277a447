// What an operator's Prometheus scrapes, on a real database (PostgreSQL when TEST_PG_SERVER_URL
// is set): the feed's counts from memory, the queue and the servers' lag from the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const value = (text: string, series: string) =>
  Number(new RegExp(`^${series.replace(/[{}]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);

describe("GET /api/metrics's body", () => {
  it("counts feed answers by status, and reports the queue's age and each server's lag", async () => {
    const { countFeedAnswer } = await import("./feed-counters");
    const { scrapeMetrics } = await import("./scrape");
    const now = Date.parse("2026-11-26T12:00:00Z");
    for (const status of [200, 304, 304, 304]) countFeedAnswer("feed", status);
    countFeedAnswer("signed", 401);

    const dev = await t.db.user.create({ data: { email: "dev@metrics.test" } });
    const client = await t.db.client.create({
      data: {
        ownerId: dev.id,
        name: "Metrics",
        vendor: "V",
        homepage: "https://v.test",
        description: "d",
        contactEmail: dev.email,
        clientType: "cli",
      },
    });
    for (const [status, hoursAgo] of [
      ["submitted", 3],
      ["in_review", 1],
      ["approved", 9],
    ] as const)
      await t.db.request.create({
        data: {
          clientId: client.id,
          requesterId: dev.id,
          justification: "j",
          status,
          submittedAt: new Date(now - hoursAgo * 3600_000),
        },
      });
    await t.db.listState.create({ data: { id: 1, version: 12 } });
    const token = await t.db.apiToken.create({
      data: { name: "east", prefix: "alp_x", tokenHash: "h", scopes: "allowlist:read" },
    });
    await t.db.tokenPoll.create({ data: { tokenId: token.id, version: 9, polledAt: new Date(now - 40_000) } });

    const { contentType, body } = await scrapeMetrics(t.db, now);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(value(body, 'allowlist_feed_requests_total{endpoint="feed",status="304"}')).toBe(3);
    expect(value(body, 'allowlist_feed_requests_total{endpoint="signed",status="401"}')).toBe(1);
    expect(value(body, "allowlist_list_version")).toBe(12);
    expect(value(body, "allowlist_pending_requests")).toBe(2);
    expect(value(body, "allowlist_oldest_pending_request_age_seconds")).toBe(3 * 3600);
    const labels = `{token_id="${token.id}",token_name="east"}`;
    expect(value(body, `allowlist_token_lag_versions${labels}`)).toBe(3);
    expect(value(body, `allowlist_token_last_poll_age_seconds${labels}`)).toBe(40);
  });
});
