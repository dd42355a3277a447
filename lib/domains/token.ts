// The claim's proof token: 160 random bits in RFC 4648 base32 (lower-case, unpadded), so it is
// unpredictable, fits a DNS TXT string, and survives being read aloud or copied by hand.
import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export function newDomainToken(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const CHALLENGE_LABEL = "_allowlist-portal-challenge";
export const WELL_KNOWN_PATH = "/.well-known/allowlist-portal-verification.txt";
