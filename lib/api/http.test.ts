import { describe, expect, it } from "vitest";
import { etagMatches, pickEncoding } from "./http";

describe("content negotiation for the feed", () => {
  it.each([
    [undefined, null],
    ["", null],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["gzip;q=0, br;q=0", null],
    ["identity", null],
    ["*", "br"],
    ["deflate", null],
  ])("Accept-Encoding %j → %j", (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    expect(etagMatches('"42"', '"42"')).toBe(true);
    expect(etagMatches('"41", "42"', '"42"')).toBe(true);
    expect(etagMatches('W/"42"', '"42"')).toBe(true);
    expect(etagMatches("*", '"42"')).toBe(true);
    expect(etagMatches('"41"', '"42"')).toBe(false);
    expect(etagMatches("42", '"42"')).toBe(false);
    expect(etagMatches(undefined, '"42"')).toBe(false);
  });
});
