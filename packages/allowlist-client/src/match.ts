// Does the allowlist allow a redirect URI? Exactly the portal's rules (its lib/redirect-uri/match.ts,
// which this must agree with: the portal's test suite runs one corpus against both). The candidate
// is never normalised (RFC 6749 §3.1.2.3, RFC 9700 §2.1): "exact" is string equality; "loopback"
// accepts any port (RFC 8252 §7.3); "path_prefix" accepts one more path segment; blocks win.

export type RuleKind = "exact" | "loopback" | "path_prefix";

export interface AllowRule {
  id: string;
  kind: RuleKind;
  uri: string;
}

export interface BlockRule {
  id: string;
  /** Exactly one of uri and host. */
  uri?: string | null;
  host?: string | null;
}

export interface CompiledRules {
  exact: Map<string, AllowRule>;
  loopback: Map<string, AllowRule>;
  pathPrefix: Map<string, AllowRule>;
  /** Blocked URIs, by the exact string and (for loopback URIs) by the portless form. */
  blockedUris: Map<string, BlockRule>;
  /** Allow rules that a block overrides, found once at compile time. */
  blockedRules: Map<AllowRule, BlockRule>;
}

export type MatchResult = { allowed: true; rule: AllowRule } | { allowed: false; blockedBy?: BlockRule };

// scheme://host, an optional :port (1–5 digits, no leading zero), then the rest ("" or /… or ?…).
const LOOPBACK_CANDIDATE = /^(https?:\/\/(?:127\.0\.0\.1|\[::1\]|localhost))(?::([1-9][0-9]{0,4}))?([/?][^]*)?$/;
const LOOPBACK_STARTS = [
  "http://127.0.0.1",
  "http://[::1]",
  "http://localhost",
  "https://127.0.0.1",
  "https://[::1]",
  "https://localhost",
];

/** The URI without its port when it is a loopback URI with a valid port (or none); else null. */
export function loopbackKey(candidate: string): string | null {
  if (!LOOPBACK_STARTS.some((start) => candidate.startsWith(start))) return null;
  const match = LOOPBACK_CANDIDATE.exec(candidate);
  if (!match) return null;
  const port = match[2];
  if (port !== undefined && Number(port) > 65535) return null;
  return match[1]! + (match[3] ?? "");
}

export function compileRules(entries: Iterable<AllowRule>, blocked: Iterable<BlockRule> = []): CompiledRules {
  const blockedHosts = new Map<string, BlockRule>();
  const rules: CompiledRules = {
    exact: new Map(),
    loopback: new Map(),
    pathPrefix: new Map(),
    blockedUris: new Map(),
    blockedRules: new Map(),
  };
  for (const block of blocked) {
    // Blocks are keyed by their canonical form: entries are canonical, and a deny rule may normalise.
    const uri = block.uri ? canonicalUri(block.uri) : null;
    if (uri) rules.blockedUris.set(loopbackKey(uri) ?? uri, block);
    if (uri && loopbackKey(uri) !== null) rules.blockedUris.set(uri, block);
    if (block.host) blockedHosts.set(normaliseHost(canonicalHost(block.host)), block);
  }
  for (const entry of entries) {
    const table = entry.kind === "exact" ? rules.exact : entry.kind === "loopback" ? rules.loopback : rules.pathPrefix;
    const key = entry.kind === "loopback" ? (loopbackKey(entry.uri) ?? entry.uri) : entry.uri;
    if (!table.has(key)) table.set(key, entry);
    // Every candidate a rule allows has the rule's host, so a host block applies to the rule itself.
    const block =
      rules.blockedUris.get(key) ??
      (blockedHosts.size > 0 ? blockedHosts.get(normaliseHost(hostOf(entry.uri) ?? "")) : undefined);
    if (block) rules.blockedRules.set(entry, block);
  }
  return rules;
}

export function matchRedirectUri(candidate: string, rules: CompiledRules): MatchResult {
  const portless = loopbackKey(candidate);
  const rule =
    rules.exact.get(candidate) ??
    (portless !== null ? rules.loopback.get(portless) : undefined) ??
    (rules.pathPrefix.size > 0 ? matchPathPrefix(candidate, rules.pathPrefix) : undefined);
  if (rule === undefined) return { allowed: false };
  const blockedBy = rules.blockedRules.get(rule);
  if (blockedBy) return { allowed: false, blockedBy };
  // A blocked URI under a path prefix, or one loopback port, is only known from the candidate itself.
  const blockedUri = rules.blockedUris.get(candidate);
  return blockedUri ? { allowed: false, blockedBy: blockedUri } : { allowed: true, rule };
}

function matchPathPrefix(candidate: string, table: Map<string, AllowRule>): AllowRule | undefined {
  if (!candidate.startsWith("https://")) return undefined;
  const slash = candidate.lastIndexOf("/");
  // The prefix must keep at least "https://host/": a slash within "https://" is not a path.
  if (slash < "https://".length) return undefined;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(candidate.slice(slash + 1))) return undefined;
  return table.get(candidate.slice(0, slash + 1));
}

function canonicalUri(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return uri;
  }
}

function canonicalHost(host: string): string {
  try {
    return new URL(`https://${host}/`).hostname;
  } catch {
    return host;
  }
}

function normaliseHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

function hostOf(uri: string): string | null {
  try {
    return new URL(uri).hostname;
  } catch {
    return null;
  }
}
