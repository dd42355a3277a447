// An approved CIMD client as the re-fetch sees it: when it was last checked and last changed, the
// pinned hash and redirect URIs, whether it is unreachable, and every document seen with its diff.
// The developer and the reviewer see the same; the reviewer's page passes in the decision form.
import type { ReactNode } from "react";
import type { CimdDrift, TimelineEntry } from "@/lib/cimd-drift/queries";
import { summarize } from "@/lib/cimd-drift/queries";
import { UriText } from "@/components/uri-text";

const when = (date: Date | null) => (date ? `${date.toISOString().replace("T", " ").slice(0, 16)} UTC` : "never");

const STATUS_LABELS: Record<string, string> = {
  published: "published",
  pending: "waiting for a reviewer",
  approved: "approved and published",
  rejected: "rejected",
  superseded: "replaced by a newer document",
};
const KIND_LABELS: Record<string, string> = {
  initial: "As approved",
  narrowed: "Redirect URIs removed",
  harmless: "Unreviewed members changed",
  widening: "Widening change",
};

function DiffView({ entry }: { entry: TimelineEntry }) {
  // A removal published ahead of a waiting change keeps the document: its diff would be all context.
  if (!entry.diff || entry.diff.every((line) => line.op === " ")) return null;
  return (
    <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="cimd-diff">
      {entry.diff.map((line, i) => (
        <div
          key={i}
          className={line.op === "+" ? "text-emerald-300" : line.op === "-" ? "text-red-300" : "text-slate-400"}
        >
          {line.op} {line.text}
        </div>
      ))}
    </pre>
  );
}

export function CimdDriftPanel({ drift, decision }: { drift: CimdDrift; decision?: ReactNode }) {
  return (
    <div className="space-y-6">
      <dl
        className="grid gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-[max-content_1fr]"
        data-testid="cimd-drift-state"
      >
        <dt className="text-slate-500">Last checked</dt>
        <dd data-testid="cimd-last-checked">{when(drift.lastCheckedAt)}</dd>
        <dt className="text-slate-500">Last changed</dt>
        <dd data-testid="cimd-last-changed">{when(drift.lastChangedAt ?? drift.approvedAt)}</dd>
        <dt className="text-slate-500">Next check</dt>
        <dd>{drift.revokedAt ? "none (revoked)" : when(drift.nextCheckAt)}</dd>
        <dt className="text-slate-500">Pinned SHA-256</dt>
        <dd className="font-mono text-xs wrap-anywhere" data-testid="cimd-pinned-hash">
          {drift.documentSha256}
        </dd>
        <dt className="text-slate-500">Pinned redirect URIs</dt>
        <dd>
          <ul data-testid="cimd-pinned-uris">
            {drift.redirectUris.map((uri) => (
              <li key={uri}>
                <UriText uri={uri} />
              </li>
            ))}
          </ul>
        </dd>
        {drift.unreachableSince && (
          <>
            <dt className="text-red-700">Unreachable since</dt>
            <dd className="text-red-800" data-testid="cimd-unreachable">
              {when(drift.unreachableSince)} ({drift.failedChecks} failed check
              {drift.failedChecks === 1 ? "" : "s"}): {drift.lastError}. The pinned redirect URIs stay published.
            </dd>
          </>
        )}
        {drift.revokedAt && (
          <>
            <dt className="text-red-700">Revoked</dt>
            <dd className="text-red-800">
              {when(drift.revokedAt)}: {drift.revokeReason}
            </dd>
          </>
        )}
      </dl>

      <section className="space-y-3" aria-labelledby="cimd-timeline-heading">
        <h2 id="cimd-timeline-heading" className="text-lg font-semibold">
          Document versions
        </h2>
        {drift.timeline.length === 0 && (
          <p className="text-sm text-slate-600">Not re-checked yet: the document is the one pinned at approval.</p>
        )}
        <ol className="space-y-4" data-testid="cimd-timeline">
          {drift.timeline.map((entry) => (
            <li
              key={entry.id}
              className={`space-y-2 rounded-lg border p-4 text-sm ${entry.status === "pending" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
              data-testid="cimd-version"
              data-status={entry.status}
            >
              <div className="flex flex-wrap justify-between gap-2">
                <span className="font-medium">
                  {KIND_LABELS[entry.kind] ?? entry.kind} · {STATUS_LABELS[entry.status] ?? entry.status}
                </span>
                <span className="text-slate-500">seen {when(entry.seenAt)}</span>
              </div>
              {entry.kind !== "initial" && <p className="text-slate-700">{summarize(entry.changes) || "—"}</p>}
              <p className="font-mono text-xs wrap-anywhere text-slate-500">sha256 {entry.documentSha256}</p>
              {entry.reason && <p className="text-slate-700">Reason: {entry.reason}</p>}
              <DiffView entry={entry} />
              {entry.status === "pending" && decision}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
