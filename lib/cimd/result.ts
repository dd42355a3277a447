// What one fetch of a client ID metadata document produced: everything the request form, the review
// page, the preview endpoint and `portal cimd check` show, and what a request pins. Plain JSON data.
import type { CimdErrorCode, CimdProblem } from "./problems";
import type { CimdRedirectUriCheck } from "./redirect-uri-checks";

export interface CimdFetchDetails {
  /** When the fetch started, ISO 8601. */
  fetchedAt: string;
  /** From the first check to the last byte (or the failure), in milliseconds. */
  durationMs: number;
  /** Every address the host resolved to; all were checked. For an IP-literal host, that address. */
  resolvedAddresses: string[];
  /** The address the connection went to; null when none was made. */
  address: string | null;
  /** The HTTP status; null when no response arrived. */
  status: number | null;
  contentType: string | null;
  cacheControl: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Where a redirect pointed (it was not followed). */
  location: string | null;
  /** Bytes of body received. */
  bytes: number;
}

export interface CimdFetchResult {
  /** The client_id URL that was asked for. */
  clientId: string;
  /**
   * fetched: a 200 body was read in full and checked (problems may still say it is unusable);
   * not_modified: a 304 to the etag / lastModified given; failed: no body to check (see problems).
   */
  outcome: "fetched" | "not_modified" | "failed";
  /** A document that passed every check, redirect URIs included: it may be requested and approved. */
  approvable: boolean;
  details: CimdFetchDetails;
  /** The body as text, exactly its bytes (UTF-8); null when none was read or it is not UTF-8. */
  body: string | null;
  /** SHA-256 of the exact body bytes, lower-case hex; null when no body was read in full. */
  sha256: string | null;
  /** The parsed document when the body is a JSON object, even if other checks fail. */
  document: Record<string, unknown> | null;
  /** Each string in the document's redirect_uris, in order, with the submission policy's verdict. */
  redirectUris: CimdRedirectUriCheck[];
  /** Everything wrong, in the order found. Flags on redirect URIs are not problems. */
  problems: CimdProblem[];
  /** The distinct codes of problems, in order. */
  errorCodes: CimdErrorCode[];
}
