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

describe("the reviewer's checks after a decision", () => {
  it("do not call a URI 'already allowed' by the entry its own request's approval made", async () => {
    const { listingFlags } = await import("./checks");
    const owner = await user("decided@dev.test");
    const uri = "https://decided.test/cb";
    const request = await pendingRequest(owner, uri);
    const requestUri = await t.db.requestUri.findFirstOrThrow({ where: { requestId: request.id } });
    await t.db.requestUri.update({ where: { id: requestUri.id }, data: { decision: "approved" } });
    const entry = await t.db.allowlistEntry.create({ data: { kind: "exact", uri, requestUriId: requestUri.id } });

    expect((await listingFlags(t.db, [uri], request.id)).get(uri)).toEqual([]);
    // Seen from any other request (or the form), it is on the list.
    const other = await pendingRequest(owner, "https://decided.test/other");
    expect((await listingFlags(t.db, [uri], other.id)).get(uri)).toEqual([
      { code: "already_allowed", message: "Already on the allowlist: no new request is needed for it.", ref: entry.id },
    ]);
  });
});
