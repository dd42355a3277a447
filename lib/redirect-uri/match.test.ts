import { describe, expect, it } from "vitest";
import { compileRules, matchRedirectUri, type AllowRule } from "./match";

const entries: AllowRule[] = [
  { id: "claude", kind: "exact", uri: "https://claude.ai/api/mcp/auth_callback" },
  { id: "cursor", kind: "exact", uri: "cursor://anysphere.cursor-mcp/oauth/callback" },
  { id: "v4", kind: "loopback", uri: "http://127.0.0.1/callback" },
  { id: "v6", kind: "loopback", uri: "http://[::1]/cb" },
  { id: "lh", kind: "loopback", uri: "http://localhost/oauth/callback" },
  { id: "lhq", kind: "loopback", uri: "http://localhost/q?app=1" },
  { id: "gpt", kind: "path_prefix", uri: "https://chatgpt.com/connector/oauth/" },
];
const rules = compileRules(entries);
const allowedBy = (candidate: string) => {
  const result = matchRedirectUri(candidate, rules);
  return result.allowed ? result.rule.id : null;
};

describe("exact entries match byte for byte", () => {
  it("allows the same string", () => {
    expect(allowedBy("https://claude.ai/api/mcp/auth_callback")).toBe("claude");
    expect(allowedBy("cursor://anysphere.cursor-mcp/oauth/callback")).toBe("cursor");
  });
  it.each([
    "https://Claude.ai/api/mcp/auth_callback",
    "HTTPS://claude.ai/api/mcp/auth_callback",
    "https://claude.ai:443/api/mcp/auth_callback",
    "https://claude.ai/api/mcp/auth_callback/",
    "https://claude.ai./api/mcp/auth_callback",
    "https://claude.ai/api/mcp/auth_callback?x=1",
    "https://claude.ai/api/mcp/auth_callback?",
    "https://claude.ai/api/mcp/auth_callback#",
    "https://claude.ai/api/mcp/auth%5Fcallback",
    "https://claude.ai/api/mcp/./auth_callback",
    "https://claude.ai/api/mcp/x/../auth_callback",
    "https://claude.ai/api/mcp%2Fauth_callback",
    "https://claude.ai/api/mcp/..;/mcp/auth_callback",
    "https://claude.ai\\api/mcp/auth_callback",
    "https://evil.com@claude.ai/api/mcp/auth_callback",
    "https://claude.ai@evil.com/api/mcp/auth_callback",
    "https://claude.ai.evil.com/api/mcp/auth_callback",
    " https://claude.ai/api/mcp/auth_callback",
    "https://claude.ai/api/mcp/auth_callback\n",
    "https://claude.ai/api/mcp/auth_callback\u0000",
    "https://ｃlaude.ai/api/mcp/auth_callback",
    "https://claude.ai/api/mcp/auth_callback".padEnd(5000, "a"),
    "Cursor://anysphere.cursor-mcp/oauth/callback",
    "cursor://anysphere.cursor-mcp/oauth/callback/",
  ])("refuses %j", (candidate) => {
    expect(allowedBy(candidate)).toBeNull();
  });
});

describe("loopback entries allow any port, nothing else", () => {
  it.each([
    ["http://127.0.0.1/callback", "v4"],
    ["http://127.0.0.1:1/callback", "v4"],
    ["http://127.0.0.1:8080/callback", "v4"],
    ["http://127.0.0.1:65535/callback", "v4"],
    ["http://[::1]:51004/cb", "v6"],
    ["http://localhost:3000/oauth/callback", "lh"],
    ["http://localhost:3000/q?app=1", "lhq"],
  ])("allows %s", (candidate, id) => {
    expect(allowedBy(candidate)).toBe(id);
  });
  it.each([
    "http://127.0.0.1:0/callback",
    "http://127.0.0.1:65536/callback",
    "http://127.0.0.1:99999/callback",
    "http://127.0.0.1:08080/callback",
    "http://127.0.0.1:+80/callback",
    "http://127.0.0.1:/callback",
    "http://127.0.0.1:0x50/callback",
    "http://127.0.0.1:８０/callback",
    "http://127.0.0.1:80:80/callback",
    "http://localhost:3000/callback",
    "http://[::1]:3000/callback",
    "http://127.0.0.1:3000/oauth/callback",
    "http://127.0.0.2:3000/callback",
    "http://127.1:3000/callback",
    "http://2130706433/callback",
    "http://0x7f.0.0.1/callback",
    "http://0177.0.0.1/callback",
    "http://0.0.0.0:3000/callback",
    "http://[0:0:0:0:0:0:0:1]/cb",
    "http://[::ffff:127.0.0.1]/callback",
    "http://LOCALHOST:3000/oauth/callback",
    "http://localhost.:3000/oauth/callback",
    "http://foo.localhost:3000/oauth/callback",
    "HTTP://127.0.0.1/callback",
    "https://127.0.0.1:3000/callback",
    "http://127.0.0.1:3000/callback/",
    "http://127.0.0.1:3000/Callback",
    "http://127.0.0.1:3000/callback?x=1",
    "http://127.0.0.1:3000/callback#x",
    "http://127.0.0.1:3000",
    "http://user@127.0.0.1:3000/callback",
    "http://127.0.0.1:3000@evil.com/callback",
    "http://localhost:3000/q?app=1&x=2",
    "http://localhost:3000/q?app=2",
  ])("refuses %j", (candidate) => {
    expect(allowedBy(candidate)).toBeNull();
  });
});

