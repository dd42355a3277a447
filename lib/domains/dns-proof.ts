// The DNS proof: a TXT record at _allowlist-portal-challenge.<domain> whose value is
// `token=<token>`, optionally with `scope=subtree` (space- or semicolon-separated). Asked of the
// configured DNS servers (DNS_SERVERS) or the system's.
import { promises as dns } from "node:dns";
import { CHALLENGE_LABEL } from "./token";
import type { DomainScope } from "./names";

export type ProofResult = { ok: true; scope: DomainScope } | { ok: false; error: string };

const NO_RECORDS = new Set(["ENODATA", "ENOTFOUND", "NOTFOUND", "NODATA"]);

export async function checkDnsProof(domain: string, token: string, dnsServers: string[]): Promise<ProofResult> {
  const name = `${CHALLENGE_LABEL}.${domain}`;
  const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
  if (dnsServers.length > 0) resolver.setServers(dnsServers);
  let records: string[][];
  try {
    records = await resolver.resolveTxt(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (NO_RECORDS.has(code)) return { ok: false, error: `No TXT record at ${name}.` };
    return { ok: false, error: `The DNS lookup of ${name} failed (${code || "error"}).` };
  }
  // A long TXT value arrives in 255-byte strings: they are one value joined.
  for (const record of records.map((chunks) => chunks.join(""))) {
    const fields = parseFields(record);
    if (fields.get("token") === token) {
      return { ok: true, scope: fields.get("scope") === "subtree" ? "subtree" : "exact" };
    }
  }
  return { ok: false, error: `The TXT record at ${name} does not hold this claim's token.` };
}

function parseFields(record: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of record.split(/[\s;]+/)) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at).toLowerCase(), part.slice(at + 1));
  }
  return fields;
}
