// The feed's bodies assembled from the published list's per-entry JSON fragments: byte for byte
// what JSON.stringify gives for the same objects (the tests compare them), without serialising
// 100,000 entries again for every version. A large list is copied in slices with a yield between
// them, so that even the copy never holds the event loop for long.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";

const COMMA = Buffer.from(",");
const SLICE = 10_000;

/** `[a,b,c]` from fragments, with the event loop free between slices. */
async function jsonArray(fragments: Buffer[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let start = 0; start < fragments.length; start += SLICE) {
    const slice: Buffer[] = [];
    const end = Math.min(start + SLICE, fragments.length);
    for (let i = start; i < end; i++) {
      if (i > 0) slice.push(COMMA);
      slice.push(fragments[i]!);
    }
    parts.push(Buffer.concat(slice));
    if (end < fragments.length) await yieldToEventLoop();
  }
  return Buffer.concat([Buffer.from("["), ...parts, Buffer.from("]")]);
}

/** `{"version","generated_at","entries","blocked"}` and, for the ?since= fallback, `"full":true`. */
export async function snapshotJson(
  version: number,
  generatedAt: string,
  entries: Buffer[],
  blocked: Buffer[],
): Promise<Buffer> {
  return Buffer.concat([
    Buffer.from(`{"version":${version},"generated_at":${JSON.stringify(generatedAt)},"entries":`),
    await jsonArray(entries),
    Buffer.from(`,"blocked":`),
    await jsonArray(blocked),
    Buffer.from("}"),
  ]);
}

/** The snapshot's JSON with `"full":true` added last, as `{...snapshot, full: true}` serialises. */
export function withFullFlag(snapshot: Buffer): Buffer {
  return Buffer.concat([snapshot.subarray(0, snapshot.length - 1), Buffer.from(',"full":true}')]);
}

/** `{"version","since","added","removed"}`. */
export async function deltaJson(version: number, since: number, added: Buffer[], removed: string[]): Promise<Buffer> {
  return Buffer.concat([
    Buffer.from(`{"version":${version},"since":${since},"added":`),
    await jsonArray(added),
    Buffer.from(`,"removed":${JSON.stringify(removed)}}`),
  ]);
}
