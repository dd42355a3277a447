import { describe, expect, it } from "vitest";
import { verifiedGitHubEmail } from "./github-email";

describe("verifiedGitHubEmail", () => {
  it("takes the primary address when GitHub verified it", () => {
    expect(
      verifiedGitHubEmail([
        { email: "Dev@Example.com", primary: true, verified: true },
        { email: "other@example.com", primary: false, verified: true },
      ]),
    ).toBe("dev@example.com");
  });

  it("never takes an unverified address, even the primary one", () => {
    expect(verifiedGitHubEmail([{ email: "admin@victim.test", primary: true, verified: false }])).toBeNull();
    expect(
      verifiedGitHubEmail([
        { email: "admin@victim.test", primary: true, verified: false },
        { email: "me@attacker.test", primary: false, verified: true },
      ]),
    ).toBe("me@attacker.test");
  });

  it("gives nothing for an answer that is not a list of addresses", () => {
    expect(verifiedGitHubEmail(null)).toBeNull();
    expect(verifiedGitHubEmail({ message: "Bad credentials" })).toBeNull();
    expect(verifiedGitHubEmail([{ email: 42, verified: true }])).toBeNull();
  });
});
