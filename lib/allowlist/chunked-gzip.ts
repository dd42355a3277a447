// gzip of a snapshot that costs what changed, not what exists. A 100,000-entry snapshot is about
// 20 MB of JSON; compressing it whole takes about half a CPU second, again for every version. But
// from one version to the next almost every entry's JSON fragment is the very same Buffer (the
// published list caches one per entry). So the entries are cut into blocks at content-defined
// points (after an entry whose id hashes to 0 mod BLOCK_AVERAGE: a removal or an insertion moves
// only the boundaries around it), each block is deflated on its own and kept, and a version's gzip
// is its blocks' deflate streams concatenated: each ends on a byte boundary without the final bit
// (Z_SYNC_FLUSH), so together they form one valid deflate stream. Blocks compress a little worse
// than one stream (each starts without a dictionary); the version costs a block or two.
// Whether an entry ends a block is worked out once, when the published list caches its fragment
// (`blockEnd`), and the walk over 100,000 entries yields to the event loop between slices.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { promisify } from "node:util";
import { constants, crc32, deflateRaw } from "node:zlib";
import type { Fragment } from "./feed-json";

const deflateRawAsync = promisify(deflateRaw);

/** Entries per block on average: ~100 KB of JSON, ~200 blocks for 100,000 entries. */
const BLOCK_AVERAGE = 512;
const LEVEL = 6;
/** Entries walked between two yields to the event loop. */
const SLICE = 10_000;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/** An entry's fragment and whether a block ends after it (`endsBlock` of its JSON). */
export interface EntryFragment extends Fragment {
  readonly blockEnd: boolean;
}

interface Block {
  /** The entries' fragments, by identity: the block is reused only for the very same Buffers. */
  fragments: Buffer[];
  leadingComma: boolean;
  deflated: Promise<Buffer>;
}

/** Blocks by their first fragment; a block no longer used by the newest version is dropped. */
let blocks = new WeakMap<Buffer, Block>();

export function endsBlock(fragment: Buffer): boolean {
  // FNV-1a over the first bytes, which hold the entry's id ({"id":"…").
  let hash = 0x811c9dc5;
  for (let i = 0; i < Math.min(fragment.length, 48); i++) hash = Math.imul(hash ^ fragment[i]!, 0x01000193);
  return (hash >>> 0) % BLOCK_AVERAGE === 0;
}

function sameFragments(a: Buffer[], b: Buffer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function deflatePart(bytes: Buffer, last: boolean): Promise<Buffer> {
  return deflateRawAsync(bytes, { level: LEVEL, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
}

async function crcOf(json: Buffer): Promise<number> {
  const SLICE = 1 << 20;
  let crc = 0;
  for (let start = 0; start < json.length; start += SLICE) {
    crc = crc32(json.subarray(start, start + SLICE), crc);
    await yieldToEventLoop();
  }
  return crc;
}

/**
 * gzip of `json`, which is `head` + "[" + the fragments joined by "," + "]" + the rest (as
 * feed-json.ts assembles it). `entriesStart` is the offset of the first fragment (after "[").
 */
export async function gzipFromFragments(
  json: Buffer,
  entriesStart: number,
  entries: readonly EntryFragment[],
): Promise<Buffer> {
  const next = new WeakMap<Buffer, Block>();
  const parts: Promise<Buffer>[] = [deflatePart(json.subarray(0, entriesStart), false)];
  let offset = entriesStart;
  let group: Buffer[] = [];
  const close = () => {
    if (group.length === 0) return;
    const leadingComma = offset !== entriesStart;
    let size = 0;
    for (const fragment of group) size += fragment.length;
    size += group.length - 1 + (leadingComma ? 1 : 0);
    const cached = blocks.get(group[0]!);
    const block =
      cached && cached.leadingComma === leadingComma && sameFragments(cached.fragments, group)
        ? cached
        : { fragments: group, leadingComma, deflated: deflatePart(json.subarray(offset, offset + size), false) };
    next.set(group[0]!, block);
    parts.push(block.deflated);
    offset += size;
    group = [];
  };
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    group.push(entry.json);
    if (entry.blockEnd) close();
    if (i % SLICE === SLICE - 1) await yieldToEventLoop();
  }
  close();
  parts.push(deflatePart(json.subarray(offset), true));
  blocks = next;

  const [deflated, crc] = await Promise.all([Promise.all(parts), crcOf(json)]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(json.length % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, ...deflated, trailer]);
}
