import { z } from "zod";
import { emptyToUndefined, multiLineText } from "@/lib/text/schema";

export const MAX_URIS_PER_REQUEST = 32;
/** The form's maxLength and the schema's max, from one place. */
export const REQUEST_TEXT_LIMITS = {
  uri: 4096,
  justification: 2000,
  note: 2000,
  comment: 4000,
  paste: 200_000,
} as const;

export const uriRowSchema = z.object({
  uri: z.string().max(4096, { error: "Longer than 4096 characters" }),
  asPathPrefix: z.boolean().default(false),
});
export type UriRow = z.infer<typeof uriRowSchema>;

const uriRows = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  },
  z
    .array(uriRowSchema, { error: "Add at least one redirect URI" })
    .min(1, { error: "Add at least one redirect URI" })
    .max(MAX_URIS_PER_REQUEST, { error: `At most ${MAX_URIS_PER_REQUEST} redirect URIs per request` }),
);

export const submitRequestSchema = z.object({
  clientId: z.string().min(1, { error: "Choose the client these redirect URIs are for" }).max(64),
  justification: multiLineText(REQUEST_TEXT_LIMITS.justification).min(10, {
    error: "Say in a sentence or two why the client needs these URIs (at least 10 characters)",
  }),
  uris: uriRows,
  idempotencyKey: z.preprocess(emptyToUndefined, z.uuid().optional()),
});
export type SubmitRequestInput = z.infer<typeof submitRequestSchema>;

export const resubmitRequestSchema = z.object({
  requestId: z.string().min(1).max(64),
  note: multiLineText(REQUEST_TEXT_LIMITS.note).default(""),
  uris: uriRows,
});

export const commentSchema = z.object({
  requestId: z.string().min(1).max(64),
  body: multiLineText(REQUEST_TEXT_LIMITS.comment).min(1, { error: "Write a comment first" }),
});

export const requestIdSchema = z.object({ requestId: z.string().min(1).max(64) });

/** The developer's paste box: URIs one per line, or the authorization server's error JSON. */
export function urisFromPaste(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed) as { disallowed_uris?: unknown; redirect_uris?: unknown };
      const list = Array.isArray(parsed.disallowed_uris)
        ? parsed.disallowed_uris
        : Array.isArray(parsed.redirect_uris)
          ? parsed.redirect_uris
          : [];
      return list.filter((u): u is string => typeof u === "string");
    } catch {
      return [];
    }
  }
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
