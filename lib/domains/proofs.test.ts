// Both proofs against real local servers: TXT records from a dns2 server, and the https file from
// the CIMD tests' HTTPS server (its own CA; cimd.test names resolve to 127.0.0.1 through dns2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, startHttpsServer, TEST_CA, type TestHttpsServer } from "@/lib/cimd/test-support/https-server";
import { checkDnsProof } from "./dns-proof";
import { checkHttpsProof } from "./https-proof";
import { startDomainDns, type TestDomainDns } from "./test-support/dns-server";
import { WELL_KNOWN_PATH } from "./token";

let dns: TestDomainDns;
let https: TestHttpsServer;
beforeAll(async () => {
  dns = await startDomainDns();
  https = await startHttpsServer();
});
afterAll(async () => {
  await dns.close();
  await https.close();
});

const TOKEN = "abcdefghijklmnopqrstuvwxyz234567";

describe("the DNS proof", () => {
  it("finds the token, and reads scope=subtree", async () => {
    dns.txt.set("_allowlist-portal-challenge.exact.test", ["v=other", `token=${TOKEN}`]);
    dns.txt.set("_allowlist-portal-challenge.tree.test", [`token=${TOKEN} scope=subtree`]);
    expect(await checkDnsProof("exact.test", TOKEN, [dns.address])).toEqual({ ok: true, scope: "exact" });
    expect(await checkDnsProof("tree.test", TOKEN, [dns.address])).toEqual({ ok: true, scope: "subtree" });
  });

  it("says why it failed: no record, or another token", async () => {
    expect(await checkDnsProof("none.test", TOKEN, [dns.address])).toMatchObject({ ok: false, error: /No TXT record/ });
    dns.txt.set("_allowlist-portal-challenge.wrong.test", ["token=somebodyelse"]);
    expect(await checkDnsProof("wrong.test", TOKEN, [dns.address])).toMatchObject({
      ok: false,
      error: /does not hold this claim's token/,
    });
  });
});

describe("the https proof", () => {
  const options = () => ({ dnsServers: [dns.address], allowLoopback: true, port: https.port, ca: TEST_CA });

  it("accepts a 200 holding the token", async () => {
    dns.a.set("ok.cimd.test", ["127.0.0.1"]);
    https.route(WELL_KNOWN_PATH, serve(`${TOKEN}\n`, { "content-type": "text/plain" }));
    expect(await checkHttpsProof("ok.cimd.test", TOKEN, options())).toEqual({ ok: true, scope: "exact" });
  });

  it("refuses a redirect, a body over 1 KB, and a file without the token", async () => {
    dns.a.set("ok.cimd.test", ["127.0.0.1"]);
    https.route(WELL_KNOWN_PATH, serve("", { location: "https://elsewhere.test/" }, 302));
    expect(await checkHttpsProof("ok.cimd.test", TOKEN, options())).toMatchObject({ ok: false, error: /answered 302/ });
    https.route(WELL_KNOWN_PATH, serve(`${TOKEN}${" ".repeat(1100)}`));
    expect(await checkHttpsProof("ok.cimd.test", TOKEN, options())).toMatchObject({ ok: false, error: /1024 bytes/ });
    https.route(WELL_KNOWN_PATH, serve("nothing here"));
    expect(await checkHttpsProof("ok.cimd.test", TOKEN, options())).toMatchObject({ ok: false, error: /token/ });
  });

  it("refuses a name that resolves to a loopback address unless loopback is allowed", async () => {
    dns.a.set("ok.cimd.test", ["127.0.0.1"]);
    expect(await checkHttpsProof("ok.cimd.test", TOKEN, { ...options(), allowLoopback: false })).toMatchObject({
      ok: false,
      error: /does not fetch from/,
    });
  });
});
