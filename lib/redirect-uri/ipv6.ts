// IPv6 literals that carry an IPv4 address inside them. A WHATWG-parsed host is already canonical
// ([…], lower-case hex, longest zero run compressed, no dotted quad), so plain text work suffices.

/** The eight 16-bit groups of a bracketed IPv6 host, or null when the host is not one. */
export function ipv6Groups(hostname: string): number[] | null {
  if (!hostname.startsWith("[") || !hostname.endsWith("]")) return null;
  const [head, tail, ...rest] = hostname.slice(1, -1).split("::");
  if (rest.length > 0 || head === undefined) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = 8 - left.length - right.length;
  if (zeros < 0 || (tail === undefined && zeros !== 0) || [...left, ...right].some(Number.isNaN)) return null;
  return [...left, ...Array<number>(zeros).fill(0), ...right];
}

export interface EmbeddedIpv4 {
  /** How the IPv6 address carries the IPv4 one. */
  form: "ipv4_compatible" | "ipv4_translated" | "nat64";
  ipv4: string;
}

/**
 * The IPv4 addresses an IPv6 literal stands for, in the forms that translate or route to them:
 * IPv4-compatible ::a.b.c.d (deprecated, RFC 4291 §2.5.5.1; :: and ::1 excluded), SIIT-translated
 * ::ffff:0:a.b.c.d (RFC 2765), and NAT64 (RFC 6052) under the well-known 64:ff9b::/96 and the
 * local-use 64:ff9b:1::/48 (RFC 8215), whose operator picks the prefix length, so every RFC 6052
 * position is read. IPv4-mapped ::ffff:a.b.c.d is refused as a whole elsewhere.
 */
export function embeddedIpv4(hostname: string): EmbeddedIpv4[] {
  const g = ipv6Groups(hostname);
  if (!g) return [];
  const bytes = g.flatMap((group) => [group >> 8, group & 0xff]);
  const ipv4At = (...at: number[]) => at.map((i) => bytes[i]).join(".");
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const found: EmbeddedIpv4[] = [];
  const last = ipv4At(12, 13, 14, 15);
  if (zero(0, 12) && last !== "0.0.0.0" && last !== "0.0.0.1") found.push({ form: "ipv4_compatible", ipv4: last });
  if (zero(0, 8) && g[4] === 0xffff && g[5] === 0) {
    found.push({ form: "ipv4_translated", ipv4: last });
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(4, 12)) found.push({ form: "nat64", ipv4: last });
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) {
    // RFC 6052 §2.2: /48, /56 and /64 skip byte 8 (the "u" octet); /96 puts the address last.
    for (const at of [
      [6, 7, 9, 10],
      [7, 9, 10, 11],
      [9, 10, 11, 12],
      [12, 13, 14, 15],
    ]) {
      found.push({ form: "nat64", ipv4: ipv4At(...at) });
    }
  }
  return found;
}
