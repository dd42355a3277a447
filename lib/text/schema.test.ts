import { describe, expect, it } from "vitest";
import { multiLineText, singleLineText } from "./schema";

describe("singleLineText", () => {
  const name = singleLineText(20).min(2, { error: "Too short" });

  it("accepts a plain line, trimmed", () => {
    expect(name.parse("  Claude Desktop ")).toBe("Claude Desktop");
  });

  it.each([
    ["a line feed", "Evil\n[mail] To: x"],
    ["a carriage return", "Evil\rSubject: x"],
    ["a tab", "Evil\tname"],
    ["an escape", "Evil\u001b[2J"],
    ["a C1 control", "Evil\u0085next"],
    ["a line separator", "Evil\u2028next"],
    ["a paragraph separator", "Evil\u2029next"],
    ["a right-to-left override", "Evil\u202Etxt.exe"],
    ["a bidi isolate", "Evil\u2066x\u2069"],
    ["a NUL", "Evil\u0000"],
  ])("refuses %s with a message that says why", (_what, text) => {
    const result = name.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/one line of plain text/));
  });

  it("says how long a field may be", () => {
    expect(name.safeParse("x".repeat(21)).error?.issues[0]?.message).toBe("At most 20 characters");
  });
});

describe("multiLineText", () => {
  const body = multiLineText(10);

  it("keeps line breaks, counting a browser's CRLF as one character", () => {
    expect(body.parse("one\r\ntwo\r\n3")).toBe("one\ntwo\n3");
  });

  it("refuses control characters and bidi overrides", () => {
    expect(body.safeParse("a\u001bb").success).toBe(false);
    expect(body.safeParse("a\u202Eb").success).toBe(false);
  });

  it("says how long a field may be", () => {
    expect(body.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("At most 10 characters");
  });
});
