import "server-only";
import type { CimdPreview } from "@/lib/cimd/preview";
import { db } from "@/lib/db";
import { parseRedirectUris } from "./schema";

/** What a request pinned about its CIMD client, for the request pages; null for a URI request. */
export async function getPinnedCimd(requestId: string) {
  const row = await db.cimdRequest.findUnique({
    where: { requestId },
    select: {
      id: true,
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
  // Once approved: whether the client is still on the list (it may since be revoked, expired or suspended).
  const listed = await db.cimdClient.findFirst({
    where: { cimdRequestId: row.id },
    select: { revokedAt: true, expiredAt: true, suspendedAt: true },
  });
  return {
    ...row,
    listed,
    redirectUris: parseRedirectUris(row.redirectUris),
    fetchDetails: JSON.parse(row.fetchDetails) as CimdPreview["fetch"],
    checks: JSON.parse(row.checks) as CimdPreview["redirect_uris"],
  };
}
export type PinnedCimdView = NonNullable<Awaited<ReturnType<typeof getPinnedCimd>>>;

/** The approved CIMD clients, newest first, for the entries page: those on the list and those
 *  suspended with their verified domain (they return when it verifies again); not expired ones. */
export async function listApprovedCimdClients() {
  const rows = await db.cimdClient.findMany({
    where: { revokedAt: null, expiredAt: null },
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
      autoApprovedDomainId: true,
      suspendedAt: true,
    },
  });
  return rows.map((row) => ({ ...row, redirectUris: parseRedirectUris(row.redirectUris) }));
}
