// The signing keys in the database: a "current" key that signs, a "next" key published ahead of
// its use (so clients already hold it when it starts signing), and retired keys, published for one
// lifetime after they stop signing, since snapshots they signed stay valid that long.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import type { Db } from "@/lib/db";
import { encryptPrivateKey } from "./key-crypto";

/** ES256 (P-256) or EdDSA (Ed25519): the algorithm a new key is made for; a key keeps it for life. */
export type SigningAlg = "ES256" | "EdDSA";
export const DEFAULT_SIGNING_ALG: SigningAlg = "ES256";

export interface StoredKey {
  kid: string;
  slot: string | null;
  publicJwk: string;
  encryptedPrivate: string;
  retiredAt: Date | null;
}

async function newKeyRow(wrappingKey: Buffer, slot: "current" | "next", alg: SigningAlg) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const published: JWK = { ...publicJwk, kid, alg, use: "sig" };
  const privateJwk = JSON.stringify(await exportJWK(privateKey));
  return {
    kid,
    slot,
    publicJwk: JSON.stringify(published),
    encryptedPrivate: encryptPrivateKey(wrappingKey, kid, privateJwk),
    activatedAt: slot === "current" ? new Date() : null,
  };
}

/** The keys to publish now: current, next, and those retired within `lifetimeSeconds`. */
export async function loadKeys(db: Db, lifetimeSeconds: number): Promise<StoredKey[]> {
  const since = new Date(Date.now() - lifetimeSeconds * 1000);
  return db.signingKey.findMany({
    where: { OR: [{ slot: { not: null } }, { retiredAt: { gte: since } }] },
    select: { kid: true, slot: true, publicJwk: true, encryptedPrivate: true, retiredAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Makes the current and next keys when a slot is empty (the first start). Two instances may race:
 * the unique slot lets one win, and the loser reads the winner's key.
 */
export async function ensureKeys(db: Db, wrappingKey: Buffer, alg = DEFAULT_SIGNING_ALG): Promise<void> {
  for (const slot of ["current", "next"] as const) {
    if (await db.signingKey.findUnique({ where: { slot }, select: { kid: true } })) continue;
    try {
      await db.signingKey.create({ data: await newKeyRow(wrappingKey, slot, alg) });
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
}

/**
 * next → current, current → retired, and a new next (made for `alg`). Returns the new current kid.
 * Changing the algorithm takes two rotations: the first publishes a key of the new kind as next,
 * so verifiers hold it before the second makes it sign.
 */
export async function rotateKeys(
  db: Db,
  wrappingKey: Buffer,
  alg = DEFAULT_SIGNING_ALG,
): Promise<{ current: string; next: string }> {
  await ensureKeys(db, wrappingKey, alg);
  const fresh = await newKeyRow(wrappingKey, "next", alg);
  return db.$transaction(async (tx) => {
    const now = new Date();
    // Order matters for the unique slot: free "current" before "next" moves into it.
    await tx.signingKey.update({ where: { slot: "current" }, data: { slot: null, retiredAt: now } });
    const promoted = await tx.signingKey.update({
      where: { slot: "next" },
      data: { slot: "current", activatedAt: now },
    });
    await tx.signingKey.create({ data: fresh });
    return { current: promoted.kid, next: fresh.kid };
  });
}
