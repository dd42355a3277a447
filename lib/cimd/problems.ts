// The stable codes of the CIMD fetcher. Codes are API (the request form, the review page, the
// preview endpoint, `portal cimd check` and tests refer to them); messages are for people and may
// be reworded.

export const CIMD_ERROR_CODES = [
  // Before any network traffic.
  "cimd_url_invalid",
  // Finding and reaching the host.
  "cimd_dns",
  "cimd_address_refused",
  "cimd_connection_failed",
  "cimd_tls",
  "cimd_timeout",
  // The HTTP response.
  "cimd_redirect_refused",
  "cimd_http_status",
  "cimd_too_large",
  // The document.
  "cimd_not_json",
  "cimd_duplicate_member",
  "cimd_client_id_mismatch",
  "cimd_missing_redirect_uris",
  "cimd_shared_secret",
  // One per redirect URI that the submission policy rejects; the fetch itself succeeded.
  "cimd_redirect_uri_refused",
] as const;

export type CimdErrorCode = (typeof CIMD_ERROR_CODES)[number];

export interface CimdProblem {
  code: CimdErrorCode;
  message: string;
  /** cimd_redirect_uri_refused: the redirect URI, as the document gives it. */
  redirectUri?: string;
}

export function problem(code: CimdErrorCode, message: string): CimdProblem {
  return { code, message };
}
