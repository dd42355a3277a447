// portal cimd refresh [<client_id URL or id> | --all]: re-check approved CIMD clients now, as the
// server's sweep does. No argument: the clients that are due (under the same lease as the server);
// --all: every approved client whatever its schedule; one client: that one. Exit 1 when a check
// found the document unreachable or the client is not on the list.
import type { CheckOutcome } from "@/lib/cimd-drift/check";
import { describeOutcome } from "@/lib/cimd-drift/describe";
import type { Db } from "@/lib/db";

/** What is wrong with the arguments, for the usage message; null when they are fine. */
export function refreshArgsProblem(args: string[]): string | null {
  if (args.length > 1 || (args[0]?.startsWith("-") && args[0] !== "--all")) {
    return "cimd refresh takes one client_id URL or client id, or --all, or nothing (the due ones)";
  }
  return null;
}

export async function cimdRefresh(db: Db, args: string[]): Promise<number> {
  const { checkCimdClient } = await import("@/lib/cimd-drift/check");
  const { inPool, refreshDueCimdClients } = await import("@/lib/cimd-drift/sweep");
  const { env } = await import("@/lib/env");
  let checked: { id: string; result: CheckOutcome }[];
  if (args.length === 0) {
    const sweep = await refreshDueCimdClients(db, { concurrency: env.CIMD_REFRESH_CONCURRENCY });
    if (!sweep.leased) {
      console.log("Another instance is sweeping right now; nothing was checked.");
      return 0;
    }
    checked = sweep.checked;
  } else {
    const target = args[0]!;
    const rows = await db.cimdClient.findMany({
      where: { revokedAt: null, ...(target === "--all" ? {} : { OR: [{ id: target }, { clientIdUrl: target }] }) },
      select: { id: true },
      orderBy: { approvedAt: "asc" },
    });
    if (rows.length === 0 && target !== "--all") {
      console.error(`portal: no approved CIMD client has the id or client_id ${JSON.stringify(target)}`);
      return 1;
    }
    checked = await inPool(rows, env.CIMD_REFRESH_CONCURRENCY, async ({ id }) => ({
      id,
      result: await checkCimdClient(db, id),
    }));
  }
  const urls = new Map(
    (
      await db.cimdClient.findMany({
        where: { id: { in: checked.map((c) => c.id) } },
        select: { id: true, clientIdUrl: true },
      })
    ).map((row) => [row.id, row.clientIdUrl]),
  );
  for (const { id, result } of checked) console.log(`${urls.get(id) ?? id}  ${describeOutcome(result)}`);
  console.log(`Checked ${checked.length} client${checked.length === 1 ? "" : "s"}.`);
  return checked.some(({ result }) => result.outcome === "unreachable") ? 1 : 0;
}
