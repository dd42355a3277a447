"use server";

import { revalidatePath } from "next/cache";
import { type ActionResult, invalid, runAction } from "@/lib/action";
import { createTokenFormSchema } from "./schema";
import { requireActionRole } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";
import { UserError } from "@/lib/user-error";

export async function createTokenAction(
  _prev: ActionResult<{ token?: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ token?: string }>> {
  const user = await requireActionRole("admin");
  const result = await runAction<{ token?: string }>(async () => {
    const parsed = createTokenFormSchema.safeParse({
      name: formData.get("name") ?? "",
      scopes: formData.getAll("scopes"),
    });
    if (!parsed.success) return invalid(parsed.error);
    const created = await createApiToken(db, parsed.data, user);
    return {
      ok: true,
      token: created.token,
      message: `Token “${created.name}” created. Copy it now: it is not shown again.`,
    };
  });
  revalidatePath("/admin/tokens");
  return result;
}

export async function revokeTokenAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const user = await requireActionRole("admin");
  const result = await runAction<object>(async () => {
    const id = formData.get("tokenId");
    if (typeof id !== "string" || !(await revokeApiToken(db, id, user)))
      throw new UserError("That token is already revoked.");
    return { ok: true, message: "Token revoked: requests with it now get 401." };
  });
  revalidatePath("/admin/tokens");
  return result;
}
