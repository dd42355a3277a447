// The address a request came from, for the audit log and anything else keyed by client. It is the
// socket's peer, unless that peer is a proxy the operator trusts (TRUSTED_PROXIES): then the
// X-Forwarded-For hops are walked right to left — each appended by the proxy before it — until the
// first address that is not a trusted proxy. Anything left of that is whatever the client claimed.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * How the portal's server hands the resolved address to Next.js, whose headers() has no socket
 * address. The server always overwrites it, so a value sent by the client never gets through.
 */
export const CLIENT_IP_HEADER = "x-portal-client-ip";

/** Names an operator can use in TRUSTED_PROXIES instead of spelling out the ranges. */
const NAMED_RANGES: Record<string, [string, number][]> = {
  loopback: [
    ["127.0.0.0", 8],
    ["::1", 128],
  ],
  private: [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["fc00::", 7],
  ],
};

/** TRUSTED_PROXIES entries (IPs, CIDRs, "loopback", "private") → a list to check peers against. */
export function parseTrustedProxies(entries: string[]): { trusted: BlockList; invalid: string[] } {
  const trusted = new BlockList();
  const invalid: string[] = [];
  for (const entry of entries) {
    const ranges = NAMED_RANGES[entry.toLowerCase()];
    if (ranges) {
      for (const [network, prefix] of ranges) trusted.addSubnet(network, prefix, family(network));
      continue;
    }
    const [address = "", prefixText, ...rest] = entry.split("/");
    const kind = isIP(address);
    const maxPrefix = kind === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
    if (kind === 0 || rest.length > 0 || prefix < 0 || prefix > maxPrefix) {
      invalid.push(entry);
      continue;
    }
    trusted.addSubnet(address, prefix, family(address));
  }
  return { trusted, invalid };
}

function family(address: string): "ipv4" | "ipv6" {
  return isIP(address) === 4 ? "ipv4" : "ipv6";
}

/** An address as one hop writes it, or null if it is not one: "::ffff:1.2.3.4" and "1.2.3.4:5678" → "1.2.3.4". */
function normalise(raw: string | undefined): string | null {
  let address = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (/^::ffff:[\d.]+$/i.test(address)) address = address.slice(7);
  return isIP(address) ? address.toLowerCase() : null;
}

export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string | null {
  let client = normalise(socketAddress);
  if (!client) return null;
  const hops = forwardedFor ? forwardedFor.split(",") : [];
  while (hops.length > 0 && trusted.check(client, family(client))) {
    const hop = normalise(hops.pop());
    // A hop that is not an address: stop at the last proxy we could vouch for.
    if (!hop) break;
    client = hop;
  }
  return client;
}

/** Replaces any client-sent CLIENT_IP_HEADER with the address resolved from the socket. */
export function stampClientIp(req: IncomingMessage, trusted: BlockList): void {
  const forwarded = req.headers["x-forwarded-for"];
  const address = resolveClientIp(
    req.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trusted,
  );
  if (address) req.headers[CLIENT_IP_HEADER] = address;
  else delete req.headers[CLIENT_IP_HEADER];
}
