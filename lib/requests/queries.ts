import "server-only";
import { parseFlags } from "./flags";
import { forRequester } from "./for-requester";
import { db } from "@/lib/db";
import { uriCountsByRequest } from "@/lib/db/counts";

export async function listOwnRequests(requesterId: string) {
  const rows = await db.request.findMany({
    where: { requesterId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      status: true,
      createdAt: true,
      submittedAt: true,
      decidedAt: true,
      client: { select: { name: true } },
    },
  });
  const counts = await uriCountsByRequest(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, uriCount: counts.get(r.id) ?? 0 }));
}

const detailSelect = {
  id: true,
  status: true,
  justification: true,
  revision: true,
  createdAt: true,
  submittedAt: true,
  decidedAt: true,
  flagCodes: true,
  requesterId: true,
  requester: { select: { email: true, name: true } },
  assignee: { select: { id: true, email: true } },
  client: true,
  uris: {
    orderBy: { position: "asc" as const },
    select: {
      id: true,
      uri: true,
      kind: true,
      flags: true,
      decision: true,
      reason: true,
      decidedAt: true,
      expiresAt: true,
      decidedBy: { select: { email: true } },
      entries: { select: { id: true, revokedAt: true, revokeReason: true, expiredAt: true } },
    },
  },
  comments: {
    orderBy: { createdAt: "asc" as const },
    select: { id: true, body: true, createdAt: true, author: { select: { id: true, email: true, role: true } } },
  },
  events: {
    orderBy: { createdAt: "asc" as const },
    select: {
      id: true,
      type: true,
      detail: true,
      createdAt: true,
      actor: { select: { id: true, email: true, role: true } },
    },
  },
};

async function loadDetail(where: { id: string; requesterId?: string }) {
  const request = await db.request.findFirst({ where, select: detailSelect });
  if (!request) return null;
  return { ...request, uris: request.uris.map((u) => ({ ...u, flags: parseFlags(u.flags) })) };
}

/** A developer's own request; another developer's id finds nothing (a 404, not a 403). Staff
 *  appear as "A reviewer" in it (see forRequester). */
export async function getOwnRequest(requesterId: string, id: string) {
  const request = await loadDetail({ id, requesterId });
  return request && forRequester(request);
}

/** For staff. */
export function getRequestForReview(id: string) {
  return loadDetail({ id });
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof loadDetail>>>;

export async function listOwnClientOptions(ownerId: string) {
  return db.client.findMany({ where: { ownerId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
