#!/usr/bin/env node
// The `portal` command for operators (npx portal …), run from the project root so that it finds
// the same database as the server. It runs the bundle made by the production build when that is
// current (plain Node), else the TypeScript sources through tsx (a fresh clone, a development edit).
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const invokedFrom = process.cwd();
process.chdir(root);
const { buildIsCurrent } = await import("../scripts/build-if-needed.mjs");
let main;
if (buildIsCurrent()) {
  ({ main } = await import("../.next/portal-server/portal.mjs"));
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  ({ main } = await import("../cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2), invokedFrom);
