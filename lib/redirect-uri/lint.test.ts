import { describe, expect, it } from "vitest";
import { lintRedirectUri } from "./lint";

function reasonsOf(input: unknown) {
  const verdict = lintRedirectUri(input);
  return verdict.ok ? [] : verdict.reasons.map((r) => r.code);
}
function flagsOf(input: string) {
  const verdict = lintRedirectUri(input);
  if (!verdict.ok) throw new Error(`expected ${input} to be accepted, got ${reasonsOf(input).join(",")}`);
  return verdict.flags.map((f) => f.code);
}

describe("lintRedirectUri accepts the spec's examples", () => {
  it.each([
    ["https://claude.ai/api/mcp/auth_callback", "exact", []],
    ["cursor://anysphere.cursor-mcp/oauth/callback", "exact", ["scheme_not_reverse_dns"]],
    ["http://127.0.0.1/callback", "loopback", []],
    ["http://[::1]/cb", "loopback", []],
    ["http://localhost/oauth/callback", "loopback", ["localhost_not_ip"]],
    ["com.example.app:/oauth2redirect", "exact", []],
    ["https://app.example.com/cb?tenant=a", "exact", ["query_string"]],
    ["https://93.184.216.34/cb", "exact", ["ip_literal_host"]],
  ])("%s → %s with flags %j", (input, kind, flags) => {
    const verdict = lintRedirectUri(input);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.kind).toBe(kind);
    expect(verdict.uri).toBe(input);
    expect(verdict.flags.map((f) => f.code)).toEqual(flags);
  });

  it("stores a loopback URI without its port and says which port was removed", () => {
    const verdict = lintRedirectUri("http://127.0.0.1:53682/callback?x=1");
    expect(verdict).toMatchObject({
      ok: true,
      kind: "loopback",
      uri: "http://127.0.0.1/callback?x=1",
      removedPort: "53682",
    });
    expect(lintRedirectUri("http://[::1]:8080/")).toMatchObject({
      ok: true,
      uri: "http://[::1]/",
      removedPort: "8080",
    });
  });

  it("flags a path_prefix rule and accepts only https prefixes ending in /", () => {
    const verdict = lintRedirectUri("https://chatgpt.com/connector/oauth/", { asPathPrefix: true });
    expect(verdict).toMatchObject({ ok: true, kind: "path_prefix" });
    expect(verdict.ok && verdict.flags.map((f) => f.code)).toContain("path_prefix");
    for (const bad of [
      "https://chatgpt.com/connector/oauth",
      "https://chatgpt.com/a/?x=1",
      "http://127.0.0.1/a/",
      "https://a.com/a.b/",
    ]) {
      expect(lintRedirectUri(bad, { asPathPrefix: true }).ok, bad).toBe(false);
    }
  });
});

