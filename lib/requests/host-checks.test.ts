// Shared hosting: names under the Public Suffix List's private section are anyone's to register.
import { describe, expect, it } from "vitest";
import { sharedHostingFlag } from "./host-checks";

describe("sharedHostingFlag", () => {
  it.each(["https://my-app.vercel.app/cb", "https://someone.github.io/oauth", "https://x.pages.dev/cb"])(
    "flags %s",
    (uri) => {
      expect(sharedHostingFlag(uri)).toMatchObject({ code: "shared_hosting" });
    },
  );

  it.each(["https://example.com/cb", "https://app.example.co.uk/cb", "com.example.app:/cb", "http://127.0.0.1/cb"])(
    "does not flag %s",
    (uri) => {
      expect(sharedHostingFlag(uri)).toBeNull();
    },
  );
});
