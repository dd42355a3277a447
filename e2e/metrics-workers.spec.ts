// GET /api/metrics on an instance with PORTAL_WORKERS=2: whichever worker is scraped, the feed's
// counts are both workers' — every poll counted once, none lost to the worker not asked.
import { expect, test } from "@playwright/test";
import { createToken } from "./support/cli";
import { rawRequest } from "./support/http";
import { startPortal, stopPortal } from "./support/portal-process";
import { APP_PORT } from "./support/ports";

/** An instance of its own: a port clear of support/ports.ts and the other specs'. */
const PORT = APP_PORT + 48;
const POLLS = 24;

test("a scrape of one worker counts every worker's feed answers", async () => {
  test.setTimeout(120_000);
  const [reader, scraper] = await Promise.all([
    createToken("allowlist:read", "workers poller"),
    createToken("metrics:read", "workers scraper"),
  ]);
  const instance = await startPortal(PORT, undefined, { PORTAL_WORKERS: "2" });
  try {
    // A connection each: the cluster hands them to both workers.
    for (let i = 0; i < POLLS; i++) {
      const res = await rawRequest("GET", "/api/v1/allowlist", { authorization: `Bearer ${reader}` }, undefined, PORT);
      expect(res.status).toBe(200);
    }
    for (let scrape = 0; scrape < 4; scrape++) {
      const res = await rawRequest("GET", "/api/metrics", { authorization: `Bearer ${scraper}` }, undefined, PORT);
      expect(res.status).toBe(200);
      const line = /^allowlist_feed_requests_total\{endpoint="feed",status="200"\} (\d+)$/m.exec(res.text);
      expect(Number(line?.[1]), `scrape ${scrape}`).toBe(POLLS);
    }
  } finally {
    await stopPortal(instance);
  }
});
