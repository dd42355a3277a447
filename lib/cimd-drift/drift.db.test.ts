// An approved CIMD client whose document changes on a local HTTPS server between checks: what the
// published list (the feed's snapshot) carries after each check, with the clock passed in.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "@/lib/cimd/test-support/https-server";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let server: TestHttpsServer;
const fetchOptions = { allowLoopback: true, ca: TEST_CA, timeoutMs: 1000 };
const fixed = { fetchOptions, random: () => 0.5 };
beforeAll(async () => {
  t = await useTestDatabase();
  server = await startHttpsServer();
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const T0 = new Date("2026-11-26T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const URIS = ["http://127.0.0.1/callback", "https://app.example/cb"];

let seq = 0;
function doc(url: string, redirectUris: string[], extra: Record<string, unknown> = {}) {
  return { client_id: url, client_name: "Drift", redirect_uris: redirectUris, ...extra };
}

/** An approved client pinned to the document the server serves now. */
/** A developer's portal client, so that drift mails have someone to go to. */
async function ownedBy(email: string) {
  const owner = await t.db.user.upsert({ where: { email }, create: { email }, update: {} });
  const client = await t.db.client.create({
    data: {
      ownerId: owner.id,
      name: "Drift client",
      vendor: "Vendor",
      homepage: "https://client.test",
      description: "A CIMD client",
      contactEmail: email,
      clientType: "cli",
    },
  });
  return client.id;
}

/** The mails written to the log (no SMTP in tests) while `work` runs: "to subject" lines. */
async function mailsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await work();
    return log.mock.calls
      .map((call) => String(call[0]))
      .filter((line) => line.includes("[mail]"))
      .map((line) =>
        /To: (".*")\n\s*Subject: (".*")/
          .exec(line)!
          .slice(1)
          .map((v) => JSON.parse(v) as string)
          .join(" "),
      );
  } finally {
    log.mockRestore();
  }
}

async function approvedClient(headers: Record<string, string> = {}) {
  seq += 1;
  const path = `/drift/${seq}`;
  const url = `${server.origin}${path}`;
  server.route(path, serve(doc(url, URIS), headers));
  const { fetchClientMetadata } = await import("@/lib/cimd/fetch-client-metadata");
  const fetched = await fetchClientMetadata(url, fetchOptions);
  const row = await t.db.cimdClient.create({
    data: {
      kind: "client_id",
      clientIdUrl: url,
      host: new URL(url).host,
      document: fetched.body!,
      documentSha256: fetched.sha256!,
      redirectUris: JSON.stringify(URIS),
      approvedAt: at(-120),
      etag: fetched.details.etag,
    },
  });
  return { id: row.id, url, path };
}

async function published(id: string) {
  const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
  const snapshot = await buildSnapshot(t.db);
  return { version: snapshot.version, client: snapshot.clients.find((c) => c.id === id) };
}

const check = async (id: string, now: Date) => (await import("./check")).checkCimdClient(t.db, id, { ...fixed, now });

describe("re-checking an approved CIMD client", () => {
  it("unchanged bytes and a 304 move only the check time; the next check follows max-age, clamped", async () => {
    const { id, url, path } = await approvedClient({ etag: '"v1"', "cache-control": "max-age=60" });
    const before = await published(id);
    expect(await check(id, at(0))).toEqual({ outcome: "unchanged" });
    let row = await t.db.cimdClient.findUniqueOrThrow({ where: { id } });
    expect(row.lastCheckedAt).toEqual(at(0));
    expect(row.nextCheckAt).toEqual(at(5)); // max-age=60 → at least 5 minutes
    server.route(path, (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      serve(doc(url, ["https://other.example/cb"]))(req, res);
    });
    expect(await check(id, at(10))).toEqual({ outcome: "unchanged" });
    row = await t.db.cimdClient.findUniqueOrThrow({ where: { id } });
    expect(row.lastCheckedAt).toEqual(at(10));
    expect(row.nextCheckAt).toEqual(at(70)); // no Cache-Control on the 304 → one hour
    expect(await published(id)).toEqual(before);
  });

  it("a removed redirect URI shrinks the pinned set at once, with a new list version and an audit row", async () => {
    const { id, url, path } = await approvedClient();
    const before = await published(id);
    server.route(path, serve(doc(url, [URIS[0]!])));
    expect(await check(id, at(0))).toMatchObject({ outcome: "applied", kind: "narrowed" });
    const after = await published(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.client?.redirect_uris).toEqual([URIS[0]]);
    expect(after.client?.document_sha256).not.toBe(before.client?.document_sha256);
    expect(await t.db.listChange.findFirst({ where: { version: after.version } })).toMatchObject({
      op: "changed",
      target: "client",
      targetId: id,
    });
    expect(await t.db.auditLog.count({ where: { action: "cimd_client.document_applied", entityId: id } })).toBe(1);
    // An authorization server polling ?since= the old version is sent the whole list, with the change.
    const { buildDelta } = await import("@/lib/allowlist/delta");
    const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
    expect(await buildDelta(t.db, await buildSnapshot(t.db), before.version)).toEqual({ kind: "full" });
  });

  it("an added redirect URI waits for a reviewer; approving publishes it with a new version", async () => {
    const { id, url, path } = await approvedClient();
    const before = await published(id);
    const wider = [...URIS, "https://new.example/cb"];
    server.route(path, serve(doc(url, wider)));
    const result = await check(id, at(0));
    expect(result).toMatchObject({ outcome: "pending" });
    expect(await published(id)).toEqual(before);
    // Seen again: still the one pending change, not a second.
    expect(await check(id, at(70))).toEqual({ outcome: "unchanged" });
    expect(await t.db.cimdDocumentVersion.count({ where: { cimdClientId: id, status: "pending" } })).toBe(1);

    const { decideDocumentChange } = await import("./decide");
    const reviewer = { id: null, email: "reviewer@staff.test", role: "reviewer" as const };
    const versionId = (result as { versionId: string }).versionId;
    await decideDocumentChange(t.db, reviewer, { versionId, decision: "approved" });
    const after = await published(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.client?.redirect_uris).toEqual(wider);
    await expect(decideDocumentChange(t.db, reviewer, { versionId, decision: "approved" })).rejects.toThrow(
      /already decided/,
    );
    const timeline = await t.db.cimdDocumentVersion.findMany({
      where: { cimdClientId: id },
      orderBy: { seenAt: "asc" },
    });
    expect(timeline.map((v) => [v.kind, v.status])).toEqual([
      ["initial", "published"],
      ["widening", "approved"],
    ]);
  });

  it("a new key waits for a reviewer; a rejection keeps the published document and is not asked again", async () => {
    const { id, url, path } = await approvedClient();
    const before = await published(id);
    server.route(path, serve(doc(url, URIS, { jwks: { keys: [{ kty: "EC", crv: "P-256", x: "a", y: "b" }] } })));
    const result = (await check(id, at(0))) as { outcome: string; versionId: string };
    expect(result.outcome).toBe("pending");
    const version = await t.db.cimdDocumentVersion.findUniqueOrThrow({ where: { id: result.versionId } });
    expect(JSON.parse(version.changes)).toEqual({ addedUris: [], removedUris: [], changedFields: ["jwks"] });
    const { decideDocumentChange } = await import("./decide");
    const reviewer = { id: null, email: "reviewer@staff.test", role: "reviewer" as const };
    await decideDocumentChange(t.db, reviewer, {
      versionId: result.versionId,
      decision: "rejected",
      reason: "Unknown key",
    });
    expect(await published(id)).toEqual(before);
    expect(await check(id, at(70))).toEqual({ outcome: "unchanged" });
    expect(await t.db.cimdDocumentVersion.count({ where: { cimdClientId: id, status: "pending" } })).toBe(0);
  });

  it("a 500, a timeout, an oversized or a no longer valid document keeps the pinned set; the client is unreachable", async () => {
    const { id, url, path } = await approvedClient();
    const before = await published(id);
    const failures: [string, (req: IncomingMessage, res: ServerResponse) => void][] = [
      ["cimd_http_status", serve("oops", {}, 500)],
      ["cimd_timeout", () => {}],
      ["cimd_too_large", serve(doc(url, URIS, { padding: "x".repeat(6000) }))],
      // Served fine, but it now fails the fetcher's checks: as good as no document.
      ["cimd_client_id_mismatch", serve(doc(`${url}/other`, URIS))],
    ];
    let minute = 0;
    for (const [code, handler] of failures) {
      server.route(path, handler);
      expect(await check(id, at(minute))).toMatchObject({ outcome: "unreachable", code, alerted: false });
      minute += 30;
    }
    const row = await t.db.cimdClient.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ unreachableSince: at(0), failedChecks: 4 });
    expect(row.nextCheckAt).toEqual(at(90 + 40)); // fourth failure in a row: 5 min × 2³
    expect(await published(id)).toEqual(before);

    // A day on: the developer and reviewers are told once, not on every retry.
    await t.db.cimdClient.update({ where: { id }, data: { clientId: await ownedBy("owner@drift.test") } });
    await t.db.user.upsert({
      where: { email: "watcher@staff.test" },
      create: { email: "watcher@staff.test", role: "reviewer" },
      update: {},
    });
    const mails = await mailsDuring(async () =>
      expect(await check(id, at(24 * 60))).toMatchObject({ outcome: "unreachable", alerted: true }),
    );
    expect(mails).toContain(`owner@drift.test Client metadata document unreachable: ${url}`);
    expect(mails).toContain(`watcher@staff.test Unreachable for a day: ${url}`);
    const again = await mailsDuring(async () =>
      expect(await check(id, at(25 * 60))).toMatchObject({ outcome: "unreachable", alerted: false }),
    );
    expect(again).toEqual([]);
    server.route(path, serve(doc(url, URIS)));
    expect(await check(id, at(26 * 60))).toEqual({ outcome: "unchanged" });
    expect(await t.db.cimdClient.findUniqueOrThrow({ where: { id } })).toMatchObject({
      unreachableSince: null,
      failedChecks: 0,
      unreachableAlertAt: null,
    });
  });
});

