import { z } from "zod";
import { emptyToUndefined as empty, multiLineText, singleLineText } from "@/lib/text/schema";
import { CLIENT_TYPES } from "@/lib/clients/schema";
import { FLAG_CODES } from "@/lib/redirect-uri/issues";
import { MAX_URIS_PER_REQUEST } from "@/lib/requests/schema";
import { REQUEST_STATUSES } from "@/lib/requests/status";

export const QUEUE_PAGE_SIZE = 25;
/** The form's maxLength and the schema's max, from one place. */
export const REVIEW_TEXT_LIMITS = { reason: 1000, message: 4000, search: 200 } as const;

export const queueFilterSchema = z.object({
  status: z.preprocess(
    empty,
    z
      .enum([...REQUEST_STATUSES, "open", "all"])
      .catch("open")
      .default("open"),
  ),
  flag: z.preprocess(empty, z.enum(FLAG_CODES).optional().catch(undefined)),
  clientType: z.preprocess(
    empty,
    z
      .enum(Object.keys(CLIENT_TYPES) as [string, ...string[]])
      .optional()
      .catch(undefined),
  ),
  assignee: z.preprocess(empty, z.string().max(64).optional()),
  q: z.preprocess(empty, z.string().trim().max(REVIEW_TEXT_LIMITS.search).optional()),
  /** Keyset cursor: "<submittedAt ISO>_<id>" of the last row of the previous page. */
  after: z.preprocess(empty, z.string().max(100).optional()),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const uriDecisionSchema = z
  .object({
    id: z.string().min(1).max(64),
    decision: z.enum(["approved", "rejected"], { error: "Approve or reject every redirect URI" }),
    reason: singleLineText(REVIEW_TEXT_LIMITS.reason).default(""),
    expiresAt: z.preprocess(empty, z.coerce.date().optional()),
  })
  .refine((d) => d.decision !== "rejected" || d.reason.length > 0, {
    error: "Give a reason for rejecting",
    path: ["reason"],
  })
  .refine((d) => !d.expiresAt || d.expiresAt.getTime() > Date.now(), {
    error: "The expiry date must be in the future",
    path: ["expiresAt"],
  });

/** The reviewer's verdict on a request's CIMD client, beside the per-URI decisions. */
export const cimdDecisionSchema = z
  .object({
    decision: z.enum(["approved", "rejected"], { error: "Approve or reject the client" }),
    reason: singleLineText(REVIEW_TEXT_LIMITS.reason).default(""),
    expiresAt: z.preprocess(empty, z.coerce.date().optional()),
  })
  .refine((d) => d.decision !== "rejected" || d.reason.length > 0, {
    error: "Give a reason for rejecting",
    path: ["reason"],
  })
  .refine((d) => !d.expiresAt || d.expiresAt.getTime() > Date.now(), {
    error: "The expiry date must be in the future",
    path: ["expiresAt"],
  });
export type CimdDecision = z.infer<typeof cimdDecisionSchema>;

export const decisionSchema = z.object({
  requestId: z.string().min(1).max(64),
  revision: z.coerce.number().int().min(0),
  decisions: z.preprocess(
    (v) => (typeof v === "string" ? (JSON.parse(v) as unknown) : v),
    z
      .array(uriDecisionSchema)
      // Empty for a request whose only subject is a CIMD client.
      .max(MAX_URIS_PER_REQUEST)
      // One verdict per URI: a repeated id would let the outcome count a URI twice.
      .refine((decisions) => new Set(decisions.map((d) => d.id)).size === decisions.length, {
        error: "Each redirect URI takes exactly one decision; one was decided twice. Reload the page and decide again.",
      }),
  ),
  /** Required when the request names a CIMD client (checked against the request in decide.ts). */
  cimd: z.preprocess(
    (v) => (typeof v === "string" ? (v === "" ? undefined : (JSON.parse(v) as unknown)) : v),
    cimdDecisionSchema.optional(),
  ),
});

export const requestChangesSchema = z.object({
  requestId: z.string().min(1).max(64),
  revision: z.coerce.number().int().min(0),
  message: multiLineText(REVIEW_TEXT_LIMITS.message).min(5, {
    error: "Say what should change (at least 5 characters)",
  }),
});

export const assignSchema = z.object({
  requestId: z.string().min(1).max(64),
  assigneeId: z.preprocess(empty, z.string().max(64).optional()),
});
