// Putting an approved CIMD client on the list, inside the decision's transaction: the client row,
// its ListChange ("client") and the version bump commit together with the request's verdict.
import type { Tx } from "@/lib/db";
import { bumpListVersion } from "@/lib/allowlist/version";

export interface PinnedCimd {
  id: string;
  kind: string;
  clientIdUrl: string;
  host: string;
  document: string;
  documentSha256: string;
  redirectUris: string;
}

export async function addCimdClientInTx(
  tx: Tx,
  pinned: PinnedCimd,
  clientId: string | null,
  approvedById: string | null,
  expiresAt: Date | null,
  /** Approved by the portal for this verified domain (suspended with it if it lapses). */
  autoApprovedDomainId: string | null = null,
): Promise<string> {
  const row = await tx.cimdClient.create({
    data: {
      kind: pinned.kind,
      clientIdUrl: pinned.clientIdUrl,
      host: pinned.host,
      document: pinned.document,
      documentSha256: pinned.documentSha256,
      redirectUris: pinned.redirectUris,
      clientId,
      cimdRequestId: pinned.id,
      approvedById,
      expiresAt,
      autoApprovedDomainId,
    },
    select: { id: true },
  });
  await bumpListVersion(tx, [{ op: "added", target: "client", targetId: row.id }]);
  return row.id;
}
