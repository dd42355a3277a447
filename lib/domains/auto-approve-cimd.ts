// Issue 14 item 3 with CIMD: a client_id URL on the requester's verified host is approved at once by
// the portal, when the switch is on and the pinned document passes (eligibility.ts). The pinned
// bytes are listed exactly as a reviewer's approval lists them, marked with the approving domain so
// that a lapse suspends the client with the domain's entries.
import { loadBlocked } from "@/lib/allowlist/snapshot";
import { announceListChange } from "@/lib/allowlist/version";
import { recordedChange } from "@/lib/audit/recorded-change";
import { addCimdClientInTx } from "@/lib/cimd-clients/approve";
import type { Db } from "@/lib/db";
import type { Flag } from "@/lib/redirect-uri/issues";
import type { Settings } from "@/lib/settings/settings";
import { approvingCimdDomain } from "./eligibility";
import { claimForAutoApproval, ownedVerifiedDomains, reasonFor } from "./system-approval";

export async function autoApproveCimdRequest(db: Db, requestId: string, settings: Settings): Promise<boolean> {
  if (!settings.autoApproveCimd) return false;
  const request = await db.request.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      revision: true,
      requesterId: true,
      clientId: true,
      flagCodes: true,
      cimd: {
        select: {
          id: true,
          kind: true,
          clientIdUrl: true,
          host: true,
          document: true,
          documentSha256: true,
          redirectUris: true,
          checks: true,
        },
      },
    },
  });
  const cimd = request?.cimd;
  if (!request || !cimd || request.status !== "submitted") return false;
  const domains = await ownedVerifiedDomains(db, request.requesterId);
  if (domains.length === 0) return false;
  const checks = JSON.parse(cimd.checks) as { uri: string; flags: Flag[] }[];
  const candidate = { kind: cimd.kind, clientIdUrl: cimd.clientIdUrl, redirectUris: checks };
  const domain = approvingCimdDomain(candidate, domains, await loadBlocked(db), settings);
  if (!domain) return false;

  const approved = await recordedChange(db, async (tx) => {
    const now = new Date();
    if (!(await claimForAutoApproval(tx, request, [domain.id], now))) return { result: false, audit: null };
    const reason = reasonFor(domain);
    await tx.cimdRequest.update({ where: { id: cimd.id }, data: { decision: "approved", reason, decidedAt: now } });
    await addCimdClientInTx(tx, cimd, request.clientId, null, null, domain.id);
    return {
      result: true,
      events: [{ requestId: request.id, type: "decided", detail: `approved\n✓ ${cimd.clientIdUrl} — ${reason}` }],
      audit: {
        actor: null,
        action: "request.auto_approved",
        entityType: "request",
        entityId: request.id,
        after: {
          outcome: "approved",
          cimd: { clientId: cimd.clientIdUrl, kind: cimd.kind, sha256: cimd.documentSha256, domain: domain.domain },
        },
        reason,
      },
    };
  });
  if (approved) announceListChange();
  return approved;
}
