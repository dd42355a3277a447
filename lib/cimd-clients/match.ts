// Validating a CIMD client against the published list: the client_id must be approved (an exact
// client_id rule first, else a client_id_host rule on its exact host) and not blocked (a block may
// name the client_id URL or its host), and every redirect URI given must be one the approval
// pinned (a loopback URI pinned without a port matches any port), with blocks applied as always.
import type { FeedBlocked, FeedClient } from "@/lib/api/schema";
import { lintRedirectUri } from "@/lib/redirect-uri/lint";
import { compileRules, matchRedirectUri } from "@/lib/redirect-uri/match";

export type CimdClientMatch =
  | { ok: true; client: FeedClient }
  | { ok: false; error: "unauthorized_client"; description: string }
  | { ok: false; error: "invalid_redirect_uri"; disallowed: string[] };

function urlOf(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function matchCimdClient(
  clientId: string,
  redirectUris: string[],
  clients: FeedClient[],
  blocked: FeedBlocked[],
): CimdClientMatch {
  const url = urlOf(clientId);
  const unauthorized = (description: string) => ({
    ok: false as const,
    error: "unauthorized_client" as const,
    description,
  });
  if (!url || url.protocol !== "https:" || url.href !== clientId) {
    return unauthorized("client_id must be an https URL in canonical form, as approved.");
  }
  const client =
    clients.find((c) => c.kind === "client_id" && c.client_id === clientId) ??
    clients.find((c) => c.kind === "client_id_host" && urlOf(c.client_id)?.host === url.host);
  if (!client) return unauthorized("This client_id is not an approved CIMD client.");
  if (blocked.some((b) => b.uri === clientId || b.host === url.hostname)) {
    return unauthorized("This client_id is blocked.");
  }
  const pinned = client.redirect_uris.flatMap((uri, i) => {
    const verdict = lintRedirectUri(uri);
    return verdict.ok ? [{ id: `${client.id}:${i}`, kind: verdict.kind, uri: verdict.uri }] : [];
  });
  const rules = compileRules(pinned, blocked);
  const disallowed = [...new Set(redirectUris.filter((uri) => !matchRedirectUri(uri, rules).allowed))];
  if (disallowed.length > 0) return { ok: false, error: "invalid_redirect_uri", disallowed };
  return { ok: true, client };
}
