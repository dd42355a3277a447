// Which names may be claimed, and which hosts a verified domain covers. Pure: no I/O.
import { isIP } from "node:net";
import { parse } from "tldts";

export type DomainCheck = { ok: true; domain: string } | { ok: false; message: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The claimable form of what a developer typed (lower-case, no trailing dot), or why it is refused. */
export function checkDomainName(input: string): DomainCheck {
  const domain = input.trim().toLowerCase().replace(/\.$/, "");
  if (domain === "") return { ok: false, message: "Enter a domain name, such as example.com." };
  if (/[^\x21-\x7e]/.test(domain)) {
    return { ok: false, message: "Give an internationalised name in punycode (xn--…), without spaces." };
  }
  if (domain.includes("/") || domain.includes(":") || domain.includes("@")) {
    return { ok: false, message: "Enter only the domain name (example.com), not a URL." };
  }
  if (isIP(domain.replace(/^\[|\]$/g, "")) !== 0) {
    return { ok: false, message: "An IP address cannot be verified: claim a domain name." };
  }
  if (domain === "localhost" || domain.endsWith(".localhost")) {
    return { ok: false, message: "localhost names belong to every machine: they cannot be verified." };
  }
  const labels = domain.split(".");
  if (domain.length > 253 || labels.some((label) => !LABEL.test(label))) {
    return { ok: false, message: "That is not a valid domain name (letters, digits and hyphens between dots)." };
  }
  // The private section counts: anyone can own a name under vercel.app or github.io, nobody owns vercel.app.
  const parsed = parse(domain, { allowPrivateDomains: true });
  if (labels.length < 2 || !parsed.domain || parsed.publicSuffix === domain) {
    return {
      ok: false,
      message: `${domain} is a public suffix (anyone can register names under it): claim your own name under it instead.`,
    };
  }
  return { ok: true, domain };
}

export type DomainScope = "exact" | "subtree";

/** Whether a verified domain covers a host: the name itself, or any name below it for scope=subtree. */
export function domainCovers(domain: string, scope: DomainScope, host: string): boolean {
  const name = host.toLowerCase();
  return name === domain || (scope === "subtree" && name.endsWith(`.${domain}`));
}

/**
 * Whether a reverse-DNS private-use scheme (RFC 8252 §7.1) belongs to a verified domain: the domain
 * reversed, optionally followed by one app label (com.example, com.example.app for example.com);
 * with scope=subtree, any name under the domain reversed.
 */
export function schemeCoveredBy(scheme: string, domain: string, scope: DomainScope): boolean {
  const forward = scheme.toLowerCase().split(".").reverse();
  if (forward.length < 2) return false;
  if (forward.join(".") === domain) return true;
  if (scope === "subtree") return forward.join(".").endsWith(`.${domain}`);
  return forward.slice(1).join(".") === domain;
}
