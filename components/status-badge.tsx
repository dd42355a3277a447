import { STATUS_LABELS, isStatus } from "@/lib/requests/status";

const STYLES: Record<string, string> = {
  submitted: "bg-sky-50 text-sky-800 ring-sky-300",
  in_review: "bg-violet-50 text-violet-800 ring-violet-300",
  changes_requested: "bg-amber-50 text-amber-900 ring-amber-300",
  approved: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  partially_approved: "bg-teal-50 text-teal-800 ring-teal-300",
  rejected: "bg-red-50 text-red-800 ring-red-300",
  withdrawn: "bg-slate-100 text-slate-600 ring-slate-300",
  pending: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function StatusBadge({ status }: { status: string }) {
  const label = isStatus(status) ? STATUS_LABELS[status] : status.charAt(0).toUpperCase() + status.slice(1);
  return (
    <span
      data-testid="status-badge"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STYLES[status] ?? STYLES.pending}`}
    >
      {label}
    </span>
  );
}
