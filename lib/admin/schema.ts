import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { signInEmailSchema } from "@/lib/auth/schema";
import { checkBlockHost, checkBlockUri } from "@/lib/redirect-uri/block-target";
import { createTokenSchema } from "@/lib/tokens/schema";
import { singleLineText } from "@/lib/text/schema";

/** The form's maxLength and the schema's max, from one place. */
export const ADMIN_TEXT_LIMITS = { reason: 1000, blockValue: 2048, tokenName: 100 } as const;

const empty = (v: unknown) => (v === "" || v === null ? undefined : v);

export const entryFilterSchema = z.object({
  q: z.preprocess(empty, z.string().trim().max(300).optional()),
  kind: z.preprocess(empty, z.enum(["exact", "loopback", "path_prefix"]).optional().catch(undefined)),
  client: z.preprocess(empty, z.string().trim().max(200).optional()),
  host: z.preprocess(empty, z.string().trim().toLowerCase().max(255).optional()),
  status: z.preprocess(empty, z.enum(["active", "revoked", "expired", "all"]).catch("active").default("active")),
  page: z.preprocess(empty, z.coerce.number().int().min(1).max(10_000).catch(1).default(1)),
});
export type EntryFilter = z.infer<typeof entryFilterSchema>;

export const revokeSchema = z.object({
  entryId: z.string().min(1).max(64),
  reason: singleLineText(ADMIN_TEXT_LIMITS.reason).min(3, {
    error: "Give the reason for revoking (the developer sees it)",
  }),
});

export const blockSchema = z
  .object({
    target: z.enum(["uri", "host"]),
    value: singleLineText(ADMIN_TEXT_LIMITS.blockValue).min(1, { error: "Enter the URI or host to block" }),
    reason: singleLineText(ADMIN_TEXT_LIMITS.reason).min(3, { error: "Give the reason for the block" }),
  })
  .superRefine((b, ctx) => {
    const check = b.target === "host" ? checkBlockHost(b.value) : checkBlockUri(b.value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message, path: ["value"] });
  });

export const userFilterSchema = z.object({
  q: z.preprocess(empty, z.string().trim().max(254).optional()),
  role: z.preprocess(empty, z.enum(ROLES).optional().catch(undefined)),
  page: z.preprocess(empty, z.coerce.number().int().min(1).catch(1).default(1)),
});

/** Inviting by address, with a role; `sendEmail` is the form's checkbox ("on" or absent). */
export const inviteSchema = z.object({
  email: signInEmailSchema.shape.email,
  role: z.enum(ROLES),
  sendEmail: z.coerce.boolean(),
});
export const roleChangeSchema = z.object({ userId: z.string().min(1).max(64), role: z.enum(ROLES) });
export const deactivateSchema = z.object({ userId: z.string().min(1).max(64), active: z.enum(["true", "false"]) });

export const auditFilterSchema = z.object({
  action: z.preprocess(empty, z.string().trim().max(100).optional()),
  actor: z.preprocess(empty, z.string().trim().max(254).optional()),
  entity: z.preprocess(empty, z.string().trim().max(100).optional()),
  from: z.preprocess(empty, z.coerce.date().optional().catch(undefined)),
  to: z.preprocess(empty, z.coerce.date().optional().catch(undefined)),
  before: z.preprocess(empty, z.coerce.number().int().optional().catch(undefined)),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The dashboard's token form: the token schema, with a name that must be one line of plain text
 *  (lib/tokens/schema.ts is shared with the CLI; see the note in the review report). */
export const createTokenFormSchema = createTokenSchema.extend({
  name: singleLineText(ADMIN_TEXT_LIMITS.tokenName).min(1, { error: "Give the token a name" }),
});
