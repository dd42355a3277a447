// The HTTPS proof: https://<domain>/.well-known/allowlist-portal-verification.txt holds the token.
// Fetched the way CIMD documents are (lib/cimd): the name and every address it resolves to are
// checked, the connection goes only to those addresses, no redirects, 200 only, at most 1 KB.
import { isIP } from "node:net";
import { addressRefusal, hostnameRefusal } from "@/lib/cimd/address-policy";
import { httpsGet } from "@/lib/cimd/https-get";
import { resolveHost } from "@/lib/cimd/resolve-host";
import type { ProofResult } from "./dns-proof";
import { WELL_KNOWN_PATH } from "./token";

export const MAX_PROOF_BYTES = 1024;

export interface HttpsProofOptions {
  dnsServers: string[];
  allowLoopback: boolean;
  /** Tests only: the local HTTPS server's port and CA. */
  port?: number;
  ca?: string;
  timeoutMs?: number;
}

export async function checkHttpsProof(domain: string, token: string, options: HttpsProofOptions): Promise<ProofResult> {
  const url = new URL(`https://${domain}${options.port ? `:${options.port}` : ""}${WELL_KNOWN_PATH}`);
  const refusal = isIP(domain) ? "an IP address" : hostnameRefusal(domain);
  if (refusal) return { ok: false, error: `${domain} is refused: ${refusal}.` };
  const resolved = await resolveHost(domain, options.dnsServers.length > 0 ? options.dnsServers : undefined);
  if (!resolved.ok) return { ok: false, error: resolved.problem.message };
  const refused = resolved.addresses.flatMap((address) => {
    const why = addressRefusal(address, { allowLoopback: options.allowLoopback });
    return why ? [`${address} (${why})`] : [];
  });
  if (refused.length > 0) {
    return {
      ok: false,
      error: `${domain} resolves to an address the portal does not fetch from: ${refused.join(", ")}.`,
    };
  }
  const fetched = await httpsGet({
    url,
    addresses: resolved.addresses,
    headers: { Accept: "text/plain", "Accept-Encoding": "identity", "User-Agent": "AllowlistPortal-Verify/1" },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    ca: options.ca,
    maxBytes: MAX_PROOF_BYTES,
  });
  if (!fetched.ok) return { ok: false, error: fetched.problem.message };
  const { status, body } = fetched.response;
  if (status !== 200 || !body) {
    return { ok: false, error: `${url.href} answered ${status}; only 200 counts (redirects are not followed).` };
  }
  const words = body
    .toString("utf8")
    .split(/\s+/)
    .map((word) => word.replace(/^token=/, ""));
  if (!words.includes(token)) return { ok: false, error: `${url.href} does not contain this claim's token.` };
  return { ok: true, scope: "exact" };
}
