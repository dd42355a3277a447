// What changed between the published document and a newly fetched one, and what that means. The
// feed ships the whole document to authorization servers, so any member they might act on or show
// users is reviewed: only a short allowlist may change unreviewed, and everything else — a member
// added, removed or changed, a new redirect URI — waits for a reviewer. Removed redirect URIs apply
// at once (record.ts publishes them even when the rest of the change waits).

/**
 * Members that may change without a review. `contacts` (addresses for the AS operator, RFC 7591)
 * and `software_version` (a free-form build label) grant nothing and are shown to no end-user as
 * the client's identity. Everything else (names, logos, policy/ToS/client URIs, logout URIs, grant
 * and response types, scope, keys, auth method, software_id/statement, localized `#lang` variants,
 * members no spec knows yet) is reviewed.
 */
export const UNREVIEWED_MEMBERS: ReadonlySet<string> = new Set(["contacts", "software_version"]);

/** narrowed: URIs removed, nothing reviewed changed; harmless: only unreviewed members (or formatting) changed. */
export type ChangeKind = "narrowed" | "harmless" | "widening";

export interface DocumentChanges {
  addedUris: string[];
  removedUris: string[];
  /** Reviewed members that were added, removed or changed (redirect_uris are the two lists above). */
  changedFields: string[];
}

/** Key order and spacing do not count as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Reviewed members whose value differs (absent counts as a value), sorted. */
function changedMembers(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const members = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...members]
    .filter((member) => member !== "redirect_uris" && !UNREVIEWED_MEMBERS.has(member))
    .filter((member) => canonical(before[member]) !== canonical(after[member]))
    .sort();
}

/**
 * `before.redirectUris` is the pinned set, which may be narrower than `before.document` lists (a
 * removal published while the rest of a change waits): a URI back in the document is "added".
 */
export function compareDocuments(
  before: { document: Record<string, unknown>; redirectUris: string[] },
  after: { document: Record<string, unknown>; redirectUris: string[] },
): DocumentChanges & { kind: ChangeKind } {
  const old = new Set(before.redirectUris);
  const now = new Set(after.redirectUris);
  const addedUris = [...new Set(after.redirectUris.filter((uri) => !old.has(uri)))];
  const removedUris = [...new Set(before.redirectUris.filter((uri) => !now.has(uri)))];
  const changedFields = changedMembers(before.document, after.document);
  const kind: ChangeKind =
    addedUris.length > 0 || changedFields.length > 0 ? "widening" : removedUris.length > 0 ? "narrowed" : "harmless";
  return { kind, addedUris, removedUris, changedFields };
}
