// Splitting a candidate loopback URI into its port and the rest, on the raw string: a candidate
// is never normalised, so this is plain text work with RFC 8252 §7.3's port rule.

/** One path segment that may follow a path_prefix rule. */
export const PATH_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

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

/**
 * The loopback key of a candidate (the URI without its port) when the candidate is a loopback URI
 * whose port, if any, is a decimal 1–65535 without leading zeros; otherwise null.
 */
export function loopbackKey(candidate: string): string | null {
  // Most candidates are not loopback URIs: a cheap test spares them the regular expression.
  if (!LOOPBACK_STARTS.some((start) => candidate.startsWith(start))) return null;
  const match = LOOPBACK_CANDIDATE.exec(candidate);
  if (!match) return null;
  const port = match[2];
  if (port !== undefined && Number(port) > 65535) return null;
  return match[1]! + (match[3] ?? "");
}
