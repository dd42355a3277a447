import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { userFilterSchema } from "@/lib/users/schema";
import { changeRoleAction, inviteUserAction, setActiveAction } from "@/lib/users/actions";
import { requireRole } from "@/lib/auth/guards";
import { groupMappingConfigured } from "@/lib/auth/role-sync";
import { ROLES } from "@/lib/auth/roles";
import { listUsers, USERS_PAGE_SIZE } from "@/lib/users/queries";
import { ActionForm } from "@/components/admin/action-form";
import { RoleBadge } from "@/components/role-badge";
import { TimeAgo } from "@/components/time-ago";
import { dangerButton, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const me = await requireRole("admin", "/admin/users");
  const filter = userFilterSchema.parse(await searchParams);
  const { users, total, requestCounts } = await listUsers(filter);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <section
        aria-labelledby="invite-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div>
          <h2 id="invite-heading" className="font-semibold">
            Invite with a role
          </h2>
          <p className="text-sm text-slate-600">
            For someone who has not signed in yet: their first sign-in with this address has the role.
            {groupMappingConfigured() &&
              " If they sign in through single sign-on, the identity provider's groups decide the role instead."}
          </p>
        </div>
        <ActionForm
          action={inviteUserAction}
          testId="invite-form"
          className="grid items-center gap-3 sm:grid-cols-[minmax(0,1fr)_9rem_auto_auto] sm:[&>p]:col-span-4"
        >
          <label>
            <span className="sr-only">Email address</span>
            <input
              name="email"
              type="email"
              required
              maxLength={254}
              placeholder="name@example.com"
              aria-label="Email address"
              className={inputClass}
            />
          </label>
          <select name="role" defaultValue="reviewer" aria-label="Role" className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="sendEmail" defaultChecked />
            Email them an invitation
          </label>
          <button type="submit" className={primaryButton}>
            Invite
          </button>
        </ActionForm>
      </section>
      <form className="flex flex-wrap gap-3" role="search">
        <input
          name="q"
          defaultValue={filter.q}
          maxLength={254}
          placeholder="Search by email"
          aria-label="Search by email"
          className={`${inputClass} max-w-xs`}
        />
        <select name="role" defaultValue={filter.role ?? ""} aria-label="Role" className={`${inputClass} max-w-40`}>
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button className={secondaryButton}>Search</button>
      </form>
      <p className="text-sm text-slate-600">
        {total} {total === 1 ? "user" : "users"}. Role changes and deactivation take effect on the user&apos;s next
        request.
      </p>
      <DataTable
        testId="users"
        columns={["Email", "Role", "Requests", "Joined", "Change role", "Access"]}
        empty={
          filter.q || filter.role ? (
            <>
              Nobody matches this search. To add someone who has not signed in yet, invite them above.{" "}
              <Link href="/admin/users" className="text-indigo-700 underline">
                Show everyone
              </Link>
            </>
          ) : (
            "No users yet."
          )
        }
      >
        {users.map((u) => (
          <tr key={u.id} data-testid="user-row" className={u.deactivatedAt ? "text-slate-400" : undefined}>
            <td className="px-4 py-3">
              {u.email}
              {u.id === me.id && <span className="ml-1 text-xs text-slate-500">(you)</span>}
            </td>
            <td className="px-4 py-3">
              <RoleBadge role={u.role as (typeof ROLES)[number]} />
            </td>
            <td className="px-4 py-3">{requestCounts.get(u.id) ?? 0}</td>
            <td className="px-4 py-3">
              <TimeAgo date={u.createdAt} />
              {!u.emailVerified && u._count.accounts === 0 && (
                <span className="block text-xs text-slate-500">invited, not signed in yet</span>
              )}
            </td>
            <td className="px-4 py-3">
              <ActionForm
                action={changeRoleAction}
                className="grid grid-cols-[8rem_auto] items-center gap-2 [&>p]:col-span-2"
              >
                <input type="hidden" name="userId" value={u.id} />
                {/* Keyed by the role: React resets a form after its action, and a select reset to the
                    old default would show the old role (and a second Save would restore it). */}
                <select
                  key={u.role}
                  name="role"
                  defaultValue={u.role}
                  aria-label={`Role of ${u.email}`}
                  className={inputClass}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <button className={secondaryButton}>Save</button>
              </ActionForm>
            </td>
            <td className="px-4 py-3">
              {u.id !== me.id && (
                <ActionForm
                  action={setActiveAction}
                  confirmText={u.deactivatedAt ? undefined : `Deactivate ${u.email}? They are signed out at once.`}
                >
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="active" value={u.deactivatedAt ? "true" : "false"} />
                  <button className={u.deactivatedAt ? secondaryButton : dangerButton}>
                    {u.deactivatedAt ? "Reactivate" : "Deactivate"}
                  </button>
                </ActionForm>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {total > filter.page * USERS_PAGE_SIZE && (
        <Link
          className="text-sm text-indigo-700"
          href={`/admin/users?${new URLSearchParams({ q: filter.q ?? "", role: filter.role ?? "", page: String(filter.page + 1) })}`}
        >
          Next →
        </Link>
      )}
    </div>
  );
}
