// The whole lifecycle on a real database, proofs through a real local DNS server (DNS_SERVERS):
// claim → TXT → verify → submit → auto-approved and published → re-check fails → lapsed →
// grace period → entries suspended (out of the feed) → TXT back → verified, entries return.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "@/lib/cimd/test-support/https-server";
import { useTestDatabase } from "@/lib/test-support/database";
import { startDomainDns, type TestDomainDns } from "./test-support/dns-server";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let dns: TestDomainDns;
beforeAll(async () => {
  dns = await startDomainDns();
  process.env.DNS_SERVERS = dns.address;
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
  await dns.close();
});

const DAY = 86_400_000;

async function developer(email: string) {
  const user = await t.db.user.create({ data: { email } });
  const client = await t.db.client.create({
    data: {
      ownerId: user.id,
      name: `C ${email}`,
      vendor: "V",
      homepage: "https://v.test",
      description: "A test client",
      contactEmail: email,
      clientType: "cli",
    },
  });
  return { user: { id: user.id, email, name: null, role: "developer" as const }, clientId: client.id };
}

const submission = (clientId: string, uris: string[]) => ({
  clientId,
  justification: "Our sign-in callback.",
  uris: uris.map((uri) => ({ uri, asPathPrefix: false })),
});

async function feedUris(): Promise<string[]> {
  const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
  return (await buildSnapshot(t.db)).entries.map((e) => e.uri);
}

async function publishAndVerify(owner: { id: string; email: string }, domain: string, record = "") {
  const { claimDomain } = await import("./claim");
  const { checkDomainClaim } = await import("./verify");
  const { id } = await claimDomain(t.db, owner, domain);
  const { token } = await t.db.verifiedDomain.findUniqueOrThrow({ where: { id } });
  dns.txt.set(`_allowlist-portal-challenge.${domain}`, [`token=${token}${record}`]);
  const outcome = await checkDomainClaim(t.db, id, { actor: owner, ownerId: owner.id });
  return { id, token, outcome };
}

