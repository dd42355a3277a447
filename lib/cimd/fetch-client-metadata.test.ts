// The fetcher against a real local HTTPS server (its own CA) and, for host names, a real local DNS
// server: what a developer previewing a client ID URL would see for each kind of server.
import { createHash } from "node:crypto";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchClientMetadata, type CimdFetchOptions } from "./fetch-client-metadata";
import { startDnsServer, type TestDnsServer } from "./test-support/dns-server";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "./test-support/https-server";

let server: TestHttpsServer;
let dns: TestDnsServer;
const base = (): CimdFetchOptions => ({ allowLoopback: true, ca: TEST_CA, timeoutMs: 2000 });

function documentFor(clientId: string, extra: Record<string, unknown> = {}) {
  return {
    client_id: clientId,
    client_name: "Example MCP client",
    redirect_uris: ["http://127.0.0.1/callback", "https://app.example.com/oauth/callback"],
    token_endpoint_auth_method: "none",
    ...extra,
  };
}

/** Serves documentFor(url) at path and returns the URL. */
function publish(path: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): string {
  const url = `${server.origin}${path}`;
  server.route(path, serve(documentFor(url, extra), headers));
  return url;
}

beforeAll(async () => {
  server = await startHttpsServer();
  dns = await startDnsServer();
});
afterAll(async () => {
  await server.close();
  await dns.close();
});

describe("a good document", () => {
  it("is fetched, hashed, parsed and its redirect URIs checked", async () => {
    const url = publish(
      "/good",
      {},
      { "cache-control": "max-age=300", etag: '"v1"', "last-modified": "Tue, 01 Sep 2026 10:00:00 GMT" },
    );
    const result = await fetchClientMetadata(url, base());
    expect(result.errorCodes).toEqual([]);
    expect(result.outcome).toBe("fetched");
    expect(result.approvable).toBe(true);
    expect(result.document).toEqual(documentFor(url));
    expect(result.body).toBe(JSON.stringify(documentFor(url)));
    expect(result.sha256).toBe(
      createHash("sha256")
        .update(JSON.stringify(documentFor(url)))
        .digest("hex"),
    );
    expect(result.details).toMatchObject({
      status: 200,
      contentType: "application/json",
      cacheControl: "max-age=300",
      etag: '"v1"',
      lastModified: "Tue, 01 Sep 2026 10:00:00 GMT",
      address: "127.0.0.1",
      resolvedAddresses: ["127.0.0.1"],
      bytes: Buffer.byteLength(JSON.stringify(documentFor(url))),
    });
    expect(result.redirectUris.map(({ uri, verdict }) => [uri, verdict.ok, verdict.ok && verdict.kind])).toEqual([
      ["http://127.0.0.1/callback", true, "loopback"],
      ["https://app.example.com/oauth/callback", true, "exact"],
    ]);
  });

  it("is fetched over IPv6 from [::1]", async () => {
    const v6 = await startHttpsServer("::1");
    try {
      const url = `${v6.origin}/client`;
      v6.route("/client", serve(documentFor(url)));
      const result = await fetchClientMetadata(url, base());
      expect(result.errorCodes).toEqual([]);
      expect(result.details.address).toBe("::1");
    } finally {
      await v6.close();
    }
  });

  it("accepts a +json content type with a UTF-8 charset", async () => {
    const url = publish("/plus-json", {}, { "content-type": "application/client-metadata+json; charset=utf-8" });
    expect((await fetchClientMetadata(url, base())).approvable).toBe(true);
  });

  it("sends no cookies or credentials, asks for JSON, uncompressed", async () => {
    const url = publish("/headers");
    await fetchClientMetadata(url, base());
    const request = server.requests.at(-1)!;
    expect(request.headers).toMatchObject({ accept: "application/json", "accept-encoding": "identity" });
    expect(request.headers.host).toBe(new URL(url).host);
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
  });
});

