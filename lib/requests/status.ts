// The request lifecycle (PRODUCT.md "Request lifecycle") as a pure table: which transition is
// allowed from which status, and to where.

export const REQUEST_STATUSES = [
  "submitted",
  "in_review",
  "changes_requested",
  "approved",
  "partially_approved",
  "rejected",
  "withdrawn",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: "Submitted",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  partially_approved: "Partially approved",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

/** Waiting for a reviewer: what the queue shows by default. */
export const OPEN_STATUSES: RequestStatus[] = ["submitted", "in_review"];
/** No decision yet: the developer may still withdraw. */
export const UNDECIDED_STATUSES: RequestStatus[] = ["submitted", "in_review", "changes_requested"];
export const FINAL_STATUSES: RequestStatus[] = ["approved", "partially_approved", "rejected", "withdrawn"];

export type Transition = "take" | "request_changes" | "resubmit" | "decide" | "withdraw";

const FROM: Record<Transition, RequestStatus[]> = {
  take: ["submitted", "in_review"],
  request_changes: ["submitted", "in_review"],
  resubmit: ["changes_requested"],
  decide: ["submitted", "in_review"],
  withdraw: UNDECIDED_STATUSES,
};

export function canTransition(status: string, transition: Transition): boolean {
  return (FROM[transition] as string[]).includes(status);
}

/** The statuses a transition may start from: the `where` of its conditional update. */
export function statusesFor(transition: Transition): RequestStatus[] {
  return FROM[transition];
}

/** The outcome of a decision from its per-URI verdicts. */
export function decisionOutcome(
  decisions: ("approved" | "rejected")[],
): "approved" | "partially_approved" | "rejected" {
  const approved = decisions.filter((d) => d === "approved").length;
  if (approved === decisions.length) return "approved";
  return approved === 0 ? "rejected" : "partially_approved";
}

export function isStatus(value: unknown): value is RequestStatus {
  return typeof value === "string" && (REQUEST_STATUSES as readonly string[]).includes(value);
}
