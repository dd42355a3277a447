// Which submitted URI a verified domain may approve on its own. Pure: the caller supplies the
// owner's verified domains, the active blocks and the switches. Anything a reviewer would need
// to look at (loopback, path prefixes, flags, blocks) is never eligible.
import type { Flag } from "@/lib/redirect-uri/issues";
import { compileRules, type BlockRule } from "@/lib/redirect-uri/match";
import { domainCovers, schemeCoveredBy, type DomainScope } from "./names";

export interface OwnedDomain {
  id: string;
  domain: string;
  scope: DomainScope;
}

export interface AutoApprovalSwitches {
  autoApproveHttps: boolean;
  autoApproveSchemes: boolean;
}

export interface CandidateUri {
  uri: string;
  kind: string;
  flags: Flag[];
}

/** Being pending elsewhere is no reason to wait: the first approval wins, the rest are duplicates. */
const TOLERATED_FLAGS = new Set(["pending_elsewhere"]);

/** The verified domain that approves this URI, or null when a reviewer must decide it. */
export function approvingDomain(
  candidate: CandidateUri,
  domains: OwnedDomain[],
  blocks: BlockRule[],
  switches: AutoApprovalSwitches,
): OwnedDomain | null {
  if (candidate.kind !== "exact") return null;
  if (candidate.flags.some((flag) => !TOLERATED_FLAGS.has(flag.code))) return null;
  let url: URL;
  try {
    url = new URL(candidate.uri);
  } catch {
    return null;
  }
  const rules = compileRules([{ id: "candidate", kind: "exact", uri: candidate.uri }], blocks);
  if (rules.blockedRules.size > 0) return null;
  const scheme = url.protocol.slice(0, -1);
  if (scheme === "https") {
    if (!switches.autoApproveHttps || url.port !== "") return null;
    return domains.find((d) => domainCovers(d.domain, d.scope, url.hostname)) ?? null;
  }
  if (scheme === "http") return null;
  if (!switches.autoApproveSchemes) return null;
  return domains.find((d) => schemeCoveredBy(scheme, d.domain, d.scope)) ?? null;
}

export interface CandidateCimdClient {
  kind: string;
  clientIdUrl: string;
  /** The pinned document's redirect URIs with their policy flags. */
  redirectUris: { uri: string; flags: Flag[] }[];
}

/**
 * The verified domain that approves a CIMD client, or null when a reviewer must decide it: one
 * exact client_id URL (a host rule trusts documents nobody has seen: admin only) on a verified
 * host, not blocked, and every redirect URI of the pinned document one that the owner's verified
 * domains would approve by itself (https on a verified host, or its reversed-domain scheme; never
 * loopback, flagged or blocked). A document naming anyone else's URI waits for a reviewer: the
 * domain proves who serves the document, not who owns the hosts it names. Unlike a redirect URI,
 * the client_id URL may carry a port: it is only ever fetched, from the host the owner proved.
 */
export function approvingCimdDomain(
  candidate: CandidateCimdClient,
  domains: OwnedDomain[],
  blocks: BlockRule[],
  switches: { autoApproveCimd: boolean },
): OwnedDomain | null {
  if (!switches.autoApproveCimd || candidate.kind !== "client_id") return null;
  const url = new URL(candidate.clientIdUrl);
  if (url.protocol !== "https:") return null;
  if (blocks.some((b) => b.uri === candidate.clientIdUrl || b.host === url.hostname)) return null;
  // The CIMD switch stands for the redirect URIs too: the https and scheme switches are for submitted URIs.
  const uriSwitches = { autoApproveHttps: true, autoApproveSchemes: true };
  const ownsEveryUri = candidate.redirectUris.every(
    (r) => approvingDomain({ uri: r.uri, kind: "exact", flags: r.flags }, domains, blocks, uriSwitches) !== null,
  );
  if (!ownsEveryUri) return null;
  return domains.find((d) => domainCovers(d.domain, d.scope, url.hostname)) ?? null;
}
