// The checks that need the database: is a URI already on the list, or pending in another request?
// Added to the policy engine's flags, for the form, the queue and the reviewer.
import { activeEntryWhere } from "@/lib/allowlist/snapshot";
import type { Db } from "@/lib/db";
import type { Flag } from "@/lib/redirect-uri/issues";
import { UNDECIDED_STATUSES } from "./status";

export async function listingFlags(db: Db, uris: string[], excludeRequestId?: string): Promise<Map<string, Flag[]>> {
  const flags = new Map<string, Flag[]>(uris.map((uri) => [uri, []]));
  if (uris.length === 0) return flags;
  const [entries, pending] = await Promise.all([
    db.allowlistEntry.findMany({
      where: { ...activeEntryWhere(), uri: { in: uris } },
      select: { id: true, uri: true },
    }),
    db.requestUri.findMany({
      where: {
        uri: { in: uris },
        decision: "pending",
        request: { status: { in: UNDECIDED_STATUSES }, ...(excludeRequestId ? { id: { not: excludeRequestId } } : {}) },
      },
      select: { uri: true, requestId: true },
    }),
  ]);
  for (const entry of entries) {
    flags.get(entry.uri)?.push({
      code: "already_allowed",
      message: "Already on the allowlist: no new request is needed for it.",
      ref: entry.id,
    });
  }
  for (const item of pending) {
    const list = flags.get(item.uri);
    if (list && !list.some((f) => f.code === "pending_elsewhere")) {
      list.push({
        code: "pending_elsewhere",
        message: "Already requested in another request that is waiting for a decision.",
        ref: item.requestId,
      });
    }
  }
  return flags;
}
