import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { endsBlock, type EntryFragment, gzipFromFragments } from "./chunked-gzip";
import { snapshotJson } from "./feed-json";

function fragment(i: number): EntryFragment {
  const json = Buffer.from(JSON.stringify({ id: `entry-${i}`, kind: "exact", uri: `https://app-${i}.example.com/cb` }));
  return { json, blockEnd: endsBlock(json) };
}

async function gzipOf(fragments: EntryFragment[], version: number) {
  const blocked = [{ json: Buffer.from(`{"id":"b"}`) }];
  const json = await snapshotJson(version, "2026-11-26T10:00:00.000Z", fragments, blocked, []);
  const start = json.indexOf('"entries":[') + '"entries":['.length;
  return { json, gzip: await gzipFromFragments(json, start, fragments) };
}

describe("gzip from cached blocks", () => {
  it("gunzips to exactly the JSON, for lists of every size, and as the list changes", async () => {
    let fragments = Array.from({ length: 5_000 }, (_, i) => fragment(i));
    for (const list of [[], fragments.slice(0, 1), fragments.slice(0, 700), fragments]) {
      const { json, gzip } = await gzipOf(list, 1);
      expect(gunzipSync(gzip).equals(json)).toBe(true);
    }
    // Changes between versions: one added at the end, one removed in the middle, the first replaced.
    for (const change of [
      (f: EntryFragment[]) => [...f, fragment(9_999)],
      (f: EntryFragment[]) => [...f.slice(0, 2_500), ...f.slice(2_501)],
      (f: EntryFragment[]) => [fragment(-1), ...f.slice(1)],
    ]) {
      fragments = change(fragments);
      const { json, gzip } = await gzipOf(fragments, 2);
      expect(gunzipSync(gzip).equals(json)).toBe(true);
    }
  });

  it("compresses about as well as one stream", async () => {
    const fragments = Array.from({ length: 5_000 }, (_, i) => fragment(i));
    const { json, gzip } = await gzipOf(fragments, 1);
    const { gzipSync } = await import("node:zlib");
    expect(gzip.length).toBeLessThan(gzipSync(json).length * 1.25);
  });
});
