import { describe, expect, it } from "vitest";
import { businessDaysBetween } from "./settings";

describe("business days", () => {
  it("counts weekdays only", () => {
    // Friday 2026-11-27 → Monday 2026-11-30: one business day (Monday).
    expect(businessDaysBetween(new Date("2026-11-27T10:00:00Z"), new Date("2026-11-30T09:00:00Z"))).toBe(1);
    expect(businessDaysBetween(new Date("2026-11-23T10:00:00Z"), new Date("2026-11-27T10:00:00Z"))).toBe(4);
    expect(businessDaysBetween(new Date("2026-11-28T10:00:00Z"), new Date("2026-11-29T10:00:00Z"))).toBe(0);
  });
});
