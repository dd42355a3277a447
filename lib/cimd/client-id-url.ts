// Which strings may be a client_id URL (draft-ietf-oauth-client-id-metadata-document §3): checked
// on the string alone, before any network traffic. Like redirect URIs, a client_id is compared as an
// exact string, so it is never repaired: a non-canonical one is refused with the string to use.
import { problem, type CimdProblem } from "./problems";

export const MAX_CLIENT_ID_LENGTH = 2048;

export type ClientIdUrlCheck = { ok: true; url: URL } | { ok: false; problem: CimdProblem };

export function checkClientIdUrl(input: unknown): ClientIdUrlCheck {
  const refuse = (...reasons: string[]): ClientIdUrlCheck => ({
    ok: false,
    problem: problem("cimd_url_invalid", `Not a usable client ID URL: ${reasons.join(" ")}`),
  });
  if (typeof input !== "string") return refuse("it must be a string.");
  if (input === "") return refuse("it is empty.");
  if (input.length > MAX_CLIENT_ID_LENGTH) return refuse(`it is longer than ${MAX_CLIENT_ID_LENGTH} characters.`);
  // Spaces, controls and non-ASCII would be percent-encoded or dropped by the parser: say so plainly.
  if (/[^\u0021-\u007e]/.test(input)) {
    return refuse("it contains a space, a control character or a non-ASCII character (use punycode for the host).");
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse("it is not an absolute URL (https://host/path).");
  }
  if (url.protocol !== "https:") return refuse(`it must use https, not ${url.protocol.slice(0, -1)}.`);

  const reasons: string[] = [];
  if (url.username || url.password || authorityOf(input).includes("@")) {
    reasons.push("it must not contain a user name or password (…@).");
  }
  if (input.includes("#")) reasons.push("it must not have a fragment (#…).");
  if (hasDotSegment(rawPathOf(input))) reasons.push("its path must not contain . or .. segments.");
  if (url.pathname === "/") reasons.push("it must have a path (https://host/ alone cannot be a client ID).");
  if (reasons.length === 0 && url.href !== input) {
    reasons.push(`it is not in canonical form; use ${url.href} (and have the client send exactly that string).`);
  }
  return reasons.length > 0 ? refuse(...reasons) : { ok: true, url };
}

/** The raw authority: between "scheme://" and the first / ? # or \. */
function authorityOf(input: string): string {
  const start = input.indexOf("//");
  if (start === -1) return "";
  const rest = input.slice(start + 2);
  const end = rest.search(/[/?#\\]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function rawPathOf(input: string): string {
  const start = input.indexOf("//");
  if (start === -1) return "";
  const afterScheme = input.slice(start + 2);
  const pathStart = afterScheme.search(/[/\\]/);
  if (pathStart === -1) return "";
  const path = afterScheme.slice(pathStart);
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

// The WHATWG parser removes ".", "..", and their percent-encoded spellings (%2e), so the canonical
// check alone would catch them too; this gives the developer the real reason.
function hasDotSegment(path: string): boolean {
  return path
    .split(/[/\\]/)
    .map((segment) => segment.toLowerCase().replaceAll("%2e", "."))
    .some((segment) => segment === "." || segment === "..");
}
