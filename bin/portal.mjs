#!/usr/bin/env node
// The `portal` command for operators (npx portal …). It runs the TypeScript sources through tsx,
// from the project root so that it finds the same database as the server.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const invokedFrom = process.cwd();
process.chdir(root);
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2), invokedFrom);
