import { describe, expect, it } from "vitest";
import { canTransition, decisionOutcome, REQUEST_STATUSES, type Transition } from "./status";

describe("request lifecycle", () => {
  const table: Record<Transition, string[]> = {
    take: ["submitted", "in_review"],
    request_changes: ["submitted", "in_review"],
    resubmit: ["changes_requested"],
    decide: ["submitted", "in_review"],
    withdraw: ["submitted", "in_review", "changes_requested"],
  };
  for (const [transition, allowed] of Object.entries(table) as [Transition, string[]][]) {
    it(`${transition} is allowed exactly from ${allowed.join(", ")}`, () => {
      for (const status of REQUEST_STATUSES)
        expect(canTransition(status, transition), status).toBe(allowed.includes(status));
    });
  }

  it("a decided or withdrawn request cannot be withdrawn, decided again or resubmitted", () => {
    for (const status of ["approved", "partially_approved", "rejected", "withdrawn"]) {
      expect(canTransition(status, "withdraw")).toBe(false);
      expect(canTransition(status, "decide")).toBe(false);
      expect(canTransition(status, "resubmit")).toBe(false);
    }
  });

  it("derives the outcome from the per-URI decisions", () => {
    expect(decisionOutcome(["approved", "approved"])).toBe("approved");
    expect(decisionOutcome(["approved", "rejected"])).toBe("partially_approved");
    expect(decisionOutcome(["rejected"])).toBe("rejected");
  });
});
