import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { userFilterSchema } from "@/lib/users/schema";
import { changeRoleAction, setActiveAction } from "@/lib/users/actions";
import { requireRole } from "@/lib/auth/guards";
import { ROLES } from "@/lib/auth/roles";
import { listUsers, USERS_PAGE_SIZE } from "@/lib/users/queries";
import { ActionForm } from "@/components/admin/action-form";
import { RoleBadge } from "@/components/role-badge";
import { TimeAgo } from "@/components/time-ago";
import { dangerButton, inputClass, secondaryButton } from "@/components/ui/field";

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
        {total} user(s). Role changes and deactivation take effect on the user&apos;s next request.
      </p>
      <DataTable testId="users" columns={["Email", "Role", "Requests", "Joined", "Change role", "Access"]}>
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
            </td>
            <td className="px-4 py-3">
              <ActionForm action={changeRoleAction} className="flex gap-2">
                <input type="hidden" name="userId" value={u.id} />
                <select
                  name="role"
                  defaultValue={u.role}
                  aria-label={`Role of ${u.email}`}
                  className={`${inputClass} w-32`}
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
