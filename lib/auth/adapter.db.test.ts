// Sign-in link tokens on a real database: an unused or refused link's token does not stay forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";
import { portalAuthAdapter } from "./adapter";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("sign-in link tokens", () => {
  it("expired ones are deleted when a new link is made; live ones stay usable", async () => {
    const adapter = portalAuthAdapter(t.db);
    const hour = 3_600_000;
    await t.db.verificationToken.createMany({
      data: [
        { identifier: "old@mail.test", token: "expired-1", expires: new Date(Date.now() - hour) },
        { identifier: "old@mail.test", token: "expired-2", expires: new Date(Date.now() - 1000) },
        { identifier: "live@mail.test", token: "live", expires: new Date(Date.now() + hour) },
      ],
    });
    await adapter.createVerificationToken!({
      identifier: "new@mail.test",
      token: "new",
      expires: new Date(Date.now() + hour),
    });
    const left = await t.db.verificationToken.findMany({ select: { token: true }, orderBy: { token: "asc" } });
    expect(left.map((row) => row.token)).toEqual(["live", "new"]);
    expect(await adapter.useVerificationToken!({ identifier: "live@mail.test", token: "live" })).not.toBeNull();
  });
});
