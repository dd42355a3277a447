import { z } from "zod";

export const CLIENT_TYPES = {
  hosted_web: "Hosted web app",
  desktop: "Desktop app",
  cli: "Command-line tool",
  ide_extension: "IDE extension",
  other: "Other",
} as const;
export type ClientType = keyof typeof CLIENT_TYPES;

const optionalHttpsUrl = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z
    .url({ protocol: /^https$/, error: "Must be an https:// URL" })
    .max(2048)
    .optional(),
);

export const clientSchema = z.object({
  name: z.string().trim().min(2, { error: "Give the client's name (at least 2 characters)" }).max(100),
  vendor: z.string().trim().min(2, { error: "Give the vendor or organisation" }).max(100),
  homepage: z.url({ protocol: /^https$/, error: "Give the homepage as an https:// URL" }).max(2048),
  description: z
    .string()
    .trim()
    .min(10, { error: "Describe the client in a sentence or two (at least 10 characters)" })
    .max(1000),
  contactEmail: z.email({ error: "Give an email address reviewers can write to" }).max(254),
  clientType: z.enum(Object.keys(CLIENT_TYPES) as [ClientType, ...ClientType[]], { error: "Choose the client type" }),
  logoUrl: optionalHttpsUrl,
  metadataDocumentUrl: optionalHttpsUrl,
});
export type ClientInput = z.infer<typeof clientSchema>;

export function clientFormValues(formData: FormData) {
  return Object.fromEntries(
    ["name", "vendor", "homepage", "description", "contactEmail", "clientType", "logoUrl", "metadataDocumentUrl"].map(
      (k) => [k, formData.get(k) ?? ""],
    ),
  );
}
