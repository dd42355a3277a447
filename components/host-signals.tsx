import type { HostSignals } from "@/lib/review/host-signals";
import { FlagList } from "./flag-list";

/** Beside a URI on the review page: verified-domain status for its host, positive signals, resolve check. */
export function HostSignalsView({ signals }: { signals: HostSignals | undefined }) {
  if (!signals) return null;
  const { domains, positives, flags } = signals;
  if (domains.length + positives.length + flags.length === 0) return null;
  return (
    <div className="space-y-1 text-xs" data-testid="host-signals">
      {domains.map((d) => (
        <p key={d.domain} className="text-slate-700" data-testid="host-domain-status">
          Domain {d.domain}: <span className="font-medium">{d.status}</span>
          {d.requesters ? " (claimed by the requester)" : " (claimed by another account)"}
        </p>
      ))}
      {positives.map((p) => (
        <p key={p} className="text-emerald-700">
          ✓ {p}
        </p>
      ))}
      {flags.length > 0 && <FlagList flags={flags} explain />}
    </div>
  );
}
