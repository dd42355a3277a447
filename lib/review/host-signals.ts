import "server-only";
// What the reviewer sees about each URI's host beyond the flags: who has verified it (status only,
// and whether it is the requester), whether it is the requester's own email domain, and whether
// it resolves at all through the configured resolver (DNS_SERVERS).
import { resolveHost } from "@/lib/cimd/resolve-host";
import { domainStatusForHosts } from "@/lib/domains/queries";
import { env } from "@/lib/env";
import type { Flag } from "@/lib/redirect-uri/issues";
import { hostOf } from "@/lib/requests/host-checks";

export interface HostSignals {
  /** Claims covering the host: the domain, its status, and whether the requester holds it. */
  domains: { domain: string; status: string; requesters: boolean }[];
  positives: string[];
  flags: Flag[];
}

export async function hostSignals(uris: string[], requester: { id: string; email: string }) {
  const hosts = [...new Set(uris.map(hostOf).filter((h): h is string => h !== null && !/^[\d.]+$|^\[/.test(h)))];
  const emailDomain = requester.email.split("@")[1]?.toLowerCase() ?? "";
  const [claims, resolved] = await Promise.all([
    domainStatusForHosts(hosts),
    Promise.all(
      hosts.map(async (host) => {
        if (host === "localhost") return [host, true] as const;
        // A slow resolver must not hold the page: no answer in time is "unknown", not a flag.
        const result = await Promise.race([
          resolveHost(host, env.DNS_SERVERS.length > 0 ? env.DNS_SERVERS : undefined),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 2500).unref()),
        ]);
        if (result === null || result.ok) return [host, true] as const;
        // Only "no such name / no address" is a finding; a failed lookup (resolver down) is not.
        return [host, !/has no address/.test(result.problem.message)] as const;
      }),
    ),
  ]);
  const resolves = new Map(resolved);
  const signals = new Map<string, HostSignals>();
  for (const uri of uris) {
    const host = hostOf(uri);
    const signal: HostSignals = { domains: [], positives: [], flags: [] };
    signals.set(uri, signal);
    if (!host) continue;
    signal.domains = (claims.get(host) ?? []).map((c) => ({
      domain: c.domain,
      status: c.status,
      requesters: c.ownerId === requester.id,
    }));
    if (signal.domains.some((d) => d.requesters && d.status === "verified")) {
      signal.positives.push("On the requester's verified domain.");
    }
    if (emailDomain && (host === emailDomain || host.endsWith(`.${emailDomain}`))) {
      signal.positives.push(`On the requester's email domain (${emailDomain}).`);
    }
    if (resolves.get(host) === false) {
      signal.flags.push({ code: "unresolved_host", message: `${host} does not resolve (no A or AAAA record).` });
    }
  }
  return signals;
}