describe("conditional re-fetch", () => {
  it("answers not_modified to a 304 for the same ETag, and fetches again when it changed", async () => {
    const url = `${server.origin}/conditional`;
    server.route("/conditional", (req, res) => {
      if (req.headers["if-none-match"] === '"v2"') return res.writeHead(304, { etag: '"v2"' }).end();
      res.writeHead(200, { "content-type": "application/json", etag: '"v2"' }).end(JSON.stringify(documentFor(url)));
    });
    const first = await fetchClientMetadata(url, base());
    expect(first.details.etag).toBe('"v2"');
    const again = await fetchClientMetadata(url, { ...base(), etag: first.details.etag });
    expect(again).toMatchObject({ outcome: "not_modified", approvable: false, errorCodes: [], body: null });
    expect(again.details.status).toBe(304);
    expect(server.requests.at(-1)!.headers["if-none-match"]).toBe('"v2"');
    const stale = await fetchClientMetadata(url, { ...base(), etag: '"v1"' });
    expect(stale.outcome).toBe("fetched");
  });

  it("sends If-Modified-Since for a lastModified", async () => {
    const url = `${server.origin}/since`;
    const date = "Tue, 01 Sep 2026 10:00:00 GMT";
    server.route("/since", (req, res) => {
      if (req.headers["if-modified-since"] === date) return res.writeHead(304).end();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(documentFor(url)));
    });
    expect((await fetchClientMetadata(url, { ...base(), lastModified: date })).outcome).toBe("not_modified");
  });

  it("does not take a 304 it did not ask for", async () => {
    server.route("/unasked-304", (_req, res) => res.writeHead(304).end());
    const result = await fetchClientMetadata(`${server.origin}/unasked-304`, base());
    expect(result.errorCodes).toEqual(["cimd_http_status"]);
  });
});

