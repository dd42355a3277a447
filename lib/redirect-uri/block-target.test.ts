import { describe, expect, it } from "vitest";
import { checkBlockHost, checkBlockUri } from "./block-target";

describe("a blocked URI must be canonical, as entries are", () => {
  it.each([
    ["HTTPS://Host.example/cb", "https://host.example/cb"],
    ["https://host.example:443/cb", "https://host.example/cb"],
    ["http://127.0.0.1:80/cb", "http://127.0.0.1/cb"],
    ["https://Bücher.example/cb", "https://xn--bcher-kva.example/cb"],
    ["https://host.example/a/../cb", "https://host.example/cb"],
    ["https://host.example", "https://host.example/"],
  ])("refuses %s and offers %s", (input, canonical) => {
    const check = checkBlockUri(input);
    expect(check).toMatchObject({ ok: false, suggestion: canonical });
    expect(!check.ok && check.message).toContain(`block ${canonical} instead`);
  });

  it("accepts canonical URIs, and refuses what is not a URI", () => {
    for (const uri of ["https://host.example/cb", "http://127.0.0.1:8080/cb", "cursor://anysphere.cursor-mcp/cb"]) {
      expect(checkBlockUri(uri), uri).toEqual({ ok: true });
    }
    expect(checkBlockUri("host.example/cb")).toMatchObject({ ok: false, message: expect.stringContaining("scheme") });
  });
});

describe("a blocked host must be canonical: lower case, punycode, no trailing dot", () => {
  it.each([
    ["Evil.Example", "evil.example"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["evil.example.", "evil.example"],
    ["[::FFFF:1.2.3.4]", "[::ffff:102:304]"],
    ["0x7f.1", "127.0.0.1"],
  ])("refuses %s and offers %s", (input, canonical) => {
    expect(checkBlockHost(input)).toMatchObject({ ok: false, suggestion: canonical });
  });

  it("accepts a canonical host and refuses a scheme, port, path or user name", () => {
    expect(checkBlockHost("evil.example")).toEqual({ ok: true });
    expect(checkBlockHost("[::1]")).toEqual({ ok: true });
    for (const bad of ["https://evil.example", "evil.example:443", "evil.example/x", "a@evil.example", "*.evil"]) {
      expect(checkBlockHost(bad), bad).toMatchObject({ ok: false, message: expect.stringContaining("no scheme") });
    }
  });
});
