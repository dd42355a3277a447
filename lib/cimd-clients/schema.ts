import { z } from "zod";
import { emptyToUndefined, multiLineText } from "@/lib/text/schema";
import type { FlagCode } from "@/lib/redirect-uri/issues";
import { REQUEST_TEXT_LIMITS } from "@/lib/requests/schema";

/** client_id: one exact client_id URL (reviewers may approve); client_id_host: any on one https host (admin only). */
export const CIMD_RULE_KINDS = ["client_id", "client_id_host"] as const;
export type CimdRuleKind = (typeof CIMD_RULE_KINDS)[number];

/** The flag a host rule carries into the queue: it trusts documents nobody has seen yet. */
export const CIMD_HOST_FLAG = "cimd_host_rule" satisfies FlagCode;

export const clientIdUrlSchema = z.string().trim().min(1, { error: "Enter the client_id URL" }).max(2048);

export const cimdPreviewSchema = z.object({ clientIdUrl: clientIdUrlSchema });

export const submitCimdRequestSchema = z.object({
  clientId: z.string().min(1, { error: "Choose the client this client ID metadata document is for" }).max(64),
  clientIdUrl: clientIdUrlSchema,
  kind: z.preprocess(emptyToUndefined, z.enum(CIMD_RULE_KINDS).default("client_id")),
  justification: multiLineText(REQUEST_TEXT_LIMITS.justification).min(10, {
    error: "Say in a sentence or two why the client needs this (at least 10 characters)",
  }),
  idempotencyKey: z.preprocess(emptyToUndefined, z.uuid().optional()),
});
export type SubmitCimdRequestInput = z.infer<typeof submitCimdRequestSchema>;

/** The pinned redirect URIs, stored as a JSON array of strings. */
export function parseRedirectUris(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export const revokeCimdClientSchema = z.object({
  cimdClientId: z.string().min(1).max(64),
  reason: z.string().trim().min(3, { error: "Give the reason for revoking (the developer sees it)" }).max(1000),
});

export const resubmitCimdRequestSchema = z.object({
  requestId: z.string().min(1).max(64),
  note: multiLineText(REQUEST_TEXT_LIMITS.note).default(""),
});
