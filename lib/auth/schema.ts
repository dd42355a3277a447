import { z } from "zod";

const ORIGIN = "http://portal.invalid";

/**
 * The path as a browser would resolve it on this site. The regex alone is not enough: "/.//evil"
 * or "/.\\evil" resolve to "//evil", which a redirect would send to another host.
 */
function resolvedLocalPath(path: string): string {
  const url = new URL(path, ORIGIN);
  if (url.origin !== ORIGIN) return "/";
  return url.pathname.replace(/^\/+/, "/") + url.search + url.hash;
}

/**
 * Only same-site paths (for redirects after sign-in or an action): a callback URL must never send
 * the user to another origin. Anything else becomes "/".
 */
export const localPath = z
  .string()
  .regex(/^\/(?!\/|\\)[^\s]*$/, { error: "must be a path on this site" })
  .transform(resolvedLocalPath)
  .catch("/");

export const signInEmailSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  callbackUrl: localPath.default("/"),
});
