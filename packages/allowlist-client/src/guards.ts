// Registration guards: put the allowlist in front of a Dynamic Client Registration endpoint
// (RFC 7591) so a registration whose redirect_uris are not all allowed is answered with the
// portal's exact invalid_redirect_uri body and never reaches the endpoint. Anything the guard
// cannot read as a JSON registration is passed on untouched, for the endpoint to answer as it does.
import type { IncomingMessage } from "node:http";
import type { RegistrationCheck } from "./registration.js";

export interface RegistrationValidator {
  validateRegistration(redirectUris: readonly string[]): RegistrationCheck;
}

/** redirect_uris of a registration body, or null when it has none to check. */
function redirectUrisOf(metadata: unknown): string[] | null {
  if (typeof metadata !== "object" || metadata === null) return null;
  const uris = (metadata as { redirect_uris?: unknown }).redirect_uris;
  // Non-strings stay in: validateRegistration lists them as disallowed, which is what they are.
  return Array.isArray(uris) ? (uris as string[]) : null;
}

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Wraps a fetch-style registration handler (POST to register, PUT to update, RFC 7592):
 * `export const POST = guardRegistration(allowlist, register)`.
 */
export function guardRegistration(allowlist: RegistrationValidator, handler: FetchHandler): FetchHandler {
  return async (request) => {
    if (request.method !== "POST" && request.method !== "PUT") return handler(request);
    let metadata: unknown;
    try {
      metadata = await request.clone().json();
    } catch {
      return handler(request);
    }
    const uris = redirectUrisOf(metadata);
    const check = uris === null ? null : allowlist.validateRegistration(uris);
    if (check && !check.ok)
      return new Response(JSON.stringify(check.body), {
        status: check.status,
        headers: { "content-type": "application/json", "cache-control": "no-store" },
      });
    return handler(request);
  };
}

/** The part of a Koa context the node-oidc-provider guard uses. */
interface KoaContext {
  method: string;
  path: string;
  req: IncomingMessage & { body?: unknown };
  status: number;
  body: unknown;
  set(field: string, value: string): void;
  is(...types: string[]): string | false | null;
}

export interface OidcProviderLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Koa's middleware type, not imported
  use(middleware: (ctx: any, next: () => Promise<unknown>) => Promise<unknown>): unknown;
}

/** node-oidc-provider's own body limit. */
const BODY_LIMIT = 56 * 1024;

/**
 * Guards node-oidc-provider's registration endpoint (features.registration): POST <path> and
 * PUT <path>/<client id>. The body is read here and handed on as req.body, which the provider
 * accepts (it logs once that the body was already parsed).
 */
export function guardOidcProviderRegistration(
  provider: OidcProviderLike,
  allowlist: RegistrationValidator,
  options: { registrationPath?: string } = {},
): void {
  const path = options.registrationPath ?? "/reg";
  provider.use(async (ctx: KoaContext, next) => {
    const registration =
      (ctx.method === "POST" && ctx.path === path) || (ctx.method === "PUT" && ctx.path.startsWith(`${path}/`));
    if (!registration || !ctx.is("application/json")) return next();
    const raw = await readBody(ctx.req);
    if (raw === null) {
      // The stream is spent: answer as the provider itself would.
      ctx.status = 400;
      ctx.body = { error: "invalid_request", error_description: "request entity too large" };
      return;
    }
    ctx.req.body = raw;
    let metadata: unknown;
    try {
      metadata = JSON.parse(raw.toString("utf8"));
    } catch {
      return next();
    }
    const uris = redirectUrisOf(metadata);
    const check = uris === null ? null : allowlist.validateRegistration(uris);
    if (check && !check.ok) {
      ctx.status = check.status;
      ctx.set("cache-control", "no-store");
      ctx.body = check.body;
      return;
    }
    return next();
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
