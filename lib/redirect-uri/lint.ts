// lintRedirectUri: the submission policy of PRODUCT.md ("Submission policy"), as one pure function.
// It never repairs what it checks: it says why a string is refused and, where one exists, which
// string to submit instead. The same function runs in the browser (as the developer types) and on
// the server (which never trusts the browser).
import type { Flag, Rejection } from "./issues";
import {
  LOOPBACK_HOSTS,
  isIpLiteral,
  isIpv4MappedIpv6,
  isLocalhostSubdomain,
  isLocalhostWithTrailingDot,
  isLoopbackIpv4,
  isOtherLoopbackIpv4,
  isUnspecifiedAddress,
} from "./hosts";
import { embeddedIpv4 } from "./ipv6";
import { PATH_SEGMENT } from "./loopback";

/** What an allowlist entry can be (PRODUCT.md "Rule kinds"): the one list of them. */
export const RULE_KINDS = ["exact", "loopback", "path_prefix"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const MAX_URI_LENGTH = 2048;

const DENIED_SCHEMES = new Set([
  "javascript",
  "data",
  "vbscript",
  "file",
  "blob",
  "about",
  "mailto",
  "ftp",
  "ws",
  "wss",
  // Wrappers around another URL that a browser would load or show in its own context.
  "filesystem",
  "view-source",
  "jar",
]);
const RESERVED_QUERY_PARAMETERS = ["code", "state", "error", "response"];
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NON_ASCII = /[^\u0000-\u007f]/;
// Printable ASCII that RFC 3986 allows nowhere in a URI (the wildcard * is checked on its own).
const NOT_URI_CHARACTER = /[ "<>\\^`{|}]/;

export type LintVerdict =
  | { ok: false; input: unknown; reasons: Rejection[]; flags: Flag[] }
  | {
      ok: true;
      input: string;
      /** The string to store: the input, less the port of a loopback URI. */
      uri: string;
      kind: RuleKind;
      flags: Flag[];
      /** The port that was removed from a loopback URI: any port will match. */
      removedPort?: string;
    };

export interface LintOptions {
  /** Submit the URI as a path_prefix rule rather than an exact or loopback one. */
  asPathPrefix?: boolean;
}

export function lintRedirectUri(input: unknown, options: LintOptions = {}): LintVerdict {
  const reasons: Rejection[] = [];
  const flags: Flag[] = [];
  const reject = (verdict: Rejection) => reasons.push(verdict);
  const done = (): LintVerdict => ({ ok: false, input, reasons, flags });

  if (typeof input !== "string") {
    reject({ code: "not_a_string", message: "A redirect URI must be a string." });
    return done();
  }
  if (input.length === 0) {
    reject({ code: "empty", message: "Enter a redirect URI." });
    return done();
  }
  if (input.length > MAX_URI_LENGTH) {
    reject({
      code: "too_long",
      message: `Longer than ${MAX_URI_LENGTH} characters (${input.length}). Use a shorter URI.`,
    });
    return done();
  }
  if (input.trim() !== input) {
    reject({ code: "whitespace", message: "Remove the spaces or line breaks at the start or end." });
  }
  if (CONTROL.test(input)) {
    reject({
      code: "control_character",
      message: input.includes("\u0000")
        ? "Contains a NUL character. Remove it."
        : "Contains a control character (such as a tab or line break). Remove it.",
    });
  }
  if (NON_ASCII.test(input)) {
    const suggestion = canonicalOrNull(input);
    reject({
      code: "non_ascii",
      message:
        "Contains a non-ASCII character. Give an internationalised host in punycode (xn--…) and percent-encode the path.",
      ...(suggestion && !NON_ASCII.test(suggestion) && !CONTROL.test(suggestion) ? { suggestion } : {}),
    });
  }
  if (input.includes("*")) {
    reject({ code: "wildcard", message: "Wildcards (*) are not allowed: list each redirect URI exactly." });
  }
  const url = SCHEME.test(input) ? parseOrNull(input.trim()) : null;
  if (!url) {
    reject({
      code: "not_absolute",
      message: "Not an absolute URI. Start with a scheme, for example https://app.example.com/oauth/callback.",
    });
    return done();
  }
  if (input.includes("#")) {
    reject({
      code: "fragment",
      message: "Remove the fragment (#…): redirect URIs must not have one (RFC 6749 §3.1.2).",
    });
  }
  if (url.username || url.password || authorityOf(input).includes("@")) {
    reject({
      code: "userinfo",
      message: "Remove the user name or password before @: redirect URIs must not carry credentials.",
    });
  }

  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname;
  const isLoopbackHost = LOOPBACK_HOSTS.has(host);
  if (DENIED_SCHEMES.has(scheme)) {
    reject({ code: "scheme_not_allowed", message: `The ${scheme}: scheme cannot be a redirect URI.` });
  } else if (scheme === "http" && !isLoopbackHost && !isLocalhostSubdomain(host) && !isLocalhostWithTrailingDot(host)) {
    reject({
      code: "http_not_loopback",
      message: "Use https. Plain http is allowed only for 127.0.0.1, [::1] or localhost (native apps, RFC 8252).",
    });
  }
  if (isUnspecifiedAddress(host)) {
    reject({ code: "unspecified_address", message: `${host} is not a loopback address. Use 127.0.0.1.` });
  } else if (isOtherLoopbackIpv4(host)) {
    reject({
      code: "loopback_ip_not_127_0_0_1",
      message: `Use 127.0.0.1 rather than ${host} for the loopback interface.`,
    });
  } else if (isIpv4MappedIpv6(host)) {
    reject({
      code: "ipv4_mapped_ipv6",
      message: "IPv4-mapped IPv6 addresses are not allowed. Use 127.0.0.1 or [::1].",
    });
  } else if (isLocalhostSubdomain(host)) {
    reject({
      code: "localhost_subdomain",
      message: "Subdomains of localhost are not allowed. Use 127.0.0.1, [::1] or localhost.",
    });
  } else if (isLocalhostWithTrailingDot(host)) {
    reject({
      code: "localhost_trailing_dot",
      message: `${host} (with a trailing dot) reaches the loopback interface but is not the loopback host localhost: use http://127.0.0.1, http://[::1] or http://localhost without the dot.`,
    });
  }
  for (const { form, ipv4 } of embeddedIpv4(host)) {
    if (form === "ipv4_compatible") {
      reject({
        code: "ipv4_compatible_ipv6",
        message: `${host} is the deprecated IPv4-compatible IPv6 form of ${ipv4}. Use 127.0.0.1 or [::1] for loopback, else a domain name.`,
      });
      break;
    }
    if (isLoopbackIpv4(ipv4)) {
      reject({
        code: "ipv6_embedded_loopback",
        message: `${host} is an IPv6 (NAT64 or translated) form of ${ipv4}. Use 127.0.0.1 or [::1] for loopback.`,
      });
      break;
    }
  }
  const params = new URLSearchParams(url.search);
  const reserved = RESERVED_QUERY_PARAMETERS.filter((name) => params.has(name));
  if (reserved.length > 0) {
    reject({
      code: "reserved_query_parameter",
      message: `Remove the query parameter${reserved.length > 1 ? "s" : ""} ${reserved.join(", ")}: the authorization server adds ${reserved.length > 1 ? "these" : "this"} itself.`,
    });
  }
  const canonical = url.href;
  if (
    canonical !== input &&
    !reasons.some((r) => r.code === "non_ascii" || r.code === "fragment" || r.code === "userinfo")
  ) {
    reject({
      code: "not_canonical",
      message: `Not in canonical form. Use ${canonical} — and make sure the client then sends exactly that string.`,
      suggestion: canonical,
    });
  }

  // WHATWG keeps some characters that RFC 3986 forbids (in the opaque path of a private-use
  // scheme, for instance): such a string is canonical but still not a URI.
  const invalid = canonical === input ? input.match(NOT_URI_CHARACTER) : null;
  if (invalid && !reasons.some((r) => r.code === "control_character" || r.code === "non_ascii")) {
    reject({
      code: "invalid_character",
      message: `Contains ${invalid[0] === " " ? "a space" : `the character ${invalid[0]}`}, which a URI cannot contain: percent-encode it.`,
    });
  }

  const kind: RuleKind = options.asPathPrefix
    ? "path_prefix"
    : isLoopbackHost && (scheme === "http" || scheme === "https")
      ? "loopback"
      : "exact";
  if (kind === "path_prefix") {
    const problem = pathPrefixProblem(url);
    if (problem) reject({ code: "path_prefix_invalid", message: problem });
  }
  if (reasons.length > 0) return done();

  addFlags(flags, url, kind);
  if (kind === "loopback" && url.port) {
    const withoutPort = `${url.protocol}//${host}${input.slice(authorityEnd(input))}`;
    return { ok: true, input, uri: withoutPort, kind, flags, removedPort: url.port };
  }
  return { ok: true, input, uri: input, kind, flags };
}

function addFlags(flags: Flag[], url: URL, kind: RuleKind) {
  const scheme = url.protocol.slice(0, -1);
  if (url.hostname === "localhost") {
    flags.push({
      code: "localhost_not_ip",
      message:
        "Uses localhost rather than 127.0.0.1 or [::1]; RFC 8252 §8.3 does not recommend it (it can resolve elsewhere).",
    });
  }
  if (scheme !== "http" && scheme !== "https" && !scheme.includes(".")) {
    flags.push({
      code: "scheme_not_reverse_dns",
      message: `The private-use scheme ${scheme}: is not reverse-DNS (RFC 8252 §7.1 suggests one like com.example.app:), so another app could claim it.`,
    });
  }
  if (scheme === "https" && isIpLiteral(url.hostname)) {
    flags.push({
      code: "ip_literal_host",
      message: "An https URI whose host is an IP address rather than a domain name.",
    });
  }
  if (url.search) {
    flags.push({
      code: "query_string",
      message: "Has a query string: the client must send it exactly, in this order.",
    });
  }
  if (/%2f|%5c/i.test(url.pathname)) {
    flags.push({ code: "encoded_separator", message: "The path contains an encoded slash or backslash (%2F, %5C)." });
  }
  if (kind === "path_prefix") {
    flags.push({
      code: "path_prefix",
      message: "A path prefix rule allows any one path segment after it: high risk, and only an admin can approve it.",
    });
  }
}

function pathPrefixProblem(url: URL): string | null {
  if (url.protocol !== "https:") return "A path prefix rule must use https.";
  if (url.search || url.hash) return "A path prefix rule cannot have a query or a fragment.";
  if (!url.pathname.endsWith("/"))
    return "A path prefix must end with / (for example https://app.example.com/connector/oauth/).";
  const segments = url.pathname.split("/").slice(1, -1);
  if (segments.some((segment) => !PATH_SEGMENT.test(segment))) {
    return "Each segment of a path prefix may contain only letters, digits, _ and -.";
  }
  return null;
}

function parseOrNull(input: string): URL | null {
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

function canonicalOrNull(input: string): string | null {
  return parseOrNull(input.trim())?.href ?? null;
}

/** Where the authority ends in the raw string: the first / ? # or \ after "scheme://". */
function authorityEnd(input: string): number {
  const start = input.indexOf("//") + 2;
  const rest = input.slice(start).search(/[/?#\\]/);
  return rest === -1 ? input.length : start + rest;
}

function authorityOf(input: string): string {
  const start = input.indexOf("//");
  if (start === -1 || start !== input.indexOf(":") + 1) return "";
  return input.slice(start + 2, authorityEnd(input));
}
