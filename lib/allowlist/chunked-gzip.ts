// gzip of a snapshot that costs what changed, not what exists. A 100,000-entry snapshot is about
// 20 MB of JSON; compressing it whole takes about half a CPU second, again for every version. But
// from one version to the next almost every entry is the very same row of the published list. So
// the entries are cut into blocks at content-defined points (after an entry whose id hashes to
// 0 mod BLOCK_AVERAGE: a removal or an insertion moves only the boundaries around it), and each
// block keeps what the gzip needs of it: its deflate stream, its length and its CRC-32. A
// version's gzip is its blocks' deflate streams concatenated — each ends on a byte boundary without
// the final bit (Z_SYNC_FLUSH), so together they form one valid deflate stream — and its trailer's
// CRC is combined from the blocks' CRCs (crc32-combine.ts). So a version stringifies, deflates and
// reads only the block or two that changed: no 20 MB copy, no 20 MB CRC, no per-entry JSON kept.
// Blocks compress a little worse than one stream (each starts without a dictionary).
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { promisify } from "node:util";
import { constants, crc32, deflateRaw } from "node:zlib";
import type { FeedEntry } from "@/lib/api/schema";
import { crc32Combine } from "./crc32-combine";

const deflateRawAsync = promisify(deflateRaw);

/** Entries per block on average: ~100 KB of JSON, ~200 blocks for 100,000 entries. */
const BLOCK_AVERAGE = 512;
const LEVEL = 6;
/** Entries walked between two yields to the event loop. */
const SLICE = 10_000;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/** A row of the published list as the gzip sees it: the entry, and whether a block ends after it. */
export interface BlockRow {
  readonly entry: FeedEntry;
  /** endsBlock(entry.id), worked out once per row. */
  readonly blockEnd: boolean;
}

interface Block {
  /** The rows, by identity: the block is reused only for the very same rows (a row never changes). */
  rows: readonly BlockRow[];
  leadingComma: boolean;
  length: number;
  crc: number;
  deflated: Promise<Buffer>;
}

/** Blocks by their first row; a block no longer used by the newest version is dropped. */
let blocks = new WeakMap<BlockRow, Block>();

export function endsBlock(id: string): boolean {
  // FNV-1a over the id.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BLOCK_AVERAGE === 0;
}

function sameRows(a: readonly BlockRow[], b: readonly BlockRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function deflatePart(bytes: Buffer, last: boolean): Promise<Buffer> {
  return deflateRawAsync(bytes, { level: LEVEL, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
}

/** The block's JSON (entries joined by commas, after one when it is not the first) is let go once deflated. */
function makeBlock(rows: readonly BlockRow[], leadingComma: boolean): Block {
  const json = Buffer.from((leadingComma ? "," : "") + rows.map((row) => JSON.stringify(row.entry)).join(","));
  return { rows, leadingComma, length: json.length, crc: crc32(json), deflated: deflatePart(json, false) };
}

export interface GzippedSnapshot {
  gzip: Buffer;
  /** The uncompressed length: head + the entries joined by commas + tail. */
  length: number;
}

/**
 * gzip of `head` + the rows' entries as JSON joined by commas + `tail` (feed-json.ts makes head and
 * tail: the snapshot up to and including "entries":[, and from its closing bracket on).
 */
export async function gzipSnapshot(head: Buffer, rows: readonly BlockRow[], tail: Buffer): Promise<GzippedSnapshot> {
  const next = new WeakMap<BlockRow, Block>();
  const parts: Promise<Buffer>[] = [deflatePart(head, false)];
  let crc = crc32(head);
  let length = head.length;
  let group: BlockRow[] = [];
  const close = () => {
    if (group.length === 0) return;
    const leadingComma = length !== head.length;
    const cached = blocks.get(group[0]!);
    const block =
      cached && cached.leadingComma === leadingComma && sameRows(cached.rows, group)
        ? cached
        : makeBlock(group, leadingComma);
    if (block !== cached) {
      // A failed deflate is not kept for later versions to reuse.
      const first = group[0]!;
      block.deflated.catch(() => {
        if (blocks.get(first) === block) blocks.delete(first);
      });
    }
    next.set(group[0]!, block);
    parts.push(block.deflated);
    crc = crc32Combine(crc, block.crc, block.length);
    length += block.length;
    group = [];
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    group.push(row);
    if (row.blockEnd) close();
    if (i % SLICE === SLICE - 1) await yieldToEventLoop();
  }
  close();
  parts.push(deflatePart(tail, true));
  crc = crc32(tail, crc);
  length += tail.length;
  blocks = next;

  const deflated = await Promise.all(parts);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  return { gzip: Buffer.concat([GZIP_HEADER, ...deflated, trailer]), length };
}
