import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getOwnRequest } from "@/lib/requests/queries";
import { FINAL_STATUSES, UNDECIDED_STATUSES, type RequestStatus } from "@/lib/requests/status";
import Link from "next/link";
import { getPinnedCimd } from "@/lib/cimd-clients/queries";
import { cimdClientOfRequest } from "@/lib/cimd-drift/queries";
import { CimdPinned } from "@/components/cimd-pinned";
import { CommentForm } from "@/components/comment-form";
import { PropagationStatus } from "@/components/propagation-status";
import { RequestForm } from "@/components/request-form/request-form";
import { RequestTimeline } from "@/components/request-timeline";
import { RequestUris } from "@/components/request-uris";
import { StatusBadge } from "@/components/status-badge";
import { CimdResubmitForm } from "./cimd-resubmit-form";
import { WithdrawButton } from "./withdraw-button";

export const metadata: Metadata = { title: "Request" };

const NEXT_STEP: Record<RequestStatus, string> = {
  submitted: "Waiting for a reviewer. You will get an email when something happens.",
  in_review: "A reviewer is looking at it. You will get an email when it is decided.",
  changes_requested: "A reviewer asked for changes: make them below and resubmit.",
  approved: "Approved: the redirect URIs are on the allowlist.",
  partially_approved:
    "Partly approved: the approved redirect URIs are on the allowlist; see the reasons for the others.",
  rejected: "Rejected: see the reviewer's reasons below. You can submit a new request.",
  withdrawn: "You withdrew this request.",
};

/** After a decision, what the allowlist says now: approved entries can since have been revoked or
 *  have expired, and the page must not keep saying they are on the list. */
function nextStep(
  status: RequestStatus,
  uris: { decision: string; entries: { revokedAt: Date | null; expiredAt: Date | null }[] }[],
) {
  if (status !== "approved" && status !== "partially_approved") return NEXT_STEP[status];
  const approved = uris.filter((u) => u.decision === "approved");
  const gone = approved.filter((u) => u.entries.some((e) => e.revokedAt || e.expiredAt));
  if (gone.length === 0) return NEXT_STEP[status];
  const how = gone.some((u) => u.entries.some((e) => e.revokedAt)) ? "revoked" : "expired";
  if (gone.length === approved.length)
    return `${status === "approved" ? "Approved" : "Partly approved"}, but since ${how}: ${approved.length === 1 ? "the redirect URI is" : "the redirect URIs are"} no longer on the allowlist. Submit a new request if your client still needs ${approved.length === 1 ? "it" : "them"}.`;
  return `${status === "approved" ? "Approved" : "Partly approved"}; ${gone.length} of the ${approved.length} approved redirect URIs ${gone.length === 1 ? "was" : "were"} since revoked or expired (marked below) and ${gone.length === 1 ? "is" : "are"} no longer on the allowlist; the others are.`;
}

/** Why an approved CIMD client left the list, or null while it is on it. */
function cimdLeftTheList(listed: { revokedAt: Date | null; expiredAt: Date | null; suspendedAt: Date | null }) {
  if (listed.revokedAt) return "revoked";
  if (listed.expiredAt) return "expired";
  if (listed.suspendedAt) return "suspended until your verified domain is verified again";
  return null;
}

export default async function RequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string; resubmitted?: string }>;
}) {
  const [{ id }, { submitted, resubmitted }] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/requests/${id}`);
  const request = await getOwnRequest(user.id, id);
  if (!request) notFound();
  const status = request.status as RequestStatus;
  // Read after the ownership check above: the request is this user's.
  const cimd = await getPinnedCimd(request.id);
  const cimdGone = cimd?.listed && cimdLeftTheList(cimd.listed);
  const listed = cimd ? await cimdClientOfRequest(request.id) : null;
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <div className="space-y-6">
        {(submitted || resubmitted) && status === "submitted" && (
          <p
            role="status"
            data-testid="submitted-notice"
            className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          >
            Your request was {resubmitted ? "resubmitted" : "submitted"}. Reviewers have been told; you will get an
            email at {user.email} when it is decided.
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{request.client.name}</h1>
          <StatusBadge status={status} />
        </div>
        <p className="text-slate-700" data-testid="next-step">
          {cimd?.listed
            ? cimdGone
              ? `Approved, but since ${cimdGone}: the CIMD client is no longer on the allowlist.`
              : "Approved: the CIMD client is on the allowlist with its pinned document."
            : nextStep(status, request.uris)}
        </p>
        <PropagationStatus requestId={request.id} />
        {cimd && <CimdPinned cimd={cimd} />}
        {listed && (
          <p className="text-sm">
            <Link
              href={`/cimd-clients/${listed.id}`}
              className="text-indigo-700 underline"
              data-testid="cimd-drift-link"
            >
              The approved client: re-checks and document versions →
            </Link>
          </p>
        )}
        {request.uris.length > 0 && <RequestUris uris={request.uris} />}
        {status === "changes_requested" && cimd && (
          <section className="rounded-lg border border-amber-200 bg-amber-50/50 p-6" aria-labelledby="resubmit-heading">
            <h2 id="resubmit-heading" className="mb-4 text-lg font-semibold">
              Fix the document and resubmit
            </h2>
            <CimdResubmitForm requestId={request.id} clientIdUrl={cimd.clientIdUrl} />
          </section>
        )}
        {status === "changes_requested" && !cimd && (
          <section className="rounded-lg border border-amber-200 bg-amber-50/50 p-6" aria-labelledby="resubmit-heading">
            <h2 id="resubmit-heading" className="mb-4 text-lg font-semibold">
              Edit and resubmit
            </h2>
            <RequestForm
              mode={{ kind: "resubmit", requestId: request.id }}
              initialUris={request.uris.map((u) => ({ uri: u.uri, asPathPrefix: u.kind === "path_prefix" }))}
            />
          </section>
        )}
        <section aria-labelledby="justification-heading">
          <h2 id="justification-heading" className="text-sm font-medium text-slate-500">
            Your justification
          </h2>
          <p className="mt-1 wrap-anywhere whitespace-pre-wrap text-slate-800">{request.justification}</p>
        </section>
      </div>
      <aside className="space-y-6">
        <RequestTimeline request={request} />
        {!(FINAL_STATUSES as string[]).includes(status) && (
          <CommentForm requestId={request.id} label="Write to the reviewers" />
        )}
        {(UNDECIDED_STATUSES as string[]).includes(status) && <WithdrawButton requestId={request.id} />}
      </aside>
    </div>
  );
}
