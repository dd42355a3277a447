import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { CLIENT_TYPES, type ClientType } from "@/lib/clients/schema";
import { getRequestForReview } from "@/lib/requests/queries";
import { canTransition } from "@/lib/requests/status";
import { listReviewers } from "@/lib/review/queue";
import { reviewContext } from "@/lib/review/related";
import { hostSignals } from "@/lib/review/host-signals";
import { renameSinceApproval } from "@/lib/review/renamed";
import { db } from "@/lib/db";
import { defaultExpiryDate, getSettings } from "@/lib/settings/settings";
import { getPinnedCimd } from "@/lib/cimd-clients/queries";
import { CimdPinned } from "@/components/cimd-pinned";
import { CommentForm } from "@/components/comment-form";
import { Notice } from "@/components/notice";
import { PropagationStatus } from "@/components/propagation-status";
import { FlagList } from "@/components/flag-list";
import { HostSignalsView } from "@/components/host-signals";
import { RequestTimeline } from "@/components/request-timeline";
import { RequestUris } from "@/components/request-uris";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { UriText } from "@/components/uri-text";
import { AssignForm } from "./assign-form";
import { DecisionForm } from "./decision-form";
import { RequestChangesForm } from "./request-changes-form";

export const metadata: Metadata = { title: "Review request" };

