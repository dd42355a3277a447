// What changed between the published document and a newly fetched one, and what that means:
// anything that could let the client do more (a new redirect URI, other keys, another way to
// authenticate, another name or logo to show users) waits for a reviewer; a removal or a change
// to any other member applies at once.

/** Members whose change must be reviewed even when the redirect URIs stay the same. */
export const REVIEWED_MEMBERS = ["jwks", "jwks_uri", "token_endpoint_auth_method", "client_name", "logo_uri"] as const;

/** narrowed: only URIs removed (maybe other harmless members too); harmless: no URI or reviewed member changed. */
export type ChangeKind = "narrowed" | "harmless" | "widening";

export interface DocumentChanges {
  addedUris: string[];
  removedUris: string[];
  /** Reviewed members that differ. */
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

export function compareDocuments(
  before: { document: Record<string, unknown>; redirectUris: string[] },
  after: { document: Record<string, unknown>; redirectUris: string[] },
): DocumentChanges & { kind: ChangeKind } {
  const old = new Set(before.redirectUris);
  const now = new Set(after.redirectUris);
  const addedUris = after.redirectUris.filter((uri) => !old.has(uri));
  const removedUris = before.redirectUris.filter((uri) => !now.has(uri));
  const changedFields = REVIEWED_MEMBERS.filter(
    (member) => canonical(before.document[member]) !== canonical(after.document[member]),
  );
  const kind: ChangeKind =
    addedUris.length > 0 || changedFields.length > 0 ? "widening" : removedUris.length > 0 ? "narrowed" : "harmless";
  return { kind, addedUris, removedUris, changedFields };
}
