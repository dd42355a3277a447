// After an approval: which list version published it and how many live authorization servers
// already hold it — "published in version 42 — picked up by 3 of 3 servers (2 s)". Rendered by
// the request pages after their own access check; it shows counts only, never server names.
import { db } from "@/lib/db";
import { RECENT_POLL_MS, requestPropagation } from "@/lib/propagation/queries";
import { AutoRefresh } from "./auto-refresh";

export async function PropagationStatus({ requestId }: { requestId: string }) {
  const spread = await requestPropagation(db, requestId);
  if (!spread) return null;
  const { version, pickedUp, servers, seconds } = spread;
  const done = servers > 0 && seconds !== null;
  const how =
    servers === 0
      ? `no authorization server has polled in the last ${RECENT_POLL_MS / 60_000} minutes`
      : `picked up by ${pickedUp} of ${servers} server${servers === 1 ? "" : "s"}${done ? ` (${seconds} s)` : " so far"}`;
  return (
    <p
      role="status"
      data-testid="propagation"
      className={`rounded-md px-3 py-2 text-sm ${done ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-700"}`}
    >
      Published in version {version} — {how}.{!done && <AutoRefresh />}
    </p>
  );
}
