// A CIMD client from request to list: the submission pins what was fetched, a reviewer's decision
// puts it on the list with a version bump, and a host rule waits for an admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "@/lib/cimd/test-support/https-server";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let server: TestHttpsServer;
const fetchOptions = { allowLoopback: true, ca: TEST_CA, timeoutMs: 2000 };
beforeAll(async () => {
  t = await useTestDatabase();
  server = await startHttpsServer();
});
afterAll(async () => {
  await server.close();
  await t.close();
});

let seq = 0;
async function developerWithClient() {
  seq += 1;
  const dev = await t.db.user.create({ data: { email: `dev${seq}@cimd.test` } });
  const client = await t.db.client.create({
    data: {
      ownerId: dev.id,
      name: `CIMD ${seq}`,
      vendor: "Vendor",
      homepage: "https://client.test",
      description: "A CIMD client",
      contactEmail: dev.email,
      clientType: "cli",
    },
  });
  return { user: { id: dev.id, email: dev.email, name: null, role: "developer" as const }, clientId: client.id };
}

async function staff(role: "reviewer" | "admin") {
  seq += 1;
  const user = await t.db.user.create({ data: { email: `${role}${seq}@staff.test`, role } });
  return { id: user.id, email: user.email, name: null, role };
}

function document(path: string, redirectUris = ["http://127.0.0.1/callback"]) {
  const url = `${server.origin}${path}`;
  server.route(path, serve({ client_id: url, client_name: "Doc", redirect_uris: redirectUris }, { etag: '"v1"' }));
  return url;
}

