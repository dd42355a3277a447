import "server-only";
import type { CimdPreview } from "@/lib/cimd/preview";
import { db } from "@/lib/db";
import { parseRedirectUris } from "./schema";

/** What a request pinned about its CIMD client, for the request pages; null for a URI request. */
export async function getPinnedCimd(requestId: string) {
  const row = await db.cimdRequest.findUnique({
    where: { requestId },
    select: {
      kind: true,
      clientIdUrl: true,
      host: true,
      document: true,
      documentSha256: true,
      redirectUris: true,
      fetchDetails: true,
      checks: true,
      decision: true,
      reason: true,
    },
  });
  if (!row) return null;
  return {
    ...row,
    redirectUris: parseRedirectUris(row.redirectUris),
    fetchDetails: JSON.parse(row.fetchDetails) as CimdPreview["fetch"],
    checks: JSON.parse(row.checks) as CimdPreview["redirect_uris"],
  };
}
export type PinnedCimdView = NonNullable<Awaited<ReturnType<typeof getPinnedCimd>>>;

/** The approved CIMD clients on the list, newest first, for the entries page. */
export async function listApprovedCimdClients() {
  const rows = await db.cimdClient.findMany({
    where: { revokedAt: null },
    orderBy: [{ approvedAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      kind: true,
      clientIdUrl: true,
      host: true,
      documentSha256: true,
      redirectUris: true,
      approvedAt: true,
      expiresAt: true,
    },
  });
  return rows.map((row) => ({ ...row, redirectUris: parseRedirectUris(row.redirectUris) }));
}
