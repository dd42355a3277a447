// Host classification on WHATWG-parsed hostnames (lower-case, punycode, canonical IP forms).

/** The three loopback hosts. None implies another (RFC 8252 §7.3, §8.3). */
export const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isIpv4Literal(hostname: string): boolean {
  return IPV4.test(hostname);
}

export function isIpv6Literal(hostname: string): boolean {
  return hostname.startsWith("[");
}

export function isIpLiteral(hostname: string): boolean {
  return isIpv4Literal(hostname) || isIpv6Literal(hostname);
}

export function isUnspecifiedAddress(hostname: string): boolean {
  return hostname === "0.0.0.0" || hostname === "[::]";
}

/** 127.0.0.0/8 other than 127.0.0.1 itself. */
export function isOtherLoopbackIpv4(hostname: string): boolean {
  return isIpv4Literal(hostname) && hostname.startsWith("127.") && hostname !== "127.0.0.1";
}

/** WHATWG serialises ::ffff:a.b.c.d as [::ffff:xxxx:xxxx]. */
export function isIpv4MappedIpv6(hostname: string): boolean {
  return /^\[::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}\]$/.test(hostname) || /^\[::ffff:\d/.test(hostname);
}

// A fully-qualified name may end in dots ("localhost.", "localhost.."): resolvers treat them as the
// same name, while exact string matching treats them as different hosts.
export function withoutTrailingDots(hostname: string): string {
  let end = hostname.length;
  while (end > 0 && hostname[end - 1] === ".") end--;
  return hostname.slice(0, end);
}

export function isLocalhostSubdomain(hostname: string): boolean {
  return withoutTrailingDots(hostname).endsWith(".localhost");
}

/** localhost spelt with trailing dots: it resolves to loopback, but it is not the loopback host localhost. */
export function isLocalhostWithTrailingDot(hostname: string): boolean {
  return hostname !== "localhost" && withoutTrailingDots(hostname) === "localhost";
}

/** 127.0.0.0/8, as a dotted quad. */
export function isLoopbackIpv4(ipv4: string): boolean {
  return ipv4.startsWith("127.");
}
