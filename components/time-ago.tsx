/** "3 hours ago", with the exact time on hover. A server component: it renders once per request,
 *  so reading the clock here cannot make a re-render disagree with itself. */
export function TimeAgo({ date }: { date: Date }) {
  // eslint-disable-next-line react-hooks/purity -- server-rendered once per request, never hydrated
  const age = Date.now() - date.getTime();
  return (
    <time dateTime={date.toISOString()} title={date.toISOString().replace("T", " ").slice(0, 16) + " UTC"}>
      {formatAge(age)}
    </time>
  );
}

export function formatAge(ms: number): string {
  return ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`;
}

/** A duration for people: "under a minute", "12 min", "5 h", "3 days". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
