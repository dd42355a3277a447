// Sign-in emails on a real database: the per-address and per-IP limits, and addresses that could
// forge lines in the mail or the log.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

const sent: { to: string }[] = [];
let ip: string | null = null;
vi.mock("@/lib/mail/send", () => ({ sendMail: async (mail: { to: string }) => void sent.push(mail) }));
vi.mock("@/lib/request-ip", () => ({ requestIp: async () => ip }));

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  sent.length = 0;
  ip = null;
});

const link = (email: string) => ({ identifier: email, url: `https://portal.test/api/auth/callback?email=${email}` });

describe("sign-in emails", () => {
  it("are limited per address, with a message that says how long to wait", async () => {
    const { sendSignInLink, SignInEmailRefused } = await import("./sign-in-email");
    const { LIMITS } = await import("@/lib/rate-limit/limits");
    for (let i = 0; i < LIMITS.signInEmailPerAddress.max; i++) await sendSignInLink(link("victim@mail.test"));
    const refused = await sendSignInLink(link("victim@mail.test")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignInEmailRefused);
    expect((refused as InstanceType<typeof SignInEmailRefused>).userMessage).toMatch(
      /^Too many sign-in emails for this address; try again in 60 minutes\./,
    );
    expect(sent).toHaveLength(LIMITS.signInEmailPerAddress.max);
    await sendSignInLink(link("someone-else@mail.test"));
    expect(sent).toHaveLength(LIMITS.signInEmailPerAddress.max + 1);
  });

  it("are limited per client IP, whatever the address", async () => {
    const { sendSignInLink } = await import("./sign-in-email");
    const { LIMITS } = await import("@/lib/rate-limit/limits");
    ip = "203.0.113.9";
    for (let i = 0; i < LIMITS.signInEmailPerIp.max; i++) await sendSignInLink(link(`spray-${i}@mail.test`));
    await expect(sendSignInLink(link("spray-last@mail.test"))).rejects.toMatchObject({
      userMessage: expect.stringMatching(/^Too many sign-in emails from your network; try again in \d+ minutes\./),
    });
    ip = "198.51.100.7";
    await sendSignInLink(link("spray-last@mail.test"));
    expect(sent).toHaveLength(LIMITS.signInEmailPerIp.max + 1);
  });

  it("refused for a network over its limit do not use up the address's own budget", async () => {
    const { sendSignInLink } = await import("./sign-in-email");
    const { LIMITS } = await import("@/lib/rate-limit/limits");
    ip = "203.0.113.66";
    for (let i = 0; i < LIMITS.signInEmailPerIp.max; i++) await sendSignInLink(link(`filler-${i}@mail.test`));
    for (let i = 0; i < LIMITS.signInEmailPerAddress.max; i++) {
      await expect(sendSignInLink(link("admin@victim.test"))).rejects.toMatchObject({
        userMessage: expect.stringMatching(/from your network/),
      });
    }
    ip = "198.51.100.66";
    sent.length = 0;
    await sendSignInLink(link("admin@victim.test"));
    expect(sent).toEqual([expect.objectContaining({ to: "admin@victim.test" })]);
  });

  it("refuse an address with a line break (a forged [mail] block in the log)", async () => {
    const { sendSignInLink } = await import("./sign-in-email");
    await expect(
      sendSignInLink(link("x@mail.test\n[mail] (no SMTP_URL: written here instead of sent)\nTo: admin@portal.test")),
    ).rejects.toMatchObject({ userMessage: "Enter a valid email address." });
    expect(sent).toHaveLength(0);
  });
});
