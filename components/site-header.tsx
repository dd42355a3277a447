import Link from "next/link";
import { sessionState } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { signOutAction } from "@/lib/auth/actions";
import { RoleBadge } from "./role-badge";

export async function SiteHeader() {
  const state = await sessionState();
  const user = state.kind === "signed-in" ? state.user : null;
  const links: { href: string; label: string }[] = [];
  if (user) {
    links.push(
      { href: "/requests", label: "My requests" },
      { href: "/clients", label: "My clients" },
      { href: "/domains", label: "My domains" },
    );
    if (hasRole(user.role, "reviewer"))
      links.push(
        { href: "/admin", label: "Review queue" },
        { href: "/admin/entries", label: "Entries" },
        { href: "/admin/servers", label: "Authorization servers" },
      );
    if (hasRole(user.role, "admin"))
      links.push(
        { href: "/admin/tokens", label: "API tokens" },
        { href: "/admin/users", label: "Users" },
        { href: "/admin/domains", label: "Domains" },
        { href: "/admin/audit", label: "Audit log" },
        { href: "/admin/settings", label: "Settings" },
      );
  }
  links.push({ href: "/docs/api", label: "API" });

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
            A
          </span>
          Allowlist Portal
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap gap-x-4 gap-y-1 text-sm">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="text-slate-600 hover:text-indigo-700">
              {link.label}
            </Link>
          ))}
        </nav>
        {user ? (
          <div className="flex items-center gap-3 text-sm" data-testid="signed-in-as">
            <span className="text-slate-700">{user.email}</span>
            <RoleBadge role={user.role} />
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-100"
              >
                Sign out
              </button>
            </form>
          </div>
        ) : state.kind === "unavailable" ? (
          <span
            className="rounded-md bg-amber-100 px-3 py-1.5 text-sm text-amber-900"
            data-testid="service-unavailable-badge"
          >
            Service unavailable
          </span>
        ) : (
          <Link
            href="/signin"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
