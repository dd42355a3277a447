// Submissions on a real database: ownership, the server's own policy check, idempotency and the rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  process.env.SUBMISSIONS_PER_HOUR = "3";
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function developer(email: string) {
  const user = await t.db.user.create({ data: { email } });
  const client = await t.db.client.create({
    data: {
      ownerId: user.id,
      name: `C ${email}`,
      vendor: "V",
      homepage: "https://v.test",
      description: "A test client",
      contactEmail: email,
      clientType: "cli",
    },
  });
  return { user: { id: user.id, email, name: null, role: "developer" as const }, clientId: client.id };
}

const input = (clientId: string, uris: string[], idempotencyKey?: string) => ({
  clientId,
  justification: "Needed for the sign-in flow.",
  uris: uris.map((uri) => ({ uri, asPathPrefix: false })),
  idempotencyKey,
});

describe("submitting a request", () => {
  it("checks the policy again on the server, whatever the browser said", async () => {
    const { submitRequest } = await import("./submit");
    const { RowErrors } = await import("./lint-rows");
    const dev = await developer("policy@dev.test");
    const error = await submitRequest(
      dev.user,
      input(dev.clientId, ["https://ok.test/cb", "https://bad.test/cb#frag"]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowErrors);
    expect(Object.keys((error as InstanceType<typeof RowErrors>).rows)).toEqual(["uris.1"]);
    expect(await t.db.request.count({ where: { requesterId: dev.user.id } })).toBe(0);
  });

  it("refuses another developer's client, creates one request per idempotency key, and rate-limits", async () => {
    const { submitRequest, RateLimited } = await import("./submit");
    const dev = await developer("limit@dev.test");
    const other = await developer("other@dev.test");
    await expect(submitRequest(dev.user, input(other.clientId, ["https://x.test/cb"]))).rejects.toThrow(
      /one of your clients/,
    );

    const key = "7d3c1f7e-4a4b-4c55-9a3e-0f8f6d1b2c3a";
    const [a, b] = await Promise.all([
      submitRequest(dev.user, input(dev.clientId, ["https://x.test/cb"], key)),
      submitRequest(dev.user, input(dev.clientId, ["https://x.test/cb"], key)),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);

    await submitRequest(dev.user, input(dev.clientId, ["https://y.test/cb"]));
    await submitRequest(dev.user, input(dev.clientId, ["https://z.test/cb"]));
    await expect(submitRequest(dev.user, input(dev.clientId, ["https://w.test/cb"]))).rejects.toBeInstanceOf(
      RateLimited,
    );
    expect(await t.db.request.count({ where: { requesterId: dev.user.id } })).toBe(3);
  });

  it("flags a URI that is pending in another request", async () => {
    const { submitRequest } = await import("./submit");
    const dev = await developer("pending@dev.test");
    await submitRequest(dev.user, input(dev.clientId, ["https://shared.test/cb"]));
    const second = await submitRequest(dev.user, input(dev.clientId, ["https://shared.test/cb"]));
    const uri = await t.db.requestUri.findFirstOrThrow({ where: { requestId: second.id } });
    expect(JSON.parse(uri.flags).map((f: { code: string }) => f.code)).toContain("pending_elsewhere");
  });
});
