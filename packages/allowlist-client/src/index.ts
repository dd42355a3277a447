export {
  Allowlist,
  createAllowlist,
  type AllowlistErrorEvent,
  type AllowlistEvent,
  type AllowlistOptions,
  type AllowlistStatus,
} from "./allowlist.js";
export { compileRules, matchRedirectUri, type AllowRule, type BlockRule, type MatchResult } from "./match.js";
export {
  checkRegistration,
  INVALID_REDIRECT_URI_DESCRIPTION,
  type InvalidRedirectUriBody,
  type RegistrationCheck,
} from "./registration.js";
export { AllowlistError, type SnapshotClaims } from "./verify.js";
export {
  guardOidcProviderRegistration,
  guardRegistration,
  type FetchHandler,
  type OidcProviderLike,
  type RegistrationValidator,
} from "./guards.js";
