"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { recordAudit } from "@/lib/audit/record";
import { requireActionRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { requestIp } from "@/lib/request-ip";
import { clientFormValues, clientSchema } from "./schema";
import { updateOwnClient } from "./update";

export async function saveClientAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("developer");
  const id = formData.get("id");
  const result = await runAction(async () => {
    const parsed = clientSchema.safeParse(clientFormValues(formData));
    if (!parsed.success) return invalid(parsed.error);
    const data = {
      ...parsed.data,
      logoUrl: parsed.data.logoUrl ?? null,
      metadataDocumentUrl: parsed.data.metadataDocumentUrl ?? null,
    };
    if (typeof id === "string" && id) {
      await updateOwnClient(db, user.id, id, data, user, await requestIp());
      return { ok: true, id };
    }
    const created = await db.client.create({ data: { ...data, ownerId: user.id }, select: { id: true } });
    await recordAudit(db, {
      actor: user,
      action: "client.created",
      entityType: "client",
      entityId: created.id,
      after: data,
      ip: await requestIp(),
    });
    return { ok: true, id: created.id };
  });
  if (!result.ok) return result;
  revalidatePath("/clients");
  const next = formData.get("next");
  redirect(
    typeof next === "string" && next.startsWith("/requests/new")
      ? `/requests/new?client=${(result as { id: string }).id}`
      : "/clients",
  );
}
