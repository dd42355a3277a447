// The answer to a registration whose redirect URIs are not all allowed: byte for byte the body the
// portal's POST /api/v1/allowlist/validate gives (PRODUCT.md), so developers see one error everywhere.
import { type CompiledRules, matchRedirectUri } from "./match.js";

export const INVALID_REDIRECT_URI_DESCRIPTION = "One or more redirect URIs are not allowed";

export interface InvalidRedirectUriBody {
  error: "invalid_redirect_uri";
  error_description: string;
  disallowed_uris: string[];
}

export type RegistrationCheck =
  { ok: true; redirect_uris: string[] } | { ok: false; status: 400; body: InvalidRedirectUriBody };

export function checkRegistration(redirectUris: readonly string[], rules: CompiledRules | null): RegistrationCheck {
  // With no usable list (never loaded, or stale past maxStale) nothing is allowed: fail closed.
  const allowed = (uri: string) => typeof uri === "string" && rules !== null && matchRedirectUri(uri, rules).allowed;
  const disallowed = [...new Set(redirectUris.filter((uri) => !allowed(uri)))];
  if (disallowed.length === 0) return { ok: true, redirect_uris: [...redirectUris] };
  return {
    ok: false,
    status: 400,
    body: {
      error: "invalid_redirect_uri",
      error_description: INVALID_REDIRECT_URI_DESCRIPTION,
      disallowed_uris: disallowed,
    },
  };
}
