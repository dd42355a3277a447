"use server";

import { redirect } from "next/navigation";
import { validatedAction } from "@/lib/action";
import { requireActionRole } from "@/lib/auth/guards";
import { addComment } from "./comment";
import { checkListing, type ListingCheck } from "./listing-check";
import { notifyDeveloper, notifyReviewers, notifySubmission } from "./notify";
import { commentSchema, requestIdSchema, resubmitRequestSchema, submitRequestSchema } from "./schema";
import { resubmitRequest, submitRequest, withdrawRequest } from "./submit";

const requestPage = ({ requestId }: { requestId: string }) => [`/requests/${requestId}`];

export const submitRequestAction = validatedAction<typeof submitRequestSchema, { requestId: string }>({
  role: "developer",
  schema: submitRequestSchema,
  async run(input, { user, ip }) {
    const { id, created, autoApproved } = await submitRequest(user, input, ip);
    if (created) await notifySubmission(id, autoApproved);
    return { requestId: id };
  },
  revalidate: () => ["/requests"],
  redirect: (_input, { requestId }) => redirect(`/requests/${requestId}?submitted=1`),
});

export const resubmitRequestAction = validatedAction({
  role: "developer",
  schema: resubmitRequestSchema,
  async run({ requestId, uris, note }, { user, ip }) {
    const { autoApproved } = await resubmitRequest(user, requestId, uris, note, ip);
    await notifySubmission(requestId, autoApproved, true);
    return {};
  },
  revalidate: requestPage,
  redirect: ({ requestId }) => redirect(`/requests/${requestId}?resubmitted=1`),
});

export const withdrawRequestAction = validatedAction({
  role: "developer",
  schema: requestIdSchema,
  async run({ requestId }, { user, ip }) {
    await withdrawRequest(user, requestId, ip);
    return { message: "The request was withdrawn." };
  },
  revalidate: requestPage,
});

/** Comments: the requester on their own request, staff on any. */
export const addCommentAction = validatedAction({
  role: "developer",
  schema: commentSchema,
  async run(input, { user, ip }) {
    const { requestId, tell } = await addComment(user, input, ip);
    if (tell === "developer") await notifyDeveloper(requestId, { kind: "question", body: input.body });
    else await notifyReviewers(requestId, "reply");
    return { message: "Comment posted." };
  },
  revalidate: ({ requestId }) => [`/requests/${requestId}`, `/admin/requests/${requestId}`],
});

/** For the form: the database's flags for URIs as they are typed (already allowed, pending elsewhere). */
export async function checkListingAction(uris: string[]): Promise<ListingCheck> {
  const user = await requireActionRole("developer");
  return checkListing(user, uris);
}
