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

type SchemaName = "Snapshot" | "Delta" | "ValidateRequest" | "ValidateAllowed" | "InvalidRedirectUri" | "Error";
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
          description: "An API token created by an admin (scopes allowlist:read, allowlist:validate).",
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
                'A version you hold: answers {version, since, added, removed}, or the full snapshot with "full": true when that version is older than the kept history.',
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
            "The snapshot as a compact JWS (header typ \"allowlist+jwt\", alg ES256, kid), so an authorization server can keep a copy it can trust offline. Claims: iss (the portal's URL), aud (the configured audience), iat, exp, and the snapshot's version, generated_at, entries and blocked. Verify it with the keys at /.well-known/allowlist-jwks.json, check aud and exp, and refuse a version lower than the one you hold. Same tokens, ETag, 304 and version as GET /api/v1/allowlist. Needs the allowlist:read scope.",
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
          description: `Exact string comparison against the list, blocked entries winning. 1 to ${MAX_VALIDATE_URIS} URIs. Needs the allowlist:validate scope.`,
          requestBody: {
            required: true,
            content: json(ref("ValidateRequest"), { redirect_uris: ["https://claude.ai/api/mcp/auth_callback"] }),
          },
          responses: {
            200: {
              description: "All allowed",
              content: json(ref("ValidateAllowed"), { redirect_uris: ["https://claude.ai/api/mcp/auth_callback"] }),
            },
            400: {
              description:
                "Some not allowed (invalid_redirect_uri, the body to return to the client as it is), or a body of the wrong shape (invalid_client_metadata)",
              content: json(
                { oneOf: [ref("InvalidRedirectUri"), ref("Error")] },
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
    },
  };
}
