"use server";

import { validatedAction } from "@/lib/action";
import { type NoticeCode, redirectWithNotice } from "@/lib/notice";
import { notifyDeveloper } from "@/lib/requests/notify";
import { assignRequest, decideRequest, requestChanges } from "./decide";
import { assignSchema, decisionSchema, requestChangesSchema } from "./schema";

const requestPages = ({ requestId }: { requestId: string }) => [`/admin/requests/${requestId}`, "/admin"];

// A lost race keeps the form on screen with its "already decided" message; a win shows the outcome.
export const decideAction = validatedAction<typeof decisionSchema, { outcome: NoticeCode }>({
  role: "reviewer",
  schema: decisionSchema,
  async run(input, { user, ip }) {
    const { outcome } = await decideRequest(user, input, ip);
    await notifyDeveloper(input.requestId, { kind: "decision" });
    return { outcome, message: `Decision saved: ${outcome.replace("_", " ")}. The developer has been emailed.` };
  },
  revalidate: requestPages,
  redirect: ({ requestId }, { outcome }) => redirectWithNotice(`/admin/requests/${requestId}`, outcome),
});

export const requestChangesAction = validatedAction({
  role: "reviewer",
  schema: requestChangesSchema,
  async run({ requestId, revision, message }, { user, ip }) {
    await requestChanges(user, requestId, revision, message, ip);
    await notifyDeveloper(requestId, { kind: "changes_requested", message });
    return { message: "Changes requested: the developer has been emailed." };
  },
  revalidate: requestPages,
  redirect: ({ requestId }) => redirectWithNotice(`/admin/requests/${requestId}`, "changes_requested"),
});

export const assignAction = validatedAction({
  role: "reviewer",
  schema: assignSchema,
  async run({ requestId, assigneeId }, { user, ip }) {
    await assignRequest(user, requestId, assigneeId ?? user.id, ip);
    return { message: assigneeId && assigneeId !== user.id ? "Assigned." : "You took the request." };
  },
  revalidate: requestPages,
});
