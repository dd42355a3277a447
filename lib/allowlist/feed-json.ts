// The feed's bodies assembled from the published list's per-entry JSON fragments: byte for byte
// what JSON.stringify gives for the same objects (the tests compare them), without serialising
// 100,000 entries again for every version. The fragments are copied once, straight into one
// buffer of the final size, in slices with a yield between them: even the copy of a 20 MB list
// never holds the event loop for more than a moment, and a version leaves one buffer of garbage.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";

const SLICE = 10_000;

/** One member's JSON, cached by the published list (a row of it, passed as it is: no copy per version). */
export interface Fragment {
  readonly json: Buffer;
}

type Part = Buffer | readonly Fragment[];

/** Writes the parts (a buffer, or fragments to join with commas inside brackets) into one buffer. */
async function assemble(parts: Part[]): Promise<Buffer> {
  let size = 0;
  for (const part of parts) {
    if (Buffer.isBuffer(part)) size += part.length;
    else {
      size += 2 + Math.max(0, part.length - 1);
      for (const fragment of part) size += fragment.json.length;
    }
  }
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      offset += part.copy(out, offset);
      continue;
    }
    out[offset++] = 0x5b; // [
    for (let i = 0; i < part.length; i++) {
      if (i > 0) out[offset++] = 0x2c; // ,
      offset += part[i]!.json.copy(out, offset);
      if (i % SLICE === SLICE - 1) await yieldToEventLoop();
    }
    out[offset++] = 0x5d; // ]
  }
  return out;
}

/** `{"version","generated_at","entries","blocked","clients"}`. */
export function snapshotJson(
  version: number,
  generatedAt: string,
  entries: readonly Fragment[],
  blocked: readonly Fragment[],
  clients: readonly Fragment[],
): Promise<Buffer> {
  return assemble([
    Buffer.from(`{"version":${version},"generated_at":${JSON.stringify(generatedAt)},"entries":`),
    entries,
    Buffer.from(`,"blocked":`),
    blocked,
    Buffer.from(`,"clients":`),
    clients,
    Buffer.from("}"),
  ]);
}

/** The snapshot's JSON with `"full":true` added last, as `{...snapshot, full: true}` serialises. */
export function withFullFlag(snapshot: Buffer): Buffer {
  return Buffer.concat([snapshot.subarray(0, snapshot.length - 1), Buffer.from(',"full":true}')]);
}

/** `{"version","since","added","removed"}`. */
export function deltaJson(
  version: number,
  since: number,
  added: readonly Fragment[],
  removed: string[],
): Promise<Buffer> {
  return assemble([
    Buffer.from(`{"version":${version},"since":${since},"added":`),
    added,
    Buffer.from(`,"removed":${JSON.stringify(removed)}}`),
  ]);
}
