// What a developer's request page is given, on a real database: reviewers stay "A reviewer".
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

vi.mock("server-only", () => ({}));

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("a developer's own request", () => {
  it("names reviewers 'A reviewer' on the timeline and the decisions; staff still see who", async () => {
    const { getOwnRequest, getRequestForReview } = await import("./queries");
    const { assignRequest, decideRequest } = await import("@/lib/review/decide");
    const dev = await t.db.user.create({ data: { email: "dev@timeline.test" } });
    const [ann, bob] = await Promise.all(
      ["ann@staff.test", "bob@staff.test"].map((email) => t.db.user.create({ data: { email, role: "reviewer" } })),
    );
    const client = await t.db.client.create({
      data: {
        ownerId: dev.id,
        name: "Timeline",
        vendor: "V",
        homepage: "https://v.test",
        description: "A test client",
        contactEmail: "dev@timeline.test",
        clientType: "cli",
      },
    });
    const request = await t.db.request.create({
      data: {
        clientId: client.id,
        requesterId: dev.id,
        justification: "because",
        uris: { create: [{ position: 0, uri: "https://timeline.test/cb", kind: "exact" }] },
        events: { create: { type: "submitted", actorId: dev.id } },
      },
      include: { uris: true },
    });
    const asStaff = (u: { id: string; email: string }) => ({
      id: u.id,
      email: u.email,
      name: null,
      role: "reviewer" as const,
    });
    await assignRequest(asStaff(ann!), request.id, bob!.id, null);
    await t.db.comment.create({ data: { requestId: request.id, authorId: bob!.id, body: "Which product?" } });
    await t.db.comment.create({ data: { requestId: request.id, authorId: dev.id, body: "Our CLI." } });
    await decideRequest(
      asStaff(bob!),
      {
        requestId: request.id,
        revision: 0,
        decisions: [{ id: request.uris[0]!.id, decision: "approved", reason: "" }],
      },
      null,
    );

    const own = await getOwnRequest(dev.id, request.id);
    expect(JSON.stringify(own)).not.toMatch(/@staff\.test/);
    expect(own!.events.map((e) => [e.type, e.actor?.email])).toEqual([
      ["submitted", "dev@timeline.test"],
      ["assigned", "A reviewer"],
      ["decided", "A reviewer"],
    ]);
    expect(own!.comments.map((c) => c.author.email)).toEqual(["A reviewer", "dev@timeline.test"]);

    const review = await getRequestForReview(request.id);
    expect(JSON.stringify(review)).toContain("ann@staff.test");
    expect(review!.comments[0]!.author.email).toBe("bob@staff.test");
  });
});
