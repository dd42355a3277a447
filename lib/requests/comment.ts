// Comments: the requester on their own open request, staff on any. Rate limited per user, since
// each comment emails someone.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { CurrentUser } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { takeAttemptOrThrow } from "@/lib/rate-limit/limiter";
import { LIMITS } from "@/lib/rate-limit/limits";
import { UserError } from "@/lib/user-error";
import type { z } from "zod";
import type { commentSchema } from "./schema";
import { FINAL_STATUSES } from "./status";

/** Posts the comment; says whom to tell: the developer (a staff question) or the reviewers (a reply). */
export async function addComment(
  user: CurrentUser,
  input: z.infer<typeof commentSchema>,
  ip: string | null,
): Promise<{ requestId: string; tell: "developer" | "reviewers" }> {
  const staff = hasRole(user.role, "reviewer");
  const request = await db.request.findFirst({
    where: { id: input.requestId, ...(staff ? {} : { requesterId: user.id }) },
    select: { id: true, status: true, requesterId: true },
  });
  if (!request) throw new UserError("That request does not exist.", 404);
  if ((FINAL_STATUSES as string[]).includes(request.status) && !staff)
    throw new UserError("This request is closed; start a new request instead.");
  const { max, windowMs } = LIMITS.commentsPerUser;
  await takeAttemptOrThrow(
    LIMITS.commentsPerUser,
    user.id,
    (minutes) =>
      `You have posted ${max} comments in the last ${windowMs / 60_000} minutes, the most we accept; try again in ${minutes} minute${minutes === 1 ? "" : "s"}. Your text is still in the box.`,
  );
  await recordedChange(db, async (tx) => {
    await tx.comment.create({ data: { requestId: request.id, authorId: user.id, body: input.body } });
    return {
      result: undefined,
      audit: { actor: user, action: "request.commented", entityType: "request", entityId: request.id, ip },
    };
  });
  return { requestId: request.id, tell: staff && request.requesterId !== user.id ? "developer" : "reviewers" };
}
