// The request form's "already allowed / pending elsewhere" check, for the signed-in user: rate
// limited (it is a lookup into other people's requests) and with refs only where the caller may
// follow them (see listingFlags).
import type { CurrentUser } from "@/lib/auth/guards";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Flag } from "@/lib/redirect-uri/issues";
import { lintRedirectUri } from "@/lib/redirect-uri/lint";
import { minutesUntil, takeAttempt } from "@/lib/rate-limit/limiter";
import { LIMITS } from "@/lib/rate-limit/limits";
import { listingFlags } from "./checks";
import { sharedHostingFlag } from "./host-checks";
import { MAX_URIS_PER_REQUEST } from "./schema";

export interface ListingCheck {
  flags: Record<string, Flag[]>;
  /** Set when the check was not run (rate limit): the form shows it instead of flags. */
  message?: string;
}

export async function checkListing(user: CurrentUser, uris: unknown): Promise<ListingCheck> {
  const valid = (Array.isArray(uris) ? uris : []).slice(0, MAX_URIS_PER_REQUEST).flatMap((uri) => {
    const verdict = typeof uri === "string" && uri.length <= 4096 ? lintRedirectUri(uri) : null;
    return verdict?.ok ? [verdict.uri] : [];
  });
  if (valid.length === 0) return { flags: {} };
  const verdict = await takeAttempt(LIMITS.listingChecksPerUser, user.id);
  if (!verdict.ok) {
    const minutes = minutesUntil(verdict.retryAfterMs);
    return {
      flags: {},
      message: `Too many listing checks in a short time: "already allowed" and "pending elsewhere" are checked again in ${minutes} minute${minutes === 1 ? "" : "s"}, and on submit.`,
    };
  }
  const flags = await listingFlags(db, valid, undefined, { userId: user.id, staff: hasRole(user.role, "reviewer") });
  // Shared hosting is known without the database, but the form learns of it here, beside the others.
  for (const [uri, list] of flags) {
    const shared = sharedHostingFlag(uri);
    if (shared) list.push(shared);
  }
  return { flags: Object.fromEntries(flags) };
}
