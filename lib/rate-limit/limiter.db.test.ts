// The database-backed limiter: shared by every instance, never more than `max` in a window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const limit = { bucket: "test", max: 5, windowMs: 60_000 };

describe("the rate limiter", () => {
  it("lets exactly `max` of many concurrent attempts through, and says when the window frees up", async () => {
    const { takeAttempt } = await import("./limiter");
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => takeAttempt(limit, "key-a")));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(limit.max);
    const refused = verdicts.find((v) => !v.ok);
    expect(refused && !refused.ok && refused.retryAfterMs).toBeGreaterThan(50_000);
    // Refused attempts are not kept: the window is not extended by hammering.
    expect(await t.db.rateLimitHit.count({ where: { bucket: "test" } })).toBe(limit.max);
  });

  it("counts each key on its own, stores no key in clear, and forgets attempts once the window has passed", async () => {
    const { takeAttempt } = await import("./limiter");
    for (let i = 0; i < limit.max; i++) expect((await takeAttempt(limit, "someone@mail.test")).ok).toBe(true);
    expect((await takeAttempt(limit, "someone@mail.test")).ok).toBe(false);
    expect((await takeAttempt(limit, "other@mail.test")).ok).toBe(true);
    expect(await t.db.rateLimitHit.count({ where: { key: { contains: "@" } } })).toBe(0);
    const later = new Date(Date.now() + limit.windowMs + 1000);
    expect((await takeAttempt(limit, "someone@mail.test", later)).ok).toBe(true);
  });
});
