// One GET over https to addresses that were already checked. No redirects are followed (Node's https
// never does), no connection is pooled, and the body is read only up to the size limit.
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import type { TLSSocket } from "node:tls";
import { problem, type CimdProblem } from "./problems";

export const MAX_DOCUMENT_BYTES = 5120;

export interface HttpsGetRequest {
  url: URL;
  /** The checked addresses of url's host: the only ones the connection may go to. */
  addresses: string[];
  headers: Record<string, string>;
  /** Aborts everything, slow bodies included: the caller's overall deadline. */
  signal: AbortSignal;
  /** Certificate authorities to trust instead of the system's (tests only). */
  ca?: string | Buffer | (string | Buffer)[];
  /** A smaller cap than a CIMD document's (the domain verification file: 1 KB). */
  maxBytes?: number;
}

export interface HttpsResponse {
  status: number;
  headers: {
    contentType: string | null;
    contentEncoding: string | null;
    cacheControl: string | null;
    etag: string | null;
    lastModified: string | null;
    location: string | null;
  };
  /** The address the connection went to. */
  address: string | null;
  /** Bytes of body received (for a body over the limit: how many arrived before the socket was cut). */
  bytes: number;
  /** The body, for a 200 within the size limit; otherwise null (other statuses are not read). */
  body: Buffer | null;
}

export type HttpsGetOutcome =
  | { ok: true; response: HttpsResponse }
  | { ok: false; problem: CimdProblem; response: HttpsResponse | null; address: string | null };

export function httpsGet(request: HttpsGetRequest): Promise<HttpsGetOutcome> {
  const { url, addresses, signal } = request;
  const maxBytes = request.maxBytes ?? MAX_DOCUMENT_BYTES;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    let settled = false;
    let phase: "connecting" | "handshaking" | "exchanging" = "connecting";
    let address: string | null = null;
    let response: HttpsResponse | null = null;
    const settle = (outcome: HttpsGetOutcome) => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve(outcome);
    };
    const fail = (failure: CimdProblem) => settle({ ok: false, problem: failure, response, address });

    const req = https.request({
      method: "GET",
      host,
      port: url.port || 443,
      path: `${url.pathname}${url.search}`,
      headers: { Host: url.host, ...request.headers },
      // SNI and the certificate check use the name from the URL; RFC 6066 forbids an IP as SNI.
      servername: isIP(host) ? undefined : host,
      lookup: pinnedLookup(addresses),
      agent: false,
      ca: request.ca,
      // Explicit, so that NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot turn checks off.
      rejectUnauthorized: true,
      signal,
    });

    req.on("socket", (socket) => {
      socket.once("connect", () => {
        phase = "handshaking";
        address = socket.remoteAddress ?? null;
      });
      (socket as TLSSocket).once("secureConnect", () => (phase = "exchanging"));
    });

    req.on("error", (error: NodeJS.ErrnoException) => {
      if (signal.aborted) return fail(timeoutProblem(phase));
      fail(networkProblem(error, phase, url.host));
    });

    req.on("response", (res) => {
      address = res.socket.remoteAddress ?? address;
      // Cannot happen with the pinned lookup; checked anyway, since everything rests on it.
      if (address && !isOneOf(address, addresses)) {
        return fail(problem("cimd_address_refused", `Connected to ${address}, which was not checked.`));
      }
      const header = (name: string) => {
        const value = res.headers[name];
        return typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;
      };
      response = {
        status: res.statusCode ?? 0,
        headers: {
          contentType: header("content-type"),
          contentEncoding: header("content-encoding"),
          cacheControl: header("cache-control"),
          etag: header("etag"),
          lastModified: header("last-modified"),
          location: header("location"),
        },
        address,
        bytes: 0,
        body: null,
      };
      const current = response;
      if (current.status !== 200) return settle({ ok: true, response: current });

      const declared = Number(header("content-length") ?? NaN);
      if (declared > maxBytes) {
        current.bytes = declared;
        return fail(tooLarge(`declares ${declared} bytes`, maxBytes));
      }
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        current.bytes += chunk.length;
        // Cut the socket at once: a client that streams forever must not cost more than this.
        if (current.bytes > maxBytes) return fail(tooLarge(`sent more than ${maxBytes} bytes`, maxBytes));
        chunks.push(chunk);
      });
      res.on("end", () => {
        current.body = Buffer.concat(chunks);
        settle({ ok: true, response: current });
      });
      res.on("error", () => {
        if (signal.aborted) return fail(timeoutProblem(phase));
        fail(problem("cimd_connection_failed", `The connection to ${url.host} broke while the document was read.`));
      });
      res.on("aborted", () => {
        if (!signal.aborted) {
          fail(problem("cimd_connection_failed", `The connection to ${url.host} broke while the document was read.`));
        }
      });
    });

    signal.addEventListener("abort", () => fail(timeoutProblem(phase)), { once: true });
    req.end();
  });
}

/** A lookup that answers with the checked addresses and never asks DNS again. */
function pinnedLookup(addresses: string[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses
      .map((address) => ({ address, family: isIP(address) }))
      .filter((entry) => wanted === 0 || entry.family === wanted);
    if (usable.length === 0) {
      const error: NodeJS.ErrnoException = new Error("no checked address of the requested family");
      error.code = "ENOTFOUND";
      return callback(error, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, all: typeof usable) => void)(null, usable);
    callback(null, usable[0]!.address, usable[0]!.family);
  };
}

/** Compared as addresses, not strings: one IPv6 address has many spellings. */
function isOneOf(address: string, addresses: string[]): boolean {
  const family = isIP(address) === 4 ? "ipv4" : "ipv6";
  const list = new BlockList();
  for (const allowed of addresses) list.addAddress(allowed, isIP(allowed) === 4 ? "ipv4" : "ipv6");
  return isIP(address) !== 0 && list.check(address, family);
}

function tooLarge(what: string, maxBytes: number): CimdProblem {
  return problem(
    "cimd_too_large",
    `The document is too large: the server ${what}; at most ${maxBytes} bytes are read.`,
  );
}

function timeoutProblem(phase: string): CimdProblem {
  const when =
    phase === "connecting"
      ? "connecting"
      : phase === "handshaking"
        ? "in the TLS handshake"
        : "waiting for the document";
  return problem("cimd_timeout", `Timed out ${when}: the whole fetch must finish within the time limit.`);
}

function networkProblem(error: NodeJS.ErrnoException, phase: string, host: string): CimdProblem {
  const code = error.code ?? "";
  // A certificate that fails verification, a handshake alert, a name the certificate does not cover.
  if (phase === "handshaking" || /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME)/.test(code)) {
    return problem("cimd_tls", `TLS with ${host} failed: ${error.message}`);
  }
  if (phase === "connecting") {
    return problem("cimd_connection_failed", `Could not connect to ${host} (${code || error.message}).`);
  }
  return problem("cimd_connection_failed", `The connection to ${host} failed (${code || error.message}).`);
}