describe("a change that removes redirect URIs and widens", () => {
  const NEW = "https://new.example/cb";
  const reviewer = { id: null, email: "reviewer@staff.test", role: "reviewer" as const };
  const decide = async (versionId: string, decision: "approved" | "rejected") =>
    (await import("./decide")).decideDocumentChange(t.db, reviewer, { versionId, decision, reason: "Not ours" });

  it("publishes the removal at once; a rejection keeps the narrowed set, and neither the same bytes nor the old ones undo it", async () => {
    const { id, url, path } = await approvedClient();
    await t.db.cimdClient.update({ where: { id }, data: { clientId: await ownedBy("owner@drift.test") } });
    const before = await published(id);
    server.route(path, serve(doc(url, [URIS[0]!, NEW])));
    let result: unknown;
    const mails = await mailsDuring(async () => (result = await check(id, at(0))));
    expect(result).toMatchObject({ outcome: "pending", listVersion: before.version + 1 });
    const narrowed = await published(id);
    expect(narrowed.version).toBe(before.version + 1);
    expect(narrowed.client?.redirect_uris).toEqual([URIS[0]]);
    // The feed's document stays bytes the client served (the approved ones); redirect_uris decide.
    expect(narrowed.client?.document_sha256).toBe(before.client?.document_sha256);
    expect(mails).toContain(`owner@drift.test Redirect URIs removed: ${url}`);
    const audit = await t.db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action).sort()).toEqual([
      "cimd_client.document_applied",
      "cimd_client.document_changed",
    ]);
    const timeline = await t.db.cimdDocumentVersion.findMany({
      where: { cimdClientId: id },
      orderBy: [{ seenAt: "asc" }, { id: "asc" }],
    });
    expect(timeline.map((v) => [v.kind, v.status, JSON.parse(v.changes) as unknown])).toEqual([
      ["initial", "published", { addedUris: [], removedUris: [], changedFields: [] }],
      ["narrowed", "published", { addedUris: [], removedUris: [URIS[1]], changedFields: [] }],
      ["widening", "pending", { addedUris: [NEW], removedUris: [], changedFields: [] }],
    ]);

    // The same bytes again, then after a rejection: nothing is undone or published again.
    expect(await check(id, at(70))).toEqual({ outcome: "unchanged" });
    await decide((result as { versionId: string }).versionId, "rejected");
    expect(await check(id, at(140))).toEqual({ outcome: "unchanged" });
    expect(await published(id)).toEqual(narrowed);

    // The client serves the approved bytes again: the removed URI comes back only through a review.
    server.route(path, serve(doc(url, URIS)));
    const back = await check(id, at(210));
    expect(back).toMatchObject({ outcome: "pending", listVersion: null });
    expect(await published(id)).toEqual(narrowed);
    const pending = await t.db.cimdDocumentVersion.findUniqueOrThrow({
      where: { id: (back as { versionId: string }).versionId },
    });
    expect(JSON.parse(pending.changes)).toEqual({ addedUris: [URIS[1]], removedUris: [], changedFields: [] });
  });

  it("approving the waiting part later publishes the new document in full", async () => {
    const { id, url, path } = await approvedClient();
    server.route(path, serve(doc(url, [URIS[0]!, NEW], { scope: "admin" })));
    const result = (await check(id, at(0))) as { versionId: string };
    const version = await t.db.cimdDocumentVersion.findUniqueOrThrow({ where: { id: result.versionId } });
    expect(JSON.parse(version.changes)).toEqual({ addedUris: [NEW], removedUris: [], changedFields: ["scope"] });
    await decide(result.versionId, "approved");
    const after = await published(id);
    expect(after.client?.redirect_uris).toEqual([URIS[0], NEW]);
    expect(after.client?.document_sha256).toBe(version.documentSha256);
    expect(await check(id, at(70))).toEqual({ outcome: "unchanged" });
    expect(await published(id)).toEqual(after);
  });

  it("removing every pinned URI leaves the client none: it can complete no authorization", async () => {
    const { id, url, path } = await approvedClient();
    server.route(path, serve(doc(url, [NEW])));
    expect(await check(id, at(0))).toMatchObject({ outcome: "pending" });
    const { client } = await published(id);
    expect(client?.redirect_uris).toEqual([]);
    const { matchCimdClient } = await import("@/lib/cimd-clients/match");
    expect(matchCimdClient(url, [URIS[1]!], [client!], [])).toMatchObject({ ok: false, error: "invalid_redirect_uri" });
  });
});

