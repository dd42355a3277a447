// The recorder's batching as the dashboard depends on it: nothing recorded is lost to a flush
// already under way or to a database that failed once.
import { describe, expect, it } from "vitest";
import { type DeliveryRow, DeliveryRecorder } from "./recorder";

function recorderWith(store: (rows: DeliveryRow[]) => Promise<void>) {
  return new DeliveryRecorder(store, 60_000);
}

describe("DeliveryRecorder", () => {
  it("writes a poll recorded while a flush is under way with the next flush it is asked for", async () => {
    const written: DeliveryRow[][] = [];
    let release = () => {};
    const recorder = recorderWith(async (rows) => {
      written.push(rows);
      if (written.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    recorder.record("east", 4, 1000);
    const first = recorder.flush();
    recorder.record("east", 5, 2000); // arrives while the first write is still going on
    const second = recorder.flush();
    release();
    await Promise.all([first, second]);
    expect(written.map((rows) => rows.map((r) => [r.version, r.polledAt.getTime(), r.pickedAt?.getTime()]))).toEqual([
      [[4, 1000, 1000]],
      [[5, 2000, 2000]],
    ]);
  });

  it("writes the same version's later polls without a new pickup, and retries after a failed write", async () => {
    const written: DeliveryRow[][] = [];
    let fail = true;
    const recorder = recorderWith(async (rows) => {
      if (fail) throw new Error("database unreachable");
      written.push(rows);
    });
    recorder.record("west", 7, 1000);
    await recorder.flush(); // fails: kept
    fail = false;
    recorder.record("west", 7, 3000);
    await recorder.flush();
    await recorder.flush(); // nothing new: no write
    expect(written).toEqual([[{ tokenId: "west", version: 7, polledAt: new Date(3000), pickedAt: new Date(1000) }]]);
  });
});
