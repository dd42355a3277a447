// The checks that need the database: is a URI already on the list, or pending in another request?
// Added to the policy engine's flags, for the form, the queue and the reviewer.
import { activeEntryWhere } from "@/lib/allowlist/snapshot";
import type { Db } from "@/lib/db";
import type { Flag } from "@/lib/redirect-uri/issues";
import { UNDECIDED_STATUSES } from "./status";

/** Who will see the flags. Without one (the reviewer's page, the stored submission) refs are kept. */
export interface ListingViewer {
  userId: string;
  staff: boolean;
}

/** Another developer's request id is theirs to know: a developer learns only that the URI is
 *  pending elsewhere. Staff see every ref; entry ids only mean something on staff pages. */
function refVisible(viewer: ListingViewer | undefined, ownerId: string | null): boolean {
  return !viewer || viewer.staff || (ownerId !== null && ownerId === viewer.userId);
}

export async function listingFlags(
  db: Db,
  uris: string[],
  excludeRequestId?: string,
  viewer?: ListingViewer,
): Promise<Map<string, Flag[]>> {
  const flags = new Map<string, Flag[]>(uris.map((uri) => [uri, []]));
  if (uris.length === 0) return flags;
  const [entries, pending] = await Promise.all([
    db.allowlistEntry.findMany({
      where: { ...activeEntryWhere(), uri: { in: uris } },
      select: { id: true, uri: true, requestUri: { select: { requestId: true } } },
    }),
    db.requestUri.findMany({
      where: {
        uri: { in: uris },
        decision: "pending",
        request: { status: { in: UNDECIDED_STATUSES }, ...(excludeRequestId ? { id: { not: excludeRequestId } } : {}) },
      },
      select: { uri: true, requestId: true, request: { select: { requesterId: true } } },
    }),
  ]);
  for (const entry of entries) {
    // The request's own approval is not "already allowed": it is what the request asked for.
    if (excludeRequestId && entry.requestUri?.requestId === excludeRequestId) continue;
    flags.get(entry.uri)?.push({
      code: "already_allowed",
      message: "Already on the allowlist: no new request is needed for it.",
      ...(refVisible(viewer, null) ? { ref: entry.id } : {}),
    });
  }
  const own = (item: (typeof pending)[number]) => viewer !== undefined && item.request.requesterId === viewer.userId;
  for (const item of [...pending.filter(own), ...pending.filter((item) => !own(item))]) {
    const list = flags.get(item.uri);
    if (list && !list.some((f) => f.code === "pending_elsewhere")) {
      list.push({
        code: "pending_elsewhere",
        message: own(item)
          ? "Already requested in another of your requests that is waiting for a decision."
          : "Already requested in another request that is waiting for a decision.",
        ...(refVisible(viewer, item.request.requesterId) ? { ref: item.requestId } : {}),
      });
    }
  }
  return flags;
}
