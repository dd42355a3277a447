// The request form's listing check on a real database: what it tells whom, and its rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function user(email: string, role: "developer" | "reviewer" = "developer") {
  const row = await t.db.user.create({ data: { email, role } });
  return { id: row.id, email, name: null, role };
}

async function pendingRequest(owner: { id: string }, uri: string) {
  const client = await t.db.client.create({
    data: {
      ownerId: owner.id,
      name: "Pending",
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
      requesterId: owner.id,
      justification: "because",
      uris: { create: [{ position: 0, uri, kind: "exact" }] },
    },
  });
}

describe("the listing check", () => {
  it("tells a developer that a URI is pending elsewhere, but not whose request it is", async () => {
    const { checkListing } = await import("./listing-check");
    const owner = await user("owner@dev.test");
    const stranger = await user("stranger@dev.test");
    const reviewer = await user("reviewer@staff.test", "reviewer");
    const uri = "https://pending.test/cb";
    const request = await pendingRequest(owner, uri);

    const seenByStranger = (await checkListing(stranger, [uri])).flags[uri];
    expect(seenByStranger).toEqual([
      { code: "pending_elsewhere", message: "Already requested in another request that is waiting for a decision." },
    ]);
    expect(JSON.stringify(seenByStranger)).not.toContain(request.id);

    const seenByOwner = (await checkListing(owner, [uri])).flags[uri];
    expect(seenByOwner).toEqual([
      {
        code: "pending_elsewhere",
        message: "Already requested in another of your requests that is waiting for a decision.",
        ref: request.id,
      },
    ]);
    expect((await checkListing(reviewer, [uri])).flags[uri]?.[0]?.ref).toBe(request.id);
  });

  it("is rate limited per user, with a message instead of flags", async () => {
    const { checkListing } = await import("./listing-check");
    const { LIMITS } = await import("@/lib/rate-limit/limits");
    const busy = await user("busy@dev.test");
    const calm = await user("calm@dev.test");
    for (let i = 0; i < LIMITS.listingChecksPerUser.max; i++) {
      expect((await checkListing(busy, ["https://busy.test/cb"])).message).toBeUndefined();
    }
    const refused = await checkListing(busy, ["https://busy.test/cb"]);
    expect(refused.flags).toEqual({});
    expect(refused.message).toMatch(/^Too many listing checks in a short time: .* checked again in 10 minutes/);
    expect((await checkListing(calm, ["https://busy.test/cb"])).message).toBeUndefined();
  });
});
