// The API's shapes, one zod schema each: the handlers parse and shape with them, the OpenAPI
// document is generated from them (lib/api/openapi.ts), and the feed's TypeScript types are
// inferred from them (the snapshot and delta builders use these types, never their own).
import { z } from "zod";
import { RULE_KINDS } from "@/lib/redirect-uri/lint";

export const MAX_VALIDATE_URIS = 32;
export const MAX_VALIDATE_BODY_BYTES = 64 * 1024;

export const validateRequestSchema = z
  .object({
    // No length limit per URI: a long one is well-formed metadata that is simply not allowed, so it
    // gets the invalid_redirect_uri answer listing it (the body limit bounds the request's size).
    redirect_uris: z
      .array(z.string(), { error: "redirect_uris must be an array of strings" })
      .min(1, { error: "redirect_uris must list at least one URI" })
      .max(MAX_VALIDATE_URIS, { error: `redirect_uris may list at most ${MAX_VALIDATE_URIS} URIs` }),
    client_id: z
      .string({ error: "client_id must be a string (a client ID metadata document URL)" })
      .max(2048, { error: "client_id must be at most 2048 characters" })
      .optional()
      .describe("A CIMD client's client_id URL: then the client must be approved and every redirect URI pinned"),
  })
  .loose()
  .meta({
    id: "ValidateRequest",
    description: "Client metadata as in RFC 7591; only redirect_uris (and client_id, for a CIMD client) is read.",
  });

export const validateOkSchema = z.object({ redirect_uris: z.array(z.string()) }).meta({ id: "ValidateAllowed" });

export const invalidRedirectUriSchema = z
  .object({
    error: z.literal("invalid_redirect_uri"),
    error_description: z.literal("One or more redirect URIs are not allowed"),
    disallowed_uris: z.array(z.string()),
  })
  .meta({ id: "InvalidRedirectUri" });

export const unauthorizedClientSchema = z
  .object({ error: z.literal("unauthorized_client"), error_description: z.string(), client_id: z.string() })
  .meta({ id: "UnauthorizedClient", description: "The client_id is not an approved (or is a blocked) CIMD client" });

export const cimdPreviewRequestSchema = z
  .object({ client_id: z.string({ error: "client_id must be a string" }).max(2048) })
  .meta({ id: "CimdPreviewRequest" });

export const apiErrorSchema = z.object({ error: z.string(), error_description: z.string() }).meta({ id: "Error" });

const clientRef = z.object({ id: z.string().nullable(), name: z.string().nullable() });

export const feedEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(RULE_KINDS),
    uri: z.string(),
    client: clientRef,
    approved_at: z.iso.datetime(),
    expires_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "Entry" });
export type FeedEntry = z.infer<typeof feedEntrySchema>;

export const feedBlockedSchema = z
  .object({ id: z.string(), uri: z.string().nullable(), host: z.string().nullable(), reason: z.string() })
  .meta({ id: "Blocked" });
export type FeedBlocked = z.infer<typeof feedBlockedSchema>;

export const feedClientSchema = z
  .object({
    id: z.string(),
    kind: z
      .enum(["client_id", "client_id_host"])
      .describe("client_id: this exact client_id URL; client_id_host: any https client_id URL on its host"),
    client_id: z.string().describe("The client_id URL (for client_id_host, the URL the request pinned)"),
    redirect_uris: z
      .array(z.string())
      .describe(
        "The only redirect URIs this client may use: pinned at approval; a re-fetch removes URIs at once, and adds them only after a reviewer approves the document change",
      ),
    document_sha256: z.string().describe("SHA-256 (hex) of the pinned document's exact bytes"),
    document: z
      .string()
      .describe(
        "The approved client ID metadata document, exactly as fetched. Match redirect URIs against redirect_uris, never this document's own list: a removal a re-fetch saw applies to redirect_uris at once, while the document stays the approved one until a reviewer decides the change",
      ),
    approved_at: z.iso.datetime(),
    expires_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "CimdClient", description: "An approved client ID metadata document (CIMD) client" });
export type FeedClient = z.infer<typeof feedClientSchema>;

export const validateClientOkSchema = z
  .object({ client_id: z.string(), redirect_uris: z.array(z.string()), client: feedClientSchema })
  .meta({ id: "ValidateClientAllowed", description: "The approved CIMD client, with its pinned document" });

export const snapshotSchema = z
  .object({
    version: z.number().int(),
    generated_at: z.iso.datetime(),
    full: z
      .literal(true)
      .optional()
      .describe("Present when ?since= was too old and the full snapshot was sent instead"),
    entries: z.array(feedEntrySchema),
    blocked: z.array(feedBlockedSchema),
    clients: z.array(feedClientSchema),
  })
  .meta({ id: "Snapshot" });
export type Snapshot = z.infer<typeof snapshotSchema>;

export const deltaSchema = z
  .object({
    version: z.number().int(),
    since: z.number().int(),
    added: z.array(feedEntrySchema),
    removed: z.array(z.string()),
  })
  .meta({
    id: "Delta",
    description:
      "Entry changes only. A change to blocks or CIMD clients after `since` is answered with the full snapshot (full: true).",
  });
export type Delta = z.infer<typeof deltaSchema>;

/** ?since=: a list version, digits only (an empty or signed value is an error, not version 0). */
export const sinceSchema = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);
