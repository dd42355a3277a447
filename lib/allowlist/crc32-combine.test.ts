import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32Combine } from "./crc32-combine";

describe("crc32Combine", () => {
  it("gives zlib's CRC of the joined bytes, for empty, short and long parts", () => {
    for (const [a, b] of [
      [0, 0],
      [0, 5],
      [7, 0],
      [1, 1],
      [100, 3],
      [3, 100_000],
      [65_537, 1_048_577],
    ] as const) {
      const first = randomBytes(a);
      const second = randomBytes(b);
      expect(crc32Combine(crc32(first), crc32(second), b)).toBe(crc32(Buffer.concat([first, second])));
    }
  });

  it("folds many blocks into the CRC of all of them", () => {
    const blocks = Array.from({ length: 50 }, (_, i) => randomBytes(1 + ((i * 7919) % 5000)));
    let crc = 0;
    for (const block of blocks) crc = crc32Combine(crc, crc32(block), block.length);
    expect(crc).toBe(crc32(Buffer.concat(blocks)));
  });
});
