import { describe, expect, it } from "vitest";
import { withoutLapsed } from "./lapse";
import type { FeedEntry, Snapshot } from "@/lib/api/schema";

const at = (iso: string) => Date.parse(iso);
const entry = (id: string, expires_at: string | null): FeedEntry => ({
  id,
  kind: "exact",
  uri: `https://${id}.example/cb`,
  client: { id: null, name: null },
  approved_at: "2026-01-01T00:00:00.000Z",
  expires_at,
});
const base: Snapshot = {
  version: 7,
  generated_at: "2026-01-01T00:00:00.000Z",
  entries: [
    entry("forever", null),
    entry("noon", "2026-03-01T12:00:00.000Z"),
    entry("evening", "2026-03-01T18:00:00.000Z"),
  ],
  blocked: [],
  clients: [],
};

describe("withoutLapsed", () => {
  it("serves the list as it is while nothing has lapsed, and says when the next entry will", () => {
    const view = withoutLapsed(base, at("2026-03-01T11:59:59.999Z"));
    expect(view.snapshot).toBe(base);
    expect(view).toMatchObject({ lapsedIds: [], lapsedThrough: null, nextLapseAt: at("2026-03-01T12:00:00.000Z") });
  });

  it("leaves an entry out from the instant its expires_at is reached, keeping the version", () => {
    const view = withoutLapsed(base, at("2026-03-01T12:00:00.000Z"));
    expect(view.snapshot.entries.map((e) => e.id)).toEqual(["forever", "evening"]);
    expect(view.snapshot.version).toBe(7);
    expect(view).toMatchObject({
      lapsedIds: ["noon"],
      lapsedThrough: at("2026-03-01T12:00:00.000Z"),
      nextLapseAt: at("2026-03-01T18:00:00.000Z"),
    });
  });

  it("names the view by the latest lapse, and has nothing left to wait for once all have lapsed", () => {
    const view = withoutLapsed(base, at("2026-03-02T00:00:00.000Z"));
    expect(view.snapshot.entries.map((e) => e.id)).toEqual(["forever"]);
    expect(view).toMatchObject({
      lapsedIds: ["noon", "evening"],
      lapsedThrough: at("2026-03-01T18:00:00.000Z"),
      nextLapseAt: Infinity,
    });
  });
});
