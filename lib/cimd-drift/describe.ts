// One line for a check's outcome: the CLI prints it, "Check now" shows it.
import type { CheckOutcome } from "./check";

export function describeOutcome(result: CheckOutcome): string {
  switch (result.outcome) {
    case "unchanged":
      return "unchanged";
    case "applied":
      return `changed (${result.kind}): published as list version ${result.listVersion}`;
    case "pending":
      return result.listVersion === null
        ? "changed: waits for a reviewer (review queue, Document changed)"
        : `changed: the removed redirect URIs are published as list version ${result.listVersion}; the rest waits for a reviewer (review queue, Document changed)`;
    case "unreachable":
      return `unreachable: ${result.code}: ${result.message}${result.alerted ? " (developer and reviewers notified)" : ""}`;
    case "skipped":
      return `skipped: ${result.reason}`;
  }
}
