// Whose address the audit log records: forwarding headers count only when a trusted proxy sent them.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, parseTrustedProxies, resolveClientIp, stampClientIp } from "./client-ip";

const trust = (...entries: string[]) => parseTrustedProxies(entries).trusted;

describe("resolveClientIp", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (the default)", () => {
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", trust())).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", "1.2.3.4", trust())).toBe("203.0.113.9");
  });

  it("walks right to left through trusted proxies and stops at the first untrusted hop", () => {
    const proxies = trust("10.0.0.0/8", "192.0.2.7");
    // The client forged the leftmost hop; the trusted proxies appended the rest.
    expect(resolveClientIp("10.1.1.1", "6.6.6.6, 198.51.100.20, 192.0.2.7", proxies)).toBe("198.51.100.20");
    expect(resolveClientIp("10.1.1.1", "198.51.100.20", proxies)).toBe("198.51.100.20");
    // An untrusted peer's header is not believed at all.
    expect(resolveClientIp("198.51.100.30", "10.1.1.1, 6.6.6.6", proxies)).toBe("198.51.100.30");
  });

  it("keeps the last trusted address when the header runs out or holds garbage", () => {
    expect(resolveClientIp("127.0.0.1", undefined, trust("loopback"))).toBe("127.0.0.1");
    expect(resolveClientIp("127.0.0.1", "::1, 127.0.0.1", trust("loopback"))).toBe("::1");
    expect(resolveClientIp("127.0.0.1", "1.2.3.4, unknown", trust("loopback"))).toBe("127.0.0.1");
  });

  it("reads hops with ports, brackets and IPv4-mapped IPv6", () => {
    const proxies = trust("loopback");
    expect(resolveClientIp("::1", "198.51.100.5:4711", proxies)).toBe("198.51.100.5");
    expect(resolveClientIp("::1", "[2001:DB8::1]:443", proxies)).toBe("2001:db8::1");
    expect(resolveClientIp("::ffff:127.0.0.1", "2001:db8::2", proxies)).toBe("2001:db8::2");
  });

  it("knows loopback and private as names, and refuses entries that are not addresses", () => {
    expect(trust("private").check("172.20.0.3", "ipv4")).toBe(true);
    expect(trust("private").check("172.32.0.3", "ipv4")).toBe(false);
    expect(trust("loopback").check("::1", "ipv6")).toBe(true);
    expect(parseTrustedProxies(["10.0.0.0/33", "proxy.internal", "::1/64", "1.2.3.4/8/9", "LOOPBACK"]).invalid).toEqual(
      ["10.0.0.0/33", "proxy.internal", "1.2.3.4/8/9"],
    );
  });
});

describe("stampClientIp in the portal's server", () => {
  async function seenAddress(headers: Record<string, string>, trusted: string[]): Promise<string | undefined> {
    const list = trust(...trusted);
    const server = createServer((req, res) => {
      stampClientIp(req, list);
      res.end(req.headers[CLIENT_IP_HEADER] ?? "");
    }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return await (await fetch(`http://127.0.0.1:${port}/`, { headers })).text();
    } finally {
      server.close();
    }
  }

  it("overwrites an address header the client sent, and believes X-Forwarded-For only from a trusted peer", async () => {
    const forged = { [CLIENT_IP_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" };
    expect(await seenAddress(forged, [])).toBe("127.0.0.1");
    expect(await seenAddress(forged, ["loopback"])).toBe("7.7.7.7");
  });
});