describe("a check racing a reviewer or another check", () => {
  it("publishes nothing when a reviewer's approval lands while it fetches; the next check compares again", async () => {
    const { id, url, path } = await approvedClient();
    const NEW = "https://approved.example/cb";
    server.route(path, serve(doc(url, [...URIS, NEW])));
    const { versionId } = (await check(id, at(0))) as { versionId: string };
    const reviewer = { id: null, email: "reviewer@staff.test", role: "reviewer" as const };
    const { decideDocumentChange } = await import("./decide");
    const later = serve(doc(url, [URIS[0]!]));
    server.route(path, (req, res) => {
      server.route(path, later);
      // The approval commits after the check read the client and before it records what it saw.
      void decideDocumentChange(t.db, reviewer, { versionId, decision: "approved" }).then(() => later(req, res));
    });
    const approved = (await check(id, at(70))) as { outcome: string; reason?: string };
    expect(approved).toMatchObject({ outcome: "skipped" });
    const afterApproval = await published(id);
    expect(afterApproval.client?.redirect_uris).toEqual([...URIS, NEW]);
    // The next check compares with the approved document: both URIs it dropped are removed.
    expect(await check(id, at(80))).toMatchObject({ outcome: "applied", kind: "narrowed" });
    expect((await published(id)).client?.redirect_uris).toEqual([URIS[0]]);
  });

  it("a publish against a published state that moved writes nothing", async () => {
    const { id } = await approvedClient();
    const before = await published(id);
    const { publishDocumentInTx } = await import("./publish");
    const stale = { documentSha256: "0".repeat(64), redirectUris: JSON.stringify(URIS) };
    const result = await t.db.$transaction((tx) =>
      publishDocumentInTx(tx, id, { body: "{}", sha256: "1".repeat(64), redirectUris: [] }, at(0), stale),
    );
    expect(result).toBeNull();
    expect(await published(id)).toEqual(before);
  });

  it('"Check now" during a check already fetching the client does not fetch it a second time', async () => {
    const { id, url, path } = await approvedClient();
    const requests = () => server.requests.filter((req) => req.url === path).length;
    const start = requests();
    let during: unknown;
    const now = serve(doc(url, URIS));
    server.route(path, (req, res) => {
      server.route(path, now);
      void check(id, at(0)).then((result) => {
        during = result;
        now(req, res);
      });
    });
    expect(await check(id, at(0))).toEqual({ outcome: "unchanged" });
    expect(during).toMatchObject({ outcome: "skipped" });
    expect(requests()).toBe(start + 1);
  });
});

