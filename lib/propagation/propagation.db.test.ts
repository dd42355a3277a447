// Propagation on a real database (SQLite; PostgreSQL when TEST_PG_SERVER_URL is set): the feed's
// answers, recorded per token and flushed, become "picked up by X of Y servers" on the request's
// page and a version per server on the admin page — whichever instance wrote them.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiRequest, ApiResponse } from "@/lib/api/http";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
const actor = { id: null, email: "test@portal.test" };
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function token(name: string, scopes: ("allowlist:read" | "allowlist:validate")[]) {
  const { createApiToken } = await import("@/lib/tokens/tokens");
  return createApiToken(t.db, { name, scopes }, actor);
}

/** A poll as an authorization server sends it, through the same handler the server uses. */
async function poll(bearer: string, url = "/api/v1/allowlist", headers: Record<string, string> = {}) {
  const { handleAllowlistGet } = await import("@/lib/api/allowlist-api");
  const all: Record<string, string> = { authorization: `Bearer ${bearer}`, ...headers };
  const req: ApiRequest = { method: "GET", url, header: (name) => all[name], body: async () => null };
  const res: ApiResponse = await handleAllowlistGet(req);
  return { status: res.status, etag: res.headers.etag! };
}

async function approvedRequest(uri: string) {
  const { decideRequest } = await import("@/lib/review/decide");
  const dev = await t.db.user.create({ data: { email: `dev-${uri.length}@propagation.test` } });
  const reviewer = await t.db.user.create({ data: { email: `rev-${uri.length}@staff.test`, role: "reviewer" } });
  const request = await t.db.request.create({
    data: {
      client: {
        create: {
          ownerId: dev.id,
          name: "Spread",
          vendor: "V",
          homepage: "https://v.test",
          description: "A test client",
          contactEmail: dev.email,
          clientType: "cli",
        },
      },
      requester: { connect: { id: dev.id } },
      justification: "because",
      uris: { create: [{ position: 0, uri, kind: "exact" }] },
    },
    include: { uris: true },
  });
  const staff = { id: reviewer.id, email: reviewer.email, name: null, role: "reviewer" as const };
  const decisions = [{ id: request.uris[0]!.id, decision: "approved" as const, reason: "" }];
  await decideRequest(staff, { requestId: request.id, revision: 0, decisions }, null);
  return request.id;
}

async function flushed() {
  const { deliveries } = await import("./deliveries");
  await deliveries.flush();
  const { listAuthorizationServers, requestPropagation } = await import("./queries");
  return { servers: listAuthorizationServers, propagation: requestPropagation };
}

