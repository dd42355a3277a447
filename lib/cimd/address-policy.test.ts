// The addresses the fetcher refuses: everything that is not plainly on the public internet.
import { describe, expect, it } from "vitest";
import { addressRefusal, hostnameRefusal } from "./address-policy";

const refused = (address: string, allowLoopback = false) => addressRefusal(address, { allowLoopback });

describe("address policy", () => {
  it.each([
    "93.184.215.14",
    "1.1.1.1",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "198.20.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "64:ff9b::5db8:d70e", // NAT64 of 93.184.215.14
  ])("fetches from %s", (address) => {
    expect(refused(address)).toBeNull();
  });

  it.each([
    ["0.0.0.0", "this network"],
    ["0.1.2.3", "this network"],
    ["10.0.0.1", "private-use"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["127.0.0.2", "loopback"],
    ["127.255.255.255", "loopback"],
    ["169.254.169.254", "link-local"],
    ["172.16.0.1", "private-use"],
    ["172.31.255.255", "private-use"],
    ["192.0.0.8", "IETF protocol assignments"],
    ["192.0.2.1", "documentation"],
    ["192.88.99.1", "6to4 relay"],
    ["192.168.0.1", "private-use"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.1", "documentation"],
    ["203.0.113.1", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["::127.0.0.1", "IPv4-compatible"],
    ["::ffff:127.0.0.1", "IPv4-mapped"],
    ["::ffff:8.8.8.8", "IPv4-mapped"],
    ["::ffff:7f00:1", "IPv4-mapped"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "IPv4-mapped"],
    ["::ffff:0:a00:1", "IPv4-translated"],
    ["64:ff9b::7f00:1", "NAT64 for 127.0.0.1"],
    ["64:ff9b::169.254.169.254", "NAT64 for 169.254.169.254"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["100::1", "discard-only"],
    ["2001::1", "Teredo"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
    ["2001:2::1", "IETF protocol assignments"],
    ["2001:db8::1", "documentation"],
    ["2002:7f00:1::1", "6to4"],
    ["2002:808:808::1", "6to4"],
    ["3fff::1", "documentation"],
    ["5f00::1", "segment routing"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "zone"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["4000::1", "outside IPv6 global unicast"],
    ["not-an-address", "not an IP address"],
  ])("refuses %s (%s)", (address, why) => {
    expect(refused(address)).toContain(why);
  });

  it("with CIMD_ALLOW_LOOPBACK, reaches exactly 127.0.0.1 and ::1", () => {
    expect(refused("127.0.0.1", true)).toBeNull();
    expect(refused("::1", true)).toBeNull();
    expect(refused("0:0:0:0:0:0:0:1", true)).toBeNull();
    for (const address of [
      "127.0.0.2",
      "127.1.0.1",
      "0.0.0.0",
      "::",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::127.0.0.1",
      "::ffff:0:7f00:1",
      "64:ff9b::7f00:1",
      "64:ff9b::7f00:2",
      "2002:7f00:1::1",
      "10.0.0.1",
    ]) {
      expect(refused(address, true), address).not.toBeNull();
    }
  });

  it.each(["localhost", "localhost.", "app.localhost", "app.localhost.", "LOCALHOST"])(
    "refuses the name %s before asking DNS",
    (name) => {
      expect(hostnameRefusal(name.toLowerCase())).toContain("localhost");
    },
  );

  it.each(["localhost.example.com", "mylocalhost.com", "app.example.com"])("does not refuse the name %s", (name) => {
    expect(hostnameRefusal(name)).toBeNull();
  });
});
