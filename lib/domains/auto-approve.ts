// A request whose every URI is covered by the requester's verified domains is approved at once by
// the portal itself, through the same conditional update, entries and version bump as a
// reviewer's decision. It stays visible: its flag codes gain "auto_approved" for the queue filter.
// A CIMD request goes the same way through auto-approve-cimd.ts.
import { addEntriesInTx } from "@/lib/allowlist/entries";
import { loadBlocked } from "@/lib/allowlist/snapshot";
import { announceListChange } from "@/lib/allowlist/version";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import type { RuleKind } from "@/lib/redirect-uri/lint";
import { parseFlags } from "@/lib/requests/flags";
import { getSettings } from "@/lib/settings/settings";
import { autoApproveCimdRequest } from "./auto-approve-cimd";
import { approvingDomain } from "./eligibility";
import { claimForAutoApproval, ownedVerifiedDomains, reasonFor } from "./system-approval";

/** Approves the request at once when its requester's verified domains cover it; true when it did. */
export async function autoApproveRequest(db: Db, requestId: string): Promise<boolean> {
  const settings = await getSettings(db);
  if (await db.cimdRequest.count({ where: { requestId } })) return autoApproveCimdRequest(db, requestId, settings);
  if (!settings.autoApproveHttps && !settings.autoApproveSchemes) return false;
  const request = await db.request.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      revision: true,
      requesterId: true,
      clientId: true,
      flagCodes: true,
      client: { select: { name: true } },
      uris: { select: { id: true, uri: true, kind: true, flags: true }, orderBy: { position: "asc" } },
    },
  });
  if (!request || request.status !== "submitted" || request.uris.length === 0) return false;
  const domains = await ownedVerifiedDomains(db, request.requesterId);
  if (domains.length === 0) return false;
  const blocks = await loadBlocked(db);
  const decided = request.uris.map((u) => ({
    ...u,
    domain: approvingDomain({ uri: u.uri, kind: u.kind, flags: parseFlags(u.flags) }, domains, blocks, settings),
  }));
  // All or nothing: a request that still needs a person keeps every URI for that person.
  if (decided.some((u) => u.domain === null)) return false;

  const approved = await recordedChange(db, async (tx) => {
    const now = new Date();
    const domainIds = decided.map((u) => u.domain!.id);
    if (!(await claimForAutoApproval(tx, request, domainIds, now))) return { result: false, audit: null };
    for (const u of decided) {
      await tx.requestUri.update({
        where: { id: u.id },
        data: {
          decision: "approved",
          reason: reasonFor(u.domain!),
          decidedById: null,
          decidedAt: now,
          expiresAt: null,
        },
      });
    }
    await addEntriesInTx(
      tx,
      decided.map((u) => ({
        kind: u.kind as RuleKind,
        uri: u.uri,
        clientId: request.clientId,
        clientName: request.client.name,
        requestUriId: u.id,
        autoApprovedDomainId: u.domain!.id,
      })),
      null,
    );
    const summary = decided.map((u) => `✓ ${u.uri} — ${reasonFor(u.domain!)}`).join("\n");
    return {
      result: true,
      events: [{ requestId: request.id, type: "decided", detail: `approved\n${summary}` }],
      audit: {
        actor: null,
        action: "request.auto_approved",
        entityType: "request",
        entityId: request.id,
        after: {
          outcome: "approved",
          decisions: decided.map((u) => ({ uri: u.uri, decision: "approved", domain: u.domain!.domain })),
        },
        reason: [...new Set(decided.map((u) => reasonFor(u.domain!)))].join("; "),
      },
    };
  });
  if (approved) announceListChange();
  return approved;
}
