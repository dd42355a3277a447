// Checking a signed snapshot: the ES256 or EdDSA signature against a known key, typ, aud and iss. Expiry
// is left to the caller, which must tell a fresh answer that is already expired (refused) from
// its own last good copy that has since expired (kept, reported stale).
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, type JWK } from "jose";
import type { AllowRule, BlockRule } from "./match.js";

export const SIGNED_FEED_TYP = "allowlist+jwt";
/** What the portal signs with (its FEED_SIGNING_ALG setting). */
const SIGNING_ALGS = ["ES256", "EdDSA"];

export interface SnapshotClaims {
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  version: number;
  entries: (AllowRule & Record<string, unknown>)[];
  blocked: (BlockRule & Record<string, unknown>)[];
}

export class AllowlistError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyOptions {
  audience: string;
  issuer?: string;
}

/** The claims and the key that verified them, or an AllowlistError naming what was wrong. */
export async function verifySnapshot(
  jws: string,
  keys: JSONWebKeySet,
  options: VerifyOptions,
): Promise<{ claims: SnapshotClaims; key: JWK }> {
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    throw new AllowlistError("invalid_signature", "The answer is not a compact JWS.");
  }
  if (header.typ !== SIGNED_FEED_TYP) throw new AllowlistError("wrong_type", `typ is ${String(header.typ)}.`);
  const key = keys.keys.find((candidate) => candidate.kid === header.kid);
  if (!key) throw new AllowlistError("unknown_key", `No published key has kid ${String(header.kid)}.`);
  // Only the algorithm the key was published for: a header naming another is refused, never tried.
  const alg = key.alg ?? "ES256";
  if (!SIGNING_ALGS.includes(alg) || header.alg !== alg)
    throw new AllowlistError(
      "invalid_signature",
      `The key ${String(header.kid)} does not sign with ${String(header.alg)}.`,
    );
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, createLocalJWKSet({ keys: [key] }), { algorithms: [alg] }));
  } catch {
    throw new AllowlistError("invalid_signature", "The snapshot's signature does not verify.");
  }
  const claims = JSON.parse(new TextDecoder().decode(payload)) as SnapshotClaims;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(options.audience))
    throw new AllowlistError("wrong_audience", `The snapshot is for ${JSON.stringify(claims.aud)}.`);
  if (options.issuer !== undefined && claims.iss !== options.issuer)
    throw new AllowlistError("wrong_issuer", `The snapshot was issued by ${JSON.stringify(claims.iss)}.`);
  if (
    !Number.isInteger(claims.version) ||
    typeof claims.exp !== "number" ||
    typeof claims.iat !== "number" ||
    !Array.isArray(claims.entries) ||
    !Array.isArray(claims.blocked)
  )
    throw new AllowlistError("malformed", "The snapshot lacks version, iat, exp, entries or blocked.");
  return { claims, key };
}
