// What may be claimed and what a verified domain covers.
import { describe, expect, it } from "vitest";
import { approvingCimdDomain, approvingDomain } from "./eligibility";
import { checkDomainName, domainCovers, schemeCoveredBy } from "./names";
import { newDomainToken } from "./token";

describe("checkDomainName", () => {
  it("accepts a registrable name and names under it, normalised", () => {
    expect(checkDomainName(" Example.COM. ")).toEqual({ ok: true, domain: "example.com" });
    expect(checkDomainName("app.example.co.uk")).toEqual({ ok: true, domain: "app.example.co.uk" });
    expect(checkDomainName("me.github.io")).toEqual({ ok: true, domain: "me.github.io" });
  });

  it.each([
    ["com", /public suffix/],
    ["co.uk", /public suffix/],
    ["github.io", /public suffix/],
    ["vercel.app", /public suffix/],
    ["localhost", /localhost/],
    ["app.localhost", /localhost/],
    ["127.0.0.1", /IP address/],
    ["[::1]", /IP address|not a URL/],
    ["https://example.com/", /not a URL/],
    ["exämple.com", /punycode/],
    ["-bad.example.com", /not a valid domain/],
    ["", /Enter a domain/],
  ])("refuses %s", (input, message) => {
    const result = checkDomainName(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe("coverage", () => {
  it("covers the exact host, and subdomains only for scope=subtree", () => {
    expect(domainCovers("example.com", "exact", "example.com")).toBe(true);
    expect(domainCovers("example.com", "exact", "app.example.com")).toBe(false);
    expect(domainCovers("example.com", "subtree", "app.example.com")).toBe(true);
    expect(domainCovers("example.com", "subtree", "badexample.com")).toBe(false);
  });

  it("covers a private-use scheme that is the domain reversed (RFC 8252 §7.1)", () => {
    expect(schemeCoveredBy("com.example.app", "example.com", "exact")).toBe(true);
    expect(schemeCoveredBy("com.example", "example.com", "exact")).toBe(true);
    expect(schemeCoveredBy("com.example.a.b", "example.com", "exact")).toBe(false);
    expect(schemeCoveredBy("com.example.a.b", "example.com", "subtree")).toBe(true);
    expect(schemeCoveredBy("com.examplex.app", "example.com", "exact")).toBe(false);
    expect(schemeCoveredBy("cursor", "example.com", "subtree")).toBe(false);
  });

  it("issues 160-bit base32 tokens, never the same", () => {
    const token = newDomainToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(newDomainToken()).not.toBe(token);
  });
});

describe("approvingDomain", () => {
  const domains = [{ id: "d1", domain: "example.com", scope: "exact" as const }];
  const on = { autoApproveHttps: true, autoApproveSchemes: true };
  const candidate = (uri: string, kind = "exact", flags: { code: string }[] = []) => ({
    uri,
    kind,
    flags: flags.map((f) => ({ code: f.code as "pending_elsewhere", message: "" })),
  });

  it("approves https on the verified host and the reversed scheme", () => {
    expect(approvingDomain(candidate("https://example.com/cb"), domains, [], on)?.id).toBe("d1");
    expect(approvingDomain(candidate("com.example.app:/cb"), domains, [], on)?.id).toBe("d1");
    expect(
      approvingDomain(candidate("https://example.com/cb", "exact", [{ code: "pending_elsewhere" }]), domains, [], on)
        ?.id,
    ).toBe("d1");
  });

  it("never approves another host, loopback, a path prefix, a flag, a block, or a switched-off kind", () => {
    expect(approvingDomain(candidate("https://app.example.com/cb"), domains, [], on)).toBeNull();
    expect(approvingDomain(candidate("http://127.0.0.1/cb", "loopback"), domains, [], on)).toBeNull();
    expect(approvingDomain(candidate("https://example.com/p/", "path_prefix"), domains, [], on)).toBeNull();
    expect(
      approvingDomain(candidate("https://example.com/cb?x=1", "exact", [{ code: "query_string" }]), domains, [], on),
    ).toBeNull();
    expect(
      approvingDomain(candidate("https://example.com/cb"), domains, [{ id: "b", host: "example.com" }], on),
    ).toBeNull();
    expect(
      approvingDomain(candidate("https://example.com/cb"), domains, [{ id: "b", uri: "https://example.com/cb" }], on),
    ).toBeNull();
    expect(
      approvingDomain(candidate("https://example.com/cb"), domains, [], { ...on, autoApproveHttps: false }),
    ).toBeNull();
    expect(
      approvingDomain(candidate("com.example.app:/cb"), domains, [], { ...on, autoApproveSchemes: false }),
    ).toBeNull();
    expect(approvingDomain(candidate("https://example.com:8443/cb"), domains, [], on)).toBeNull();
  });
});

describe("approvingCimdDomain", () => {
  const domains = [{ id: "d1", domain: "example.com", scope: "exact" as const }];
  const on = { autoApproveCimd: true };
  const client = (clientIdUrl: string, kind = "client_id", flagged = false) => ({
    kind,
    clientIdUrl,
    redirectUris: [
      { uri: "https://example.com/cb", flags: [] },
      { uri: "com.example:/cb", flags: flagged ? [{ code: "query_string" as const, message: "" }] : [] },
    ],
  });

  it("approves one exact client_id URL on the verified host whose redirect URIs the domain would approve", () => {
    expect(approvingCimdDomain(client("https://example.com/client.json"), domains, [], on)?.id).toBe("d1");
  });

  it("never approves a document that names a URI on someone else's host or scheme", () => {
    const url = "https://example.com/client.json";
    for (const foreign of ["https://victim.example/cb", "com.victimbank.app:/cb", "https://example.com.evil.test/cb"]) {
      const naming = { ...client(url), redirectUris: [...client(url).redirectUris, { uri: foreign, flags: [] }] };
      expect(approvingCimdDomain(naming, domains, [], on), foreign).toBeNull();
    }
  });

  it("never approves a host rule, another host, a flagged redirect URI, a block, or with the switch off", () => {
    const url = "https://example.com/client.json";
    expect(approvingCimdDomain(client(url, "client_id_host"), domains, [], on)).toBeNull();
    expect(approvingCimdDomain(client("https://app.example.com/c.json"), domains, [], on)).toBeNull();
    expect(approvingCimdDomain(client(url, "client_id", true), domains, [], on)).toBeNull();
    expect(approvingCimdDomain(client(url), domains, [{ id: "b", uri: url }], on)).toBeNull();
    expect(approvingCimdDomain(client(url), domains, [{ id: "b", host: "example.com" }], on)).toBeNull();
    expect(approvingCimdDomain(client(url), domains, [{ id: "b", uri: "com.example:/cb" }], on)).toBeNull();
    expect(approvingCimdDomain(client(url), domains, [], { autoApproveCimd: false })).toBeNull();
  });

  it("never approves a document that names a loopback redirect URI, flagged or not", () => {
    const url = "https://example.com/client.json";
    for (const loopback of [
      "http://127.0.0.1/cb",
      "http://[::1]/cb",
      "http://localhost/cb",
      "http://127.0.0.1:8080/cb",
    ]) {
      const withLoopback = {
        ...client(url),
        redirectUris: [...client(url).redirectUris, { uri: loopback, flags: [] }],
      };
      expect(approvingCimdDomain(withLoopback, domains, [], on), loopback).toBeNull();
    }
  });
});
