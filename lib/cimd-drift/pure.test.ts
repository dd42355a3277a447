// The drift rules that need no I/O: how often a document is fetched, which changes wait for a
// reviewer, and the diff the reviewer reads.
import { describe, expect, it } from "vitest";
import { compareDocuments } from "./compare";
import { diffDocuments } from "./diff";
import { backoffSeconds, refreshIntervalSeconds, withJitter } from "./schedule";

describe("schedule", () => {
  it("follows max-age within [5 min, 24 h], one hour when absent or unreadable", () => {
    expect(refreshIntervalSeconds("public, max-age=1800")).toBe(1800);
    expect(refreshIntervalSeconds("max-age=0")).toBe(300);
    expect(refreshIntervalSeconds("max-age=31536000, immutable")).toBe(86_400);
    expect(refreshIntervalSeconds(null)).toBe(3600);
    expect(refreshIntervalSeconds("no-cache, s-maxage=10")).toBe(3600);
  });

  it("jitters by at most 10 % and backs off from 5 minutes to at most an hour", () => {
    expect(withJitter(1000, () => 0)).toBe(900_000);
    expect(withJitter(1000, () => 0.999999)).toBeLessThanOrEqual(1_100_000);
    expect([1, 2, 3, 4, 5, 9].map(backoffSeconds)).toEqual([300, 600, 1200, 2400, 3600, 3600]);
  });
});

describe("compareDocuments", () => {
  const base = { document: { client_name: "A", jwks_uri: "https://a.example/jwks" }, redirectUris: ["https://a/cb"] };
  it("a removal alone narrows; a new URI or a reviewed member widens", () => {
    expect(compareDocuments(base, { ...base, redirectUris: [] })).toMatchObject({ kind: "narrowed" });
    expect(compareDocuments(base, { ...base, redirectUris: ["https://a/cb", "https://b/cb"] })).toMatchObject({
      kind: "widening",
      addedUris: ["https://b/cb"],
    });
    for (const member of ["jwks", "jwks_uri", "token_endpoint_auth_method", "client_name", "logo_uri"]) {
      const changed = { ...base, document: { ...base.document, [member]: "other" } };
      expect(compareDocuments(base, changed)).toMatchObject({ kind: "widening", changedFields: [member] });
    }
  });

  it("any member outside the short allowlist widens when added, removed or changed", () => {
    // The feed ships the whole document: what an authorization server may act on or show is reviewed.
    const members = {
      post_logout_redirect_uris: ["https://a/bye"],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: "openid profile",
      client_uri: "https://a.example",
      policy_uri: "https://a.example/privacy",
      tos_uri: "https://a.example/tos",
      frontchannel_logout_uri: "https://a/fc",
      backchannel_logout_uri: "https://a/bc",
      software_statement: "eyJ.x.y",
      software_id: "a-app",
      "client_name#ja": "エー",
      x_unknown: true,
    };
    for (const [member, value] of Object.entries(members)) {
      const added = { ...base, document: { ...base.document, [member]: value } };
      expect(compareDocuments(base, added), `${member} added`).toMatchObject({
        kind: "widening",
        changedFields: [member],
      });
      expect(compareDocuments(added, base), `${member} removed`).toMatchObject({ kind: "widening" });
      const changed = { ...base, document: { ...base.document, [member]: "other" } };
      expect(compareDocuments(added, changed), `${member} changed`).toMatchObject({ kind: "widening" });
    }
    const unreviewed = { ...base, document: { ...base.document, contacts: ["ops@a"], software_version: "2.1" } };
    expect(compareDocuments(base, unreviewed)).toMatchObject({ kind: "harmless", changedFields: [] });
    const reordered = { ...base, redirectUris: ["https://b/cb", "https://a/cb"] };
    expect(compareDocuments(reordered, { ...reordered, redirectUris: ["https://a/cb", "https://b/cb"] }).kind).toBe(
      "harmless",
    );
  });

  it("a removal with a new URI waits for a reviewer; key order is not a change", () => {
    expect(compareDocuments(base, { ...base, redirectUris: ["https://b/cb"] }).kind).toBe("widening");
    const keys = { jwks: { keys: [{ kty: "EC", x: "1" }] } };
    const reordered = { jwks: { keys: [{ x: "1", kty: "EC" }] } };
    expect(compareDocuments({ ...base, document: keys }, { ...base, document: reordered }).kind).toBe("harmless");
  });
});

describe("diffDocuments", () => {
  it("shows an added redirect URI as one added line between unchanged ones", () => {
    const before = JSON.stringify({ redirect_uris: ["https://a/cb"] });
    const after = JSON.stringify({ redirect_uris: ["https://a/cb", "https://b/cb"] });
    expect(diffDocuments(before, after)).toEqual([
      { op: " ", text: "{" },
      { op: " ", text: '  "redirect_uris": [' },
      { op: "-", text: '    "https://a/cb"' },
      { op: "+", text: '    "https://a/cb",' },
      { op: "+", text: '    "https://b/cb"' },
      { op: " ", text: "  ]" },
      { op: " ", text: "}" },
    ]);
  });
});
