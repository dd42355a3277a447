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

/** For admins: every claim, closed ones (expired, released) included, with its owner's email. */
export async function listAllDomainClaims() {
  const claims = await db.verifiedDomain.findMany({
    select: {
      id: true,
      domain: true,
      status: true,
      scope: true,
      method: true,
      ownerId: true,
      verifiedAt: true,
      lastCheckedAt: true,
      suspendedAt: true,
      lastError: true,
    },
    orderBy: [{ domain: "asc" }, { createdAt: "desc" }],
    take: 500,
  });
  const owners = await db.user.findMany({
    where: { id: { in: [...new Set(claims.map((c) => c.ownerId))] } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(owners.map((o) => [o.id, o.email]));
  return claims.map((c) => ({ ...c, ownerEmail: emailOf.get(c.ownerId) ?? "(unknown)" }));
}
