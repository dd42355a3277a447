// Two reviewers deciding the same request at once, on a real database: exactly one wins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("decisions", () => {
  it("of two concurrent decisions exactly one wins; the other is told who decided", async () => {
    const { decideRequest, AlreadyDecided } = await import("./decide");
    const dev = await t.db.user.create({ data: { email: "dev@race.test" } });
    const reviewers = await Promise.all(
      ["r1@staff.test", "r2@staff.test"].map((email) => t.db.user.create({ data: { email, role: "reviewer" } })),
    );
    const client = await t.db.client.create({
      data: {
        ownerId: dev.id,
        name: "Race",
        vendor: "Race Inc",
        homepage: "https://race.test",
        description: "A racing client",
        contactEmail: "dev@race.test",
        clientType: "cli",
      },
    });
    const request = await t.db.request.create({
      data: {
        clientId: client.id,
        requesterId: dev.id,
        justification: "because",
        uris: { create: [{ position: 0, uri: "https://race.test/cb", kind: "exact" }] },
      },
      include: { uris: true },
    });
    const uriId = request.uris[0]!.id;
    const decide = (i: number, decision: "approved" | "rejected") =>
      decideRequest(
        { id: reviewers[i]!.id, email: reviewers[i]!.email, name: null, role: "reviewer" },
        {
          requestId: request.id,
          revision: 0,
          decisions: [{ id: uriId, decision, reason: decision === "rejected" ? "no" : "" }],
        },
        null,
      );

    const results = await Promise.allSettled([decide(0, "approved"), decide(1, "rejected")]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AlreadyDecided);
    expect(String(lost[0]!.reason.message)).toMatch(/Already decided by r[12]@staff\.test/);

    const final = await t.db.request.findUniqueOrThrow({
      where: { id: request.id },
      include: { uris: true, events: true },
    });
    expect(final.events.filter((e) => e.type === "decided")).toHaveLength(1);
    const entries = await t.db.allowlistEntry.count({ where: { uri: "https://race.test/cb" } });
    expect(entries).toBe(final.status === "approved" ? 1 : 0);
  });
});
