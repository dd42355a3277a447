import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { EncodedBody } from "./encoded-body";

const json = Buffer.from(
  JSON.stringify({ version: 7, entries: Array.from({ length: 500 }, (_, i) => ({ id: `e${i}` })) }),
);

describe("a body made from its gzip", () => {
  it("serves that gzip, and remakes the same JSON for identity and brotli clients", async () => {
    let remakes = 0;
    const gzip = gzipSync(json);
    const body = EncodedBody.gzipped(gzip, json.length, async () => {
      remakes++;
      return Buffer.from(json);
    });
    expect(body.length).toBe(json.length);
    expect(body.ifReady("gzip")).toBe(gzip);
    expect(gunzipSync(body.ifReady("gzip")!).equals(json)).toBe(true);
    expect((await body.identity()).equals(json)).toBe(true);
    expect(brotliDecompressSync(await body.get("br")).equals(json)).toBe(true);
    expect(remakes).toBeGreaterThanOrEqual(1);
  });

  it("does not cache a failed remake: the next client gets a fresh attempt", async () => {
    let fail = true;
    const body = EncodedBody.gzipped(gzipSync(json), json.length, async () => {
      if (fail) throw new Error("database down");
      return Buffer.from(json);
    });
    await expect(body.identity()).rejects.toThrow("database down");
    fail = false;
    expect((await body.identity()).equals(json)).toBe(true);
  });
});