describe("verified domains", () => {
  it("verifies by TXT and auto-approves a request on the domain, published in the feed", async () => {
    const { submitRequest } = await import("@/lib/requests/submit");
    const dev = await developer("owner@acme.test");
    const { outcome } = await publishAndVerify(dev.user, "acme.test");
    expect(outcome).toEqual({ status: "verified", ok: true, error: null });

    const versionBefore = (await t.db.listState.findUnique({ where: { id: 1 } }))?.version ?? 0;
    const { id } = await submitRequest(
      dev.user,
      submission(dev.clientId, ["https://acme.test/cb", "test.acme.app:/cb"]),
    );
    const request = await t.db.request.findUniqueOrThrow({ where: { id }, include: { uris: true } });
    expect(request.status).toBe("approved");
    expect(request.flagCodes).toContain("auto_approved");
    expect(request.uris.map((u) => u.reason)).toEqual([
      "auto-approved: verified domain acme.test",
      "auto-approved: verified domain acme.test",
    ]);
    expect((await t.db.listState.findUniqueOrThrow({ where: { id: 1 } })).version).toBe(versionBefore + 1);
    expect(await feedUris()).toEqual(expect.arrayContaining(["https://acme.test/cb", "test.acme.app:/cb"]));
    const audit = await t.db.auditLog.findMany({
      where: { entityId: { in: [id] } },
      select: { action: true, actorId: true },
    });
    expect(audit).toContainEqual({ action: "request.auto_approved", actorId: null });
  });

  it("leaves for a reviewer a request with a subdomain (exact scope), loopback or a flagged URI", async () => {
    const { submitRequest } = await import("@/lib/requests/submit");
    const dev = await developer("second@beta.test");
    await publishAndVerify(dev.user, "beta.test");
    for (const uris of [
      ["https://app.beta.test/cb"],
      ["https://beta.test/cb", "http://127.0.0.1/cb"],
      ["https://beta.test/cb?x=1"],
    ]) {
      const { id } = await submitRequest(dev.user, submission(dev.clientId, uris));
      expect((await t.db.request.findUniqueOrThrow({ where: { id } })).status).toBe("submitted");
    }
  });

  it("covers subdomains with scope=subtree", async () => {
    const { submitRequest } = await import("@/lib/requests/submit");
    const dev = await developer("tree@gamma.test");
    await publishAndVerify(dev.user, "gamma.test", " scope=subtree");
    const { id } = await submitRequest(dev.user, submission(dev.clientId, ["https://app.gamma.test/cb"]));
    expect((await t.db.request.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
  });

  it("refuses public suffixes and a domain someone else verified, without naming them", async () => {
    const { claimDomain } = await import("./claim");
    const intruder = await developer("intruder@evil.test");
    await expect(claimDomain(t.db, intruder.user, "vercel.app")).rejects.toThrow(/public suffix/);
    await expect(claimDomain(t.db, intruder.user, "acme.test")).rejects.toThrow(/another account/);
    await expect(claimDomain(t.db, intruder.user, "x.gamma.test")).rejects.toThrow(/another account/);
    const error = (await claimDomain(t.db, intruder.user, "acme.test").catch((e: Error) => e)) as Error;
    expect(error.message).not.toContain("owner@acme.test");
  });

  it("lapses on a failed re-check, suspends after the grace period, and restores on re-verification", async () => {
    const { sweepDomains } = await import("./sweep");
    const { submitRequest } = await import("@/lib/requests/submit");
    const dev = await developer("cycle@delta.test");
    const { id, token } = await publishAndVerify(dev.user, "delta.test");
    await submitRequest(dev.user, submission(dev.clientId, ["https://delta.test/cb"]));
    expect(await feedUris()).toContain("https://delta.test/cb");

    dns.txt.delete("_allowlist-portal-challenge.delta.test");
    const in31 = new Date(Date.now() + 31 * DAY);
    await sweepDomains(t.db, { now: in31 });
    const lapsed = await t.db.verifiedDomain.findUniqueOrThrow({ where: { id } });
    expect(lapsed.status).toBe("lapsed");
    expect(await feedUris()).toContain("https://delta.test/cb");

    const result = await sweepDomains(t.db, { now: new Date(in31.getTime() + 8 * DAY) });
    expect(result.suspended).toBe(1);
    expect(await feedUris()).not.toContain("https://delta.test/cb");
    expect(await t.db.allowlistEntry.count({ where: { uri: "https://delta.test/cb" } })).toBe(1);

    dns.txt.set("_allowlist-portal-challenge.delta.test", [`token=${token}`]);
    const { checkDomainClaim } = await import("./verify");
    await checkDomainClaim(t.db, id, {
      actor: dev.user,
      ownerId: dev.user.id,
      now: new Date(in31.getTime() + 9 * DAY),
    });
    expect(await feedUris()).toContain("https://delta.test/cb");
    const actions = await t.db.auditLog.findMany({
      where: { entityId: id },
      select: { action: true },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "domain.claimed",
      "domain.verified",
      "domain.lapsed",
      "domain.suspended",
      "domain.verified",
    ]);
  });

  it("an admin transfers a domain: the claim moves, the old owner's auto-approvals are revoked, audited", async () => {
    const { claimDomain } = await import("./claim");
    const { transferDomain } = await import("./transfer");
    const { submitRequest } = await import("@/lib/requests/submit");
    const old = await developer("old@transfer.test");
    const { id } = await publishAndVerify(old.user, "transfer.test");
    await submitRequest(old.user, submission(old.clientId, ["https://transfer.test/cb"]));
    expect(await feedUris()).toContain("https://transfer.test/cb");
    const heir = await developer("heir@transfer.test");
    await expect(claimDomain(t.db, heir.user, "transfer.test")).rejects.toThrow(/ask an admin to transfer it/);

    const admin = { id: (await t.db.user.create({ data: { email: "admin@transfer.test", role: "admin" } })).id };
    const actor = { ...admin, email: "admin@transfer.test" };
    const input = { id, email: "nobody@transfer.test", reason: "Domain sold" };
    await expect(transferDomain(t.db, actor, input)).rejects.toThrow(/No active account/);
    const done = await transferDomain(t.db, actor, { ...input, email: "heir@transfer.test" });
    expect(done).toEqual({ domain: "transfer.test", revoked: 1 });
    expect(await t.db.verifiedDomain.findUniqueOrThrow({ where: { id } })).toMatchObject({
      ownerId: heir.user.id,
      status: "verified",
    });
    expect(await feedUris()).not.toContain("https://transfer.test/cb");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.transferred", entityId: id } });
    expect([audit.actorId, audit.reason]).toEqual([admin.id, "Domain sold"]);
    // The new owner's own submission on the domain is now approved at once.
    const { id: requestId } = await submitRequest(heir.user, submission(heir.clientId, ["https://transfer.test/cb"]));
    expect((await t.db.request.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("approved");
  });

  it("a transfer never makes two owners: refused while another account holds the name or a parent subtree", async () => {
    const { claimDomain } = await import("./claim");
    const { transferDomain } = await import("./transfer");
    const holder = await developer("holder@twice.test");
    await publishAndVerify(holder.user, "twice.test", ";scope=subtree");
    const pendingOwner = await developer("pending@twice.test");
    // A pending claim on a subdomain (claimable: only verified or lapsed names are held).
    await t.db.verifiedDomain.create({
      data: { domain: "app.twice.test", ownerId: pendingOwner.user.id, status: "pending", token: "T".repeat(32) },
    });
    const pending = await t.db.verifiedDomain.findFirstOrThrow({ where: { domain: "app.twice.test" } });
    const third = await developer("third@twice.test");
    const actor = {
      id: (await t.db.user.create({ data: { email: "admin@twice.test" } })).id,
      email: "admin@twice.test",
    };
    await expect(
      transferDomain(t.db, actor, { id: pending.id, email: "third@twice.test", reason: "Asked" }),
    ).rejects.toThrow(/already verified by another account/);
    expect((await t.db.verifiedDomain.findUniqueOrThrow({ where: { id: pending.id } })).ownerId).toBe(
      pendingOwner.user.id,
    );
    await expect(claimDomain(t.db, third.user, "app.twice.test")).rejects.toThrow(/another account/);
  });

  it("releasing a claim revokes what it auto-approved; a reviewer's approvals stay", async () => {
    const { releaseDomain } = await import("./claim");
    const { submitRequest } = await import("@/lib/requests/submit");
    const owner = await developer("owner@release.test");
    const { id } = await publishAndVerify(owner.user, "release.test");
    await submitRequest(owner.user, submission(owner.clientId, ["https://release.test/cb"]));
    expect(await feedUris()).toContain("https://release.test/cb");
    await releaseDomain(t.db, owner.user, id);
    expect(await feedUris()).not.toContain("https://release.test/cb");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.released", entityId: id } });
    expect(JSON.parse(audit.after ?? "{}").revoked).toHaveLength(1);
  });

  it("an auto-approval loses when the domain changed hands after it was read", async () => {
    const { claimForAutoApproval } = await import("./system-approval");
    const owner = await developer("owner@race.test");
    const { id: domainId } = await publishAndVerify(owner.user, "race.test");
    const other = await developer("other@race.test");
    const request = await t.db.request.create({
      data: { clientId: other.clientId, requesterId: other.user.id, status: "submitted", justification: "x" },
    });
    const won = await t.db.$transaction((tx) =>
      claimForAutoApproval(tx, { ...request, flagCodes: "" }, [domainId], new Date()),
    );
    expect(won).toBe(false);
    expect((await t.db.request.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("submitted");
  });

  it("expires a claim not proven within 14 days", async () => {
    const { claimDomain } = await import("./claim");
    const { sweepDomains } = await import("./sweep");
    const dev = await developer("slow@epsilon.test");
    const { id } = await claimDomain(t.db, dev.user, "epsilon.test");
    await sweepDomains(t.db, { now: new Date(Date.now() + 15 * DAY), prove: async () => ({ ok: false, error: "x" }) });
    expect((await t.db.verifiedDomain.findUniqueOrThrow({ where: { id } })).status).toBe("expired");
  });
});

describe("CIMD clients on a verified domain", () => {
  let server: TestHttpsServer;
  const fetchOptions = { allowLoopback: true, ca: TEST_CA, timeoutMs: 2000 };
  beforeAll(async () => {
    server = await startHttpsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  /** A document at https://<host>:<port><path>, the host resolving to the test server. */
  function document(host: string, path: string, redirectUris: string[]) {
    dns.a.set(host, ["127.0.0.1"]);
    const url = `https://${host}:${server.port}${path}`;
    server.route(path, serve({ client_id: url, redirect_uris: redirectUris }));
    return url;
  }

  async function submitCimd(dev: Awaited<ReturnType<typeof developer>>, clientIdUrl: string) {
    const { submitCimdRequest } = await import("@/lib/cimd-clients/submit");
    const input = { clientId: dev.clientId, clientIdUrl, kind: "client_id" as const, justification: "Our own client." };
    return submitCimdRequest(dev.user, input, null, fetchOptions);
  }

  async function feedClients(): Promise<string[]> {
    const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
    return (await buildSnapshot(t.db)).clients.map((c) => c.client_id);
  }

  it("approves at once, audited and published, a client_id URL on the owner's verified host; suspended with a lapse", async () => {
    const { sweepDomains } = await import("./sweep");
    const dev = await developer("owner@auto.cimd.test");
    const { id: domainId } = await publishAndVerify(dev.user, "auto.cimd.test");
    const url = document("auto.cimd.test", "/client.json", ["https://auto.cimd.test/cb", "test.cimd.auto:/cb"]);

    const { id, autoApproved } = await submitCimd(dev, url);
    expect(autoApproved).toBe(true);
    const request = await t.db.request.findUniqueOrThrow({ where: { id }, include: { cimd: true } });
    expect(request).toMatchObject({ status: "approved", cimd: { decision: "approved" } });
    expect(request.flagCodes).toContain("auto_approved");
    expect(request.cimd!.reason).toBe("auto-approved: verified domain auto.cimd.test");
    expect(await feedClients()).toContain(url);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "request.auto_approved", entityId: id } });
    expect(audit).toMatchObject({ actorId: null, reason: "auto-approved: verified domain auto.cimd.test" });

    dns.txt.delete("_allowlist-portal-challenge.auto.cimd.test");
    const in31 = new Date(Date.now() + 31 * DAY);
    await sweepDomains(t.db, { now: in31 });
    await sweepDomains(t.db, { now: new Date(in31.getTime() + 8 * DAY) });
    expect((await t.db.verifiedDomain.findUniqueOrThrow({ where: { id: domainId } })).status).toBe("lapsed");
    expect(await feedClients()).not.toContain(url);
  });

  it("leaves for a reviewer: a flagged or loopback redirect URI, another owner's host, and everything when switched off", async () => {
    const { saveSettings, DEFAULT_SETTINGS } = await import("@/lib/settings/settings");
    const dev = await developer("owner@manual.cimd.test");
    await publishAndVerify(dev.user, "manual.cimd.test");
    const flagged = document("manual.cimd.test", "/flagged.json", ["http://localhost/cb"]);
    expect((await submitCimd(dev, flagged)).autoApproved).toBe(false);
    const loopback = document("manual.cimd.test", "/loopback.json", ["http://127.0.0.1/cb"]);
    expect((await submitCimd(dev, loopback)).autoApproved).toBe(false);
    const stranger = await developer("stranger@elsewhere.test");
    const foreign = document("manual.cimd.test", "/foreign.json", ["https://manual.cimd.test/cb"]);
    expect((await submitCimd(stranger, foreign)).autoApproved).toBe(false);

    await saveSettings(
      t.db,
      { ...DEFAULT_SETTINGS, autoApproveCimd: false },
      { id: dev.user.id, email: "admin@x.test" },
    );
    const own = document("manual.cimd.test", "/own.json", ["https://manual.cimd.test/cb"]);
    const { id } = await submitCimd(dev, own);
    expect((await t.db.request.findUniqueOrThrow({ where: { id } })).status).toBe("submitted");
    expect(await feedClients()).not.toContain(own);
    await saveSettings(t.db, DEFAULT_SETTINGS, { id: dev.user.id, email: "admin@x.test" });
  });
});