describe("responses that are refused", () => {
  it.each([301, 302, 303, 307, 308])("never follows a %i redirect, and says where it pointed", async (status) => {
    const target = publish(`/target-${status}`);
    server.route(`/redirect-${status}`, (_req, res) => res.writeHead(status, { location: target }).end());
    const before = server.requests.length;
    const result = await fetchClientMetadata(`${server.origin}/redirect-${status}`, base());
    expect(result.errorCodes).toEqual(["cimd_redirect_refused"]);
    expect(result.problems[0]!.message).toContain(target);
    expect(result.details.location).toBe(target);
    expect(server.requests.length).toBe(before + 1);
  });

  it.each([201, 204, 404, 500])("only 200 counts, not %i", async (status) => {
    const url = `${server.origin}/status-${status}`;
    server.route(`/status-${status}`, serve(status === 204 ? "" : documentFor(url), {}, status));
    const result = await fetchClientMetadata(url, base());
    expect(result.errorCodes).toEqual(["cimd_http_status"]);
    expect(result.details.status).toBe(status);
  });

  it("refuses a body over 5,120 bytes that says so in Content-Length", async () => {
    const url = publish("/huge", { padding: "x".repeat(6000) });
    const result = await fetchClientMetadata(url, base());
    expect(result.errorCodes).toEqual(["cimd_too_large"]);
    expect(result.body).toBeNull();
  });

  it("accepts exactly 5,120 bytes", async () => {
    const url = `${server.origin}/exactly-limit`;
    const text = JSON.stringify(documentFor(url, { padding: "" }));
    const padded = JSON.stringify(documentFor(url, { padding: "x".repeat(5120 - text.length) }));
    expect(padded.length).toBe(5120);
    server.route("/exactly-limit", serve(padded));
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual([]);
  });

  it("cuts a streamed body without Content-Length as soon as it passes 5,120 bytes", async () => {
    let written = 0;
    let closed = false;
    server.route("/endless", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.on("close", () => (closed = true));
      const pump = () => {
        // Chunked, no Content-Length, and never ending on its own.
        while (!closed && res.write(`"${"x".repeat(1000)}",`)) written += 1003;
        if (!closed) res.once("drain", pump);
      };
      res.write("[");
      pump();
    });
    const started = Date.now();
    const result = await fetchClientMetadata(`${server.origin}/endless`, base());
    expect(result.errorCodes).toEqual(["cimd_too_large"]);
    expect(result.details.bytes).toBeGreaterThan(5120);
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => closed).toBe(true);
    expect(written).toBeLessThan(10_000_000);
  });

  it("times out a body that trickles in, within the overall limit", async () => {
    server.route("/slow", (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const result = await fetchClientMetadata(`${server.origin}/slow`, { ...base(), timeoutMs: 300 });
    expect(result.errorCodes).toEqual(["cimd_timeout"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("times out a server that never answers", async () => {
    server.route("/silent", () => {});
    const result = await fetchClientMetadata(`${server.origin}/silent`, { ...base(), timeoutMs: 200 });
    expect(result.errorCodes).toEqual(["cimd_timeout"]);
  });

  it.each([
    ["text/plain", ["cimd_not_json"]],
    ["text/html; charset=utf-8", ["cimd_not_json"]],
    ["application/jsonp", ["cimd_not_json"]],
    ["application/json; charset=iso-8859-1", ["cimd_not_json"]],
  ])("refuses the content type %s", async (contentType, codes) => {
    const url = publish(`/type-${encodeURIComponent(contentType)}`, {}, { "content-type": contentType });
    const result = await fetchClientMetadata(url, base());
    expect(result.errorCodes).toEqual(codes);
    expect(result.approvable).toBe(false);
  });

  it.each([
    ["an array", "array", "[1, 2]"],
    ["a string", "string", '"https://x.example/client"'],
    ["null", "null", "null"],
    ["invalid JSON", "invalid", '{"client_id": '],
    ["JSON after a byte-order mark", "bom", "\ufeff{}"],
  ])("refuses a body that is %s", async (_name, slug, body) => {
    server.route(`/body-${slug}`, serve(body));
    const result = await fetchClientMetadata(`${server.origin}/body-${slug}`, base());
    expect(result.errorCodes).toEqual(["cimd_not_json"]);
    expect(result.document).toBeNull();
  });

  it("refuses a body that is not UTF-8, and still gives its hash", async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    server.route("/latin", (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(bytes));
    const result = await fetchClientMetadata(`${server.origin}/latin`, base());
    expect(result.errorCodes).toEqual(["cimd_not_json"]);
    expect(result.body).toBeNull();
    expect(result.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("refuses a compressed body it did not ask for", async () => {
    const url = publish("/gzip", {}, { "content-encoding": "gzip" });
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual(["cimd_not_json"]);
  });
});

describe("documents that are refused", () => {
  it.each([
    ["another URL", (url: string) => `${url}-other`],
    ["a trailing slash more", (url: string) => `${url}/`],
    ["upper-case letters", (url: string) => url.replace("/mismatch", "/MISMATCH")],
    ["a number", () => 42],
  ])("refuses a client_id that is %s", async (_name, clientIdOf) => {
    const url = `${server.origin}/mismatch`;
    server.route("/mismatch", serve(documentFor(url, { client_id: clientIdOf(url) })));
    const result = await fetchClientMetadata(url, base());
    expect(result.errorCodes).toEqual(["cimd_client_id_mismatch"]);
    expect(result.document).not.toBeNull();
  });

  it("refuses a document without client_id", async () => {
    const url = `${server.origin}/no-client-id`;
    const { client_id: _omitted, ...rest } = documentFor(url);
    server.route("/no-client-id", serve(rest));
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual(["cimd_client_id_mismatch"]);
  });

  it.each([
    ["client_secret", { client_secret: "s3cret" }],
    ["client_secret_expires_at", { client_secret_expires_at: 0 }],
    ["client_secret_basic", { token_endpoint_auth_method: "client_secret_basic" }],
    ["client_secret_post", { token_endpoint_auth_method: "client_secret_post" }],
    ["client_secret_jwt", { token_endpoint_auth_method: "client_secret_jwt" }],
    ["a list of methods", { token_endpoint_auth_method: ["none", "client_secret_basic"] }],
  ])("refuses a shared secret: %s", async (name, extra) => {
    const url = publish(`/secret-${name.replaceAll(" ", "-")}`, extra);
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual(["cimd_shared_secret"]);
  });

  it("accepts private_key_jwt", async () => {
    const url = publish("/private-key-jwt", {
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: "https://app.example.com/jwks",
    });
    expect((await fetchClientMetadata(url, base())).approvable).toBe(true);
  });

  it.each([
    ["missing", undefined],
    ["empty", []],
    ["a string", "https://app.example.com/cb"],
    ["a list with a non-string", ["https://app.example.com/cb", 7]],
  ])("refuses redirect_uris that is %s", async (name, redirectUris) => {
    const url = publish(`/redirect-uris-${name.replaceAll(" ", "-")}`, { redirect_uris: redirectUris });
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual(["cimd_missing_redirect_uris"]);
  });

  it("fetches a document with a redirect URI the policy rejects, and reports it per URI", async () => {
    const refused = "http://app.example.com/callback";
    const url = publish("/bad-redirect", {
      redirect_uris: ["https://app.example.com/cb", refused, "http://localhost:8080/cb"],
    });
    const result = await fetchClientMetadata(url, base());
    expect(result.outcome).toBe("fetched");
    expect(result.approvable).toBe(false);
    expect(result.errorCodes).toEqual(["cimd_redirect_uri_refused"]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: "cimd_redirect_uri_refused", redirectUri: refused }),
    ]);
    const [, http, localhost] = result.redirectUris;
    expect(http!.verdict.ok).toBe(false);
    expect(!http!.verdict.ok && http!.verdict.reasons.map((reason) => reason.code)).toEqual(["http_not_loopback"]);
    // Accepted, flagged, and any port matches.
    expect(localhost!.verdict).toMatchObject({
      ok: true,
      kind: "loopback",
      removedPort: "8080",
      uri: "http://localhost/cb",
    });
    expect(localhost!.verdict.flags.map((flag) => flag.code)).toEqual(["localhost_not_ip"]);
  });

  it("refuses a document that names a member twice", async () => {
    const url = `${server.origin}/duplicate`;
    server.route(
      "/duplicate",
      serve(`{"client_id":"https://evil.example/x","client_id":"${url}","redirect_uris":["https://a.example/cb"]}`),
    );
    const result = await fetchClientMetadata(url, base());
    expect(result.errorCodes).toEqual(["cimd_duplicate_member"]);
  });

  it("reports every problem of a document at once", async () => {
    const url = publish("/many", { client_id: "https://other.example/c", client_secret: "x", redirect_uris: [] });
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual([
      "cimd_client_id_mismatch",
      "cimd_missing_redirect_uris",
      "cimd_shared_secret",
    ]);
  });
});

describe("TLS", () => {
  it("refuses a certificate it does not trust", async () => {
    const url = publish("/untrusted");
    const result = await fetchClientMetadata(url, { ...base(), ca: undefined });
    expect(result.errorCodes).toEqual(["cimd_tls"]);
  });

  it("refuses a certificate for another name", async () => {
    dns.records.set("wrong-name.example", ["127.0.0.1"]);
    const result = await fetchClientMetadata(`https://wrong-name.example:${server.port}/good`, {
      ...base(),
      dnsServers: [dns.address],
    });
    expect(result.errorCodes).toEqual(["cimd_tls"]);
    expect(result.problems[0]!.message).toMatch(/wrong-name\.example/);
  });

  it("ignores NODE_TLS_REJECT_UNAUTHORIZED=0", async () => {
    const url = publish("/insecure-env");
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    try {
      expect((await fetchClientMetadata(url, { ...base(), ca: undefined })).errorCodes).toEqual(["cimd_tls"]);
    } finally {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    }
  });
});

describe("host names and addresses", () => {
  it("resolves a name through DNS, connects to the checked address, and checks the certificate for the name", async () => {
    dns.records.set("client.cimd.test", ["127.0.0.1"]);
    const url = `https://client.cimd.test:${server.port}/by-name`;
    server.route("/by-name", serve(documentFor(url)));
    const result = await fetchClientMetadata(url, { ...base(), dnsServers: [dns.address] });
    expect(result.errorCodes).toEqual([]);
    expect(result.details).toMatchObject({ address: "127.0.0.1", resolvedAddresses: ["127.0.0.1"] });
    expect(server.requests.at(-1)!.headers.host).toBe(`client.cimd.test:${server.port}`);
  });

  // The name is known only to the test DNS server: had the connection looked it up again (through the
  // system resolver, which DNS rebinding could steer), it would have failed.
  it("asks DNS once and connects to the address it checked", async () => {
    dns.records.set("rebind.cimd.test", ["127.0.0.1"]);
    const url = `https://rebind.cimd.test:${server.port}/rebind`;
    server.route("/rebind", serve(documentFor(url)));
    const asked = dns.questions.length;
    const result = await fetchClientMetadata(url, { ...base(), dnsServers: [dns.address] });
    expect(result.errorCodes).toEqual([]);
    // One A and one AAAA question: the connection did not look the name up again.
    expect(dns.questions.slice(asked).sort()).toEqual(["rebind.cimd.test A", "rebind.cimd.test AAAA"]);
  });

  it.each([
    ["10.0.0.1"],
    ["169.254.169.254"],
    ["::ffff:127.0.0.1"],
    ["127.0.0.2"],
    ["0.0.0.0"],
    ["192.168.1.10"],
    ["100.64.0.1"],
    ["fd00::1"],
    ["fe80::1"],
    ["64:ff9b::a00:1"],
  ])("refuses a name that resolves to %s, even with CIMD_ALLOW_LOOPBACK", async (address) => {
    const name = `to-${address.replaceAll(/[.:]/g, "-")}.cimd.test`;
    dns.records.set(name, [address]);
    const before = server.requests.length;
    const result = await fetchClientMetadata(`https://${name}:${server.port}/good`, {
      ...base(),
      dnsServers: [dns.address],
    });
    expect(result.errorCodes).toEqual(["cimd_address_refused"]);
    expect(result.problems[0]!.message).toContain(address);
    expect(server.requests.length).toBe(before);
  });

  it("tries each checked address in turn when one does not answer", async () => {
    // The server listens on 127.0.0.1 only: the connection to ::1 is refused, and the next address is tried.
    dns.records.set("both.cimd.test", ["::1", "127.0.0.1"]);
    const url = `https://both.cimd.test:${server.port}/both`;
    server.route("/both", serve(documentFor(url)));
    const result = await fetchClientMetadata(url, { ...base(), dnsServers: [dns.address] });
    expect(result.errorCodes).toEqual([]);
    expect(result.details).toMatchObject({ address: "127.0.0.1", resolvedAddresses: ["127.0.0.1", "::1"] });
  });

  it("refuses a name when any one of its addresses is refused", async () => {
    dns.records.set("mixed.cimd.test", ["127.0.0.1", "10.0.0.1"]);
    const result = await fetchClientMetadata(`https://mixed.cimd.test:${server.port}/good`, {
      ...base(),
      dnsServers: [dns.address],
    });
    expect(result.errorCodes).toEqual(["cimd_address_refused"]);
    expect(result.details.resolvedAddresses).toEqual(["127.0.0.1", "10.0.0.1"]);
  });

  it("reaches 127.0.0.1 and ::1 only with CIMD_ALLOW_LOOPBACK", async () => {
    dns.records.set("loop.cimd.test", ["127.0.0.1"]);
    dns.records.set("loop6.cimd.test", ["::1"]);
    const options = { ...base(), dnsServers: [dns.address] };
    for (const name of ["loop.cimd.test", "loop6.cimd.test"]) {
      const url = `https://${name}:${server.port}/good`;
      expect((await fetchClientMetadata(url, { ...options, allowLoopback: false })).errorCodes).toEqual([
        "cimd_address_refused",
      ]);
    }
    expect((await fetchClientMetadata(publish("/literal"), { ...base(), allowLoopback: false })).errorCodes).toEqual([
      "cimd_address_refused",
    ]);
  });

  it.each([
    "https://localhost:PORT/good",
    "https://api.localhost:PORT/good",
    "https://127.0.0.2:PORT/good",
    "https://0.0.0.0:PORT/good",
    "https://[::ffff:7f00:1]:PORT/good",
    "https://[::]:PORT/good",
    "https://10.0.0.1:PORT/good",
  ])("refuses %s before any traffic, even with CIMD_ALLOW_LOOPBACK", async (template) => {
    const before = { requests: server.requests.length, questions: dns.questions.length };
    const result = await fetchClientMetadata(template.replace("PORT", String(server.port)), {
      ...base(),
      dnsServers: [dns.address],
    });
    expect(result.errorCodes).toEqual(["cimd_address_refused"]);
    expect(server.requests.length).toBe(before.requests);
    expect(dns.questions.length).toBe(before.questions);
  });

  it("reports a name with no address as cimd_dns", async () => {
    const result = await fetchClientMetadata(`https://nowhere.cimd.test:${server.port}/good`, {
      ...base(),
      dnsServers: [dns.address],
    });
    expect(result.errorCodes).toEqual(["cimd_dns"]);
  });

  it("times out a server that accepts the connection but never starts TLS", async () => {
    const sockets: Socket[] = [];
    const mute = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = mute.address() as AddressInfo;
      const result = await fetchClientMetadata(`https://127.0.0.1:${port}/client`, { ...base(), timeoutMs: 200 });
      expect(result.errorCodes).toEqual(["cimd_timeout"]);
      expect(result.problems[0]!.message).toContain("TLS handshake");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => mute.close(resolve));
    }
  });

  it("uses the system resolver by default, and reports a name it cannot resolve", async () => {
    const result = await fetchClientMetadata("https://no-such-host.invalid/client", {
      ...base(),
      dnsServers: undefined,
    });
    expect(result.errorCodes).toEqual(["cimd_dns"]);
  });

  it("reports a refused connection", async () => {
    const closed = await startHttpsServer();
    const url = `${closed.origin}/gone`;
    await closed.close();
    expect((await fetchClientMetadata(url, base())).errorCodes).toEqual(["cimd_connection_failed"]);
  });
});

describe("client ID URLs", () => {
  it("checks the URL before any network traffic", async () => {
    const before = server.requests.length;
    const result = await fetchClientMetadata(`http://127.0.0.1:${server.port}/good`, base());
    expect(result.errorCodes).toEqual(["cimd_url_invalid"]);
    expect(result.details.resolvedAddresses).toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});
