// The OpenAPI document of /api/v1, generated from the same zod schemas the handlers parse and
// shape with (zod 4's JSON Schema output), so the two cannot drift apart.
import { z } from "zod";
import { MAX_VALIDATE_URIS } from "./schema";

/** Every schema in lib/api/schema.ts carries .meta({ id }): generate them together, linked by $ref. */
function componentSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

type SchemaName =
  | "Snapshot"
  | "Delta"
  | "ValidateRequest"
  | "ValidateAllowed"
  | "ValidateClientAllowed"
  | "InvalidRedirectUri"
  | "UnauthorizedClient"
  | "CimdPreviewRequest"
  | "Error";
const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, example?: unknown) => ({
  "application/json": { schema, ...(example ? { example } : {}) },
});
const errorResponse = (description: string, example: { error: string; error_description: string }) => ({
  description,
  content: json(ref("Error"), example),
});
const unavailableResponse = {
  ...errorResponse("The database is briefly unreachable and the answer cannot be given from memory: retry", {
    error: "temporarily_unavailable",
    error_description: "API tokens cannot be checked right now. Retry shortly.",
  }),
  headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait before retrying" } },
};

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Allowlist Portal API",
      version: "1.0.0",
      description:
        "For the OAuth authorization server: read the approved redirect-URI allowlist (as JSON, or signed), or validate a Dynamic Client Registration's redirect URIs.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token created by an admin (scopes allowlist:read, allowlist:validate; metrics:read for /api/metrics).",
        },
      },
      schemas: componentSchemas(),
    },
    paths: {
      "/api/v1/allowlist": {
        get: {
          summary: "The approved list",
          description:
            "The whole list as one snapshot, or with ?since= only what changed after that version. The version increases by one with every change. Poll with If-None-Match: an unchanged list answers 304 with no body. Needs the allowlist:read scope.",
          parameters: [
            {
              name: "since",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 0 },
              description:
                'A version you hold: answers {version, since, added, removed}, or the full snapshot with "full": true when that version is older than the kept history or a block or CIMD client changed since.',
            },
            {
              name: "If-None-Match",
              in: "header",
              required: false,
              schema: { type: "string" },
              description: "The ETag of your copy.",
            },
          ],
          responses: {
            200: {
              description: "The snapshot, or the changes since a version",
              headers: { ETag: { schema: { type: "string" }, description: "Strong, from the version" } },
              content: json({ oneOf: [ref("Snapshot"), ref("Delta")] }),
            },
            304: { description: "Your copy is current" },
            400: errorResponse("since is not a version", {
              error: "invalid_request",
              error_description: "since must be a list version: a whole number ≥ 0.",
            }),
            401: errorResponse("Missing or unknown token (with WWW-Authenticate: Bearer)", {
              error: "invalid_token",
              error_description: "The API token is unknown or has been revoked.",
            }),
            403: errorResponse("The token lacks allowlist:read", {
              error: "insufficient_scope",
              error_description: "This token lacks the allowlist:read scope.",
            }),
            503: unavailableResponse,
          },
        },
      },
      "/api/v1/allowlist/signed": {
        get: {
          summary: "The approved list, signed",
          description:
            "The snapshot as a compact JWS (header typ \"allowlist+jwt\", alg ES256 or EdDSA, as the key in the JWKS says, kid), so an authorization server can keep a copy it can trust offline. Claims: iss (the portal's URL), aud (the configured audience), iat, exp, and the snapshot's version, generated_at, entries and blocked. Verify it with the keys at /.well-known/allowlist-jwks.json, check aud and exp, and refuse a version lower than the one you hold. Same tokens, ETag, 304 and version as GET /api/v1/allowlist. Needs the allowlist:read scope.",
          parameters: [
            {
              name: "If-None-Match",
              in: "header",
              required: false,
              schema: { type: "string" },
              description: "The ETag of your copy (the same as the JSON feed's).",
            },
          ],
          responses: {
            200: {
              description: "The signed snapshot",
              headers: { ETag: { schema: { type: "string" }, description: "Strong, from the version" } },
              content: { "application/allowlist+jwt": { schema: { type: "string", description: "A compact JWS" } } },
            },
            304: {
              description: "Your copy is current (fetch without If-None-Match past half its lifetime for a fresh exp)",
            },
            401: errorResponse("Missing or unknown token (with WWW-Authenticate: Bearer)", {
              error: "invalid_token",
              error_description: "The API token is unknown or has been revoked.",
            }),
            403: errorResponse("The token lacks allowlist:read", {
              error: "insufficient_scope",
              error_description: "This token lacks the allowlist:read scope.",
            }),
            503: unavailableResponse,
          },
        },
      },
      "/.well-known/allowlist-jwks.json": {
        get: {
          summary: "The signed feed's public keys",
          description:
            "A JWK Set: the current key, the next key (published before it signs) and keys retired within one signature lifetime. No token needed.",
          security: [],
          responses: {
            200: {
              description: "The keys",
              content: { "application/jwk-set+json": { schema: { type: "object", required: ["keys"] } } },
            },
            503: unavailableResponse,
          },
        },
      },
      "/api/v1/allowlist/validate": {
        post: {
          summary: "Validate a registration's redirect URIs",
          description: `Exact string comparison against the list, blocked entries winning. 1 to ${MAX_VALIDATE_URIS} URIs. Needs the allowlist:validate scope. With a client_id (a CIMD client's URL), the client must be approved — by its exact client_id, or a client_id_host rule on its host — and not blocked, and every redirect URI must be one its approval pinned (a loopback URI pinned without a port matches any port).`,
          requestBody: {
            required: true,
            content: json(ref("ValidateRequest"), { redirect_uris: ["https://claude.ai/api/mcp/auth_callback"] }),
          },
          responses: {
            200: {
              description: "All allowed",
              content: json(
                { oneOf: [ref("ValidateAllowed"), ref("ValidateClientAllowed")] },
                { redirect_uris: ["https://claude.ai/api/mcp/auth_callback"] },
              ),
            },
            400: {
              description:
                "Some not allowed (invalid_redirect_uri, the body to return to the client as it is), a client_id that is not an approved CIMD client (unauthorized_client), or a body of the wrong shape (invalid_client_metadata)",
              content: json(
                { oneOf: [ref("InvalidRedirectUri"), ref("UnauthorizedClient"), ref("Error")] },
                {
                  error: "invalid_redirect_uri",
                  error_description: "One or more redirect URIs are not allowed",
                  disallowed_uris: ["https://unallowed.com"],
                },
              ),
            },
            401: errorResponse("Missing or unknown token", {
              error: "invalid_token",
              error_description: "Send an API token: Authorization: Bearer <token>.",
            }),
            403: errorResponse("The token lacks allowlist:validate", {
              error: "insufficient_scope",
              error_description: "This token lacks the allowlist:validate scope.",
            }),
            413: errorResponse("Body too large", {
              error: "invalid_client_metadata",
              error_description: "The body must be at most 65536 bytes.",
            }),
            503: unavailableResponse,
          },
        },
      },
      "/api/metrics": {
        get: {
          summary: "Metrics for operators (Prometheus)",
          description:
            "The Prometheus text exposition format, for a scraper. Feed answers by endpoint and status (allowlist_feed_requests_total, from which the 304 ratio is computed), snapshot build time (allowlist_snapshot_build_seconds), the list's version and entries, requests awaiting a reviewer and the age of the oldest, and per allowlist:read token its lag in versions and the age of its last poll. Feed counts and build times are this instance's (all its workers'); the rest is read from the database, alike on every instance. Needs the metrics:read scope.",
          responses: {
            200: {
              description: "The metrics",
              content: { "text/plain; version=0.0.4; charset=utf-8": { schema: { type: "string" } } },
            },
            401: errorResponse("Missing or unknown token (with WWW-Authenticate: Bearer)", {
              error: "invalid_token",
              error_description: "Send an API token: Authorization: Bearer <token>.",
            }),
            403: errorResponse("The token lacks metrics:read", {
              error: "insufficient_scope",
              error_description: "This token lacks the metrics:read scope.",
            }),
            503: unavailableResponse,
          },
        },
      },
      "/api/v1/cimd/preview": {
        post: {
          summary: "Preview a client ID metadata document",
          description:
            "Fetches the document at client_id through the portal's safe fetcher (https only, no redirects, 5 s, at most 5,120 bytes, JSON, no special-use addresses) and returns what the request form shows: the fetch details, the document, each redirect URI's checks and the error codes (cimd_url_invalid, cimd_address_refused, cimd_redirect_refused, cimd_http_status, cimd_too_large, cimd_not_json, cimd_client_id_mismatch, cimd_missing_redirect_uris, cimd_shared_secret, cimd_timeout, …). Every fetch outcome is a 200; approvable says whether it can be requested. Needs the allowlist:validate scope.",
          requestBody: {
            required: true,
            content: json(ref("CimdPreviewRequest"), {
              client_id: "https://claude.ai/oauth/claude-code-client-metadata",
            }),
          },
          responses: {
            200: { description: "The preview", content: json({ type: "object" }) },
            400: errorResponse("A body of the wrong shape", {
              error: "invalid_request",
              error_description: "client_id must be a string",
            }),
            401: errorResponse("Missing or unknown token", {
              error: "invalid_token",
              error_description: "Send an API token: Authorization: Bearer <token>.",
            }),
            403: errorResponse("The token lacks allowlist:validate", {
              error: "insufficient_scope",
              error_description: "This token lacks the allowlist:validate scope.",
            }),
          },
        },
      },
    },
  };
}
