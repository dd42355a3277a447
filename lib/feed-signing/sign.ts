// A snapshot as a compact JWS, made from the feed's already assembled JSON: the claims are spliced
// in front of the snapshot's own members rather than serialising the list again, and the ECDSA
// signature is computed on libuv's thread pool (crypto.sign with a callback), so a large list
// never holds the event loop for more than the base64url encoding.
import { sign } from "node:crypto";
import type { Signer } from "./key-ring";

export const SIGNED_FEED_TYP = "allowlist+jwt";
export const SIGNED_FEED_CONTENT_TYPE = "application/allowlist+jwt";

export interface FeedClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

/**
 * `snapshotJson` is the feed's body (`{"version":…,"entries":…,"blocked":…}`); every member of it
 * becomes a claim. This is the extension point for CIMD: once the snapshot carries `clients`, the
 * signed feed carries them too, with no change here.
 */
export function signSnapshot(snapshotJson: Buffer, claims: FeedClaims, signer: Signer): Promise<Buffer> {
  const header = Buffer.from(JSON.stringify({ alg: signer.alg, typ: SIGNED_FEED_TYP, kid: signer.kid }));
  const head = JSON.stringify(claims).slice(0, -1) + ",";
  const payload = Buffer.concat([Buffer.from(head), snapshotJson.subarray(1)]);
  const signingInput = Buffer.from(`${header.toString("base64url")}.${payload.toString("base64url")}`);
  return new Promise((resolve, reject) => {
    // Ed25519 hashes internally (no digest named); ECDSA's signature is JOSE's r‖s, not DER.
    const digest = signer.alg === "EdDSA" ? null : "sha256";
    sign(digest, signingInput, { key: signer.key, dsaEncoding: "ieee-p1363" }, (error, signature) => {
      if (error) reject(error);
      else resolve(Buffer.concat([signingInput, Buffer.from(`.${signature.toString("base64url")}`)]));
    });
  });
}
