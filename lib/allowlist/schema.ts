import { z } from "zod";
import { localPath } from "@/lib/auth/schema";
import { checkBlockHost, checkBlockUri } from "@/lib/redirect-uri/block-target";
import { RULE_KINDS } from "@/lib/redirect-uri/lint";
import { emptyToUndefined as empty, singleLineText } from "@/lib/text/schema";

/** The form's maxLength and the schema's max, from one place. */
export const ALLOWLIST_TEXT_LIMITS = { reason: 1000, blockValue: 2048 } as const;

export const entryFilterSchema = z.object({
  q: z.preprocess(empty, z.string().trim().max(300).optional()),
  kind: z.preprocess(empty, z.enum(RULE_KINDS).optional().catch(undefined)),
  client: z.preprocess(empty, z.string().trim().max(200).optional()),
  host: z.preprocess(empty, z.string().trim().toLowerCase().max(255).optional()),
  status: z.preprocess(empty, z.enum(["active", "revoked", "expired", "all"]).catch("active").default("active")),
  page: z.preprocess(empty, z.coerce.number().int().min(1).max(10_000).catch(1).default(1)),
});
export type EntryFilter = z.infer<typeof entryFilterSchema>;

/** Where the entries page sends the admin back to (its filters): a path on this site only. */
const returnTo = localPath.default("/admin/entries");

export const revokeSchema = z.object({
  returnTo,
  entryId: z.string().min(1).max(64),
  reason: singleLineText(ALLOWLIST_TEXT_LIMITS.reason).min(3, {
    error: "Give the reason for revoking (the developer sees it)",
  }),
});

export const blockSchema = z
  .object({
    returnTo,
    target: z.enum(["uri", "host"]),
    value: singleLineText(ALLOWLIST_TEXT_LIMITS.blockValue).min(1, { error: "Enter the URI or host to block" }),
    reason: singleLineText(ALLOWLIST_TEXT_LIMITS.reason).min(3, { error: "Give the reason for the block" }),
  })
  .superRefine((b, ctx) => {
    const check = b.target === "host" ? checkBlockHost(b.value) : checkBlockUri(b.value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message, path: ["value"] });
  });

export const unblockSchema = z.object({ returnTo, blockId: z.string().min(1, { error: "Missing block." }).max(64) });
