// Identity is an attack surface: what the staff identity provider did not verify never becomes an
// account, and roles follow the provider's groups and the admins' decisions, not stale settings.
import { expect, test } from "@playwright/test";
import { MAILBOX_PORT, SECOND_ADMIN, STAFF_GROUPS } from "./support/ports";
import { attemptSso, signInByEmail, signInWithSso } from "./support/sign-in";

async function setGroups(email: string, groups: string[]) {
  const query = new URLSearchParams({ email, groups: groups.join(",") });
  await fetch(`http://127.0.0.1:${MAILBOX_PORT}/oidc/groups?${query}`, { method: "POST" });
}

test("an SSO login without an email claim is refused, even with the admin group", async ({ page, browser }) => {
  await attemptSso(page, "no-email:first");
  await expect(page.getByTestId("sign-in-error")).toContainText("verified email address");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);

  // A second such login must not land in a shared account either.
  const other = await browser.newPage();
  await attemptSso(other, "no-email:second");
  await expect(other.getByTestId("sign-in-error")).toBeVisible();
  const response = await other.goto("/admin");
  await expect(other).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
  expect(response?.status()).toBe(200);
  await other.close();
});

test("an unverified email is not linked to the account that owns the address", async ({ page, browser }) => {
  const admin = await browser.newPage();
  await signInByEmail(admin, SECOND_ADMIN.replace("second", "linked"));
  await admin.close();

  await attemptSso(page, "unverified:Linked-Admin@Portal.test");
  await expect(page.getByTestId("sign-in-error")).toContainText("verified email address");
  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("the provider's groups set the role at every SSO sign-in, downgrades included", async ({ page, browser }) => {
  const email = "staff-mover@staff.test";
  await setGroups(email, [STAFF_GROUPS.admin]);
  await signInWithSso(page, email);
  await expect(page.getByTestId("role-badge")).toHaveText("admin");

  await setGroups(email, []);
  const later = await browser.newPage();
  await signInWithSso(later, email, "/");
  await expect(later.getByTestId("role-badge")).toHaveText("developer");
  expect((await later.goto("/admin"))?.status()).toBe(403);
  await later.close();

  // The change is in the audit log, with what it was and what it became.
  const auditor = await browser.newPage();
  await setGroups("auditor@staff.test", [STAFF_GROUPS.admin]);
  await signInWithSso(auditor, "auditor@staff.test", "/admin/audit");
  await auditor.goto("/admin/audit?action=user.role_from_identity_provider");
  await expect(auditor.getByText("user.role_from_identity_provider").first()).toBeVisible();
  await expect(auditor.getByRole("row").filter({ hasText: '"developer"' }).first()).toBeVisible();
  await auditor.close();
});

test("a staff member cannot keep an SSO role by signing in with an email link instead", async ({ page, browser }) => {
  const email = "staff-dodger@staff.test";
  await setGroups(email, [STAFF_GROUPS.admin]);
  await signInWithSso(page, email);
  await expect(page.getByTestId("role-badge")).toHaveText("admin");

  // Taken out of the groups, they try the email link, which the provider never sees.
  await setGroups(email, []);
  const later = await browser.newPage();
  await signInByEmail(later, email);
  await expect(later.getByTestId("role-badge")).toHaveText("developer");
  await later.close();
});

test("ADMIN_EMAILS makes an admin once: a demoted admin stays demoted at the next sign-in", async ({
  page,
  browser,
}) => {
  await signInByEmail(page, SECOND_ADMIN, "/admin");
  await expect(page.getByTestId("role-badge")).toHaveText("admin");

  const demoter = await browser.newPage();
  await setGroups("demoter@staff.test", [STAFF_GROUPS.admin]);
  await signInWithSso(demoter, "demoter@staff.test", `/admin/users?q=${encodeURIComponent(SECOND_ADMIN)}`);
  const row = demoter.getByTestId("user-row").filter({ hasText: SECOND_ADMIN });
  await row.getByLabel(`Role of ${SECOND_ADMIN}`).selectOption("developer");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(demoter.getByText(`${SECOND_ADMIN} is now developer.`)).toBeVisible();
  await demoter.close();

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInByEmail(page, SECOND_ADMIN);
  await expect(page.getByTestId("role-badge")).toHaveText("developer");
});
