import { formatDuration } from "@/components/time-ago";

/** Requests received (grey) and decided (indigo) in each of the last eight weeks, the current week
 *  last, with this week's figures and the median time to decision written out. */
export function WeeklyChart({
  weeks,
  medianMs,
}: {
  weeks: { start: Date; received: number; decided: number }[];
  medianMs: number | null;
}) {
  const max = Math.max(1, ...weeks.flatMap((w) => [w.received, w.decided]));
  const empty = weeks.every((w) => w.received === 0 && w.decided === 0);
  const current = weeks.at(-1) ?? { received: 0, decided: 0 };
  return (
    <figure
      className="w-full max-w-sm rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
      data-testid="weekly-chart"
    >
      <div
        className="relative flex h-16 items-end justify-between gap-1 border-b border-slate-200"
        role="img"
        aria-label={`Last 8 weeks: received ${weeks.map((w) => w.received).join(", ")}; decided ${weeks.map((w) => w.decided).join(", ")}`}
      >
        {empty && (
          <p className="absolute inset-0 flex items-center justify-center text-xs text-slate-500">
            No requests in the last eight weeks.
          </p>
        )}
        {weeks.map((w, index) => (
          <div
            key={w.start.toISOString()}
            className={`flex h-full flex-1 items-end justify-center gap-px rounded-t ${index === weeks.length - 1 ? "bg-indigo-50/60" : ""}`}
            title={`${index === weeks.length - 1 ? "This week" : `Week from ${w.start.toISOString().slice(0, 10)}`}: ${w.received} received, ${w.decided} decided`}
          >
            <span
              className="w-2 rounded-t bg-slate-400"
              style={{ height: `${(w.received / max) * 100}%`, minHeight: w.received ? 3 : 0 }}
            />
            <span
              className="w-2 rounded-t bg-indigo-500"
              style={{ height: `${(w.decided / max) * 100}%`, minHeight: w.decided ? 3 : 0 }}
            />
          </div>
        ))}
      </div>
      <div className="mt-0.5 flex justify-between text-[10px] text-slate-400" aria-hidden>
        <span>8 weeks ago</span>
        <span>this week</span>
      </div>
      <figcaption className="mt-1 space-y-0.5 text-xs text-slate-600">
        <p data-testid="chart-this-week">
          <span className="inline-block h-2 w-2 rounded-sm bg-slate-400" /> received{" "}
          <strong className="text-slate-800">{current.received}</strong> ·{" "}
          <span className="inline-block h-2 w-2 rounded-sm bg-indigo-500" /> decided{" "}
          <strong className="text-slate-800">{current.decided}</strong> this week
        </p>
        <p>
          Median time to decision:{" "}
          <strong className="text-slate-800">
            {medianMs === null ? "no decisions in the last 13 weeks" : formatDuration(medianMs)}
          </strong>
        </p>
      </figcaption>
    </figure>
  );
}
