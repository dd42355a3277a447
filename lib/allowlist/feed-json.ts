// The feed's bodies as bytes: byte for byte what JSON.stringify gives for the same objects (the
// tests compare them). A snapshot is head + entries + tail: its gzip is made from the head, the
// tail and the published list's cached blocks (chunked-gzip.ts) without ever holding its 20 MB of
// JSON; the JSON itself is made only for a client that asks for it uncompressed, in brotli or
// signed, stringified in slices with a yield between so that it never holds the event loop long.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { FeedEntry } from "@/lib/api/schema";

const SLICE = 10_000;
const COMMA = Buffer.from(",");

/** One member's JSON, cached by the published list (for the few blocks and clients). */
export interface Fragment {
  readonly json: Buffer;
}

/** A row holding an entry (the published list's rows). */
export interface EntryRow {
  readonly entry: FeedEntry;
}

function joined(fragments: readonly Fragment[]): Buffer {
  const parts: Buffer[] = [];
  for (const fragment of fragments) {
    if (parts.length > 0) parts.push(COMMA);
    parts.push(fragment.json);
  }
  return Buffer.concat(parts);
}

/** The entries as JSON joined by commas, without brackets, in slices with a yield between. */
async function joinedEntries(rows: readonly EntryRow[]): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for (let start = 0; start < rows.length; start += SLICE) {
    if (start > 0) {
      chunks.push(COMMA);
      await yieldToEventLoop();
    }
    const slice = rows.slice(start, start + SLICE);
    chunks.push(Buffer.from(slice.map((row) => JSON.stringify(row.entry)).join(",")));
  }
  return chunks;
}

/** The snapshot up to and including `"entries":[`. */
export function snapshotHead(version: number, generatedAt: string): Buffer {
  return Buffer.from(`{"version":${version},"generated_at":${JSON.stringify(generatedAt)},"entries":[`);
}

/** The snapshot from the entries' closing bracket on: `],"blocked":[…],"clients":[…]}`. */
export function snapshotTail(blocked: readonly Fragment[], clients: readonly Fragment[]): Buffer {
  return Buffer.concat([
    Buffer.from(`],"blocked":[`),
    joined(blocked),
    Buffer.from(`],"clients":[`),
    joined(clients),
    Buffer.from("]}"),
  ]);
}

/** The whole snapshot, `{"version","generated_at","entries","blocked","clients"}`, from its head and tail. */
export async function snapshotJson(head: Buffer, entries: readonly EntryRow[], tail: Buffer): Promise<Buffer> {
  return Buffer.concat([head, ...(await joinedEntries(entries)), tail]);
}

/** The snapshot's JSON with `"full":true` added last, as `{...snapshot, full: true}` serialises. */
export function withFullFlag(snapshot: Buffer): Buffer {
  return Buffer.concat([snapshot.subarray(0, snapshot.length - 1), Buffer.from(',"full":true}')]);
}

/** `{"version","since","added","removed"}`. */
export async function deltaJson(
  version: number,
  since: number,
  added: readonly EntryRow[],
  removed: string[],
): Promise<Buffer> {
  return Buffer.concat([
    Buffer.from(`{"version":${version},"since":${since},"added":[`),
    ...(await joinedEntries(added)),
    Buffer.from(`],"removed":${JSON.stringify(removed)}}`),
  ]);
}
