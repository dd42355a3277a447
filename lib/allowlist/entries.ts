// Changes to the allowlist. Each one is a transaction that makes the change, bumps the list
// version and writes the audit row together; the feed is told after the commit.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db, Tx } from "@/lib/db";
import { checkBlockHost, checkBlockUri } from "@/lib/redirect-uri/block-target";
import type { RuleKind } from "@/lib/redirect-uri/lint";
import { UserError } from "@/lib/user-error";
import { announceListChange, bumpListVersion } from "./version";

export interface NewEntry {
  kind: RuleKind;
  uri: string;
  clientId?: string | null;
  clientName?: string | null;
  requestUriId?: string | null;
  expiresAt?: Date | null;
  /** Approved by this verified domain rather than a reviewer (suspended if it lapses). */
  autoApprovedDomainId?: string | null;
}

/** Inside the caller's transaction (an approval, an import): creates entries and bumps the version once. */
export async function addEntriesInTx(tx: Tx, entries: NewEntry[], approvedById: string | null): Promise<string[]> {
  if (entries.length === 0) return [];
  const ids: string[] = [];
  for (let start = 0; start < entries.length; start += 500) {
    const chunk = entries.slice(start, start + 500).map((entry) => ({ ...entry, approvedById }));
    const rows = await tx.allowlistEntry.createManyAndReturn({ data: chunk, select: { id: true } });
    ids.push(...rows.map((row) => row.id));
  }
  await bumpListVersion(
    tx,
    ids.map((id) => ({ op: "added" as const, target: "entry" as const, targetId: id })),
  );
  return ids;
}

export async function revokeEntry(db: Db, id: string, reason: string, actor: Actor, ip?: string | null) {
  const revoked = await recordedChange(db, async (tx) => {
    const entry = await tx.allowlistEntry.findUnique({
      where: { id },
      select: { id: true, uri: true, kind: true, requestUri: { select: { requestId: true } } },
    });
    if (!entry) throw new UserError("That entry does not exist.");
    const { count } = await tx.allowlistEntry.updateMany({
      where: { id, revokedAt: null, expiredAt: null },
      data: { revokedAt: new Date(), revokedById: actor.id, revokeReason: reason },
    });
    if (count === 0) throw new UserError("That entry is no longer on the list (already revoked or expired).");
    await bumpListVersion(tx, [{ op: "removed", target: "entry", targetId: id }]);
    const requestId = entry.requestUri?.requestId ?? null;
    return {
      result: { id: entry.id, uri: entry.uri, requestId },
      audit: {
        actor,
        action: "entry.revoked",
        entityType: "allowlist_entry",
        entityId: id,
        before: { uri: entry.uri, kind: entry.kind },
        reason,
        ip,
      },
      // The request it was approved in shows the revocation on its timeline.
      events: requestId ? [{ requestId, type: "revoked", detail: `${entry.uri} — ${reason}` }] : [],
    };
  });
  announceListChange();
  return revoked;
}

export interface BlockInput {
  uri?: string | null;
  host?: string | null;
  reason: string;
}

export async function blockEntry(db: Db, input: BlockInput, actor: Actor, ip?: string | null) {
  // Stored exactly as given, so it must already be canonical: a block that matches nothing must not be listed.
  const check = input.host ? checkBlockHost(input.host) : checkBlockUri(input.uri ?? "");
  if (!check.ok) throw new UserError(check.message);
  const block = await recordedChange(db, async (tx) => {
    const row = await tx.blockedEntry.create({
      data: {
        uri: input.host ? null : (input.uri ?? null),
        host: input.host ?? null,
        reason: input.reason,
        createdById: actor.id,
      },
      select: { id: true, uri: true, host: true, reason: true },
    });
    await bumpListVersion(tx, [{ op: "added", target: "blocked", targetId: row.id }]);
    return {
      result: row,
      audit: {
        actor,
        action: "blocked.created",
        entityType: "blocked_entry",
        entityId: row.id,
        after: row,
        reason: input.reason,
        ip,
      },
    };
  });
  announceListChange();
  return block;
}

export async function unblockEntry(db: Db, id: string, actor: Actor, ip?: string | null) {
  await recordedChange(db, async (tx) => {
    const { count } = await tx.blockedEntry.updateMany({
      where: { id, removedAt: null },
      data: { removedAt: new Date(), removedById: actor.id },
    });
    if (count === 0) throw new UserError("That block was already removed.");
    await bumpListVersion(tx, [{ op: "removed", target: "blocked", targetId: id }]);
    return {
      result: undefined,
      audit: { actor, action: "blocked.removed", entityType: "blocked_entry", entityId: id, ip },
    };
  });
  announceListChange();
}