describe("propagation", () => {
  it("counts the live servers that hold the approval's version, and how long the last one took", async () => {
    const east = await token("east", ["allowlist:read"]);
    const west = await token("west", ["allowlist:read", "allowlist:validate"]);
    await token("validator only", ["allowlist:validate"]); // not a reader: never counted
    const idle = await token("never polls", ["allowlist:read"]);
    const before = await poll(east.token);
    await poll(west.token);

    const requestId = await approvedRequest("https://spread.example.com/cb");
    let q = await flushed();
    const published = (await q.propagation(t.db, requestId))!;
    expect(published).toMatchObject({ pickedUp: 0, servers: 2, seconds: null });

    // east asks with its old ETag until it is given the new version (a poll is answered from the
    // served view while the new one's bytes are made), and then holds it.
    await expect
      .poll(async () => (await poll(east.token, "/api/v1/allowlist", { "if-none-match": before.etag })).status)
      .toBe(200);
    q = await flushed();
    expect(await q.propagation(t.db, requestId)).toMatchObject({ version: published.version, pickedUp: 1, servers: 2 });
    const board = await q.servers(t.db);
    expect(board.currentVersion).toBe(published.version);
    expect(board.servers.map((s) => [s.name, s.version, s.behindBy])).toEqual([
      ["east", published.version, 0],
      ["west", published.version - 1, 1],
      ["never polls", null, null],
    ]);
    expect(board.servers.find((s) => s.id === idle.id)!.lastPollAt).toBeNull();

    // west catches up through a ?since= delta: all live servers have it, with the time it took.
    expect((await poll(west.token, `/api/v1/allowlist?since=${published.version - 1}`)).status).toBe(200);
    q = await flushed();
    const done = (await q.propagation(t.db, requestId))!;
    expect(done).toMatchObject({ pickedUp: 2, servers: 2 });
    expect(done.seconds).toBeGreaterThanOrEqual(0);
    expect(done.seconds).toBeLessThan(30);

    // A 304 keeps the version and moves the last poll forward.
    const polledAt = (await t.db.tokenPoll.findUniqueOrThrow({ where: { tokenId: west.id } })).polledAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const current = await poll(west.token);
    expect((await poll(west.token, "/api/v1/allowlist", { "if-none-match": current.etag })).status).toBe(304);
    await flushed();
    const after = await t.db.tokenPoll.findUniqueOrThrow({ where: { tokenId: west.id } });
    expect(after.version).toBe(published.version);
    expect(after.polledAt.getTime()).toBeGreaterThan(polledAt.getTime());
  });

  it("a server that stopped polling drops out of the count; a revoked token is not a server", async () => {
    const stale = await token("stale", ["allowlist:read"]);
    const revoked = await token("revoked", ["allowlist:read"]);
    const requestId = await approvedRequest("https://stale.example.com/callback");
    const { version } = (await t.db.listState.findUniqueOrThrow({ where: { id: 1 } })) as { version: number };
    const { RECENT_POLL_MS } = await import("./queries");
    await t.db.tokenPoll.create({
      data: { tokenId: stale.id, version: version - 1, polledAt: new Date(Date.now() - RECENT_POLL_MS - 1000) },
    });
    await t.db.tokenPoll.create({ data: { tokenId: revoked.id, version: version - 1, polledAt: new Date() } });
    await t.db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const q = await flushed();
    const live = await t.db.tokenPoll.count({ where: { polledAt: { gte: new Date(Date.now() - RECENT_POLL_MS) } } });
    const spread = (await q.propagation(t.db, requestId))!;
    expect(spread.servers).toBe(live - 1); // everyone recent but the revoked token
    expect((await q.servers(t.db)).servers.map((s) => s.name)).not.toContain("revoked");
  });

  it("the server's fast path records its 304s too: the last poll moves, the version stays", async () => {
    const fast = await token("fast", ["allowlist:read"]);
    const { tryHandleApiFastPath } = await import("@/server/api-fast-path");
    const server = createServer((req, res) => void (tryHandleApiFastPath(req, res) || res.writeHead(404).end()));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/allowlist`;
    const headers = { authorization: `Bearer ${fast.token}` };
    try {
      const first = await fetch(url, { headers });
      await first.arrayBuffer();
      const conditional = { ...headers, "if-none-match": first.headers.get("etag")! };
      // The second poll puts the token in the fast path's cache (a token seen within 2 s).
      expect((await fetch(url, { headers: conditional })).status).toBe(304);
      await flushed();
      const before = await t.db.tokenPoll.findUniqueOrThrow({ where: { tokenId: fast.id } });
      await new Promise((resolve) => setTimeout(resolve, 5));
      // A known token, the served version: answered within the request handler, before any await.
      const again = await fetch(url, { headers: conditional });
      expect(again.status).toBe(304);
      await flushed();
      const after = await t.db.tokenPoll.findUniqueOrThrow({ where: { tokenId: fast.id } });
      expect(after.version).toBe(before.version);
      expect(after.polledAt.getTime()).toBeGreaterThan(before.polledAt.getTime());
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("flushes from several instances only move forward: the latest poll, the earliest pickup", async () => {
    const shared = await token("shared", ["allowlist:read"]);
    const { DeliveryRecorder } = await import("./recorder");
    const { storeDeliveries } = await import("./store");
    const [one, two] = [0, 1].map(() => new DeliveryRecorder((rows) => storeDeliveries(t.db, rows)));
    const at = Date.parse("2026-11-26T10:00:00Z");
    one!.record(shared.id, 7, at + 2000); // instance one gave out 7 later…
    two!.record(shared.id, 7, at + 1000); // …than instance two first did
    two!.record(shared.id, 7, at + 5000); // and instance two's last poll is the latest
    await one!.flush();
    await two!.flush();
    two!.record(shared.id, 6, at); // a late write of an older poll changes nothing
    await two!.flush();
    const pollRow = await t.db.tokenPoll.findUniqueOrThrow({ where: { tokenId: shared.id } });
    expect([pollRow.version, pollRow.polledAt.getTime()]).toEqual([7, at + 5000]);
    const pickup = await t.db.tokenPickup.findUniqueOrThrow({
      where: { tokenId_version: { tokenId: shared.id, version: 7 } },
    });
    expect(pickup.at.getTime()).toBe(at + 1000);
  });
});
