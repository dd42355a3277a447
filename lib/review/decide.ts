// Reviewer transitions. Each is a conditional update on (id, status, revision) plus its timeline
// event and audit row in one transaction: of two reviewers acting at once, exactly one wins and
// the other is told who decided first.
import { addEntriesInTx } from "@/lib/allowlist/entries";
import { announceListChange } from "@/lib/allowlist/version";
import { addCimdClientInTx } from "@/lib/cimd-clients/approve";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { CurrentUser } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { db, type Tx } from "@/lib/db";
import { decisionOutcome, statusesFor } from "@/lib/requests/status";
import type { RuleKind } from "@/lib/redirect-uri/lint";
import { UserError } from "@/lib/user-error";
import type { z } from "zod";
import type { decisionSchema } from "./schema";

export class AlreadyDecided extends UserError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** Four eyes: whoever asked for URIs never reviews that request, whatever their role. */
export class OwnRequest extends UserError {
  constructor() {
    super(
      "You submitted this request, so another reviewer must take it, ask for changes or decide it. You can still comment.",
      403,
    );
  }
}

async function requesterOf(tx: Tx, requestId: string): Promise<string> {
  const request = await tx.request.findUnique({ where: { id: requestId }, select: { requesterId: true } });
  if (!request) throw new UserError("That request does not exist.", 404);
  return request.requesterId;
}

/** Each URI of the request with its one decision, in the request's order; anything else is refused. */
function zipDecisions<U extends { id: string }, D extends { id: string }>(uris: U[], decisions: D[]) {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  if (byId.size !== decisions.length) {
    throw new UserError("Each redirect URI takes exactly one decision; one was decided twice. Nothing was changed.");
  }
  if (decisions.some((d) => !uris.some((u) => u.id === d.id))) {
    throw new UserError(
      "The decision names a redirect URI that is not part of this request (it may have been resubmitted). Reload the page.",
    );
  }
  if (uris.some((u) => !byId.has(u.id))) {
    throw new UserError("Decide every redirect URI of the request (approve, or reject with a reason).");
  }
  return uris.map((u) => ({ ...u, ...byId.get(u.id)!, id: u.id }));
}

/** Why a conditional update matched nothing: decided by someone else, or changed under us. */
async function conflict(tx: Tx, requestId: string): Promise<never> {
  const request = await tx.request.findUnique({ where: { id: requestId }, select: { status: true, decidedAt: true } });
  if (!request) throw new UserError("That request does not exist.", 404);
  const last = await tx.requestEvent.findFirst({
    where: { requestId },
    orderBy: { createdAt: "desc" },
    select: { type: true, createdAt: true, actor: { select: { email: true } } },
  });
  const who = last?.actor?.email ?? "someone";
  const when = last?.createdAt.toISOString().replace("T", " ").slice(0, 16) ?? "";
  if (["approved", "partially_approved", "rejected"].includes(request.status)) {
    throw new AlreadyDecided(
      `Already decided by ${who} at ${when} UTC (${request.status.replace("_", " ")}). Nothing was changed.`,
    );
  }
  throw new AlreadyDecided(
    `The request changed while you were looking at it (${request.status.replace("_", " ")}, last by ${who} at ${when} UTC). Reload it; nothing was changed.`,
  );
}

