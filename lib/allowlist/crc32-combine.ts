// CRC-32 of two byte strings joined, from their CRCs and the second one's length, without reading
// the bytes (zlib's crc32_combine, which Node does not expose). The snapshot's gzip trailer needs
// the CRC of 20 MB of JSON; with this, a version combines its ~200 blocks' cached CRCs instead of
// reading 20 MB again. Polynomials are in zlib's reflected form: bit 31 is x^0.
const POLY = 0xedb88320;
const X0 = 0x80000000;

/** a(x) · b(x) modulo the CRC polynomial. */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  for (let bit = X0; bit !== 0; bit >>>= 1) {
    if (a & bit) product ^= b;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** X2N[k] = x^(2^k) modulo the polynomial. */
const X2N = new Uint32Array(32);
X2N[0] = X0 >>> 1; // x^1
for (let k = 1; k < 32; k++) X2N[k] = multiplyModP(X2N[k - 1]!, X2N[k - 1]!);

/** x^(8·bytes) modulo the polynomial: the shift of appending `bytes` zero bytes. */
function shiftOfBytes(bytes: number): number {
  let power = X0; // x^0
  let k = 3; // 8 bits a byte: start at x^(2^3)
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) power = multiplyModP(X2N[k % 32]!, power);
  return power;
}

/** crc32(A + B) from crc32(A), crc32(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftOfBytes(lengthB), crcA) ^ crcB) >>> 0;
}