describe("path_prefix entries allow one safe segment", () => {
  it("allows one [A-Za-z0-9_-] segment of up to 128 characters", () => {
    expect(allowedBy("https://chatgpt.com/connector/oauth/abc_DEF-123")).toBe("gpt");
    expect(allowedBy(`https://chatgpt.com/connector/oauth/${"a".repeat(128)}`)).toBe("gpt");
  });
  it.each([
    "https://chatgpt.com/connector/oauth/",
    `https://chatgpt.com/connector/oauth/${"a".repeat(129)}`,
    "https://chatgpt.com/connector/oauth/a/b",
    "https://chatgpt.com/connector/oauth/a.b",
    "https://chatgpt.com/connector/oauth/..",
    "https://chatgpt.com/connector/oauth/%2e%2e",
    "https://chatgpt.com/connector/oauth/a%2Fb",
    "https://chatgpt.com/connector/oauth/a?x=1",
    "https://chatgpt.com/connector/oauth/a#x",
    "https://chatgpt.com/connector/oauth/a;b",
    "https://chatgpt.com:443/connector/oauth/a",
    "https://chatgpt.com:8443/connector/oauth/a",
    "http://chatgpt.com/connector/oauth/a",
    "https://ChatGPT.com/connector/oauth/a",
    "https://evil.com/connector/oauth/a",
    "https://chatgpt.com/connector/oauthx/a",
    "https://chatgpt.com/connector/a",
    "https://chatgpt.com/connector/oauth/a\u0000",
  ])("refuses %j", (candidate) => {
    expect(allowedBy(candidate)).toBeNull();
  });
});

describe("blocked entries win", () => {
  const blocked = compileRules(entries, [
    { id: "b1", uri: "https://claude.ai/api/mcp/auth_callback" },
    { id: "b2", host: "chatgpt.com" },
    { id: "b3", uri: "http://127.0.0.1/callback" },
  ]);
  it("denies a blocked URI, a blocked host however spelled, and a blocked loopback URI on any port", () => {
    expect(matchRedirectUri("https://claude.ai/api/mcp/auth_callback", blocked)).toMatchObject({
      allowed: false,
      blockedBy: { id: "b1" },
    });
    expect(matchRedirectUri("https://chatgpt.com/connector/oauth/abc", blocked)).toMatchObject({
      allowed: false,
      blockedBy: { id: "b2" },
    });
    expect(matchRedirectUri("http://127.0.0.1:4000/callback", blocked)).toMatchObject({
      allowed: false,
      blockedBy: { id: "b3" },
    });
    expect(matchRedirectUri("https://CHATGPT.com./connector/oauth/abc", blocked).allowed).toBe(false);
  });
  it("recognises a blocked host however the candidate spells it", () => {
    const spelled = compileRules(
      [{ id: "x", kind: "exact", uri: "https://CHATGPT.com./x" }],
      [{ id: "b2", host: "chatgpt.com" }],
    );
    expect(matchRedirectUri("https://CHATGPT.com./x", spelled)).toMatchObject({
      allowed: false,
      blockedBy: { id: "b2" },
    });
    const userinfo = compileRules(
      [{ id: "y", kind: "exact", uri: "https://a@chatgpt.com/x" }],
      [{ id: "b2", host: "chatgpt.com" }],
    );
    expect(matchRedirectUri("https://a@chatgpt.com/x", userinfo)).toMatchObject({
      allowed: false,
      blockedBy: { id: "b2" },
    });
  });
  it("leaves other entries allowed", () => {
    expect(matchRedirectUri("cursor://anysphere.cursor-mcp/oauth/callback", blocked).allowed).toBe(true);
  });
  it("applies a block stored before blocks had to be canonical, by its canonical form", () => {
    const legacy = compileRules(
      [...entries, { id: "idn", kind: "exact", uri: "https://xn--bcher-kva.example/cb" }],
      [
        { id: "upper", uri: "HTTPS://Claude.AI:443/api/mcp/auth_callback" },
        { id: "port", uri: "http://127.0.0.1:80/callback" },
        { id: "unicode", host: "Bücher.example" },
      ],
    );
    expect(matchRedirectUri("https://claude.ai/api/mcp/auth_callback", legacy)).toMatchObject({
      blockedBy: { id: "upper" },
    });
    expect(matchRedirectUri("http://127.0.0.1:5000/callback", legacy)).toMatchObject({ blockedBy: { id: "port" } });
    expect(matchRedirectUri("https://xn--bcher-kva.example/cb", legacy)).toMatchObject({
      blockedBy: { id: "unicode" },
    });
  });
});
