import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type BlockRow, endsBlock, gzipSnapshot } from "./chunked-gzip";
import { snapshotHead, snapshotJson, snapshotTail } from "./feed-json";
import type { FeedEntry } from "@/lib/api/schema";

function row(i: number): BlockRow {
  const entry = { id: `entry-${i}`, kind: "exact", uri: `https://app-${i}.example.com/cb` } as unknown as FeedEntry;
  return { entry, blockEnd: endsBlock(entry.id) };
}

const blocked = [{ json: Buffer.from(`{"id":"b"}`) }];
const generatedAt = "2026-11-26T10:00:00.000Z";

async function gzipOf(rows: BlockRow[], version: number) {
  const head = snapshotHead(version, generatedAt);
  const tail = snapshotTail(blocked, []);
  const json = await snapshotJson(head, rows, tail);
  const gzipped = await gzipSnapshot(head, rows, tail);
  return { json, ...gzipped };
}

describe("gzip from cached blocks", () => {
  it("gunzips to exactly the JSON, for lists of every size, and as the list changes", async () => {
    let rows = Array.from({ length: 5_000 }, (_, i) => row(i));
    for (const list of [[], rows.slice(0, 1), rows.slice(0, 700), rows]) {
      const { json, gzip, length } = await gzipOf(list, 1);
      expect(JSON.parse(json.toString())).toEqual({
        version: 1,
        generated_at: generatedAt,
        entries: list.map((r) => r.entry),
        blocked: [{ id: "b" }],
        clients: [],
      });
      // gunzip checks the trailer's CRC-32 and length, combined from the blocks'.
      expect(gunzipSync(gzip).equals(json)).toBe(true);
      expect(length).toBe(json.length);
    }
    // Changes between versions: one added at the end, one removed in the middle, the first replaced.
    for (const change of [
      (r: BlockRow[]) => [...r, row(9_999)],
      (r: BlockRow[]) => [...r.slice(0, 2_500), ...r.slice(2_501)],
      (r: BlockRow[]) => [row(-1), ...r.slice(1)],
    ]) {
      rows = change(rows);
      const { json, gzip } = await gzipOf(rows, 2);
      expect(gunzipSync(gzip).equals(json)).toBe(true);
    }
  });

  it("compresses about as well as one stream", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i));
    const { json, gzip } = await gzipOf(rows, 1);
    expect(gzip.length).toBeLessThan(gzipSync(json).length * 1.25);
  });
});
