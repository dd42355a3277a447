import { z } from "zod";
import { emptyToUndefined, hasLineBreaksOrControls, multiLineText, singleLineText, tooLong } from "@/lib/text/schema";

export const CLIENT_TYPES = {
  hosted_web: "Hosted web app",
  desktop: "Desktop app",
  cli: "Command-line tool",
  ide_extension: "IDE extension",
  other: "Other",
} as const;
export type ClientType = keyof typeof CLIENT_TYPES;

/** The form's maxLength and the schema's max, from one place. */
export const CLIENT_LIMITS = { name: 100, vendor: 100, url: 2048, description: 1000, email: 254 } as const;

/** The URL parser silently drops tabs and line breaks, so refuse them before it sees the string. */
function httpsUrl(error: string) {
  return z
    .string()
    .max(2048, { error: tooLong(2048) })
    .refine((v) => !hasLineBreaksOrControls(v), { error })
    .pipe(z.url({ protocol: /^https$/, error }));
}

const optionalHttpsUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  httpsUrl("Must be an https:// URL").optional(),
);

export const clientSchema = z.object({
  name: singleLineText(CLIENT_LIMITS.name).min(2, { error: "Give the client's name (at least 2 characters)" }),
  vendor: singleLineText(CLIENT_LIMITS.vendor).min(2, { error: "Give the vendor or organisation" }),
  homepage: httpsUrl("Give the homepage as an https:// URL"),
  description: multiLineText(CLIENT_LIMITS.description).min(10, {
    error: "Describe the client in a sentence or two (at least 10 characters)",
  }),
  contactEmail: z.email({ error: "Give an email address reviewers can write to" }).max(254, { error: tooLong(254) }),
  clientType: z.enum(Object.keys(CLIENT_TYPES) as [ClientType, ...ClientType[]], { error: "Choose the client type" }),
  logoUrl: optionalHttpsUrl,
  metadataDocumentUrl: optionalHttpsUrl,
});
export type ClientInput = z.infer<typeof clientSchema>;

/** The client form: a new client without `id`; `next` says where the developer was going. */
export const saveClientSchema = clientSchema.extend({
  id: z.preprocess(emptyToUndefined, z.string().max(64).optional()),
  next: z.string().max(2048).optional(),
});
