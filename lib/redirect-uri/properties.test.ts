// Properties that must hold for every input, and the WHATWG URL test corpus run through the engine.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintRedirectUri } from "./lint";
import { compileRules, matchRedirectUri, type AllowRule } from "./match";

const exactEntries: AllowRule[] = [
  { id: "a", kind: "exact", uri: "https://claude.ai/api/mcp/auth_callback" },
  { id: "b", kind: "exact", uri: "cursor://anysphere.cursor-mcp/oauth/callback" },
  { id: "c", kind: "exact", uri: "https://app.example.com/cb?tenant=1" },
];
const loopbackEntries: AllowRule[] = [
  { id: "l1", kind: "loopback", uri: "http://127.0.0.1/callback" },
  { id: "l2", kind: "loopback", uri: "http://[::1]/cb" },
];
const prefixEntries: AllowRule[] = [{ id: "p", kind: "path_prefix", uri: "https://chatgpt.com/connector/oauth/" }];
const allRules = compileRules([...exactEntries, ...loopbackEntries, ...prefixEntries]);

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
);

/** What the list itself says may pass: used to check that nothing else ever does. */
function explainedByList(candidate: string): boolean {
  if (exactEntries.some((e) => e.uri === candidate)) return true;
  const loopback = /^(http:\/\/(?:127\.0\.0\.1|\[::1\]))(?::(\d+))?(\/.*)$/s.exec(candidate);
  if (loopback) {
    const port = loopback[2];
    const portOk = port === undefined || (/^[1-9]\d*$/.test(port) && Number(port) <= 65535);
    if (portOk && loopbackEntries.some((e) => e.uri === loopback[1]! + loopback[3]!)) return true;
  }
  const prefix = "https://chatgpt.com/connector/oauth/";
  return candidate.startsWith(prefix) && /^[A-Za-z0-9_-]{1,128}$/.test(candidate.slice(prefix.length));
}

describe("properties", () => {
  it("lint never throws, on any string or value", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.anything()), (input) => {
        const verdict = lintRedirectUri(input);
        expect(typeof verdict.ok).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  });

  it("an accepted URI is canonical and carries no fragment, userinfo, wildcard or whitespace", () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const verdict = lintRedirectUri(input);
        if (!verdict.ok) return;
        expect(new URL(verdict.input).href).toBe(verdict.input);
        expect(verdict.uri).not.toMatch(/[#*\s]/);
        expect(new URL(verdict.uri).username).toBe("");
      }),
      { numRuns: 3000 },
    );
  });

  it("a candidate that differs from every exact entry is never allowed by an exact entry", () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...exactEntries.map((e) => e.uri)),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        fc.nat(3),
      )
      .map(([uri, at, text, op]) => {
        const i = at % (uri.length + 1);
        if (op === 0) return uri.slice(0, i) + text + uri.slice(i);
        if (op === 1) return uri.slice(0, i) + uri.slice(i + 1);
        if (op === 2) return uri.slice(0, i) + uri.charAt(i).toUpperCase() + uri.slice(i + 1);
        return uri.slice(0, i) + text + uri.slice(i + text.length);
      });
    const exactOnly = compileRules(exactEntries);
    fc.assert(
      fc.property(mutated, (candidate) => {
        const result = matchRedirectUri(candidate, exactOnly);
        expect(result.allowed).toBe(exactEntries.some((e) => e.uri === candidate));
      }),
      { numRuns: 5000 },
    );
  });

  it("nothing is allowed that the list does not explain", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc
            .constantFrom(...[...exactEntries, ...loopbackEntries].map((e) => e.uri))
            .chain((uri) =>
              fc.tuple(fc.constant(uri), fc.string({ maxLength: 6 })).map(([u, s]) => u.replace("/c", `${s}/c`)),
            ),
        ),
        (candidate) => {
          expect(matchRedirectUri(candidate, allRules).allowed).toBe(explainedByList(candidate));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

// Spellings of the loopback interface that are not one of the three loopback hosts, written
// canonically so that nothing but the host rules can refuse them.
const octet = fc.integer({ min: 0, max: 255 });
const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
const loopbackDisguise = fc
  .tuple(octet, octet, octet, fc.nat(5), fc.integer({ min: 0, max: 2 }))
  .map(([b, c, d, form, dots]) => {
    const [g1, g2] = [hex(127, b), hex(c, d)];
    const hosts = [
      `[::${g1}:${g2}]`,
      `[64:ff9b::${g1}:${g2}]`,
      `[64:ff9b:1::${g1}:${g2}]`,
      `[64:ff9b:1:${g1}:${c}:${hex(d, 0)}::]`,
      `[::ffff:0:${g1}:${g2}]`,
      `localhost${".".repeat(dots + 1)}`,
    ];
    return hosts[form]!;
  })
  .chain((host) =>
    fc
      .tuple(fc.constantFrom("http", "https"), fc.option(fc.integer({ min: 1, max: 65535 })), fc.webPath())
      .map(([scheme, port, path]) => new URL(`${scheme}://${host}${port ? `:${port}` : ""}${path}`).href),
  );

describe("loopback in disguise", () => {
  it("is refused for its host, however it is spelt", () => {
    const hostCodes = ["localhost_trailing_dot", "ipv4_compatible_ipv6", "ipv6_embedded_loopback"];
    fc.assert(
      fc.property(loopbackDisguise, (input) => {
        const verdict = lintRedirectUri(input);
        expect(verdict.ok).toBe(false);
        expect(!verdict.ok && verdict.reasons.some((r) => hostCodes.includes(r.code)), input).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("only the loopback kind reaches the loopback interface", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, loopbackDisguise), (input) => {
        const verdict = lintRedirectUri(input);
        if (!verdict.ok || verdict.kind === "loopback" || !/^https?:/.test(verdict.uri)) return;
        const host = new URL(verdict.uri).hostname.replace(/\.+$/, "");
        expect(host, input).not.toMatch(/(^|\.)localhost$|^127\./);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the WHATWG URL test data", () => {
  // Vendored (see testdata/README.md for its source and licence): tests read nothing outside the repository.
  const file = path.resolve(import.meta.dirname, "testdata/urltestdata.json");
  const corpus = JSON.parse(readFileSync(file, "utf8")) as unknown[];
  const inputs = corpus.filter(
    (row): row is { input: string; href?: string } => typeof row === "object" && row !== null && "input" in row,
  );

  it("has the corpus", () => {
    expect(inputs.length).toBeGreaterThan(500);
  });

  it("lints every input without throwing, and accepts only canonical strings", () => {
    for (const { input } of inputs) {
      const verdict = lintRedirectUri(input);
      if (verdict.ok) expect(new URL(input).href, input).toBe(input);
    }
  });

  it("allows no input that is not on the list, even with every canonical href of the corpus listed", () => {
    const listed = inputs.flatMap((row) => (row.href && lintRedirectUri(row.href).ok ? [row.href] : []));
    const rules = compileRules(listed.map((uri, i) => ({ id: String(i), kind: "exact" as const, uri })));
    const onList = new Set(listed);
    for (const { input } of inputs) {
      expect(matchRedirectUri(input, rules).allowed, JSON.stringify(input)).toBe(onList.has(input));
      expect(matchRedirectUri(input, allRules).allowed, JSON.stringify(input)).toBe(explainedByList(input));
    }
  });
});
