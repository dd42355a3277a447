// What a request pinned about its CIMD client: the document as fetched at submission, its checks,
// and — once decided — the verdict. Reviewers decide on these bytes, never on a re-fetch.
import type { PinnedCimdView } from "@/lib/cimd-clients/queries";
import { CimdDocument } from "@/components/cimd-document";

export function CimdPinned({ cimd }: { cimd: PinnedCimdView }) {
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      aria-labelledby="cimd-heading"
      data-testid="cimd-pinned"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="cimd-heading" className="text-lg font-semibold">
          CIMD client
        </h2>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
          {cimd.kind === "client_id_host" ? `any client_id on ${cimd.host}` : "exact client_id"}
        </span>
        {cimd.kind === "client_id_host" && (
          <span
            className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-800 ring-1 ring-red-200"
            data-testid="cimd-high-risk"
          >
            ⚑ High risk: trusts documents on this host that nobody has reviewed; admin only
          </span>
        )}
        {cimd.decision !== "pending" && (
          <span className="text-sm text-slate-600" data-testid="cimd-decision">
            {cimd.decision}
            {cimd.reason && ` — ${cimd.reason}`}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-500">Pinned at submission: approval publishes exactly this document.</p>
      <CimdDocument
        clientId={cimd.clientIdUrl}
        fetch={cimd.fetchDetails}
        sha256={cimd.documentSha256}
        text={cimd.document}
        redirectUris={cimd.checks}
      />
    </section>
  );
}
