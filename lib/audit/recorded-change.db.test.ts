// A change and its record commit together or not at all: a comment, a client or a settings save
// that fails leaves no audit row behind, and an audit row never outlives its change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("recordedChange", () => {
  it("writes the change, its request events and its audit row in one transaction", async () => {
    const { recordedChange } = await import("./recorded-change");
    const owner = await t.db.user.create({ data: { email: "dev@portal.test" }, select: { id: true, email: true } });
    const client = await t.db.client.create({
      data: {
        ownerId: owner.id,
        name: "Acme",
        vendor: "Acme",
        homepage: "https://acme.test",
        description: "A test client.",
        contactEmail: "dev@acme.test",
        clientType: "desktop",
      },
      select: { id: true },
    });
    const request = await t.db.request.create({
      data: { clientId: client.id, requesterId: owner.id, justification: "testing" },
      select: { id: true },
    });
    const result = await recordedChange(t.db, async (tx) => {
      await tx.comment.create({ data: { requestId: request.id, authorId: owner.id, body: "hello" } });
      return {
        result: "done",
        audit: { actor: owner, action: "request.commented", entityType: "request", entityId: request.id },
        events: [{ requestId: request.id, type: "test_event", detail: "one" }],
      };
    });
    expect(result).toBe("done");
    const event = await t.db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, type: "test_event" } });
    expect(event).toMatchObject({ actorId: owner.id, detail: "one" });
    expect(await t.db.auditLog.count({ where: { action: "request.commented", entityId: request.id } })).toBe(1);

    // A change that fails after writing leaves neither the change nor a record.
    await expect(
      recordedChange(t.db, async (tx) => {
        await tx.comment.create({ data: { requestId: request.id, authorId: owner.id, body: "lost" } });
        throw new Error("refused after writing");
      }),
    ).rejects.toThrow("refused after writing");
    expect(await t.db.comment.count({ where: { body: "lost" } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "request.commented" } })).toBe(1);
  });

  it("writes nothing to the log when the change says there is nothing to record", async () => {
    const { recordedChange } = await import("./recorded-change");
    const before = await t.db.auditLog.count();
    expect(await recordedChange(t.db, async () => ({ result: 7, audit: null }))).toBe(7);
    expect(await t.db.auditLog.count()).toBe(before);
  });
});
