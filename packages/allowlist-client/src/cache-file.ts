// The last verified snapshot on disk, with the public key that verified it, so an authorization
// server restarting while the portal is unreachable starts from it rather than from nothing.
// Written to a temporary file and renamed over the old one: a crash mid-write never leaves a torn
// file, and a reader sees the old copy or the new one.
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import type { JWK } from "jose";

export interface CachedSnapshot {
  jws: string;
  key: JWK;
  /** The ETag it came with, so the first poll after a restart can be a 304. */
  etag: string | null;
}

export async function writeCacheFile(file: string, cached: CachedSnapshot): Promise<void> {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(draft, JSON.stringify(cached), { mode: 0o600, flush: true });
    await rename(draft, file);
  } catch (error) {
    await rm(draft, { force: true });
    throw error;
  }
}

/** The cached snapshot, or null when there is none; throws when the file is unreadable. */
export async function readCacheFile(file: string): Promise<CachedSnapshot | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = JSON.parse(text) as CachedSnapshot;
  if (typeof parsed.jws !== "string" || typeof parsed.key !== "object") throw new Error("not a snapshot cache file");
  return parsed;
}
