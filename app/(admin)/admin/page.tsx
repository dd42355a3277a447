import type { Metadata } from "next";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { CLIENT_TYPES } from "@/lib/clients/schema";
import { db } from "@/lib/db";
import { FLAG_CODES, FLAG_LABELS } from "@/lib/redirect-uri/issues";
import { REQUEST_STATUSES, STATUS_LABELS } from "@/lib/requests/status";
import { listQueue, listReviewers, queueStats, statusCounts } from "@/lib/review/queue";
import { queueFilterSchema, REVIEW_TEXT_LIMITS } from "@/lib/review/schema";
import { businessDaysBetween, getSettings } from "@/lib/settings/settings";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { inputClass, secondaryButton } from "@/components/ui/field";
import { DriftQueue } from "@/components/admin/drift-queue";
import { driftCounts } from "@/lib/cimd-drift/queries";
import { DRIFT_FILTERS, DRIFT_LABELS, driftFilterSchema } from "@/lib/cimd-drift/schema";
import { WeeklyChart } from "./weekly-chart";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireRole("reviewer", "/admin");
  const params = await searchParams;
  const filter = queueFilterSchema.parse(params);
  // ?drift=changed|unreachable: approved CIMD clients instead of requests (lib/cimd-drift).
  const drift = driftFilterSchema.parse(params.drift);
  const [queue, counts, stats, reviewers, settings, drifts] = await Promise.all([
    listQueue(filter, user.id),
    statusCounts(),
    queueStats(),
    listReviewers(),
    getSettings(db),
    driftCounts(),
  ]);
  const now = new Date();
  const query = (extra: Record<string, string | undefined>) => {
    const merged: Record<string, string | undefined> = { ...params, drift: undefined, ...extra };
    const search = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1])));
    return `/admin?${search}`;
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Review queue</h1>
          <p className="text-slate-600">
            Oldest first. Requests waiting {settings.reviewTargetBusinessDays}{" "}
            {settings.reviewTargetBusinessDays === 1 ? "business day" : "business days"} or more are highlighted.
          </p>
        </div>
        <WeeklyChart weeks={stats.weeks} medianMs={stats.medianMs} />
      </div>

      <nav aria-label="Counts per status" className="flex flex-wrap gap-2 text-sm" data-testid="status-counts">
        <Link
          href={query({ status: "open", after: undefined })}
          className={`rounded-full px-3 py-1 ring-1 ring-slate-300 ${!drift && filter.status === "open" ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white"}`}
        >
          Waiting · {(counts.submitted ?? 0) + (counts.in_review ?? 0)}
        </Link>
        {REQUEST_STATUSES.map((s) => (
          <Link
            key={s}
            href={query({ status: s, after: undefined })}
            className={`rounded-full px-3 py-1 ring-1 ring-slate-300 ${!drift && filter.status === s ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white"}`}
          >
            {STATUS_LABELS[s]} · {counts[s]}
          </Link>
        ))}
        <Link
          href={query({ status: "all", after: undefined })}
          className={`rounded-full px-3 py-1 ring-1 ring-slate-300 ${!drift && filter.status === "all" ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white"}`}
        >
          All
        </Link>
        {DRIFT_FILTERS.map((d) => (
          <Link
            key={d}
            href={`/admin?drift=${d}`}
            data-testid={`drift-filter-${d}`}
            className={`rounded-full px-3 py-1 ring-1 ring-amber-300 ${drift === d ? "bg-amber-600 text-white ring-amber-600" : "bg-amber-50"}`}
          >
            {DRIFT_LABELS[d]} · {drifts[d]}
          </Link>
        ))}
      </nav>

      {drift ? (
        <DriftQueue filter={drift} />
      ) : (
        <>
          <form
            className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-5"
            role="search"
          >
            <input type="hidden" name="status" value={filter.status} />
            <label className="sm:col-span-2">
              <span className="sr-only">Search</span>
              <input
                name="q"
                defaultValue={filter.q}
                maxLength={REVIEW_TEXT_LIMITS.search}
                placeholder="Search client, requester email or URI"
                className={inputClass}
              />
            </label>
            <label>
              <span className="sr-only">Flag</span>
              <select name="flag" defaultValue={filter.flag ?? ""} className={inputClass}>
                <option value="">Any flag</option>
                {FLAG_CODES.map((f) => (
                  <option key={f} value={f}>
                    {FLAG_LABELS[f]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="sr-only">Client type</span>
              <select name="clientType" defaultValue={filter.clientType ?? ""} className={inputClass}>
                <option value="">Any client type</option>
                {Object.entries(CLIENT_TYPES).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <div className="flex gap-2">
              <label className="flex-1">
                <span className="sr-only">Assignee</span>
                <select name="assignee" defaultValue={filter.assignee ?? ""} className={inputClass}>
                  <option value="">Anyone</option>
                  <option value="me">Assigned to me</option>
                  <option value="none">Unassigned</option>
                  {reviewers.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.email}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className={secondaryButton}>
                Filter
              </button>
            </div>
          </form>

          <DataTable
            testId="queue"
            columns={["Client", "Requester", "URIs", "Flags", "Status", "Age", "Assignee"]}
            empty={
              filter.status === "open" && !filter.q && !filter.flag && !filter.clientType && !filter.assignee
                ? "Nothing is waiting for a review. New requests appear here, oldest first."
                : "No requests match these filters."
            }
          >
            {queue.rows.map((r) => {
              const overdue =
                (r.status === "submitted" || r.status === "in_review") &&
                businessDaysBetween(r.submittedAt, now) >= settings.reviewTargetBusinessDays;
              const flags = r.flagCodes.split(" ").filter(Boolean);
              return (
                <tr key={r.id} data-testid="queue-row" className={overdue ? "bg-amber-50/60" : undefined}>
                  <td className="px-4 py-3">
                    <Link href={`/admin/requests/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                      {r.client.name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {CLIENT_TYPES[r.client.clientType as keyof typeof CLIENT_TYPES] ?? r.client.clientType}
                    </div>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{r.requester.email}</td>
                  <td className="px-4 py-3">{r.uriCount}</td>
                  <td className="px-4 py-3">
                    {flags.length === 0 ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      <span
                        className="text-xs text-amber-800"
                        title={flags.map((f) => FLAG_LABELS[f as keyof typeof FLAG_LABELS] ?? f).join(", ")}
                      >
                        ⚑ {flags.length}: {flags.map((f) => FLAG_LABELS[f as keyof typeof FLAG_LABELS] ?? f).join(", ")}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={r.status} />
                  </td>
                  <td
                    className={`px-4 py-3 whitespace-nowrap ${overdue ? "font-medium text-amber-800" : "text-slate-600"}`}
                  >
                    <TimeAgo date={r.submittedAt} />
                    {overdue && <span className="sr-only"> (past the review target)</span>}
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {r.assignee?.email ?? <span className="text-slate-400">—</span>}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <div className="flex justify-between text-sm">
            {filter.after ? (
              <Link href={query({ after: undefined })} className="text-indigo-700 hover:underline">
                ← Back to the oldest
              </Link>
            ) : (
              <span />
            )}
            {queue.next && (
              <Link
                href={query({ after: queue.next })}
                className="text-indigo-700 hover:underline"
                data-testid="next-page"
              >
                Next page →
              </Link>
            )}
          </div>
        </>
      )}
    </div>
  );
}