describe("CIMD requests", () => {
  it("pins the document at submission and publishes it on approval, bumping the version", async () => {
    const { submitCimdRequest } = await import("./submit");
    const { decideRequest } = await import("@/lib/review/decide");
    const { currentListVersion } = await import("@/lib/allowlist/version");
    const { user, clientId } = await developerWithClient();
    const url = document("/pinned");
    const justification = "Our CLI registers with a client ID metadata document.";
    const { id } = await submitCimdRequest(
      user,
      { clientId, clientIdUrl: url, kind: "client_id", justification },
      null,
      fetchOptions,
    );
    const pinned = await t.db.cimdRequest.findUniqueOrThrow({ where: { requestId: id } });
    expect(pinned).toMatchObject({ clientIdUrl: url, kind: "client_id", decision: "pending" });
    expect(JSON.parse(pinned.redirectUris)).toEqual(["http://127.0.0.1/callback"]);
    expect(JSON.parse(pinned.fetchDetails)).toMatchObject({ status: 200, etag: '"v1"' });
    expect(pinned.documentSha256).toMatch(/^[0-9a-f]{64}$/);

    // The document changes after submission: the reviewer still decides on the pinned bytes.
    document("/pinned", ["http://127.0.0.1/other"]);
    const before = await currentListVersion(t.db);
    const reviewer = await staff("reviewer");
    const result = await decideRequest(
      reviewer,
      { requestId: id, revision: 0, decisions: [], cimd: { decision: "approved", reason: "" } },
      null,
    );
    expect(result).toEqual({ outcome: "approved", approved: 1 });
    expect(await currentListVersion(t.db)).toBe(before + 1);
    const listed = await t.db.cimdClient.findFirstOrThrow({ where: { cimdRequestId: pinned.id } });
    expect(listed).toMatchObject({
      clientIdUrl: url,
      documentSha256: pinned.documentSha256,
      document: pinned.document,
    });
    expect(JSON.parse(listed.redirectUris)).toEqual(["http://127.0.0.1/callback"]);
    const change = await t.db.listChange.findFirstOrThrow({ where: { targetId: listed.id } });
    expect(change).toMatchObject({ op: "added", target: "client", version: before + 1 });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "request.decided", entityId: id } });
    expect(audit.after).toContain(pinned.documentSha256);
  });

  it("refuses to submit a document that fails its checks, with the codes", async () => {
    const { submitCimdRequest } = await import("./submit");
    const { user, clientId } = await developerWithClient();
    const url = document("/bad", ["http://evil.example/cb"]);
    await expect(
      submitCimdRequest(
        user,
        { clientId, clientIdUrl: url, kind: "client_id", justification: "A long enough reason." },
        null,
        fetchOptions,
      ),
    ).rejects.toThrow(/cimd_redirect_uri_refused/);
    expect(await t.db.cimdRequest.count({ where: { clientIdUrl: url } })).toBe(0);
  });

  it("flags a host rule as high risk; only an admin may approve it", async () => {
    const { submitCimdRequest } = await import("./submit");
    const { decideRequest } = await import("@/lib/review/decide");
    const { user, clientId } = await developerWithClient();
    const url = document("/per-integration/abc");
    const { id } = await submitCimdRequest(
      user,
      { clientId, clientIdUrl: url, kind: "client_id_host", justification: "Per-integration client IDs." },
      null,
      fetchOptions,
    );
    expect((await t.db.request.findUniqueOrThrow({ where: { id } })).flagCodes).toContain("cimd_host_rule");
    const verdict = { requestId: id, revision: 0, decisions: [], cimd: { decision: "approved" as const, reason: "" } };
    await expect(decideRequest(await staff("reviewer"), verdict, null)).rejects.toThrow(/Only an admin/);
    expect(await decideRequest(await staff("admin"), verdict, null)).toEqual({ outcome: "approved", approved: 1 });
    expect(await t.db.cimdClient.findFirstOrThrow({ where: { clientIdUrl: url } })).toMatchObject({
      kind: "client_id_host",
      host: new URL(url).host,
    });
  });

  it("a rejection lists nothing and asks for a reason; a CIMD request needs the client's verdict", async () => {
    const { submitCimdRequest } = await import("./submit");
    const { decideRequest } = await import("@/lib/review/decide");
    const { user, clientId } = await developerWithClient();
    const url = document("/rejected");
    const { id } = await submitCimdRequest(
      user,
      { clientId, clientIdUrl: url, kind: "client_id", justification: "Please approve this client." },
      null,
      fetchOptions,
    );
    const reviewer = await staff("reviewer");
    await expect(decideRequest(reviewer, { requestId: id, revision: 0, decisions: [] }, null)).rejects.toThrow(
      /CIMD client/,
    );
    const result = await decideRequest(
      reviewer,
      { requestId: id, revision: 0, decisions: [], cimd: { decision: "rejected", reason: "Unknown vendor" } },
      null,
    );
    expect(result).toEqual({ outcome: "rejected", approved: 0 });
    expect(await t.db.cimdClient.count({ where: { clientIdUrl: url } })).toBe(0);
  });

  it("after changes are requested, resubmitting fetches the document again and pins the new bytes", async () => {
    const { submitCimdRequest } = await import("./submit");
    const { resubmitCimdRequest } = await import("./resubmit");
    const { requestChanges, decideRequest } = await import("@/lib/review/decide");
    const { user, clientId } = await developerWithClient();
    const url = document("/resubmitted", ["http://127.0.0.1/callback", "https://evil.example/cb"]);
    const justification = "Our CLI registers with a client ID metadata document.";
    const { id } = await submitCimdRequest(
      user,
      { clientId, clientIdUrl: url, kind: "client_id", justification },
      null,
      fetchOptions,
    );
    const first = await t.db.cimdRequest.findUniqueOrThrow({ where: { requestId: id } });
    const reviewer = await staff("reviewer");
    await requestChanges(reviewer, id, 0, "Drop the evil.example redirect URI.", null);

    document("/resubmitted", ["http://127.0.0.1/callback"]);
    await resubmitCimdRequest(user, id, "Removed it.", null, fetchOptions);
    const request = await t.db.request.findUniqueOrThrow({ where: { id }, include: { cimd: true } });
    expect(request.status).toBe("submitted");
    expect(request.cimd!.documentSha256).not.toBe(first.documentSha256);
    expect(JSON.parse(request.cimd!.redirectUris)).toEqual(["http://127.0.0.1/callback"]);
    // Not waiting for changes any more: a second resubmission is refused.
    await expect(resubmitCimdRequest(user, id, "", null, fetchOptions)).rejects.toThrow(/not waiting for changes/);

    const verdict = {
      requestId: id,
      revision: request.revision,
      decisions: [],
      cimd: { decision: "approved" as const, reason: "" },
    };
    await decideRequest(reviewer, verdict, null);
    const listed = await t.db.cimdClient.findFirstOrThrow({ where: { clientIdUrl: url } });
    expect(listed.documentSha256).toBe(request.cimd!.documentSha256);
  });

  it("an approved client with an expiry date leaves the feed and moves the version when it expires", async () => {
    const { submitCimdRequest } = await import("./submit");
    const { decideRequest } = await import("@/lib/review/decide");
    const { expireLapsedEntries } = await import("@/lib/allowlist/expiry");
    const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
    const { user, clientId } = await developerWithClient();
    const url = document("/expiring");
    const justification = "A client that needs access until the end of the trial.";
    const { id } = await submitCimdRequest(
      user,
      { clientId, clientIdUrl: url, kind: "client_id", justification },
      null,
      fetchOptions,
    );
    const expiresAt = new Date(Date.now() + 60_000);
    const verdict = {
      requestId: id,
      revision: 0,
      decisions: [],
      cimd: { decision: "approved" as const, reason: "", expiresAt },
    };
    await decideRequest(await staff("reviewer"), verdict, null);
    const approved = await buildSnapshot(t.db);
    expect(approved.clients.find((c) => c.client_id === url)?.expires_at).toBe(expiresAt.toISOString());

    const later = new Date(Date.now() + 120_000);
    expect(await expireLapsedEntries(t.db, later)).toBe(1);
    expect(await expireLapsedEntries(t.db, later)).toBe(0);
    const expired = await buildSnapshot(t.db);
    expect(expired.version).toBe(approved.version + 1);
    expect(expired.clients.map((c) => c.client_id)).not.toContain(url);
    const listed = await t.db.cimdClient.findFirstOrThrow({ where: { clientIdUrl: url } });
    expect(await t.db.listChange.findFirst({ where: { targetId: listed.id, op: "removed" } })).toMatchObject({
      target: "client",
      version: expired.version,
    });
    expect(await t.db.requestEvent.count({ where: { requestId: id, type: "expired" } })).toBe(1);
  });
});
