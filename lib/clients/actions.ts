"use server";

import { redirect } from "next/navigation";
import { validatedAction } from "@/lib/action";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { saveClientSchema } from "./schema";
import { updateOwnClient } from "./update";

export const saveClientAction = validatedAction<typeof saveClientSchema, { id: string }>({
  role: "developer",
  schema: saveClientSchema,
  async run({ id, next: _next, ...input }, { user, ip }) {
    const data = { ...input, logoUrl: input.logoUrl ?? null, metadataDocumentUrl: input.metadataDocumentUrl ?? null };
    if (id) {
      await updateOwnClient(db, user.id, id, data, user, ip);
      return { id };
    }
    const created = await db.client.create({ data: { ...data, ownerId: user.id }, select: { id: true } });
    await recordAudit(db, {
      actor: user,
      action: "client.created",
      entityType: "client",
      entityId: created.id,
      after: data,
      ip,
    });
    return { id: created.id };
  },
  revalidate: () => ["/clients"],
  redirect: ({ next }, { id }) =>
    redirect(next?.startsWith("/requests/new") ? `/requests/new?client=${id}` : "/clients"),
});
