// The portal's own server (server/) and the `portal` command (cli/) as plain JavaScript for
// production, bundled once at build time with esbuild: no TypeScript transpiler at run time.
// Packages stay in node_modules (as Next.js's own server code does); lib/ is bundled in.
import { rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export async function bundleServer(root) {
  const outdir = path.join(root, ".next/portal-server");
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { server: "server/main.ts", portal: "cli/main.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    splitting: true,
    outdir,
    outExtension: { ".js": ".mjs" },
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  return outdir;
}
