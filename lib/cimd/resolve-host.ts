// Every address a host name resolves to. All of them are checked, and the connection is made only to
// these: a second lookup at connect time could answer differently (DNS rebinding).
import { promises as dns } from "node:dns";
import { problem, type CimdProblem } from "./problems";

export type ResolvedHost = { ok: true; addresses: string[] } | { ok: false; problem: CimdProblem };

// Errors that mean "this name has no such record", as opposed to "the lookup failed".
const NO_RECORDS = new Set(["ENODATA", "ENOTFOUND", "NOTFOUND", "NODATA"]);

/**
 * dnsServers unset: the system resolver (getaddrinfo, so /etc/hosts counts, as it would for any
 * other connection the server makes). Set: ask exactly these servers for A and AAAA records.
 */
export async function resolveHost(hostname: string, dnsServers?: string[]): Promise<ResolvedHost> {
  try {
    const addresses = dnsServers ? await resolveWith(hostname, dnsServers) : await resolveWithSystem(hostname);
    if (addresses.length === 0) return noAddress(hostname);
    return { ok: true, addresses: [...new Set(addresses)] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (NO_RECORDS.has(code)) return noAddress(hostname);
    return { ok: false, problem: problem("cimd_dns", `Could not resolve ${hostname} (${code || "lookup failed"}).`) };
  }
}

async function resolveWithSystem(hostname: string): Promise<string[]> {
  const results = await dns.lookup(hostname, { all: true, verbatim: true });
  return results.map((result) => result.address);
}

async function resolveWith(hostname: string, servers: string[]): Promise<string[]> {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers(servers);
  // Both families must answer (or say there is no such record): refusing on the addresses we saw
  // while another family went unasked would leave the connection to chance.
  const [v4, v6] = await Promise.all([
    resolver.resolve4(hostname).catch(emptyWhenNoRecords),
    resolver.resolve6(hostname).catch(emptyWhenNoRecords),
  ]);
  return [...v4, ...v6];
}

function emptyWhenNoRecords(error: NodeJS.ErrnoException): string[] {
  if (NO_RECORDS.has(error.code ?? "")) return [];
  throw error;
}

function noAddress(hostname: string): ResolvedHost {
  return { ok: false, problem: problem("cimd_dns", `${hostname} has no address (no A or AAAA record).`) };
}
