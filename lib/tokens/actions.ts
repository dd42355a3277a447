"use server";

import { validatedAction } from "@/lib/action";
import { db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import { createTokenFormSchema, revokeTokenSchema } from "./schema";
import { createApiToken, revokeApiToken } from "./tokens";

const revalidate = () => ["/admin/tokens"];

export const createTokenAction = validatedAction<typeof createTokenFormSchema, { token?: string }>({
  role: "admin",
  schema: createTokenFormSchema,
  async run(input, { user }) {
    const created = await createApiToken(db, input, user);
    return { token: created.token, message: `Token “${created.name}” created. Copy it now: it is not shown again.` };
  },
  revalidate,
});

export const revokeTokenAction = validatedAction({
  role: "admin",
  schema: revokeTokenSchema,
  async run({ tokenId }, { user }) {
    if (!(await revokeApiToken(db, tokenId, user))) throw new UserError("That token is already revoked.");
    return { message: "Token revoked: requests with it now get 401." };
  },
  revalidate,
});