describe("deciding a pending document change", () => {
  it("of two reviewers approving at once exactly one wins; a host rule's change needs an admin", async () => {
    const { decideDocumentChange } = await import("./decide");
    const { id, url, path } = await approvedClient();
    await t.db.cimdClient.update({ where: { id }, data: { kind: "client_id_host" } });
    server.route(path, serve(doc(url, [...URIS, "https://third.example/cb"])));
    const { versionId } = (await check(id, at(0))) as { versionId: string };
    const reviewer = { id: null, email: "reviewer@staff.test", role: "reviewer" as const };
    await expect(decideDocumentChange(t.db, reviewer, { versionId, decision: "approved" })).rejects.toThrow(
      /Only an admin/,
    );
    const admin = (n: number) => ({ id: null, email: `admin${n}@staff.test`, role: "admin" as const });
    const results = await Promise.allSettled([
      decideDocumentChange(t.db, admin(1), { versionId, decision: "approved" }),
      decideDocumentChange(t.db, admin(2), { versionId, decision: "approved" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await published(id)).client?.redirect_uris).toContain("https://third.example/cb");
  });
});

describe("the scheduled sweep", () => {
  it("checks only due clients; the schedule is in the database, so a new process picks it up", async () => {
    const { refreshDueCimdClients } = await import("./sweep");
    await t.db.cimdClient.updateMany({ data: { revokedAt: at(-1) } }); // earlier tests' clients
    const { id } = await approvedClient();
    await t.db.cimdClient.update({ where: { id }, data: { nextCheckAt: at(30) } });
    const early = await refreshDueCimdClients(t.db, { ...fixed, now: at(29), holder: "process-1" });
    expect(early).toEqual({ leased: true, checked: [] });
    // "process-2" has never seen this client: the due time comes from the database.
    const due = await refreshDueCimdClients(t.db, { ...fixed, now: at(30), holder: "process-2" });
    expect(due).toEqual({ leased: true, checked: [{ id, result: { outcome: "unchanged" } }] });
  });

  it("of two workers sharing the database, only the lease holder fetches", async () => {
    const { claimLease } = await import("./lease");
    const { refreshDueCimdClients, SWEEP_LEASE } = await import("./sweep");
    await t.db.cimdClient.updateMany({ data: { revokedAt: at(-1) } });
    const clients = [await approvedClient(), await approvedClient()];
    const requestsBefore = server.requests.length;
    // Worker A is mid-sweep (holds the lease); worker B's sweep at the same moment does nothing.
    expect(await claimLease(t.db, SWEEP_LEASE, "worker-a", 60_000, at(100))).toBe(true);
    expect(await refreshDueCimdClients(t.db, { ...fixed, now: at(100), holder: "worker-b" })).toEqual({
      leased: false,
    });
    expect(server.requests.length).toBe(requestsBefore);
    const [a, b] = await Promise.all([
      refreshDueCimdClients(t.db, { ...fixed, now: at(100), holder: "worker-a" }),
      refreshDueCimdClients(t.db, { ...fixed, now: at(100), holder: "worker-b" }),
    ]);
    expect(a).toMatchObject({ leased: true, checked: clients.map(({ id }) => ({ id })) });
    expect(b).toEqual({ leased: false });
    expect(server.requests.length).toBe(requestsBefore + 2);
    // A lease whose holder died expires: B takes over.
    await claimLease(t.db, SWEEP_LEASE, "worker-a", 60_000, at(190));
    expect(await refreshDueCimdClients(t.db, { ...fixed, now: at(192), holder: "worker-b" })).toMatchObject({
      leased: true,
    });
  });
});
