import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { listAudit } from "@/lib/audit/queries";
import { auditFilterSchema } from "@/lib/audit/schema";
import { requireRole } from "@/lib/auth/guards";
import { inputClass, secondaryButton } from "@/components/ui/field";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireRole("admin", "/admin/audit");
  const params = await searchParams;
  const filter = auditFilterSchema.parse(params);
  const { rows, next } = await listAudit(filter);
  const kept = Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "before"),
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Audit log</h1>
          <p className="text-slate-600">
            Every change, append-only and hash-chained (check it with{" "}
            <code className="font-mono">npx portal audit verify</code>).
          </p>
        </div>
        <a
          href={`/admin/audit/export?${new URLSearchParams(kept)}`}
          className={secondaryButton}
          data-testid="audit-export"
        >
          Export CSV
        </a>
      </div>
      <form
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-6"
        role="search"
      >
        <input
          name="action"
          defaultValue={filter.action}
          maxLength={100}
          placeholder="Action, e.g. request."
          aria-label="Action"
          className={inputClass}
        />
        <input
          name="actor"
          defaultValue={filter.actor}
          maxLength={254}
          placeholder="Actor email"
          aria-label="Actor email"
          className={inputClass}
        />
        <input
          name="entity"
          defaultValue={filter.entity}
          maxLength={100}
          placeholder="Entity type or id"
          aria-label="Entity type or id"
          className={inputClass}
        />
        <input name="from" type="date" defaultValue={params.from} aria-label="From" className={inputClass} />
        <input name="to" type="date" defaultValue={params.to} aria-label="To" className={inputClass} />
        <button className={secondaryButton}>Filter</button>
      </form>
      <DataTable
        testId="audit"
        empty="No audit records match these filters."
        columns={["#", "When (UTC)", "Who", "Action", "Entity", "Before → after", "Why", "IP"]}
        dense
      >
        {rows.map((r) => (
          <tr key={r.id} data-testid="audit-row">
            <td className="px-3 py-2 text-slate-500">{r.id}</td>
            <td className="px-3 py-2 whitespace-nowrap">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="px-3 py-2">{r.actorEmail ?? "system"}</td>
            <td className="px-3 py-2 font-mono">{r.action}</td>
            <td className="px-3 py-2">
              {r.entityType}
              {r.entityId && <span className="block font-mono text-slate-500">{r.entityId}</span>}
            </td>
            <td className="w-96 max-w-96 px-3 py-2 font-mono text-slate-600">
              {(r.before || r.after) && (
                <details>
                  <summary className="cursor-pointer truncate">
                    {r.before && <span className="text-red-700">− {r.before.slice(0, 60)} </span>}
                    {r.after && <span className="text-emerald-800">+ {r.after.slice(0, 60)}</span>}
                  </summary>
                  {r.before && <pre className="mt-1 break-all whitespace-pre-wrap text-red-700">− {r.before}</pre>}
                  {r.after && <pre className="mt-1 break-all whitespace-pre-wrap text-emerald-800">+ {r.after}</pre>}
                </details>
              )}
            </td>
            <td className="px-3 py-2">{r.reason}</td>
            <td className="px-3 py-2 text-slate-500">{r.ip}</td>
          </tr>
        ))}
      </DataTable>
      {next && (
        <Link
          href={`/admin/audit?${new URLSearchParams({ ...kept, before: String(next) })}`}
          className="text-sm text-indigo-700"
        >
          Older →
        </Link>
      )}
    </div>
  );
}
