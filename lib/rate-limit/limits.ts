// Every rate limit in one place. Sized so that a person working normally never meets one, and a
// script (mail bombing, enumerating the listing check) soon does.
import { env } from "@/lib/env";
import type { Limit } from "./limiter";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LIMITS = {
  /** Sign-in links to one address: stops anyone flooding an inbox with our emails. */
  signInEmailPerAddress: { bucket: "sign-in-email:address", max: 10, windowMs: HOUR },
  /** Sign-in links requested from one IP, whatever the address (generous: offices share an IP). */
  signInEmailPerIp: { bucket: "sign-in-email:ip", max: env.SIGN_IN_EMAILS_PER_NETWORK, windowMs: HOUR },
  /** Comments by one user: each one can email a reviewer or the developer. */
  commentsPerUser: { bucket: "comment:user", max: 20, windowMs: 10 * MINUTE },
  /** The request form's listing check (debounced as one types): a burst is fine, a crawl is not. */
  listingChecksPerUser: { bucket: "listing-check:user", max: 120, windowMs: 10 * MINUTE },
  /** CIMD previews by one user: each makes the portal fetch a URL on the developer's say-so. */
  cimdPreviewsPerUser: { bucket: "cimd-preview:user", max: 30, windowMs: 10 * MINUTE },
  /** Reviewer emails about one request: later updates within the window coalesce into the timeline. */
  reviewerMailPerRequest: { bucket: "reviewer-mail:request", max: 1, windowMs: 10 * MINUTE },
} as const satisfies Record<string, Limit>;
