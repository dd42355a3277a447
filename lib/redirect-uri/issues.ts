// The stable codes of the policy engine's verdicts. Codes are API: the form, the reviewer's queue,
// import reports and tests refer to them; messages are for people and may be reworded.

export const REJECTION_CODES = [
  "not_a_string",
  "empty",
  "too_long",
  "whitespace",
  "control_character",
  "non_ascii",
  "wildcard",
  "invalid_character",
  "not_absolute",
  "fragment",
  "userinfo",
  "scheme_not_allowed",
  "http_not_loopback",
  "unspecified_address",
  "loopback_ip_not_127_0_0_1",
  "ipv4_mapped_ipv6",
  "localhost_subdomain",
  "localhost_trailing_dot",
  "ipv4_compatible_ipv6",
  "ipv6_embedded_loopback",
  "reserved_query_parameter",
  "not_canonical",
  "path_prefix_invalid",
] as const;

export const FLAG_CODES = [
  "localhost_not_ip",
  "scheme_not_reverse_dns",
  "ip_literal_host",
  "query_string",
  "path_prefix",
  "encoded_separator",
  "already_allowed",
  "pending_elsewhere",
  // Not policy flags: set by the portal's own checks and auto-approval (lib/domains, lib/requests/checks).
  "shared_hosting",
  "unresolved_host",
  "auto_approved",
  // Not from the URI policy: a request for a client_id_host CIMD rule (lib/cimd-clients), high risk.
  "cimd_host_rule",
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];
export type FlagCode = (typeof FLAG_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
  /** For not_canonical (and non_ascii where one exists): the string to submit instead. */
  suggestion?: string;
}

export interface Flag {
  code: FlagCode;
  message: string;
  /** For already_allowed / pending_elsewhere: what it points to. */
  ref?: string;
}

export const FLAG_LABELS: Record<FlagCode, string> = {
  localhost_not_ip: "localhost, not an IP literal",
  scheme_not_reverse_dns: "private-use scheme not reverse-DNS",
  ip_literal_host: "IP literal host",
  query_string: "query string",
  path_prefix: "path prefix rule",
  encoded_separator: "encoded separator in path",
  already_allowed: "already allowed",
  pending_elsewhere: "pending in another request",
  shared_hosting: "shared hosting (anyone can own a name there)",
  unresolved_host: "host does not resolve",
  auto_approved: "auto-approved (verified domain)",
  cimd_host_rule: "CIMD host rule (high risk, admin only)",
};
