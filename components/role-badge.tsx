import type { Role } from "@/lib/auth/roles";

const STYLES: Record<Role, string> = {
  developer: "bg-slate-100 text-slate-700 ring-slate-300",
  reviewer: "bg-amber-50 text-amber-800 ring-amber-300",
  admin: "bg-indigo-50 text-indigo-800 ring-indigo-300",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      data-testid="role-badge"
      className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[role]}`}
    >
      {role}
    </span>
  );
}
