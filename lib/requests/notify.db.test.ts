// Reviewer notifications on a real database: one email per reviewer per request in ten minutes.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

const sent: { to: string; subject: string; text: string }[] = [];
vi.mock("@/lib/mail/send", () => ({
  sendMailQuietly: async (mail: { to: string; subject: string; text: string }) => void sent.push(mail),
}));

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function requestFrom(dev: { id: string }, name: string) {
  const client = await t.db.client.create({
    data: {
      ownerId: dev.id,
      name,
      vendor: "V",
      homepage: "https://v.test",
      description: "A test client",
      contactEmail: "x@v.test",
      clientType: "cli",
    },
  });
  return t.db.request.create({
    data: {
      clientId: client.id,
      requesterId: dev.id,
      justification: "because",
      uris: { create: [{ position: 0, uri: "https://n.test/cb", kind: "exact" }] },
    },
  });
}

describe("reviewer notifications", () => {
  it("coalesce: a reviewer hears of a request once in ten minutes, however often it changes", async () => {
    const { notifyReviewers, notifyDeveloper } = await import("./notify");
    const dev = await t.db.user.create({ data: { email: "dev@notify.test" } });
    await t.db.user.create({ data: { email: "r1@staff.test", role: "reviewer" } });
    await t.db.user.create({ data: { email: "r2@staff.test", role: "admin" } });
    const first = await requestFrom(dev, "First");
    const second = await requestFrom(dev, "Second");

    await notifyReviewers(first.id, "new");
    expect(sent.map((m) => m.to).sort()).toEqual(["r1@staff.test", "r2@staff.test"]);
    await notifyReviewers(first.id, "reply");
    await notifyReviewers(first.id, "resubmitted");
    expect(sent).toHaveLength(2);

    await notifyReviewers(second.id, "new");
    expect(sent).toHaveLength(4);

    // The developer is told of every question, and never sees which reviewer asked.
    sent.length = 0;
    await notifyDeveloper(first.id, { kind: "question", body: "Which product?" });
    await notifyDeveloper(first.id, { kind: "question", body: "And which version?" });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.text).toContain("A reviewer wrote:");
    expect(sent[0]!.text).not.toContain("@staff.test");
  });
});
