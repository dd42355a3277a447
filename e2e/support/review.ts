import { expect, type Page } from "@playwright/test";

/** On the reviewer's request page: approve or reject (with a reason) each URI in order. */
export async function fillDecision(page: Page, decisions: ({ approve: true } | { reject: string })[]) {
  for (const [index, decision] of decisions.entries()) {
    const row = page.getByTestId(`decide-${index}`);
    if ("approve" in decision) await row.getByLabel("Approve").check();
    else {
      await row.getByLabel("Reject").check();
      await row.getByRole("textbox").fill(decision.reject);
    }
  }
  await expect(page.getByTestId("submit-decision")).toBeEnabled();
}
