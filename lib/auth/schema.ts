import { z } from "zod";

/** Only same-site paths: a callback URL must never send the user to another origin. */
export const localPath = z
  .string()
  .regex(/^\/(?!\/|\\)[^\s]*$/, { error: "must be a path on this site" })
  .catch("/");

export const signInEmailSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  callbackUrl: localPath.default("/"),
});