export default async function ReviewRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const [{ id }, { notice }] = await Promise.all([params, searchParams]);
  const user = await requireRole("reviewer", `/admin/requests/${id}`);
  const request = await getRequestForReview(id);
  if (!request) notFound();
  const [context, reviewers, settings, rename, signals, cimd] = await Promise.all([
    reviewContext(
      request.id,
      request.uris.map((u) => u.uri),
    ),
    listReviewers(),
    getSettings(db),
    renameSinceApproval(request.id),
    hostSignals(
      request.uris.map((u) => u.uri),
      { id: request.requesterId, email: request.requester.email },
    ),
    getPinnedCimd(request.id),
  ]);
  const defaultExpiresAt = defaultExpiryDate(settings);
  // Four eyes: the requester's own request is reviewed by someone else (the domain refuses it too).
  const ownRequest = request.requesterId === user.id;
  const decidable = canTransition(request.status, "decide");
  const client = request.client;
  return (
    <div className="space-y-8">
      <Notice code={notice} />
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/admin" className="text-sm text-indigo-700 hover:underline">
          ← Queue
        </Link>
        <h1 className="text-2xl font-semibold">{client.name}</h1>
        <StatusBadge status={request.status} />
        <span className="text-sm text-slate-500">
          submitted <TimeAgo date={request.submittedAt} /> by {request.requester.email}
        </span>
      </div>
      {rename && (
        <p
          role="alert"
          data-testid="renamed-since-approval"
          className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        >
          Renamed since approval: {rename.approved} → {rename.current}. The feed still publishes {rename.approved}.
        </p>
      )}
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <section
            className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2"
            aria-label="Client"
          >
            <p>
              <span className="text-slate-500">Vendor:</span> {client.vendor}
            </p>
            <p>
              <span className="text-slate-500">Type:</span>{" "}
              {CLIENT_TYPES[client.clientType as ClientType] ?? client.clientType}
            </p>
            <p className="wrap-anywhere">
              <span className="text-slate-500">Homepage:</span>{" "}
              <a
                href={client.homepage}
                rel="noopener noreferrer nofollow"
                target="_blank"
                className="text-indigo-700 underline"
              >
                {client.homepage}
              </a>
            </p>
            <p className="wrap-anywhere">
              <span className="text-slate-500">Contact:</span> {client.contactEmail}
            </p>
            {client.metadataDocumentUrl && (
              <p className="wrap-anywhere sm:col-span-2">
                <span className="text-slate-500">Client ID Metadata Document:</span> {client.metadataDocumentUrl}
              </p>
            )}
            <p className="wrap-anywhere whitespace-pre-wrap sm:col-span-2">
              <span className="text-slate-500">About:</span> {client.description}
            </p>
            <p className="wrap-anywhere whitespace-pre-wrap sm:col-span-2">
              <span className="text-slate-500">Justification:</span> {request.justification}
            </p>
          </section>

          <PropagationStatus requestId={request.id} />
          {cimd && <CimdPinned cimd={cimd} />}

          {request.uris.length > 0 && (
            <section className="space-y-3" aria-labelledby="checks-heading">
              <h2 id="checks-heading" className="text-lg font-semibold">
                Checks per redirect URI
              </h2>
              <ul className="space-y-3">
                {request.uris.map((u) => {
                  const now = context.flags.get(u.uri) ?? [];
                  const related = context.related.get(u.uri) ?? [];
                  return (
                    <li
                      key={u.id}
                      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
                      data-testid="review-uri"
                    >
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <UriText uri={u.uri} className="min-w-0 text-sm" />
                        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                          {u.kind.replace("_", " ")}
                        </span>
                      </div>
                      {u.flags.length + now.length === 0 ? (
                        <p className="text-sm text-emerald-700">✓ No risk flags.</p>
                      ) : (
                        <FlagList
                          flags={[
                            ...u.flags.filter((f) => f.code !== "already_allowed" && f.code !== "pending_elsewhere"),
                            ...now,
                          ]}
                          explain
                        />
                      )}
                      <HostSignalsView signals={signals.get(u.uri)} />
                      {now.map(
                        (f) =>
                          f.ref && (
                            <p key={f.code} className="text-xs text-slate-600">
                              {f.code === "pending_elsewhere" ? (
                                <>
                                  Pending in{" "}
                                  <Link className="text-indigo-700 underline" href={`/admin/requests/${f.ref}`}>
                                    another request
                                  </Link>
                                  .
                                </>
                              ) : (
                                <>
                                  On the list as{" "}
                                  <Link
                                    className="text-indigo-700 underline"
                                    href={`/admin/entries?q=${encodeURIComponent(u.uri)}`}
                                  >
                                    entry {f.ref.slice(-6)}
                                  </Link>
                                  .
                                </>
                              )}
                            </p>
                          ),
                      )}
                      {related.length > 0 && (
                        <details className="text-xs text-slate-600">
                          <summary className="cursor-pointer">
                            {related.length} other allowed entr{related.length === 1 ? "y" : "ies"} on this host
                          </summary>
                          <ul className="mt-1 space-y-0.5">
                            {related.map((e) => (
                              <li key={e.id}>
                                <UriText uri={e.uri} /> — {e.client?.name ?? e.clientName ?? "imported"}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}

          {decidable && ownRequest ? (
            <section
              className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-5"
              aria-labelledby="decide-heading"
              data-testid="own-request"
            >
              <h2 id="decide-heading" className="text-lg font-semibold">
                Decide
              </h2>
              <p className="text-sm text-amber-900">
                You submitted this request, so another reviewer must take it, ask for changes or decide it. You can
                still comment.
              </p>
              <RequestUris uris={request.uris} />
            </section>
          ) : decidable ? (
            <section
              className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-5"
              aria-labelledby="decide-heading"
            >
              <h2 id="decide-heading" className="text-lg font-semibold">
                Decide
              </h2>
              <DecisionForm
                requestId={request.id}
                revision={request.revision}
                isAdmin={hasRole(user.role, "admin")}
                uris={request.uris.map((u) => ({ id: u.id, uri: u.uri, kind: u.kind }))}
                defaultExpiresAt={defaultExpiresAt}
                cimd={cimd && { clientIdUrl: cimd.clientIdUrl, kind: cimd.kind }}
              />
            </section>
          ) : (
            <section aria-labelledby="outcome-heading" className="space-y-2">
              <h2 id="outcome-heading" className="text-lg font-semibold">
                {request.status === "changes_requested" ? "Waiting for the developer's changes" : "Outcome"}
              </h2>
              <RequestUris uris={request.uris} />
            </section>
          )}
        </div>
        <aside className="space-y-6">
          {!ownRequest && canTransition(request.status, "take") && (
            <AssignForm
              requestId={request.id}
              currentAssignee={request.assignee?.id ?? null}
              me={user.id}
              reviewers={reviewers.filter((r) => r.id !== request.requesterId)}
            />
          )}
          {!ownRequest && canTransition(request.status, "request_changes") && (
            <RequestChangesForm requestId={request.id} revision={request.revision} />
          )}
          <RequestTimeline request={request} />
          <CommentForm requestId={request.id} label="Comment or ask the developer a question" />
        </aside>
      </div>
    </div>
  );
}
