import "server-only";
import { db } from "@/lib/db";

/** The developer's claims, open ones first; the token is theirs to publish, so it is shown. */
export async function listOwnDomains(ownerId: string) {
  return db.verifiedDomain.findMany({
    where: { ownerId, status: { in: ["pending", "verified", "lapsed"] } },
    select: {
      id: true,
      domain: true,
      token: true,
      status: true,
      scope: true,
      method: true,
      createdAt: true,
      verifiedAt: true,
      lastCheckedAt: true,
      nextCheckAt: true,
      lapsedAt: true,
      suspendedAt: true,
      lastError: true,
    },
    orderBy: [{ createdAt: "desc" }],
  });
}

/** For reviewers: the verified, lapsed or pending claims that cover each host (by anyone). */
export async function domainStatusForHosts(hosts: string[]) {
  const names = [...new Set(hosts.flatMap(parentNames))];
  if (names.length === 0) return new Map<string, { domain: string; status: string; ownerId: string }[]>();
  const rows = await db.verifiedDomain.findMany({
    where: { domain: { in: names }, status: { in: ["pending", "verified", "lapsed"] } },
    select: { domain: true, status: true, scope: true, ownerId: true },
  });
  const byHost = new Map<string, { domain: string; status: string; ownerId: string }[]>();
  for (const host of hosts) {
    const covering = rows.filter((r) => r.domain === host || (r.scope === "subtree" && host.endsWith(`.${r.domain}`)));
    byHost.set(
      host,
      covering.map(({ domain, status, ownerId }) => ({ domain, status, ownerId })),
    );
  }
  return byHost;
}

function parentNames(host: string): string[] {
  const labels = host.toLowerCase().split(".");
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}
