import { describe, expect, it } from "vitest";
import { oidcIdentity } from "./oidc-identity";

describe("oidcIdentity", () => {
  it("accepts a verified email and lower-cases it", () => {
    expect(oidcIdentity({ sub: "u1", email: "Ann@Staff.Test", email_verified: true }, [])).toEqual({
      ok: true,
      subject: "u1",
      email: "ann@staff.test",
    });
  });

  it("refuses a login with no email claim instead of inventing one", () => {
    expect(oidcIdentity({ sub: "u2" }, [])).toEqual({ ok: false, refusal: "missing_email" });
    expect(oidcIdentity({ sub: "u2", email: null, email_verified: true }, [])).toEqual({
      ok: false,
      refusal: "missing_email",
    });
    expect(oidcIdentity({ sub: "u2", email: "", email_verified: true }, [])).toEqual({
      ok: false,
      refusal: "missing_email",
    });
  });

  it("refuses a login with no subject", () => {
    expect(oidcIdentity({ email: "a@staff.test", email_verified: true }, [])).toEqual({
      ok: false,
      refusal: "missing_subject",
    });
  });

  it("refuses an email the provider did not verify, or says nothing about", () => {
    expect(oidcIdentity({ sub: "u3", email: "Admin@Example.com", email_verified: false }, [])).toEqual({
      ok: false,
      refusal: "unverified_email",
    });
    expect(oidcIdentity({ sub: "u3", email: "admin@example.com" }, [])).toEqual({
      ok: false,
      refusal: "unverified_email",
    });
    expect(oidcIdentity({ sub: "u3", email: "admin@example.com", email_verified: "false" }, [])).toEqual({
      ok: false,
      refusal: "unverified_email",
    });
  });

  it("accepts the string 'true' that some providers send", () => {
    expect(oidcIdentity({ sub: "u4", email: "b@staff.test", email_verified: "true" }, []).ok).toBe(true);
  });

  it("keeps to the company's domains when they are configured", () => {
    const domains = ["staff.test"];
    expect(oidcIdentity({ sub: "u5", email: "c@staff.test", email_verified: true }, domains).ok).toBe(true);
    expect(oidcIdentity({ sub: "u5", email: "c@evil.test", email_verified: true }, domains)).toEqual({
      ok: false,
      refusal: "email_domain_not_allowed",
    });
    expect(oidcIdentity({ sub: "u5", email: "c@sub.staff.test", email_verified: true }, domains).ok).toBe(false);
  });
});
