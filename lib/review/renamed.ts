import "server-only";
import { renameOf, type Rename } from "@/lib/clients/rename";
import { db } from "@/lib/db";

/** For a request's detail page: whether its client was renamed after its URIs were approved. */
export async function renameSinceApproval(requestId: string): Promise<Rename | null> {
  const entry = await db.allowlistEntry.findFirst({
    where: { requestUri: { requestId }, clientName: { not: null } },
    orderBy: { approvedAt: "desc" },
    select: { clientName: true, client: { select: { name: true } } },
  });
  return entry ? renameOf(entry.clientName, entry.client?.name) : null;
}
