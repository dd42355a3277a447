"use server";

import { redirect } from "next/navigation";
import { validatedAction } from "@/lib/action";
import { db } from "@/lib/db";
import { saveClientSchema } from "./schema";
import { createOwnClient, updateOwnClient } from "./update";

export const saveClientAction = validatedAction<typeof saveClientSchema, { id: string }>({
  role: "developer",
  schema: saveClientSchema,
  async run({ id, next: _next, ...input }, { user, ip }) {
    const data = { ...input, logoUrl: input.logoUrl ?? null, metadataDocumentUrl: input.metadataDocumentUrl ?? null };
    if (id) {
      await updateOwnClient(db, user.id, id, data, user, ip);
      return { id };
    }
    return { id: await createOwnClient(db, user.id, data, user, ip) };
  },
  revalidate: () => ["/clients"],
  redirect: ({ next }, { id }) =>
    redirect(next?.startsWith("/requests/new") ? `/requests/new?client=${id}` : "/clients"),
});
