// Builds the production bundle once, and again only when the sources change: Next.js's build, and
// the portal's server and CLI bundled to plain JavaScript (bundle-server.mjs).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bundleServer } from "./bundle-server.mjs";

export const root = path.resolve(import.meta.dirname, "..");
const bundledServer = path.join(root, ".next/portal-server/server.mjs");
/**
 * Node's arguments for the portal's production server (after buildIfNeeded).
 * --heap-growing-percent=50: after a full collection V8 lets the heap grow to as much as four times
 * what is live before the next one. With 100,000 entries live (~100 MB) and polls making garbage
 * all day, that held 50 MB or more of resident memory for nothing; 1.5 times keeps the resident size
 * flat under load (README, Performance) at no measurable cost in throughput.
 */
export const serverArgs = ["--heap-growing-percent=50", bundledServer];
/**
 * The production server's environment, with glibc's allocator told to give memory back (each
 * setting unless already set). MALLOC_ARENA_MAX=2: glibc gives every thread that allocates its own
 * arena, and zlib on libuv's thread pool compresses the feed on four threads, each arena keeping
 * its high-water mark (about 80 MB at 100,000 entries). MALLOC_MMAP_THRESHOLD_ and
 * MALLOC_TRIM_THRESHOLD_ at 128 KiB: by default glibc raises both after freeing a large block, so
 * that loading the list at start left some 20 MB freed but held for good.
 */
export function serverEnv(env = process.env) {
  return {
    MALLOC_ARENA_MAX: "2",
    MALLOC_MMAP_THRESHOLD_: "131072",
    MALLOC_TRIM_THRESHOLD_: "131072",
    ...env,
    NODE_ENV: "production",
  };
}
const stamp = path.join(root, ".next", "portal-build-fingerprint");
const SOURCES = [
  "app",
  "components",
  "lib",
  "server",
  "cli",
  "generated",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.mjs",
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

/** Is the last build made from the sources as they are now? (bin/portal.mjs asks before using it.) */
export function buildIsCurrent() {
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(bundledServer) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === fingerprint()
  );
}

export async function buildIfNeeded() {
  if (buildIsCurrent()) return;
  const current = fingerprint();
  console.log("Building the portal (once; again only when the sources change)…");
  const result = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  await bundleServer(root);
  writeFileSync(stamp, current);
}
