"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { blockEntry, revokeEntry, unblockEntry } from "@/lib/allowlist/entries";
import { requireActionRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { redirectWithNotice } from "@/lib/notice";
import { requestIp } from "@/lib/request-ip";
import { notifyDeveloper } from "@/lib/requests/notify";
import { blockSchema, revokeSchema } from "./schema";

export async function revokeEntryAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = revokeSchema.safeParse({ entryId: formData.get("entryId"), reason: formData.get("reason") ?? "" });
    if (!parsed.success) return invalid(parsed.error);
    const entry = await revokeEntry(db, parsed.data.entryId, parsed.data.reason, user, await requestIp());
    if (entry.requestId) {
      await notifyDeveloper(entry.requestId, { kind: "revoked", uri: entry.uri, reason: parsed.data.reason });
    }
    return { ok: true, message: `Revoked ${entry.uri}. It leaves the list at once.` };
  });
  if (!result.ok) return result;
  revalidatePath("/admin/entries");
  redirectWithNotice(formData.get("returnTo") ?? "/admin/entries", "revoked");
}

export async function blockAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("admin");
  const result = await runAction(async () => {
    const parsed = blockSchema.safeParse({
      target: formData.get("target"),
      value: formData.get("value") ?? "",
      reason: formData.get("reason") ?? "",
    });
    if (!parsed.success) return invalid(parsed.error);
    const { target, value, reason } = parsed.data;
    await blockEntry(
      db,
      { uri: target === "uri" ? value : null, host: target === "host" ? value : null, reason },
      user,
      await requestIp(),
    );
    return {
      ok: true,
      message: `Blocked ${target === "host" ? "the host" : ""} ${value}. It is denied even where an entry allows it.`,
    };
  });
  if (!result.ok) return result;
  revalidatePath("/admin/entries");
  redirectWithNotice(formData.get("returnTo") ?? "/admin/entries", "blocked");
}

export async function unblockAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("admin");
  const result = await runAction<object>(async () => {
    const id = formData.get("blockId");
    if (typeof id !== "string" || !id) return { ok: false as const, message: "Missing block." };
    await unblockEntry(db, id, user, await requestIp());
    return { ok: true, message: "Block removed." };
  });
  if (!result.ok) return result;
  revalidatePath("/admin/entries");
  redirectWithNotice(formData.get("returnTo") ?? "/admin/entries", "unblocked");
}
