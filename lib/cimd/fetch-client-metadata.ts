// fetchClientMetadata: the one way the portal reads a client ID metadata document. The URL is
// checked, the host resolved and every address checked, and the connection made only to those
// addresses; then the response and the document are checked. It never throws for anything the
// client's server does: every outcome is a CimdFetchResult with stable error codes.
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { addressRefusal, hostnameRefusal } from "./address-policy";
import { checkClientIdUrl } from "./client-id-url";
import { checkDocument } from "./document-checks";
import { httpsGet, type HttpsResponse } from "./https-get";
import { problem, type CimdProblem } from "./problems";
import { checkRedirectUris, type CimdRedirectUriCheck } from "./redirect-uri-checks";
import { resolveHost } from "./resolve-host";
import type { CimdFetchDetails, CimdFetchResult } from "./result";

export const DEFAULT_TIMEOUT_MS = 5000;

export interface CimdFetchOptions {
  /** Overall limit, slow bodies included (default 5000 ms). Tests shorten it. */
  timeoutMs?: number;
  /** Reach exactly 127.0.0.1 and ::1. Default: the CIMD_ALLOW_LOOPBACK setting. */
  allowLoopback?: boolean;
  /** Ask these DNS servers ("127.0.0.1:5300"). Default: DNS_SERVERS when set, else the system resolver. */
  dnsServers?: string[];
  /** Trust these certificate authorities instead of the system's (unit tests; the app uses NODE_EXTRA_CA_CERTS). */
  ca?: string | Buffer | (string | Buffer)[];
  /** A conditional re-fetch: the ETag / Last-Modified of the pinned copy; a 304 answers not_modified. */
  etag?: string | null;
  lastModified?: string | null;
}

export async function fetchClientMetadata(clientId: string, options: CimdFetchOptions = {}): Promise<CimdFetchResult> {
  const started = performance.now();
  const details: CimdFetchDetails = {
    fetchedAt: new Date().toISOString(),
    durationMs: 0,
    resolvedAddresses: [],
    address: null,
    status: null,
    contentType: null,
    cacheControl: null,
    etag: null,
    lastModified: null,
    location: null,
    bytes: 0,
  };
  const finish = (parts: Partial<CimdFetchResult> & Pick<CimdFetchResult, "outcome">): CimdFetchResult => {
    details.durationMs = Math.round(performance.now() - started);
    const problems = parts.problems ?? [];
    return {
      clientId,
      body: null,
      sha256: null,
      document: null,
      redirectUris: [],
      ...parts,
      approvable: parts.outcome === "fetched" && problems.length === 0,
      details,
      problems,
      errorCodes: [...new Set(problems.map((found) => found.code))],
    };
  };
  const failed = (...problems: CimdProblem[]) => finish({ outcome: "failed", problems });

  const checkedUrl = checkClientIdUrl(clientId);
  if (!checkedUrl.ok) return failed(checkedUrl.problem);
  const url = checkedUrl.url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const { env } = await import("@/lib/env");
  const allowLoopback = options.allowLoopback ?? env.CIMD_ALLOW_LOOPBACK;
  // The configured resolver (DNS_SERVERS), as for domain proofs; else the system's.
  const dnsServers = options.dnsServers ?? (env.DNS_SERVERS.length > 0 ? env.DNS_SERVERS : undefined);

  const nameRefusal = isIP(host) ? null : hostnameRefusal(host);
  if (nameRefusal) return failed(problem("cimd_address_refused", `${host} is refused: ${nameRefusal}.`));

  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const resolved = isIP(host)
    ? { ok: true as const, addresses: [host] }
    : await beforeDeadline(resolveHost(host, dnsServers), signal);
  if (!resolved) return failed(problem("cimd_timeout", `Timed out resolving ${host}.`));
  if (!resolved.ok) return failed(resolved.problem);
  details.resolvedAddresses = resolved.addresses;
  const refusals = resolved.addresses.flatMap((address) => {
    const refusal = addressRefusal(address, { allowLoopback });
    return refusal ? [`${address} (${refusal})`] : [];
  });
  if (refusals.length > 0) {
    // One refused address refuses the host: which address a connection would use is not ours to pick.
    return failed(
      problem(
        "cimd_address_refused",
        `${host} resolves to an address the portal does not fetch from: ${refusals.join(", ")}.`,
      ),
    );
  }

  const fetched = await httpsGet({
    url,
    addresses: resolved.addresses,
    headers: requestHeaders(options),
    signal,
    ca: options.ca,
  });
  if (fetched.response) copyResponseDetails(details, fetched.response);
  details.address = fetched.ok ? fetched.response.address : (fetched.response?.address ?? fetched.address);
  if (!fetched.ok) return failed(fetched.problem);
  const response = fetched.response;

  const conditional = Boolean(options.etag || options.lastModified);
  if (response.status === 304 && conditional) return finish({ outcome: "not_modified" });
  // 304 is not a redirect: unasked for, it is just not a 200.
  if (response.status >= 300 && response.status < 400 && response.status !== 304) {
    return failed(redirectProblem(response));
  }
  if (response.status !== 200 || !response.body) {
    return failed(problem("cimd_http_status", `The server answered ${response.status}; only 200 counts.`));
  }

  const body = response.body;
  const checked = checkDocument({
    body,
    contentType: response.headers.contentType,
    contentEncoding: response.headers.contentEncoding,
    clientId,
  });
  const redirectUris: { checks: CimdRedirectUriCheck[]; problems: CimdProblem[] } = checked.document
    ? checkRedirectUris(checked.document.redirect_uris)
    : { checks: [], problems: [] };
  return finish({
    outcome: "fetched",
    body: checked.text,
    sha256: createHash("sha256").update(body).digest("hex"),
    document: checked.document,
    redirectUris: redirectUris.checks,
    problems: [...checked.problems, ...redirectUris.problems],
  });
}

function requestHeaders(options: CimdFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    // A compressed body would defeat the size limit's purpose; the server must send it plain.
    "Accept-Encoding": "identity",
    "User-Agent": "AllowlistPortal-CIMD/1",
  };
  // Values that came from a response header; anything else is not sent (the fetch is then unconditional).
  const printable = /^[\x21-\x7e][\x20-\x7e]*$/;
  if (options.etag && printable.test(options.etag)) headers["If-None-Match"] = options.etag;
  if (options.lastModified && printable.test(options.lastModified)) headers["If-Modified-Since"] = options.lastModified;
  return headers;
}

function copyResponseDetails(details: CimdFetchDetails, response: HttpsResponse) {
  details.status = response.status;
  details.contentType = response.headers.contentType;
  details.cacheControl = response.headers.cacheControl;
  details.etag = response.headers.etag;
  details.lastModified = response.headers.lastModified;
  details.location = response.headers.location;
  details.bytes = response.bytes;
}

function redirectProblem(response: HttpsResponse): CimdProblem {
  const location = response.headers.location;
  const where = location
    ? `pointed to ${location.length > 300 ? `${location.slice(0, 300)}…` : location}`
    : "gave no Location";
  return problem(
    "cimd_redirect_refused",
    `The server answered ${response.status} and ${where}. Redirects are never followed: serve the document at the client ID URL itself.`,
  );
}

/** The promise's value, or null when the deadline passes first. */
async function beforeDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return null;
  let onAbort = () => {};
  const deadline = new Promise<null>((resolve) => {
    onAbort = () => resolve(null);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
