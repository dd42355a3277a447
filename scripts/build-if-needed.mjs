// Builds the production bundle once, and again only when the sources change.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
/** Node's arguments for the portal's server (server/main.ts, run through tsx). */
export const serverArgs = ["--import", "tsx", path.join(root, "server/main.ts")];
const SOURCES = [
  "app",
  "components",
  "lib",
  "generated",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
];

function fingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    else if (!p.endsWith(".test.ts")) hash.update(`${path.relative(root, p)}:${stat.size}:${stat.mtimeMs}\n`);
  };
  for (const source of SOURCES) walk(path.join(root, source));
  return hash.digest("hex");
}

export function buildIfNeeded() {
  const stamp = path.join(root, ".next", "portal-build-fingerprint");
  const current = fingerprint();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current)
    return;
  console.log("Building the portal (once; again only when the sources change)…");
  const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, current);
}
