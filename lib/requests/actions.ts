"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { requireActionRole } from "@/lib/auth/guards";
import { requestIp } from "@/lib/request-ip";
import { addComment } from "./comment";
import { checkListing, type ListingCheck } from "./listing-check";
import { RowErrors } from "./lint-rows";
import { notifyDeveloper, notifyReviewers } from "./notify";
import { commentSchema, requestIdSchema, resubmitRequestSchema, submitRequestSchema } from "./schema";
import { resubmitRequest, submitRequest, withdrawRequest } from "./submit";

function rowErrorResult(error: unknown): ActionResult | null {
  return error instanceof RowErrors ? { ok: false, message: error.message, fieldErrors: error.rows } : null;
}

export async function submitRequestAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("developer");
  let requestId: string | null = null;
  const result = await runAction(async () => {
    const parsed = submitRequestSchema.safeParse({
      clientId: formData.get("clientId") ?? "",
      justification: formData.get("justification") ?? "",
      uris: formData.get("uris") ?? "[]",
      idempotencyKey: formData.get("idempotencyKey") || undefined,
    });
    if (!parsed.success) return invalid(parsed.error);
    try {
      const { id, created } = await submitRequest(user, parsed.data, await requestIp());
      requestId = id;
      if (created) await Promise.all([notifyReviewers(id, "new"), notifyDeveloper(id, { kind: "submitted" })]);
      return { ok: true };
    } catch (error) {
      const rows = rowErrorResult(error);
      if (rows) return rows;
      throw error;
    }
  });
  if (!result.ok || !requestId) return result;
  revalidatePath("/requests");
  redirect(`/requests/${requestId}?submitted=1`);
}

export async function resubmitRequestAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("developer");
  const result = await runAction(async () => {
    const parsed = resubmitRequestSchema.safeParse({
      requestId: formData.get("requestId"),
      note: formData.get("note") ?? "",
      uris: formData.get("uris") ?? "[]",
    });
    if (!parsed.success) return invalid(parsed.error);
    try {
      await resubmitRequest(user, parsed.data.requestId, parsed.data.uris, parsed.data.note, await requestIp());
    } catch (error) {
      const rows = rowErrorResult(error);
      if (rows) return rows;
      throw error;
    }
    await notifyReviewers(parsed.data.requestId, "resubmitted");
    return { ok: true };
  });
  if (!result.ok) return result;
  revalidatePath(`/requests/${String(formData.get("requestId"))}`);
  redirect(`/requests/${String(formData.get("requestId"))}?resubmitted=1`);
}

export async function withdrawRequestAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("developer");
  const result = await runAction(async () => {
    const parsed = requestIdSchema.safeParse({ requestId: formData.get("requestId") });
    if (!parsed.success) return invalid(parsed.error);
    await withdrawRequest(user, parsed.data.requestId, await requestIp());
    return { ok: true, message: "The request was withdrawn." };
  });
  revalidatePath(`/requests/${String(formData.get("requestId"))}`);
  return result;
}

/** Comments: the requester on their own request, staff on any. */
export async function addCommentAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("developer");
  const result = await runAction(async () => {
    const parsed = commentSchema.safeParse({ requestId: formData.get("requestId"), body: formData.get("body") ?? "" });
    if (!parsed.success) return invalid(parsed.error);
    const { requestId, tell } = await addComment(user, parsed.data, await requestIp());
    if (tell === "developer") await notifyDeveloper(requestId, { kind: "question", body: parsed.data.body });
    else await notifyReviewers(requestId, "reply");
    return { ok: true, message: "Comment posted." };
  });
  revalidatePath(`/requests/${String(formData.get("requestId"))}`);
  revalidatePath(`/admin/requests/${String(formData.get("requestId"))}`);
  return result;
}

/** For the form: the database's flags for URIs as they are typed (already allowed, pending elsewhere). */
export async function checkListingAction(uris: string[]): Promise<ListingCheck> {
  const user = await requireActionRole("developer");
  return checkListing(user, uris);
}
