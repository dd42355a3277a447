import type { RequestDetail } from "@/lib/requests/queries";
import { FlagList } from "./flag-list";
import { StatusBadge } from "./status-badge";
import { UriText } from "./uri-text";

/** The request's URIs with their kind, flags and decision (and the reviewer's reason). */
export function RequestUris({ uris }: { uris: RequestDetail["uris"] }) {
  return (
    <ul
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="request-uris"
    >
      {uris.map((u) => {
        const entry = u.entries[0];
        return (
          <li key={u.id} className="space-y-2 px-4 py-3" data-testid="request-uri">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <UriText uri={u.uri} className="min-w-0 text-sm text-slate-900" />
              <div className="flex items-center gap-2">
                <span className="text-xs text-slate-500">{u.kind.replace("_", " ")}</span>
                <StatusBadge status={entry?.revokedAt ? "revoked" : entry?.expiredAt ? "expired" : u.decision} />
              </div>
            </div>
            <FlagList flags={u.flags} />
            {u.reason && (
              <p className="text-sm text-slate-700" data-testid="uri-reason">
                Reason: {u.reason}
              </p>
            )}
            {entry?.revokedAt && <p className="text-sm text-red-700">Revoked: {entry.revokeReason}</p>}
            {u.expiresAt && !entry?.expiredAt && (
              <p className="text-xs text-slate-500">Expires {u.expiresAt.toISOString().slice(0, 10)}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
