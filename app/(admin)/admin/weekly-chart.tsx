import { formatDuration } from "@/components/time-ago";

/** Requests received (grey) and decided (indigo) per week, as a small bar chart. */
export function WeeklyChart({
  weeks,
  medianMs,
}: {
  weeks: { start: Date; received: number; decided: number }[];
  medianMs: number | null;
}) {
  const max = Math.max(1, ...weeks.flatMap((w) => [w.received, w.decided]));
  const median = medianMs === null ? "—" : formatDuration(medianMs);
  const empty = weeks.every((w) => w.received === 0 && w.decided === 0);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="weekly-chart">
      <div
        className="flex h-14 items-end gap-1.5"
        role="img"
        aria-label={`Last 8 weeks: received ${weeks.map((w) => w.received).join(", ")}; decided ${weeks.map((w) => w.decided).join(", ")}`}
      >
        {empty && <p className="self-center text-xs text-slate-500">No requests in the last eight weeks.</p>}
        {weeks.map((w) => (
          <div
            key={w.start.toISOString()}
            className="flex h-full items-end gap-px"
            title={`Week of ${w.start.toISOString().slice(0, 10)}: ${w.received} received, ${w.decided} decided`}
          >
            <span
              className="w-2 rounded-t bg-slate-300"
              style={{ height: `${(w.received / max) * 100}%`, minHeight: w.received ? 2 : 0 }}
            />
            <span
              className="w-2 rounded-t bg-indigo-500"
              style={{ height: `${(w.decided / max) * 100}%`, minHeight: w.decided ? 2 : 0 }}
            />
          </div>
        ))}
      </div>
      <figcaption className="mt-1 text-xs text-slate-500">
        <span className="inline-block h-2 w-2 rounded-sm bg-slate-300" /> received{" "}
        <span className="ml-2 inline-block h-2 w-2 rounded-sm bg-indigo-500" /> decided per week · median to decision:{" "}
        <strong className="text-slate-700">{median}</strong>
      </figcaption>
    </figure>
  );
}