export async function decideRequest(user: CurrentUser, input: z.infer<typeof decisionSchema>, ip: string | null) {
  const result = await recordedChange(db, async (tx) => {
    const request = await tx.request.findUnique({
      where: { id: input.requestId },
      select: {
        id: true,
        requesterId: true,
        clientId: true,
        client: { select: { name: true } },
        uris: { select: { id: true, uri: true, kind: true } },
        cimd: {
          select: {
            id: true,
            kind: true,
            clientIdUrl: true,
            host: true,
            document: true,
            documentSha256: true,
            redirectUris: true,
          },
        },
      },
    });
    if (!request) throw new UserError("That request does not exist.", 404);
    if (request.requesterId === user.id) throw new OwnRequest();
    const decided = zipDecisions(request.uris, input.decisions);
    const cimd = request.cimd;
    if (cimd && !input.cimd) throw new UserError("Approve or reject the CIMD client of this request.");
    if (!cimd && decided.length === 0) throw new UserError("Decide every redirect URI of the request.");
    if (!cimd && input.cimd) throw new UserError("This request names no CIMD client. Reload the page.");
    if (cimd?.kind === "client_id_host" && input.cimd?.decision === "approved" && !hasRole(user.role, "admin")) {
      throw new UserError(`Only an admin can approve the client_id host rule for ${cimd.host}.`, 403);
    }
    for (const u of decided) {
      if (u.kind === "path_prefix" && u.decision === "approved" && !hasRole(user.role, "admin")) {
        throw new UserError(`Only an admin can approve the path prefix rule ${u.uri}.`, 403);
      }
    }
    // From the zipped list, one verdict per URI: the outcome can never contradict the URIs.
    const outcome = decisionOutcome([...decided.map((d) => d.decision), ...(input.cimd ? [input.cimd.decision] : [])]);
    const now = new Date();
    const { count } = await tx.request.updateMany({
      where: { id: request.id, status: { in: statusesFor("decide") }, revision: input.revision },
      data: { status: outcome, decidedAt: now, revision: { increment: 1 } },
    });
    if (count === 0) await conflict(tx, request.id);

    for (const u of decided) {
      await tx.requestUri.update({
        where: { id: u.id },
        data: {
          decision: u.decision,
          reason: u.reason || null,
          decidedById: user.id,
          decidedAt: now,
          expiresAt: u.decision === "approved" ? (u.expiresAt ?? null) : null,
        },
      });
    }
    const approved = decided.filter((u) => u.decision === "approved");
    await addEntriesInTx(
      tx,
      approved.map((u) => ({
        kind: u.kind as RuleKind,
        uri: u.uri,
        clientId: request.clientId,
        // The name approved is the name published: a later rename of the client does not reach the feed.
        clientName: request.client.name,
        requestUriId: u.id,
        expiresAt: u.expiresAt ?? null,
      })),
      user.id,
    );
    const cimdVerdict = cimd && input.cimd ? { ...input.cimd, uri: cimd.clientIdUrl } : null;
    if (cimd && cimdVerdict) {
      await tx.cimdRequest.update({
        where: { id: cimd.id },
        data: { decision: cimdVerdict.decision, reason: cimdVerdict.reason || null, decidedAt: now },
      });
      if (cimdVerdict.decision === "approved") {
        await addCimdClientInTx(tx, cimd, request.clientId, user.id, cimdVerdict.expiresAt ?? null);
      }
    }
    const summary = [...decided, ...(cimdVerdict ? [cimdVerdict] : [])]
      .map((u) => `${u.decision === "approved" ? "✓" : "✗"} ${u.uri}${u.reason ? ` — ${u.reason}` : ""}`)
      .join("\n");
    return {
      result: { outcome, approved: approved.length + (cimdVerdict?.decision === "approved" ? 1 : 0) },
      events: [{ requestId: request.id, type: "decided", detail: `${outcome.replace("_", " ")}\n${summary}` }],
      audit: {
        actor: user,
        action: "request.decided",
        entityType: "request",
        entityId: request.id,
        after: {
          outcome,
          decisions: decided.map((u) => ({ uri: u.uri, decision: u.decision, reason: u.reason || null })),
          ...(cimdVerdict && cimd
            ? {
                cimd: {
                  clientId: cimd.clientIdUrl,
                  kind: cimd.kind,
                  sha256: cimd.documentSha256,
                  decision: cimdVerdict.decision,
                  reason: cimdVerdict.reason || null,
                },
              }
            : {}),
        },
        ip,
      },
    };
  });
  if (result.approved > 0) announceListChange();
  return result;
}

export async function requestChanges(
  user: CurrentUser,
  requestId: string,
  revision: number,
  message: string,
  ip: string | null,
) {
  await recordedChange(db, async (tx) => {
    if ((await requesterOf(tx, requestId)) === user.id) throw new OwnRequest();
    const { count } = await tx.request.updateMany({
      where: { id: requestId, status: { in: statusesFor("request_changes") }, revision },
      data: { status: "changes_requested", revision: { increment: 1 } },
    });
    if (count === 0) await conflict(tx, requestId);
    return {
      result: undefined,
      events: [{ requestId, type: "changes_requested", detail: message }],
      audit: {
        actor: user,
        action: "request.changes_requested",
        entityType: "request",
        entityId: requestId,
        reason: message,
        ip,
      },
    };
  });
}

/** Take (assign to yourself) or assign to another reviewer; moves a submitted request into review.
 *  The requester can neither take their request nor pick who reviews it, and is never its assignee. */
export async function assignRequest(user: CurrentUser, requestId: string, assigneeId: string, ip: string | null) {
  await recordedChange(db, async (tx) => {
    const requesterId = await requesterOf(tx, requestId);
    if (requesterId === user.id) throw new OwnRequest();
    if (requesterId === assigneeId) {
      throw new UserError("That reviewer submitted this request; assign it to someone else.", 403);
    }
    const assignee = await tx.user.findFirst({
      where: { id: assigneeId, role: { in: ["reviewer", "admin"] }, deactivatedAt: null },
      select: { id: true, email: true },
    });
    if (!assignee) throw new UserError("Assign the request to an active reviewer.");
    const request = await tx.request.findUniqueOrThrow({ where: { id: requestId }, select: { assigneeId: true } });
    const { count } = await tx.request.updateMany({
      where: { id: requestId, status: { in: statusesFor("take") } },
      data: { assigneeId: assignee.id, status: "in_review" },
    });
    if (count === 0) await conflict(tx, requestId);
    const self = assignee.id === user.id;
    return {
      result: undefined,
      events: [{ requestId, type: self ? "taken" : "assigned", detail: self ? "" : `to ${assignee.email}` }],
      audit: {
        actor: user,
        action: "request.assigned",
        entityType: "request",
        entityId: requestId,
        before: { assigneeId: request.assigneeId },
        after: { assigneeId: assignee.id },
        ip,
      },
    };
  });
}
