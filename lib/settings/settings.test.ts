import { describe, expect, it } from "vitest";
import { businessDaysBetween, getSettings } from "./settings";

describe("business days", () => {
  it("counts weekdays only", () => {
    // Friday 2026-11-27 → Monday 2026-11-30: one business day (Monday).
    expect(businessDaysBetween(new Date("2026-11-27T10:00:00Z"), new Date("2026-11-30T09:00:00Z"))).toBe(1);
    expect(businessDaysBetween(new Date("2026-11-23T10:00:00Z"), new Date("2026-11-27T10:00:00Z"))).toBe(4);
    expect(businessDaysBetween(new Date("2026-11-28T10:00:00Z"), new Date("2026-11-29T10:00:00Z"))).toBe(0);
  });
});

describe("stored settings", () => {
  const stored = (rows: Record<string, string>) => ({
    setting: { findMany: async () => Object.entries(rows).map(([key, value]) => ({ key, value })) },
  });

  it("CIMD auto-approval follows https auto-approval where it was never saved (no switch-on by upgrade)", async () => {
    const off = await getSettings(stored({ autoApproveHttps: "false" }) as never);
    expect(off.autoApproveCimd).toBe(false);
    const on = await getSettings(stored({ autoApproveHttps: "true" }) as never);
    expect(on.autoApproveCimd).toBe(true);
    const saved = await getSettings(stored({ autoApproveHttps: "false", autoApproveCimd: "true" }) as never);
    expect(saved.autoApproveCimd).toBe(true);
  });

  it("approves nothing automatically when the stored settings cannot be read", async () => {
    const broken = await getSettings(stored({ reviewTargetBusinessDays: "many", autoApproveHttps: "true" }) as never);
    expect([broken.autoApproveHttps, broken.autoApproveSchemes, broken.autoApproveCimd]).toEqual([false, false, false]);
  });
});
