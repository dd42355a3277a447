import "server-only";
import { activeEntryWhere } from "@/lib/allowlist/snapshot";
import { db } from "@/lib/db";
import { listingFlags } from "@/lib/requests/checks";

function originOf(uri: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(uri);
  return match ? match[1]! : null;
}

/** For the reviewer: current listing flags, and the entries already allowed on each URI's host. */
export async function reviewContext(requestId: string, uris: string[]) {
  const origins = [...new Set(uris.map(originOf).filter((o): o is string => o !== null))];
  const [flags, sameHost] = await Promise.all([
    listingFlags(db, uris, requestId),
    origins.length
      ? db.allowlistEntry.findMany({
          where: {
            ...activeEntryWhere(),
            OR: origins.flatMap((o) => [{ uri: { startsWith: `${o}/` } }, { uri: o }]),
          },
          select: {
            id: true,
            uri: true,
            kind: true,
            client: { select: { name: true } },
            clientName: true,
            requestUri: { select: { requestId: true } },
          },
          take: 200,
        })
      : [],
  ]);
  const related = new Map(
    uris.map((uri) => [
      uri,
      // Entries this request's own approval made are not "other" entries on the host.
      sameHost.filter(
        (e) => originOf(e.uri) === originOf(uri) && e.uri !== uri && e.requestUri?.requestId !== requestId,
      ),
    ]),
  );
  return { flags, related };
}
