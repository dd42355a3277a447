import path from "node:path";

/** `file:./data/portal.db` → an absolute path, relative paths resolved from the project root. */
export function sqlitePathFromUrl(url: string): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), file);
}
