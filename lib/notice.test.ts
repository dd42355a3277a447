import { describe, expect, it } from "vitest";
import { noticeText, redirectWithNotice } from "./notice";

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

describe("redirectWithNotice", () => {
  function redirectTarget(returnTo: string): string {
    try {
      redirectWithNotice(returnTo, "approved");
    } catch (error) {
      // next/navigation's redirect() throws; its digest carries the location.
      return String((error as { digest?: string }).digest).split(";")[2]!;
    }
    throw new Error("no redirect");
  }

  it("goes back to the page with the notice's code", () => {
    expect(redirectTarget("/admin/entries?page=2")).toBe("/admin/entries?page=2&notice=approved");
  });

  it("never to another host, however the path is dressed up", () => {
    for (const hostile of [
      "//evil.example/x",
      "/.//evil.example/x",
      "/./\\evil.example/x",
      "/..//evil.example",
      "https://evil.example/",
    ]) {
      const target = redirectTarget(hostile);
      expect(target.startsWith("//"), hostile).toBe(false);
      expect(new URL(target, "https://portal.example").host, hostile).toBe("portal.example");
    }
  });
});
