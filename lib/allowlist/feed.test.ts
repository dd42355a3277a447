// The feed keeps serving its last snapshot when the database is briefly unreachable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test-support/database";

let t: Awaited<ReturnType<typeof useTestDatabase>>;
beforeAll(async () => {
  t = await useTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe("the feed cache", () => {
  it("builds once per version, and serves the last good snapshot while the database is down", async () => {
    const { FeedCache, FRESHNESS_MS } = await import("./feed");
    const { importEntries } = await import("./import");
    await importEntries(t.db, [{ line: 1, uri: "https://feed.test/cb" }], { id: null, email: "t" }, "test");
    // The real client, with a switch that makes every query fail as an unreachable database would.
    let down = false;
    const flaky = new Proxy(t.db, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (down && typeof prop === "string" && !prop.startsWith("$") && typeof value === "object")
          throw new Error("connect ECONNREFUSED");
        if (down && (prop === "$transaction" || prop === "$queryRaw")) throw new Error("connect ECONNREFUSED");
        return value;
      },
    });
    const feed = new FeedCache(flaky);
    const first = await feed.current();
    expect(first.snapshot.entries.map((e) => e.uri)).toEqual(["https://feed.test/cb"]);
    expect(await feed.current()).toBe(first); // same object: built once, shared

    down = true;
    await new Promise((r) => setTimeout(r, FRESHNESS_MS + 50));
    const during = await feed.current();
    expect(during.snapshot.version).toBe(first.snapshot.version);

    down = false;
    await importEntries(t.db, [{ line: 1, uri: "https://feed.test/other" }], { id: null, email: "t" }, "test");
    await new Promise((r) => setTimeout(r, FRESHNESS_MS + 50));
    expect((await feed.current()).snapshot.version).toBe(first.snapshot.version + 1);
  });

  it("fails when it has never had a snapshot", async () => {
    const { FeedCache } = await import("./feed");
    const broken = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "listState" || prop === "allowlistEntry" || prop === "$transaction")
          throw new Error("connect ECONNREFUSED");
        return Reflect.get(target, prop, receiver);
      },
    });
    await expect(new FeedCache(broken).current()).rejects.toThrow(/ECONNREFUSED/);
  });
});