describe("lintRedirectUri rejects with a reason", () => {
  it.each([
    ["", "empty"],
    ["/callback", "not_absolute"],
    ["claude.ai/callback", "not_absolute"],
    ["https://", "not_absolute"],
    [" https://claude.ai/cb", "whitespace"],
    ["https://claude.ai/cb\n", "whitespace"],
    ["https://claude.ai/c\u0000b", "control_character"],
    ["https://claude.ai/c\tb", "control_character"],
    ["https://claude.ai/c\rb", "control_character"],
    ["https://claude.ai/cb#frag", "fragment"],
    ["https://claude.ai/cb#", "fragment"],
    ["https://user@claude.ai/cb", "userinfo"],
    ["https://user:pw@claude.ai/cb", "userinfo"],
    ["https://claude.ai@evil.com/cb", "userinfo"],
    ["https://*.claude.ai/cb", "wildcard"],
    ["https://claude.ai/*", "wildcard"],
    ["javascript:alert(1)", "scheme_not_allowed"],
    ["data:text/html,hi", "scheme_not_allowed"],
    ["vbscript:msgbox", "scheme_not_allowed"],
    ["file:///etc/passwd", "scheme_not_allowed"],
    ["blob:https://a.com/1", "scheme_not_allowed"],
    ["about:blank", "scheme_not_allowed"],
    ["mailto:a@b.c", "scheme_not_allowed"],
    ["ftp://a.com/", "scheme_not_allowed"],
    ["ws://127.0.0.1/", "scheme_not_allowed"],
    ["wss://a.com/", "scheme_not_allowed"],
    ["http://claude.ai/cb", "http_not_loopback"],
    ["http://10.0.0.1/cb", "http_not_loopback"],
    ["http://0.0.0.0/cb", "unspecified_address"],
    ["http://[::]/cb", "unspecified_address"],
    ["http://127.0.0.2/cb", "loopback_ip_not_127_0_0_1"],
    ["http://127.255.255.255/cb", "loopback_ip_not_127_0_0_1"],
    ["http://[::ffff:7f00:1]/cb", "ipv4_mapped_ipv6"],
    ["http://foo.localhost/cb", "localhost_subdomain"],
    ["https://foo.localhost/cb", "localhost_subdomain"],
    ["https://foo.localhost./cb", "localhost_subdomain"],
    ["http://a.b.localhost../cb", "localhost_subdomain"],
    ["https://localhost./cb", "localhost_trailing_dot"],
    ["https://localhost../cb", "localhost_trailing_dot"],
    ["http://localhost./cb", "localhost_trailing_dot"],
    ["http://localhost.:8080/", "localhost_trailing_dot"],
    ["https://[::7f00:1]/cb", "ipv4_compatible_ipv6"],
    ["http://[::7f00:1]/cb", "ipv4_compatible_ipv6"],
    ["https://[::7fff:ffff]/cb", "ipv4_compatible_ipv6"],
    ["https://[::102:304]/cb", "ipv4_compatible_ipv6"],
    ["https://[64:ff9b::7f00:1]/cb", "ipv6_embedded_loopback"],
    ["https://[64:ff9b::7f12:3456]/cb", "ipv6_embedded_loopback"],
    ["https://[64:ff9b:1::7f00:1]/cb", "ipv6_embedded_loopback"],
    ["https://[64:ff9b:1:7f00:1:100::]/cb", "ipv6_embedded_loopback"],
    ["https://[64:ff9b:1:0:7f:1:1:0]/cb", "ipv6_embedded_loopback"],
    ["https://[::ffff:0:7f00:1]/cb", "ipv6_embedded_loopback"],
    ["filesystem:https://a.com/temporary/cb", "scheme_not_allowed"],
    ["view-source:https://a.com/cb", "scheme_not_allowed"],
    ["jar:https://a.com/app.jar!/cb", "scheme_not_allowed"],
    ["https://a.com/cb?code=1", "reserved_query_parameter"],
    ["https://a.com/cb?x=1&state=2", "reserved_query_parameter"],
    ["https://a.com/cb?error", "reserved_query_parameter"],
    ["https://a.com/cb?response=x", "reserved_query_parameter"],
    ["https://bücher.example/cb", "non_ascii"],
    ["https://ｅxample.com/cb", "non_ascii"],
    ["https://a.com/caf\u00e9", "non_ascii"],
    ["https://a.com/" + "a".repeat(2048), "too_long"],
    ["myapp.example: !", "invalid_character"],
    ["com.example.app:a|b", "invalid_character"],
    [42, "not_a_string"],
    [null, "not_a_string"],
  ])("%j → %s", (input, code) => {
    expect(reasonsOf(input)).toContain(code);
  });

  it.each([
    ["HTTPS://claude.ai/cb", "https://claude.ai/cb"],
    ["https://Claude.AI/cb", "https://claude.ai/cb"],
    ["https://claude.ai:443/cb", "https://claude.ai/cb"],
    ["http://127.0.0.1:80/cb", "http://127.0.0.1/cb"],
    ["https://claude.ai", "https://claude.ai/"],
    ["https://claude.ai/a/../cb", "https://claude.ai/cb"],
    ["https://claude.ai/./cb", "https://claude.ai/cb"],
    ["https://claude.ai/%2e%2e/cb", "https://claude.ai/cb"],
    ["https://claude.ai\\cb", "https://claude.ai/cb"],
    ["https://claude.ai/a\\b", "https://claude.ai/a/b"],
    ["https://claude.ai/a b", "https://claude.ai/a%20b"],
    ["http://127.1/cb", "http://127.0.0.1/cb"],
    ["http://2130706433/cb", "http://127.0.0.1/cb"],
    ["http://0x7f000001/cb", "http://127.0.0.1/cb"],
    ["http://0177.0.0.1/cb", "http://127.0.0.1/cb"],
    ["http://[0:0:0:0:0:0:0:1]/cb", "http://[::1]/cb"],
    ["http://LOCALHOST/cb", "http://localhost/cb"],
  ])("%s is not canonical; suggests %s", (input, suggestion) => {
    const verdict = lintRedirectUri(input);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    const notCanonical = verdict.reasons.find((r) => r.code === "not_canonical");
    expect(notCanonical?.suggestion).toBe(suggestion);
    expect(notCanonical?.message).toContain("exactly that string");
  });

  it("the suggested canonical form is itself accepted for ordinary mistakes", () => {
    for (const input of ["HTTPS://Claude.AI:443/a/../cb", "http://LOCALHOST:80/cb"]) {
      const verdict = lintRedirectUri(input);
      const suggestion = !verdict.ok && verdict.reasons.find((r) => r.code === "not_canonical")?.suggestion;
      expect(suggestion && lintRedirectUri(suggestion).ok).toBe(true);
    }
  });

  it("suggests punycode for an internationalised host", () => {
    const verdict = lintRedirectUri("https://bücher.example/cb");
    expect(!verdict.ok && verdict.reasons[0]?.suggestion).toBe("https://xn--bcher-kva.example/cb");
  });

  it("keeps the three loopback hosts apart and accepts only loopback for http", () => {
    expect(reasonsOf("http://127.0.0.1/cb")).toEqual([]);
    expect(reasonsOf("http://[::1]/cb")).toEqual([]);
    expect(reasonsOf("http://localhost/cb")).toEqual([]);
    expect(reasonsOf("http://localhost./cb")).toEqual(["localhost_trailing_dot"]);
  });

  it("says how to fix a trailing-dot localhost, and does not tell it to use https", () => {
    const verdict = lintRedirectUri("http://localhost.:8080/cb");
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reasons).toHaveLength(1);
    expect(verdict.reasons[0]?.message).toContain("http://localhost without the dot");
  });

  it("names the IPv4 address that an IPv6 loopback disguise stands for", () => {
    for (const input of ["https://[::7f00:1]/cb", "https://[64:ff9b::7f00:1]/cb", "https://[64:ff9b:1::7f00:1]/cb"]) {
      const verdict = lintRedirectUri(input);
      expect(!verdict.ok && verdict.reasons.map((r) => r.message).join(" "), input).toContain("127.0.0.1");
    }
  });

  it("still accepts ordinary IPv6 hosts, flagged as IP literals", () => {
    for (const input of ["https://[::1]/cb", "https://[2001:db8::1]/cb", "https://[64:ff9b::808:808]/cb"]) {
      expect(flagsOf(input), input).toContain("ip_literal_host");
    }
  });

  it("flags an encoded slash in the path and a ..; segment stays exact", () => {
    expect(flagsOf("https://a.com/x%2Fy/cb")).toContain("encoded_separator");
    expect(lintRedirectUri("https://a.com/..;/cb").ok).toBe(true);
  });

  it("gives every reason a message a developer can act on", () => {
    const verdict = lintRedirectUri(" HTTP://user@Example.com:80/a#b*");
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reasons.length).toBeGreaterThan(2);
    for (const reason of verdict.reasons) expect(reason.message.length).toBeGreaterThan(10);
  });
});
