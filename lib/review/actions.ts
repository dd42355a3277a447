"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { requireActionRole } from "@/lib/auth/guards";
import { type NoticeCode, redirectWithNotice } from "@/lib/notice";
import { requestIp } from "@/lib/request-ip";
import { notifyDeveloper } from "@/lib/requests/notify";
import { assignRequest, decideRequest, requestChanges } from "./decide";
import { assignSchema, decisionSchema, requestChangesSchema } from "./schema";

function refresh(requestId: unknown) {
  revalidatePath(`/admin/requests/${String(requestId)}`);
  revalidatePath("/admin");
}

export async function decideAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("reviewer");
  let outcomeCode: NoticeCode = "approved";
  const result = await runAction(async () => {
    let parsed;
    try {
      parsed = decisionSchema.safeParse({
        requestId: formData.get("requestId"),
        revision: formData.get("revision"),
        decisions: formData.get("decisions"),
      });
    } catch {
      return { ok: false, message: "The decision could not be read. Reload the page and try again." };
    }
    if (!parsed.success) return invalid(parsed.error);
    const { outcome } = await decideRequest(user, parsed.data, await requestIp());
    outcomeCode = outcome;
    await notifyDeveloper(parsed.data.requestId, { kind: "decision" });
    return { ok: true, message: `Decision saved: ${outcome.replace("_", " ")}. The developer has been emailed.` };
  });
  // A lost race keeps the form on screen with its "already decided" message; a win shows the outcome.
  if (!result.ok) return result;
  refresh(formData.get("requestId"));
  redirectWithNotice(`/admin/requests/${String(formData.get("requestId"))}`, outcomeCode);
}

export async function requestChangesAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("reviewer");
  const result = await runAction(async () => {
    const parsed = requestChangesSchema.safeParse({
      requestId: formData.get("requestId"),
      revision: formData.get("revision"),
      message: formData.get("message") ?? "",
    });
    if (!parsed.success) return invalid(parsed.error);
    await requestChanges(user, parsed.data.requestId, parsed.data.revision, parsed.data.message, await requestIp());
    await notifyDeveloper(parsed.data.requestId, { kind: "changes_requested", message: parsed.data.message });
    return { ok: true, message: "Changes requested: the developer has been emailed." };
  });
  if (!result.ok) return result;
  refresh(formData.get("requestId"));
  redirectWithNotice(`/admin/requests/${String(formData.get("requestId"))}`, "changes_requested");
}

export async function assignAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("reviewer");
  const result = await runAction(async () => {
    const parsed = assignSchema.safeParse({
      requestId: formData.get("requestId"),
      assigneeId: formData.get("assigneeId"),
    });
    if (!parsed.success) return invalid(parsed.error);
    await assignRequest(user, parsed.data.requestId, parsed.data.assigneeId ?? user.id, await requestIp());
    return {
      ok: true,
      message: parsed.data.assigneeId && parsed.data.assigneeId !== user.id ? "Assigned." : "You took the request.",
    };
  });
  refresh(formData.get("requestId"));
  return result;
}
