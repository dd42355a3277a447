// Saving a developer's own client. Its name and vendor are what reviewers approved: an edit of
// either after an approval is put on the timeline of every request with an entry on the list, so
// reviewers see it, and the feed keeps publishing the name approved with each entry.
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/user-error";
import type { ClientInput } from "./schema";

export type ClientData = Omit<ClientInput, "logoUrl" | "metadataDocumentUrl"> & {
  logoUrl: string | null;
  metadataDocumentUrl: string | null;
};

/** The timeline event type that flags a change of name or vendor after approval. */
export const CLIENT_RENAMED_EVENT = "client_renamed";

const label = (c: { name: string; vendor: string }) => `${c.name} (${c.vendor})`;

export async function updateOwnClient(
  db: Db,
  ownerId: string,
  id: string,
  data: ClientData,
  actor: Actor,
  ip: string | null,
) {
  await recordedChange(db, async (tx) => {
    const before = await tx.client.findFirst({ where: { id, ownerId }, select: { name: true, vendor: true } });
    if (!before) throw new UserError("That client does not exist.");
    await tx.client.update({ where: { id }, data });
    const renamed = before.name !== data.name || before.vendor !== data.vendor;
    const audit = {
      actor,
      action: renamed ? "client.renamed" : "client.updated",
      entityType: "client",
      entityId: id,
      before: renamed ? before : undefined,
      after: data,
      ip,
    };
    if (!renamed) return { result: undefined, audit };
    const approvedIn = await tx.request.findMany({
      where: { clientId: id, uris: { some: { entries: { some: { revokedAt: null, expiredAt: null } } } } },
      select: { id: true },
    });
    return {
      result: undefined,
      audit,
      events: approvedIn.map((request) => ({
        requestId: request.id,
        type: CLIENT_RENAMED_EVENT,
        detail: `${label(before)} → ${label(data)}`,
      })),
    };
  });
}

export async function createOwnClient(db: Db, ownerId: string, data: ClientData, actor: Actor, ip: string | null) {
  return recordedChange(db, async (tx) => {
    const created = await tx.client.create({ data: { ...data, ownerId }, select: { id: true } });
    return {
      result: created.id,
      audit: { actor, action: "client.created", entityType: "client", entityId: created.id, after: data, ip },
    };
  });
}
