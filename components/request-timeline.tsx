import { REVIEWER_LABEL } from "@/lib/requests/for-requester";
import type { RequestDetail } from "@/lib/requests/queries";
import { TimeAgo } from "./time-ago";

const EVENT_TEXT: Record<string, string> = {
  submitted: "submitted the request",
  resubmitted: "changed the redirect URIs and resubmitted",
  taken: "took the request for review",
  assigned: "assigned the request",
  changes_requested: "requested changes",
  decided: "decided",
  withdrawn: "withdrew the request",
  revoked: "revoked an approved redirect URI",
  expired: "an approved redirect URI expired",
  client_renamed: "changed the client's name or vendor after approval",
};

type Item = { id: string; at: Date; who: string; text: string; body?: string; comment: boolean };

/** Everything that happened to a request, oldest first: transitions and comments together, under its heading. */
export function RequestTimeline({ request }: { request: RequestDetail }) {
  const items: Item[] = [
    ...request.events.map((e) => ({
      id: e.id,
      at: e.createdAt,
      who: e.actor?.email ?? "The portal",
      text: EVENT_TEXT[e.type] ?? e.type,
      body: e.detail || undefined,
      comment: false,
    })),
    ...request.comments.map((c) => ({
      id: c.id,
      at: c.createdAt,
      who: c.author.email,
      // Staff see who is staff; a developer already reads "A reviewer".
      text: c.author.role === "developer" || c.author.email === REVIEWER_LABEL ? "commented" : "commented (reviewer)",
      body: c.body,
      comment: true,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <section aria-labelledby="timeline-heading" className="space-y-4">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h2>
      <ol className="space-y-4" data-testid="timeline">
        {items.map((item) => (
          <li key={item.id} className="flex gap-3">
            <span
              aria-hidden
              className={`mt-1.5 h-2.5 w-2.5 flex-none rounded-full ${item.comment ? "bg-indigo-400" : "bg-slate-400"}`}
            />
            <div className="min-w-0 flex-1">
              <p className="text-sm text-slate-700">
                <span className="font-medium text-slate-900">{item.who}</span> {item.text} ·{" "}
                <span className="text-slate-500">
                  <TimeAgo date={item.at} />
                </span>
              </p>
              {item.body && (
                <p
                  className={`mt-1 text-sm wrap-anywhere whitespace-pre-wrap ${item.comment ? "rounded-md bg-white p-3 ring-1 ring-slate-200" : "text-slate-600"}`}
                >
                  {item.body}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
