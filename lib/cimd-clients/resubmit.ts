// Answering "changes requested" on a CIMD request: the developer fixes the document where it is
// hosted, and resubmitting fetches it again and pins what it reads now. The reviewer then decides
// on the new bytes; the old pin is replaced, and the audit row keeps both digests.
import { recordedChange } from "@/lib/audit/recorded-change";
import type { CurrentUser } from "@/lib/auth/guards";
import { fetchClientMetadata, type CimdFetchOptions } from "@/lib/cimd/fetch-client-metadata";
import { toCimdPreview } from "@/lib/cimd/preview";
import { db } from "@/lib/db";
import { statusesFor } from "@/lib/requests/status";
import { autoApproveQuietly, markResubmittedInTx } from "@/lib/requests/submit";
import { UserError } from "@/lib/user-error";
import { CIMD_HOST_FLAG } from "./schema";

const NOT_WAITING = "This request is not waiting for changes any more (it may have been withdrawn or decided).";

export async function resubmitCimdRequest(
  user: CurrentUser,
  requestId: string,
  note: string,
  ip: string | null = null,
  fetchOptions: CimdFetchOptions = {},
): Promise<{ autoApproved: boolean }> {
  const request = await db.request.findFirst({
    where: { id: requestId, requesterId: user.id },
    select: {
      status: true,
      revision: true,
      cimd: { select: { id: true, kind: true, clientIdUrl: true, documentSha256: true } },
    },
  });
  if (!request?.cimd) throw new UserError("That request does not exist.", 404);
  if (!statusesFor("resubmit").includes(request.status as never)) throw new UserError(NOT_WAITING);
  const { cimd } = request;
  const fetched = await fetchClientMetadata(cimd.clientIdUrl, fetchOptions);
  if (!fetched.approvable || fetched.body === null || fetched.sha256 === null) {
    const reasons = fetched.problems.map((p) => `${p.code}: ${p.message}`).join("; ");
    throw new UserError(
      `The document still cannot be requested: ${reasons || "it was not read"}. Fix it and try again.`,
    );
  }
  const preview = toCimdPreview(fetched);
  const flags = new Set(preview.redirect_uris.flatMap((r) => r.flags.map((f) => f.code)));
  if (cimd.kind === "client_id_host") flags.add(CIMD_HOST_FLAG);
  await recordedChange(db, async (tx) => {
    // Conditional on the revision read above: a withdrawal or a second resubmission meanwhile wins.
    const count = await markResubmittedInTx(
      tx,
      { requestId, requesterId: user.id, revision: request.revision },
      [...flags].sort().join(" "),
    );
    if (count === 0) throw new UserError(NOT_WAITING);
    await tx.cimdRequest.update({
      where: { id: cimd.id },
      data: {
        document: fetched.body!,
        documentSha256: fetched.sha256!,
        redirectUris: JSON.stringify(fetched.redirectUris.map((r) => r.uri)),
        fetchDetails: JSON.stringify(preview.fetch),
        checks: JSON.stringify(preview.redirect_uris),
        decision: "pending",
        reason: null,
        decidedAt: null,
      },
    });
    return {
      result: undefined,
      events: [{ requestId, type: "resubmitted", detail: note }],
      audit: {
        actor: user,
        action: "request.resubmitted",
        entityType: "request",
        entityId: requestId,
        before: { cimd: { sha256: cimd.documentSha256 } },
        after: { cimd: { clientId: cimd.clientIdUrl, sha256: fetched.sha256 } },
        reason: note || null,
        ip,
      },
    };
  });
  return { autoApproved: await autoApproveQuietly(requestId) };
}
