// `portal import` with the feed's `clients`: each document is fetched from a local HTTPS server and
// pinned; entries and clients arrive in one version; failures are refused with their codes; a
// second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "@/lib/cimd/test-support/https-server";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
let server: TestHttpsServer;
const actor = { id: null, email: "operator@portal.test" };
const fetchOptions = { allowLoopback: true, ca: TEST_CA, timeoutMs: 2000 };

beforeAll(async () => {
  t = await useTestDatabase();
  server = await startHttpsServer();
});
afterAll(async () => {
  await server.close();
  await t.close();
});

function document(path: string, extra: Record<string, unknown> = {}) {
  const url = `${server.origin}${path}`;
  server.route(path, serve({ client_id: url, redirect_uris: ["http://127.0.0.1/callback"], ...extra }));
  return url;
}

describe("importing CIMD clients", () => {
  it("pins good documents, refuses bad ones with codes, in one version with the entries, idempotently", async () => {
    const { importEntries, parseImportFile } = await import("./import");
    const { parseImportClients } = await import("./import-clients");
    const { buildSnapshot } = await import("./snapshot");
    const good = document("/import/good");
    const host = document("/import/vendor/1");
    const secret = document("/import/secret", { client_secret: "s3cret" });
    const file = JSON.stringify({
      entries: [{ uri: "https://imported-with-clients.example/cb" }],
      clients: [
        { client_id: good },
        { client_id: host, kind: "client_id_host" },
        { client_id: secret },
        { client_id: `${server.origin}/import/missing` },
        { client_id: good, kind: "client_everything" },
      ],
    });
    const before = await buildSnapshot(t.db);
    const options = { clients: parseImportClients("list.json", file), fetchOptions };
    const report = await importEntries(t.db, parseImportFile("list.json", file), actor, "list.json", options);

    expect(report.imported).toHaveLength(1);
    expect(report.clients.imported).toEqual([
      { clientId: good, kind: "client_id" },
      { clientId: host, kind: "client_id_host" },
    ]);
    expect(report.clients.refused.map((r) => [r.line, r.reasons.join(" ")])).toEqual([
      [3, expect.stringContaining("cimd_shared_secret")],
      [4, expect.stringContaining("cimd_http_status")],
      [5, expect.stringContaining("unknown kind")],
    ]);
    const after = await buildSnapshot(t.db);
    expect(after.version).toBe(before.version + 1);
    const listed = after.clients.find((c) => c.client_id === good)!;
    expect(listed).toMatchObject({ kind: "client_id", redirect_uris: ["http://127.0.0.1/callback"] });
    expect(JSON.parse(listed.document)).toMatchObject({ client_id: good });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "entries.imported" },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toContain(listed.document_sha256);

    // The document changes afterwards: a second import neither refetches nor re-lists it.
    document("/import/good", { redirect_uris: ["https://elsewhere.example/cb"] });
    const requestsBefore = server.requests.length;
    const again = await importEntries(t.db, parseImportFile("list.json", file), actor, "list.json", options);
    expect(again.clients.imported).toEqual([]);
    expect(again.clients.alreadyPresent).toEqual([good, host]);
    expect(server.requests.length - requestsBefore).toBe(2); // only the two refused ones are asked again
    expect((await buildSnapshot(t.db)).version).toBe(after.version);
  });

  it("a file of only clients makes its own version; a blocked client_id host is refused", async () => {
    const { importEntries, parseImportFile } = await import("./import");
    const { parseImportClients } = await import("./import-clients");
    const { buildSnapshot } = await import("./snapshot");
    const only = document("/import/only");
    const file = JSON.stringify({ clients: [only] });
    const before = await buildSnapshot(t.db);
    const options = { clients: parseImportClients("c.json", file), fetchOptions };
    const report = await importEntries(t.db, parseImportFile("c.json", file), actor, "c.json", options);
    expect(report.clients.imported).toEqual([{ clientId: only, kind: "client_id" }]);
    expect((await buildSnapshot(t.db)).version).toBe(before.version + 1);

    await t.db.blockedEntry.create({ data: { host: "127.0.0.1", reason: "test block" } });
    const blocked = document("/import/blocked");
    const refused = await importEntries(t.db, [], actor, "b.json", {
      clients: [{ line: 1, clientId: blocked }],
      fetchOptions,
    });
    expect(refused.clients.refused[0]?.reasons.join(" ")).toMatch(/blocked/);
    await t.db.blockedEntry.deleteMany({ where: { host: "127.0.0.1" } });
  });
});
