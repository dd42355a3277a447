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

export function isLocalhostSubdomain(hostname: string): boolean {
  return hostname.endsWith(".localhost") || hostname.endsWith(".localhost.");
}
