// A developer renames an approved client: the feed keeps the approved name, reviewers are told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const clientData = {
  name: "Acme Agent",
  vendor: "Acme",
  homepage: "https://acme.test",
  description: "An agent from Acme",
  contactEmail: "dev@acme.test",
  clientType: "cli" as const,
  logoUrl: null,
  metadataDocumentUrl: null,
};

describe("renaming an approved client", () => {
  it("leaves the published name as approved and flags the rename to reviewers", async () => {
    const { decideRequest } = await import("@/lib/review/decide");
    const { updateOwnClient, CLIENT_RENAMED_EVENT } = await import("./update");
    const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
    const { renameOf } = await import("./rename");
    const dev = await t.db.user.create({ data: { email: "dev@acme.test" } });
    const other = await t.db.user.create({ data: { email: "other@acme.test" } });
    const reviewer = await t.db.user.create({ data: { email: "r@staff.test", role: "reviewer" } });
    const client = await t.db.client.create({ data: { ...clientData, ownerId: dev.id } });
    const request = await t.db.request.create({
      data: {
        clientId: client.id,
        requesterId: dev.id,
        justification: "because",
        uris: { create: [{ position: 0, uri: "https://acme.test/cb", kind: "exact" }] },
      },
      include: { uris: true },
    });
    await decideRequest(
      { id: reviewer.id, email: reviewer.email, name: null, role: "reviewer" },
      {
        requestId: request.id,
        revision: 0,
        decisions: [{ id: request.uris[0]!.id, decision: "approved", reason: "" }],
      },
      null,
    );
    const published = async () => (await buildSnapshot(t.db)).entries.find((e) => e.uri === "https://acme.test/cb");
    expect((await published())?.client).toEqual({ id: client.id, name: "Acme Agent" });

    const devActor = { id: dev.id, email: dev.email };
    await expect(
      updateOwnClient(t.db, other.id, client.id, { ...clientData, name: "Hijack" }, devActor, null),
    ).rejects.toThrow("does not exist");
    await updateOwnClient(
      t.db,
      dev.id,
      client.id,
      { ...clientData, name: "Claude (Anthropic)", vendor: "Anthropic" },
      devActor,
      null,
    );

    expect((await published())?.client.name).toBe("Acme Agent");
    const events = await t.db.requestEvent.findMany({ where: { requestId: request.id, type: CLIENT_RENAMED_EVENT } });
    expect(events.map((e) => e.detail)).toEqual(["Acme Agent (Acme) → Claude (Anthropic) (Anthropic)"]);
    const audit = await t.db.auditLog.findFirst({ where: { action: "client.renamed", entityId: client.id } });
    expect(JSON.parse(audit!.before!)).toEqual({ name: "Acme Agent", vendor: "Acme" });
    const entry = await t.db.allowlistEntry.findFirstOrThrow({
      where: { uri: "https://acme.test/cb" },
      select: { clientName: true, client: { select: { name: true } } },
    });
    expect(renameOf(entry.clientName, entry.client?.name)).toEqual({
      approved: "Acme Agent",
      current: "Claude (Anthropic)",
    });

    // An edit that keeps the name and vendor is not flagged.
    await updateOwnClient(
      t.db,
      dev.id,
      client.id,
      { ...clientData, name: "Claude (Anthropic)", vendor: "Anthropic", description: "Now with more words" },
      devActor,
      null,
    );
    expect(await t.db.requestEvent.count({ where: { requestId: request.id, type: CLIENT_RENAMED_EVENT } })).toBe(1);
  });
});
