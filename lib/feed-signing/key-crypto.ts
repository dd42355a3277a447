// Private signing keys at rest: AES-256-GCM under a key derived (HKDF-SHA256) from
// FEED_SIGNING_SECRET. Every instance given the same secret derives the same key, so whichever
// instance created a signing key, all of them can sign with it. The kid is bound in as associated
// data: a ciphertext copied onto another row does not decrypt.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const INFO = "allowlist-portal feed signing key v1";

export function deriveWrappingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), INFO, 32));
}

/** "iv.ciphertext.tag", each base64url. */
export function encryptPrivateKey(wrappingKey: Buffer, kid: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", wrappingKey, iv);
  cipher.setAAD(Buffer.from(kid, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url")).join(".");
}

export class WrongSigningSecretError extends Error {
  constructor(kid: string) {
    super(
      `The feed's signing key ${kid} cannot be decrypted: FEED_SIGNING_SECRET differs from the one it was made with. ` +
        "Every instance must use the same FEED_SIGNING_SECRET.",
    );
  }
}

export function decryptPrivateKey(wrappingKey: Buffer, kid: string, sealed: string): string {
  const [iv, ciphertext, tag] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", wrappingKey, iv!);
    decipher.setAAD(Buffer.from(kid, "utf8"));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8");
  } catch {
    throw new WrongSigningSecretError(kid);
  }
}
