// The portal's matcher and the client library's (packages/allowlist-client/src/match.ts) must give
// the same answer for every candidate: an authorization server embedding the library must allow
// exactly what the portal's validate endpoint allows. One corpus runs against both: every string
// in match.test.ts, the vendored WHATWG URL data, variants of them that attacks use (ports, case,
// trailing characters, extra segments), and random inputs.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as library from "@/packages/allowlist-client/src/match";
import { type AllowRule, type BlockRule, compileRules, matchRedirectUri } from "./match";

const here = import.meta.dirname;

/** Every double-quoted string literal in match.test.ts. */
function matchTestStrings(): string[] {
  const source = readFileSync(path.join(here, "match.test.ts"), "utf8");
  const literals = source.match(/"(?:[^"\\\n]|\\.)*"/g) ?? [];
  return literals.flatMap((literal) => {
    try {
      return [JSON.parse(literal) as string];
    } catch {
      return [];
    }
  });
}

function whatwgStrings(): string[] {
  const data = JSON.parse(readFileSync(path.join(here, "testdata", "urltestdata.json"), "utf8")) as unknown[];
  return data.flatMap((test) => {
    if (typeof test !== "object" || test === null) return [];
    const { input, href } = test as { input?: string; href?: string };
    return [input, href].filter((value): value is string => typeof value === "string");
  });
}

/** What attackers try against a listed URI: other ports, other case, one more character or segment. */
function variants(uri: string): string[] {
  return [
    uri,
    `${uri}/`,
    `${uri}x`,
    `${uri}/acme`,
    `${uri}acme`,
    `${uri}/../x`,
    `${uri}?`,
    `${uri}#`,
    uri.toUpperCase(),
    uri.replace("://", "://evil.com@"),
    uri.replace(/^(https?:\/\/[^/]+)/, "$1:8080"),
    uri.replace(/^(https?:\/\/[^/]+)/, "$1:065535"),
    uri.replace(/^(https?:\/\/[^/]+)/, "$1:65536"),
    uri.replace(/^(https?:\/\/[^/]+)/, "$1."),
    uri.slice(0, -1),
  ];
}

const corpus = [...new Set([...matchTestStrings(), ...whatwgStrings()])];
const uriLike = corpus.filter((text) => /^[a-z][a-z0-9+.-]*:/i.test(text)).slice(0, 1500);

function rulesFrom(uris: string[]): { entries: AllowRule[]; blocked: BlockRule[] } {
  const entries: AllowRule[] = [];
  const blocked: BlockRule[] = [];
  uris.forEach((uri, i) => {
    entries.push({ id: `e${i}`, kind: "exact", uri });
    if (/^https?:\/\/(127\.0\.0\.1|\[::1\]|localhost)/.test(uri)) entries.push({ id: `l${i}`, kind: "loopback", uri });
    if (uri.startsWith("https://") && uri.lastIndexOf("/") > 8)
      entries.push({ id: `p${i}`, kind: "path_prefix", uri: uri.slice(0, uri.lastIndexOf("/") + 1) });
    // Every seventh URI blocked outright, every eleventh by its host.
    if (i % 7 === 0) blocked.push({ id: `bu${i}`, uri, host: null });
    if (i % 11 === 0) {
      const host = hostOf(uri);
      if (host) blocked.push({ id: `bh${i}`, uri: null, host });
    }
  });
  return { entries, blocked };
}

function hostOf(uri: string): string | null {
  try {
    return new URL(uri).hostname || null;
  } catch {
    return null;
  }
}

type Verdict = { allowed: boolean; rule?: string; blockedBy?: string };

function verdicts(entries: AllowRule[], blocked: BlockRule[]) {
  const portal = compileRules(entries, blocked);
  const client = library.compileRules(entries, blocked);
  const portalVerdict = (candidate: string): Verdict => {
    const result = matchRedirectUri(candidate, portal);
    return result.allowed
      ? { allowed: true, rule: result.rule.id }
      : { allowed: false, blockedBy: result.blockedBy?.id };
  };
  const clientVerdict = (candidate: string): Verdict => {
    const result = library.matchRedirectUri(candidate, client);
    return result.allowed
      ? { allowed: true, rule: result.rule.id }
      : { allowed: false, blockedBy: result.blockedBy?.id };
  };
  return { portalVerdict, clientVerdict };
}

describe("the portal's matcher and the client library's agree", () => {
  it("on match.test.ts's strings and the WHATWG data, with rules made from them and their variants", () => {
    const { entries, blocked } = rulesFrom(uriLike);
    const { portalVerdict, clientVerdict } = verdicts(entries, blocked);
    const candidates = [...new Set([...corpus, ...uriLike.flatMap(variants)])];
    let allowed = 0;
    const disagreements = candidates.filter((candidate) => {
      const verdict = portalVerdict(candidate);
      if (verdict.allowed) allowed++;
      return JSON.stringify(verdict) !== JSON.stringify(clientVerdict(candidate));
    });
    expect(disagreements).toEqual([]);
    // The corpus exercises both answers, and blocks, not only refusals.
    expect(allowed).toBeGreaterThan(100);
    expect(candidates.length - allowed).toBeGreaterThan(1000);
    expect(candidates.some((candidate) => portalVerdict(candidate).blockedBy)).toBe(true);
  });

  it("on random rules and candidates", () => {
    const uri = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(...uriLike.slice(0, 200)),
      fc
        .tuple(
          fc.constantFrom("http", "https"),
          fc.constantFrom("127.0.0.1", "[::1]", "localhost"),
          fc.option(fc.integer({ min: 0, max: 70000 })),
          fc.webPath(),
        )
        .map(([scheme, host, port, p]) => `${scheme}://${host}${port === null ? "" : `:${port}`}${p}`),
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(fc.array(uri, { maxLength: 8 }), fc.array(uri, { maxLength: 20 }), (ruleUris, candidates) => {
        const { entries, blocked } = rulesFrom(ruleUris);
        const { portalVerdict, clientVerdict } = verdicts(entries, blocked);
        for (const candidate of [...candidates, ...ruleUris.flatMap(variants)])
          expect(clientVerdict(candidate)).toEqual(portalVerdict(candidate));
      }),
      { numRuns: 300 },
    );
  });
});
