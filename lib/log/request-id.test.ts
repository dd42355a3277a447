import { describe, expect, it } from "vitest";
import { requestIdFrom } from "./request-id";

describe("request ids", () => {
  it("keeps a proxy's id, so the proxy's log and ours name the request alike", () => {
    expect(requestIdFrom("lb-7f3a.42:1")).toBe("lb-7f3a.42:1");
  });

  it("replaces an id that could forge or break a log line, or is missing", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, "", "a b", 'x"}', "line\nbreak", "x".repeat(129), ["a", "b"]])
      expect(requestIdFrom(bad)).toMatch(uuid);
  });
});
