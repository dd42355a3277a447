// What a fetched body must be to count as the client's metadata document
// (draft-ietf-oauth-client-id-metadata-document §4). Every check runs, so that the developer sees
// all that is wrong at once rather than one problem per attempt.
import { findDuplicateMember } from "./duplicate-members";
import { problem, type CimdProblem } from "./problems";

/** Methods that authenticate with a secret shared with the authorization server (RFC 7591 §2). */
export const SHARED_SECRET_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "client_secret_jwt"];

export interface DocumentInput {
  body: Buffer;
  contentType: string | null;
  contentEncoding: string | null;
  /** The client_id URL that was fetched: the document must name exactly this string. */
  clientId: string;
}

export interface DocumentCheck {
  /** The body as text; null when it is not UTF-8 (then no text can stand for its bytes exactly). */
  text: string | null;
  /** The parsed document when the body is a JSON object, even if other checks fail. */
  document: Record<string, unknown> | null;
  problems: CimdProblem[];
}

export function checkDocument({ body, contentType, contentEncoding, clientId }: DocumentInput): DocumentCheck {
  const problems: CimdProblem[] = [];
  const notJson = (message: string) => problems.push(problem("cimd_not_json", message));

  if (contentEncoding && contentEncoding.toLowerCase() !== "identity") {
    notJson(`The server sent the document encoded (${contentEncoding}); it must send it plain (identity).`);
  }
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!/^application\/([a-z0-9!#$&^_.-]+\+)?json$/.test(mediaType)) {
    notJson(`The content type is ${contentType ? `“${contentType}”` : "missing"}; it must be application/json.`);
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    notJson(`The charset is ${charset}; JSON documents are UTF-8.`);
  }

  const text = decodeUtf8(body);
  if (text === null) {
    notJson("The body is not valid UTF-8.");
    return { text, document: null, problems };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    notJson(`The body is not valid JSON: ${(error as Error).message}`);
    return { text, document: null, problems };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    notJson(`The body is JSON but not an object (it is ${Array.isArray(parsed) ? "an array" : describe(parsed)}).`);
    return { text, document: null, problems };
  }
  const document = parsed as Record<string, unknown>;
  const duplicate = findDuplicateMember(text);
  if (duplicate !== null) {
    problems.push(
      problem(
        "cimd_duplicate_member",
        `The member “${duplicate}” appears twice in one object; parsers disagree on which one counts.`,
      ),
    );
  }
  const mismatch = clientIdMismatch(document.client_id, clientId);
  if (mismatch) problems.push(problem("cimd_client_id_mismatch", mismatch));
  const redirectUris = redirectUrisProblem(document.redirect_uris);
  if (redirectUris) problems.push(problem("cimd_missing_redirect_uris", redirectUris));
  for (const message of sharedSecretProblems(document)) problems.push(problem("cimd_shared_secret", message));
  return { text, document, problems };
}

function decodeUtf8(body: Buffer): string | null {
  try {
    // ignoreBOM keeps a byte-order mark in the text (JSON.parse then refuses it), so that the text
    // is always exactly the bytes.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

function clientIdMismatch(value: unknown, clientId: string): string | null {
  if (value === undefined) return `The document has no client_id; it must be “${clientId}”.`;
  if (typeof value !== "string") return `The document's client_id is ${describe(value)}; it must be “${clientId}”.`;
  if (value === clientId) return null;
  const hint =
    value.toLowerCase() === clientId.toLowerCase()
      ? " (they differ in upper/lower case)"
      : value.replace(/\/$/, "") === clientId.replace(/\/$/, "")
        ? " (they differ by a trailing slash)"
        : "";
  return `The document's client_id “${value}” is not the URL it was fetched from, “${clientId}”${hint}. They must be the same string.`;
}

function redirectUrisProblem(value: unknown): string | null {
  if (value === undefined) return "The document has no redirect_uris.";
  if (!Array.isArray(value)) return `redirect_uris must be an array of strings, not ${describe(value)}.`;
  if (value.length === 0) return "redirect_uris is empty: list at least one redirect URI.";
  const bad = value.findIndex((uri) => typeof uri !== "string");
  if (bad !== -1) return `redirect_uris[${bad}] is ${describe(value[bad])}; every entry must be a string.`;
  return null;
}

function sharedSecretProblems(document: Record<string, unknown>): string[] {
  const found: string[] = [];
  for (const member of ["client_secret", "client_secret_expires_at"]) {
    if (Object.hasOwn(document, member)) {
      found.push(`The document contains ${member}: a metadata document is public, so it cannot carry a secret.`);
    }
  }
  const method = document.token_endpoint_auth_method;
  if (method !== undefined && typeof method !== "string") {
    found.push(`token_endpoint_auth_method must be one string, not ${describe(method)}.`);
  } else if (typeof method === "string" && SHARED_SECRET_AUTH_METHODS.includes(method)) {
    found.push(
      `token_endpoint_auth_method is ${method}, which needs a shared secret; use none or private_key_jwt instead.`,
    );
  }
  return found;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string “${value.length > 80 ? `${value.slice(0, 80)}…` : value}”`;
  return `a ${typeof value}`;
}
