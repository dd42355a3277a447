import { describe, expect, it } from "vitest";
import { localPath } from "./schema";

describe("localPath: where a redirect after sign-in or an action may go", () => {
  it("keeps a path on this site with its query", () => {
    expect(localPath.parse("/admin/requests/abc?tab=audit")).toBe("/admin/requests/abc?tab=audit");
  });

  it("never yields a path that a browser would read as another host", () => {
    for (const hostile of [
      "//evil.example",
      "/\\evil.example",
      "/.//evil.example",
      "/./\\evil.example",
      "/..//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/x\n//evil",
    ]) {
      const path = localPath.parse(hostile);
      expect(path.startsWith("/"), hostile).toBe(true);
      expect(path.startsWith("//"), hostile).toBe(false);
      expect(new URL(path, "https://portal.example").host, hostile).toBe("portal.example");
    }
  });
});
