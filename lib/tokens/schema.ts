import { z } from "zod";
import { singleLineText } from "@/lib/text/schema";

// metrics:read is for the operators' Prometheus (GET /api/metrics), apart from the authorization servers'.
export const TOKEN_SCOPES = ["allowlist:read", "allowlist:validate", "metrics:read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The form's maxLength and the schema's max, from one place. */
export const TOKEN_TEXT_LIMITS = { name: 100 } as const;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the token a name" }).max(TOKEN_TEXT_LIMITS.name),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, { error: "Choose at least one scope" }),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** The dashboard's token form: the CLI's schema, with a name that must be one line of plain text. */
export const createTokenFormSchema = createTokenSchema.extend({
  name: singleLineText(TOKEN_TEXT_LIMITS.name).min(1, { error: "Give the token a name" }),
  // One ticked checkbox arrives as one value, none as nothing.
  scopes: z.preprocess((v) => (v === undefined ? [] : typeof v === "string" ? [v] : v), createTokenSchema.shape.scopes),
});

export const revokeTokenSchema = z.object({ tokenId: z.string().min(1).max(64) });
