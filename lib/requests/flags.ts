import type { Flag } from "@/lib/redirect-uri/issues";

/** RequestUri.flags is a JSON array of the flags the URI had when it was submitted. */
export function parseFlags(json: string): Flag[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as Flag[]) : [];
  } catch {
    return [];
  }
}
