import { describe, expect, it } from "vitest";
import { noticeText } from "./notice";

describe("notices", () => {
  it("shows the fixed text of a known code", () => {
    expect(noticeText("approved")).toBe("Decision saved: approved. The developer has been emailed.");
  });

  it("shows nothing for any other ?notice= value, so a link cannot put its own words on a staff page", () => {
    for (const value of [
      "Your session expired: sign in again at https://evil.example/login",
      "toString",
      "__proto__",
      "",
      undefined,
      ["approved"],
    ]) {
      expect(noticeText(value)).toBeNull();
    }
  });
});
