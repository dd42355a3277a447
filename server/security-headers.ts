// Security headers for every page, set at run time because they depend on settings (APP_URL,
// OIDC_ISSUER) that next.config.mjs's headers() would freeze at build time.
import { env } from "@/lib/env";

function contentSecurityPolicy(dev: boolean): string {
  // Sign-in forms post to a server action that redirects to the identity provider.
  const formTargets = [
    "'self'",
    env.OIDC_ISSUER && new URL(env.OIDC_ISSUER).origin,
    env.githubEnabled && "https://github.com",
  ];
  return [
    "default-src 'self'",
    // Next.js streams its page data in inline scripts; a nonce would make every page dynamic.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `form-action ${formTargets.filter(Boolean).join(" ")}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(dev: boolean): [string, string][] {
  const headers: [string, string][] = [["Content-Security-Policy", contentSecurityPolicy(dev)]];
  // Only an https portal may pin browsers to https; two years, as the HSTS preload list asks.
  if (env.APP_URL.startsWith("https:")) headers.push(["Strict-Transport-Security", "max-age=63072000"]);
  return headers;
}
