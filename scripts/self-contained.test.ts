// A clean clone must be able to run its tests and CI: nothing they read may live outside the
// repository (the shared folder beside the workspace exists only on the machines this was first written on).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
// The optional offline Prisma schema engine is looked for beside the clone and skipped when absent.
const allowed = new Set([".ci/run", "scripts/prisma-tools.mjs"]);

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(relative);
    else if (/\.(ts|tsx|mjs|js|mts|json)$|^run$/.test(entry.name)) yield relative;
  }
}

describe("tests and CI are self-contained", () => {
  it("no test, e2e spec, CI or test script reads the shared folder beside the clone", () => {
    const files = ["lib", "cli", "e2e", "scripts", ".ci"].flatMap((dir) => [...filesUnder(dir)]);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter(
      (file) => !allowed.has(file) && /\.\.\/shared\b/.test(readFileSync(path.join(root, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
