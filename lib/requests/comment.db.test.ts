// Comments on a real database: the per-user rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("comments", () => {
  it("are limited per user, with a message that says how long to wait", async () => {
    const { addComment } = await import("./comment");
    const { LIMITS } = await import("@/lib/rate-limit/limits");
    const dev = await t.db.user.create({ data: { email: "chatty@dev.test" } });
    const client = await t.db.client.create({
      data: {
        ownerId: dev.id,
        name: "Chatty",
        vendor: "V",
        homepage: "https://v.test",
        description: "A test client",
        contactEmail: "chatty@dev.test",
        clientType: "cli",
      },
    });
    const request = await t.db.request.create({
      data: { clientId: client.id, requesterId: dev.id, justification: "because" },
    });
    const author = { id: dev.id, email: dev.email, name: null, role: "developer" as const };
    for (let i = 0; i < LIMITS.commentsPerUser.max; i++) {
      await addComment(author, { requestId: request.id, body: `comment ${i}` }, null);
    }
    await expect(addComment(author, { requestId: request.id, body: "one more" }, null)).rejects.toThrow(
      /^You have posted 20 comments in the last 10 minutes, the most we accept; try again in 10 minutes\./,
    );
    expect(await t.db.comment.count({ where: { requestId: request.id } })).toBe(LIMITS.commentsPerUser.max);
  });
});
