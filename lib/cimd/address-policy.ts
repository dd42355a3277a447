// Which addresses the fetcher may connect to. A client_id URL is chosen by whoever submits it, so
// without this the portal would fetch, and show, whatever its own network can reach: cloud metadata
// (169.254.169.254), admin interfaces on 10/8, the portal itself. IPv4 is a deny list of the
// special-use registry (RFC 6890 and later additions); IPv6 is an allow list of global unicast
// (2000::/3) less its special-use blocks, so unassigned space is refused too.
import { BlockList, isIP } from "node:net";

/** Why an address is refused, for the message; null when it may be fetched from. */
export type AddressRefusal = string | null;

// Two lists, each only ever checked with its own family: Node's BlockList matches an IPv4 address
// against an IPv4-mapped IPv6 rule (and vice versa), so one mixed list would confuse the two.
const SPECIAL_IPV4: [string, number, string][] = [
  ["0.0.0.0", 8, "“this network” (0.0.0.0/8)"],
  ["10.0.0.0", 8, "private-use (10.0.0.0/8)"],
  ["100.64.0.0", 10, "shared address space, carrier-grade NAT (100.64.0.0/10)"],
  ["127.0.0.0", 8, "loopback (127.0.0.0/8)"],
  ["169.254.0.0", 16, "link-local (169.254.0.0/16), where cloud metadata services live"],
  ["172.16.0.0", 12, "private-use (172.16.0.0/12)"],
  ["192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"],
  ["192.0.2.0", 24, "documentation (192.0.2.0/24)"],
  ["192.88.99.0", 24, "deprecated 6to4 relay anycast (192.88.99.0/24)"],
  ["192.168.0.0", 16, "private-use (192.168.0.0/16)"],
  ["198.18.0.0", 15, "benchmarking (198.18.0.0/15)"],
  ["198.51.100.0", 24, "documentation (198.51.100.0/24)"],
  ["203.0.113.0", 24, "documentation (203.0.113.0/24)"],
  ["224.0.0.0", 4, "multicast (224.0.0.0/4)"],
  ["240.0.0.0", 4, "reserved (240.0.0.0/4), including broadcast 255.255.255.255"],
];

const SPECIAL_IPV6: [string, number, string][] = [
  ["::ffff:0:0", 96, "an IPv4-mapped IPv6 address (::ffff:0:0/96)"],
  ["::ffff:0:0:0", 96, "an IPv4-translated IPv6 address (::ffff:0:0:0/96)"],
  ["::", 96, "unspecified, loopback or IPv4-compatible IPv6 (::/96)"],
  ["64:ff9b:1::", 48, "local-use NAT64 (64:ff9b:1::/48)"],
  ["100::", 64, "discard-only (100::/64)"],
  // Teredo (2001::/32), benchmarking (2001:2::/48), ORCHID and the rest of the IETF block.
  ["2001::", 23, "IETF protocol assignments, Teredo included (2001::/23)"],
  ["2001:db8::", 32, "documentation (2001:db8::/32)"],
  // 6to4 carries an IPv4 address that a relay would reach; the mechanism is deprecated (RFC 7526),
  // and no client needs it to serve a document, so the whole block is refused.
  ["2002::", 16, "6to4 (2002::/16)"],
  ["3fff::", 20, "documentation (3fff::/20)"],
  ["5f00::", 16, "segment routing (5f00::/16)"],
  ["fc00::", 7, "unique local (fc00::/7)"],
  ["fe80::", 10, "link-local (fe80::/10)"],
  ["fec0::", 10, "deprecated site-local (fec0::/10)"],
  ["ff00::", 8, "multicast (ff00::/8)"],
];

// The well-known NAT64 prefix (RFC 6052): on an IPv6-only network with DNS64 every IPv4-only host
// resolves into it, so the IPv4 address it carries decides.
const NAT64_WELL_KNOWN = subnet("64:ff9b::", 96, "ipv6");
const GLOBAL_UNICAST_IPV6 = subnet("2000::", 3, "ipv6");
const IPV6_LOOPBACK = subnet("::1", 128, "ipv6");

function subnet(network: string, prefix: number, type: "ipv4" | "ipv6"): BlockList {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return list;
}

const specialIpv4 = SPECIAL_IPV4.map(([network, prefix, label]) => ({ list: subnet(network, prefix, "ipv4"), label }));
const specialIpv6 = SPECIAL_IPV6.map(([network, prefix, label]) => ({ list: subnet(network, prefix, "ipv6"), label }));

export interface AddressPolicyOptions {
  /** CIMD_ALLOW_LOOPBACK: exactly 127.0.0.1 and ::1 become reachable, for tests and development. */
  allowLoopback: boolean;
}

export function addressRefusal(address: string, { allowLoopback }: AddressPolicyOptions): AddressRefusal {
  // A zone index (fe80::1%eth0) names an interface: only link-local addresses carry one.
  if (address.includes("%")) return "an address with an interface zone";
  const family = isIP(address);
  if (family === 4) {
    if (allowLoopback && address === "127.0.0.1") return null;
    return specialIpv4.find(({ list }) => list.check(address, "ipv4"))?.label ?? null;
  }
  if (family === 6) {
    if (allowLoopback && IPV6_LOOPBACK.check(address, "ipv6")) return null;
    const special = specialIpv6.find(({ list }) => list.check(address, "ipv6"));
    if (special) return special.label;
    if (NAT64_WELL_KNOWN.check(address, "ipv6")) {
      const ipv4 = embeddedNat64Ipv4(address);
      const refusal = addressRefusal(ipv4, { allowLoopback: false });
      return refusal ? `NAT64 for ${ipv4}, ${refusal}` : null;
    }
    if (!GLOBAL_UNICAST_IPV6.check(address, "ipv6")) return "outside IPv6 global unicast (2000::/3)";
    return null;
  }
  return "not an IP address";
}

/** The IPv4 address in the last 32 bits of a 64:ff9b::/96 address (in any IPv6 spelling). */
function embeddedNat64Ipv4(address: string): string {
  const groups = expandIpv6(address);
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** The eight 16-bit groups of a valid IPv6 address; a trailing dotted quad counts as two. */
function expandIpv6(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Host names refused before any lookup. `localhost` and its subdomains resolve to loopback by
 * convention (RFC 6761 §6.3), sometimes without asking DNS at all: even with CIMD_ALLOW_LOOPBACK,
 * only the literal addresses are reachable.
 */
export function hostnameRefusal(hostname: string): AddressRefusal {
  const name = hostname.replace(/\.+$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return "a localhost name";
  return null;
}
