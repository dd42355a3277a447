import { z } from "zod";

export const TOKEN_SCOPES = ["allowlist:read", "allowlist:validate"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the token a name" }).max(100),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, { error: "Choose at least one scope" }),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
