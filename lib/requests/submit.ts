// Creating and resubmitting requests. Each is one transaction with its timeline event and audit row.
import { recordedChange } from "@/lib/audit/recorded-change";
import { autoApproveRequest } from "@/lib/domains/auto-approve";
import type { CurrentUser } from "@/lib/auth/guards";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { UserError } from "@/lib/user-error";
import { listingFlags } from "./checks";
import { sharedHostingFlag } from "./host-checks";
import { lintRowsOrThrow, type LintedRow } from "./lint-rows";
import type { SubmitRequestInput, UriRow } from "./schema";
import { statusesFor } from "./status";

async function withListingFlags(rows: LintedRow[], excludeRequestId?: string) {
  const listing = await listingFlags(
    db,
    rows.map((r) => r.uri),
    excludeRequestId,
  );
  return rows.map((row) => {
    const shared = sharedHostingFlag(row.uri);
    return { ...row, flags: [...row.flags, ...(listing.get(row.uri) ?? []), ...(shared ? [shared] : [])] };
  });
}

function flagCodes(rows: { flags: { code: string }[] }[]): string {
  return [...new Set(rows.flatMap((r) => r.flags.map((f) => f.code)))].sort().join(" ");
}

export class RateLimited extends UserError {
  constructor(limit: number) {
    super(
      `You have submitted ${limit} requests in the last hour, the most we accept. Please wait a while, or add URIs to an open request.`,
      429,
    );
  }
}

/** The request an earlier send of the same form created, if any (the form's idempotency key). */
/**
 * What every submission checks first, URIs or a CIMD client: a repeat of an earlier submission (the
 * same idempotency key) answers with that request; else the client must be the caller's own, and the
 * caller within the hourly limit.
 */
export async function startSubmission(
  userId: string,
  input: { idempotencyKey?: string; clientId: string },
): Promise<{ earlier: { id: string; created: false } } | { client: { id: string; name: string } }> {
  if (input.idempotencyKey) {
    const existing = await db.request.findFirst({
      where: { requesterId: userId, idempotencyKey: input.idempotencyKey },
      select: { id: true },
    });
    if (existing) return { earlier: { id: existing.id, created: false } };
  }
  const client = await db.client.findFirst({
    where: { id: input.clientId, ownerId: userId },
    select: { id: true, name: true },
  });
  if (!client) throw new UserError("Choose one of your clients.");
  const recent = await db.request.count({
    where: { requesterId: userId, createdAt: { gte: new Date(Date.now() - 3600_000) } },
  });
  if (recent >= env.SUBMISSIONS_PER_HOUR) throw new RateLimited(env.SUBMISSIONS_PER_HOUR);
  return { client };
}

export async function submitRequest(
  user: CurrentUser,
  input: SubmitRequestInput,
  ip: string | null = null,
): Promise<{ id: string; created: boolean; autoApproved?: boolean }> {
  const start = await startSubmission(user.id, input);
  if ("earlier" in start) return start.earlier;
  const { client } = start;

  const rows = await withListingFlags(lintRowsOrThrow(input.uris));
  try {
    const request = await recordedChange(db, async (tx) => {
      const created = await tx.request.create({
        data: {
          clientId: client.id,
          requesterId: user.id,
          justification: input.justification,
          idempotencyKey: input.idempotencyKey ?? null,
          flagCodes: flagCodes(rows),
          uris: {
            create: rows.map((row, position) => ({
              position,
              uri: row.uri,
              kind: row.kind,
              flags: JSON.stringify(row.flags),
            })),
          },
        },
        select: { id: true },
      });
      return {
        result: created,
        events: [
          {
            requestId: created.id,
            type: "submitted",
            detail: `${rows.length} redirect URI${rows.length === 1 ? "" : "s"}`,
          },
        ],
        audit: {
          actor: user,
          action: "request.submitted",
          entityType: "request",
          entityId: created.id,
          ip,
          after: { client: client.name, uris: rows.map((r) => r.uri) },
        },
      };
    });
    return { id: request.id, created: true, autoApproved: await autoApproveQuietly(request.id) };
  } catch (error) {
    // The same submission sent twice at once: the unique (requester, idempotency key) lets one in.
    if ((error as { code?: string }).code === "P2002") {
      const start = await startSubmission(user.id, input);
      if ("earlier" in start) return start.earlier;
    }
    throw error;
  }
}

export async function resubmitRequest(
  user: CurrentUser,
  requestId: string,
  uris: UriRow[],
  note: string,
  ip: string | null = null,
): Promise<{ autoApproved: boolean }> {
  const rows = await withListingFlags(lintRowsOrThrow(uris), requestId);
  await recordedChange(db, async (tx) => {
    const request = await tx.request.findFirst({
      where: { id: requestId, requesterId: user.id },
      select: { id: true, status: true, revision: true },
    });
    if (!request) throw new UserError("That request does not exist.", 404);
    const count = await markResubmittedInTx(
      tx,
      { requestId, requesterId: user.id, revision: request.revision },
      flagCodes(rows),
    );
    if (count === 0)
      throw new UserError("This request is not waiting for changes any more (it may have been withdrawn or decided).");
    await tx.requestUri.deleteMany({ where: { requestId } });
    await tx.requestUri.createMany({
      data: rows.map((row, position) => ({
        requestId,
        position,
        uri: row.uri,
        kind: row.kind,
        flags: JSON.stringify(row.flags),
      })),
    });
    return {
      result: undefined,
      events: [{ requestId, type: "resubmitted", detail: note }],
      audit: {
        actor: user,
        action: "request.resubmitted",
        entityType: "request",
        entityId: requestId,
        after: { uris: rows.map((r) => r.uri) },
        reason: note || null,
        ip,
      },
    };
  });
  return { autoApproved: await autoApproveQuietly(requestId) };
}

/**
 * The submission stands whatever happens here: a failure only leaves the request for a reviewer.
 * True when the request was approved at once (its developer is then told the decision, not "received").
 */
export async function autoApproveQuietly(requestId: string): Promise<boolean> {
  try {
    return await autoApproveRequest(db, requestId);
  } catch (error) {
    console.error(`[domains] auto-approval of request ${requestId} failed:`, error);
    return false;
  }
}

export async function withdrawRequest(user: CurrentUser, requestId: string, ip: string | null = null): Promise<void> {
  await recordedChange(db, async (tx) => {
    const { count } = await tx.request.updateMany({
      where: { id: requestId, requesterId: user.id, status: { in: statusesFor("withdraw") } },
      data: { status: "withdrawn", revision: { increment: 1 }, decidedAt: new Date() },
    });
    if (count === 0)
      throw new UserError("This request can no longer be withdrawn: it has been decided or withdrawn already.");
    return {
      result: undefined,
      events: [{ requestId, type: "withdrawn" }],
      audit: { actor: user, action: "request.withdrawn", entityType: "request", entityId: requestId, ip },
    };
  });
}

/**
 * Back to "submitted" with new flags, conditional on the revision the caller read: a withdrawal,
 * a decision or a second resubmission meanwhile wins (0 is returned).
 */
export async function markResubmittedInTx(
  tx: Tx,
  request: { requestId: string; requesterId: string; revision: number },
  flagCodes: string,
): Promise<number> {
  const { count } = await tx.request.updateMany({
    where: {
      id: request.requestId,
      requesterId: request.requesterId,
      status: { in: statusesFor("resubmit") },
      revision: request.revision,
    },
    data: { status: "submitted", revision: { increment: 1 }, submittedAt: new Date(), flagCodes, assigneeId: null },
  });
  return count;
}
