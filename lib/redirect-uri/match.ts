// matchRedirectUri: does the allowlist allow a candidate redirect URI? Exact string semantics
// (RFC 6749 §3.1.2.3, RFC 9700 §2.1): the candidate is never normalised. compileRules() turns the
// list into hash tables so that each candidate costs a fixed number of lookups, however long the
// list is. Blocked entries win over every allow rule.
import { loopbackKey } from "./loopback";
import type { RuleKind } from "./lint";

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

export interface CompiledRules<A extends AllowRule = AllowRule, B extends BlockRule = BlockRule> {
  exact: Map<string, A>;
  loopback: Map<string, A>;
  pathPrefix: Map<string, A>;
  /** Blocked URIs, by the exact string and (for loopback URIs) by the portless form. */
  blockedUris: Map<string, B>;
  /** Allow rules that a block overrides, found once at compile time. */
  blockedRules: Map<A, B>;
  size: number;
}

export type MatchResult<A extends AllowRule = AllowRule, B extends BlockRule = BlockRule> =
  { allowed: true; rule: A } | { allowed: false; blockedBy?: B };

export function compileRules<A extends AllowRule, B extends BlockRule>(
  entries: Iterable<A>,
  blocked: Iterable<B> = [],
): CompiledRules<A, B> {
  const blockedHosts = new Map<string, B>();
  const rules: CompiledRules<A, B> = {
    exact: new Map(),
    loopback: new Map(),
    pathPrefix: new Map(),
    blockedUris: new Map(),
    blockedRules: new Map(),
    size: 0,
  };
  for (const block of blocked) {
    // New blocks must be canonical (block-target.ts); one stored before that rule is keyed by its
    // canonical form, since entries are canonical and a deny rule may normalise.
    const uri = block.uri ? canonicalUri(block.uri) : null;
    if (uri) rules.blockedUris.set(loopbackKey(uri) ?? uri, block);
    if (uri && loopbackKey(uri) !== null) rules.blockedUris.set(uri, block);
    if (block.host) blockedHosts.set(normaliseHost(canonicalHost(block.host)), block);
  }
  for (const entry of entries) {
    const table = entry.kind === "exact" ? rules.exact : entry.kind === "loopback" ? rules.loopback : rules.pathPrefix;
    // A loopback entry is stored without a port; should one carry a port, it still keys by its portless form.
    const key = entry.kind === "loopback" ? (loopbackKey(entry.uri) ?? entry.uri) : entry.uri;
    if (!table.has(key)) table.set(key, entry);
    rules.size++;
    // Every candidate a rule allows has the rule's host, so a host block can be applied here, once.
    // Deny rules may normalise: a blocked host stays blocked however the entry spells it.
    const block =
      rules.blockedUris.get(key) ??
      (blockedHosts.size > 0 ? blockedHosts.get(normaliseHost(hostOf(entry.uri) ?? "")) : undefined);
    if (block) rules.blockedRules.set(entry, block);
  }
  return rules;
}

export function matchRedirectUri<A extends AllowRule, B extends BlockRule>(
  candidate: string,
  rules: CompiledRules<A, B>,
): MatchResult<A, B> {
  const portless = loopbackKey(candidate);
  const rule =
    rules.exact.get(candidate) ??
    (portless !== null ? rules.loopback.get(portless) : undefined) ??
    (rules.pathPrefix.size > 0 ? matchPathPrefix(candidate, rules.pathPrefix) : undefined);
  // A block wins over any rule; a candidate that nothing allows needs no block lookup.
  if (rule === undefined) return NOT_ALLOWED;
  const blockedBy = rules.blockedRules.size > 0 ? rules.blockedRules.get(rule) : undefined;
  if (blockedBy) return { allowed: false, blockedBy };
  // A blocked URI under a path prefix, or one loopback port, is only known from the candidate itself.
  const blockedUri = rules.blockedUris.size > 0 ? rules.blockedUris.get(candidate) : undefined;
  return blockedUri ? { allowed: false, blockedBy: blockedUri } : { allowed: true, rule };
}

const NOT_ALLOWED = Object.freeze({ allowed: false as const });

function matchPathPrefix<A>(candidate: string, table: Map<string, A>): A | undefined {
  if (!candidate.startsWith("https://")) return undefined;
  const slash = candidate.lastIndexOf("/");
  // The prefix must keep at least "https://host/": a slash within "https://" is not a path.
  if (slash < "https://".length) return undefined;
  if (!isPathSegment(candidate, slash + 1)) return undefined;
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

/** PATH_SEGMENT, tested in place: the same rule without slicing the candidate. */
function isPathSegment(text: string, from: number): boolean {
  const length = text.length - from;
  if (length < 1 || length > 128) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
    if (!ok) return false;
  }
  return true;
}
