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

let seq = 0;
/** A request by `requester` with the given URIs, straight into the database. */
async function requestBy(requester: { id: string }, uris: string[]) {
  seq += 1;
  const client = await t.db.client.create({
    data: {
      ownerId: requester.id,
      name: `Client ${seq}`,
      vendor: "Vendor",
      homepage: "https://client.test",
      description: "A test client",
      contactEmail: "dev@client.test",
      clientType: "cli",
    },
  });
  return t.db.request.create({
    data: {
      clientId: client.id,
      requesterId: requester.id,
      justification: "because",
      uris: { create: uris.map((uri, position) => ({ position, uri, kind: "exact" })) },
    },
    include: { uris: { orderBy: { position: "asc" } } },
  });
}

async function staff(email: string, role: "reviewer" | "admin" = "reviewer") {
  const user = await t.db.user.create({ data: { email, role } });
  return { id: user.id, email, name: null, role };
}

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

  it("refuses a decision whose URI ids repeat or belong to another request, and changes nothing", async () => {
    const { decideRequest } = await import("./decide");
    const dev = await t.db.user.create({ data: { email: "dev@dup.test" } });
    const reviewer = await staff("r@dup.test");
    const request = await requestBy(dev, ["https://dup.test/a", "https://dup.test/b"]);
    const other = await requestBy(dev, ["https://dup.test/other"]);
    const [a, b] = request.uris;
    const decide = (decisions: { id: string; decision: "approved" | "rejected"; reason: string }[]) =>
      decideRequest(reviewer, { requestId: request.id, revision: 0, decisions }, null);

    // Before the fix: {a approved, a rejected, b approved} passed and gave "partially approved"
    // while both URIs were approved.
    await expect(
      decide([
        { id: a!.id, decision: "approved", reason: "" },
        { id: a!.id, decision: "rejected", reason: "no" },
        { id: b!.id, decision: "approved", reason: "" },
      ]),
    ).rejects.toThrow(/exactly one decision/);
    await expect(
      decide([
        { id: a!.id, decision: "approved", reason: "" },
        { id: b!.id, decision: "approved", reason: "" },
        { id: other.uris[0]!.id, decision: "approved", reason: "" },
      ]),
    ).rejects.toThrow(/not part of this request/);

    const after = await t.db.request.findUniqueOrThrow({ where: { id: request.id }, include: { uris: true } });
    expect(after.status).toBe("submitted");
    expect(after.uris.every((u) => u.decision === "pending")).toBe(true);
    expect(await t.db.allowlistEntry.count({ where: { uri: { startsWith: "https://dup.test/" } } })).toBe(0);

    const { outcome } = await decide([
      { id: b!.id, decision: "rejected", reason: "not ours" },
      { id: a!.id, decision: "approved", reason: "" },
    ]);
    expect(outcome).toBe("partially_approved");
  });

  it("the decision schema refuses repeated URI ids with a clear message", async () => {
    const { decisionSchema } = await import("./schema");
    const parsed = decisionSchema.safeParse({
      requestId: "r1",
      revision: "0",
      decisions: JSON.stringify([
        { id: "u1", decision: "approved" },
        { id: "u1", decision: "rejected", reason: "no" },
      ]),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(
      "Each redirect URI takes exactly one decision; one was decided twice. Reload the page and decide again.",
    );
  });

  it("a reviewer cannot decide, send back, take or be assigned their own request", async () => {
    const { assignRequest, decideRequest, requestChanges, OwnRequest } = await import("./decide");
    const self = await staff("self@staff.test", "admin");
    const colleague = await staff("colleague@staff.test");
    const request = await requestBy(self, ["https://self.test/cb"]);
    const uriId = request.uris[0]!.id;

    await expect(
      decideRequest(
        self,
        { requestId: request.id, revision: 0, decisions: [{ id: uriId, decision: "approved", reason: "" }] },
        null,
      ),
    ).rejects.toThrow(OwnRequest);
    await expect(requestChanges(self, request.id, 0, "Please change it", null)).rejects.toThrow(OwnRequest);
    await expect(assignRequest(self, request.id, self.id, null)).rejects.toThrow(OwnRequest);
    await expect(assignRequest(self, request.id, colleague.id, null)).rejects.toThrow(OwnRequest);
    await expect(assignRequest(colleague, request.id, self.id, null)).rejects.toThrow(/submitted this request/);

    const untouched = await t.db.request.findUniqueOrThrow({ where: { id: request.id } });
    expect(untouched).toMatchObject({ status: "submitted", assigneeId: null, revision: 0 });
    expect(await t.db.allowlistEntry.count({ where: { uri: "https://self.test/cb" } })).toBe(0);

    // Another reviewer still can.
    await assignRequest(colleague, request.id, colleague.id, null);
    const { outcome } = await decideRequest(
      colleague,
      { requestId: request.id, revision: 0, decisions: [{ id: uriId, decision: "approved", reason: "" }] },
      null,
    );
    expect(outcome).toBe("approved");
  });
});
