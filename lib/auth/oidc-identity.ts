// Which staff identities the portal accepts from its OIDC provider. A missing claim is never turned
// into an identity (String(undefined) once made every email-less login one shared account), and an
// email links to an existing account only when the provider says it verified that address.
export type OidcRefusal = "missing_subject" | "missing_email" | "unverified_email" | "email_domain_not_allowed";

export type OidcIdentity = { ok: true; subject: string; email: string } | { ok: false; refusal: OidcRefusal };

// Most providers send a JSON boolean; a few (AWS Cognito among them) send the string "true".
function isVerified(claim: unknown): boolean {
  return claim === true || claim === "true";
}

export function oidcIdentity(profile: Record<string, unknown>, allowedDomains: readonly string[]): OidcIdentity {
  const { sub, email } = profile;
  if (typeof sub !== "string" || sub.trim() === "") return { ok: false, refusal: "missing_subject" };
  if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+$/.test(email)) return { ok: false, refusal: "missing_email" };
  if (!isVerified(profile.email_verified)) return { ok: false, refusal: "unverified_email" };
  const normalised = email.toLowerCase();
  const domain = normalised.slice(normalised.lastIndexOf("@") + 1);
  if (allowedDomains.length > 0 && !allowedDomains.includes(domain)) {
    return { ok: false, refusal: "email_domain_not_allowed" };
  }
  return { ok: true, subject: sub, email: normalised };
}
