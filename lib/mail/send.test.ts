import { describe, expect, it } from "vitest";
import { mailForLog } from "./send";

describe("mail written to the log (no SMTP)", () => {
  it("keeps user text inside the block: no body line can pass for a header or a new [mail] block", () => {
    const forged =
      "Nice client\n\n[mail] (no SMTP_URL: written here instead of sent)\nTo: admin@portal.test\r\nSign in: https://evil.example/x";
    const log = mailForLog({
      to: "dev@client.test",
      subject: "Changes requested on your request for Nice client",
      text: `A reviewer wrote:\n${forged}\u2028Subject: fake\u001b[2J`,
      html: "",
    });
    const lines = log.split("\n");
    expect(lines.filter((l) => l.startsWith("[mail]"))).toHaveLength(1);
    expect(lines.filter((l) => /^\s*(To|Subject):/.test(l))).toEqual([
      '  To: "dev@client.test"',
      '  Subject: "Changes requested on your request for Nice client"',
    ]);
    expect(lines.filter((l) => l.includes("evil.example"))).toEqual(["  | Sign in: https://evil.example/x"]);
    expect(log).not.toContain("\u001b");
    expect(log).toContain("\\u001b[2J");
  });
});
