// API tokens for the authorization server: shown once, stored as a SHA-256 hash, scoped,
// revocable, with a last-used time.
import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "@/lib/audit/record";
import { recordedChange } from "@/lib/audit/recorded-change";
import type { Db } from "@/lib/db";
import { portalBus } from "@/lib/events/bus";
import type { CreateTokenInput, TokenScope } from "./schema";

const TOKEN_PREFIX = "alp_";

/** One-shot SHA-256 (crypto.hash): on the feed's hot path, cheaper than a Hash object per request. */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

export async function createApiToken(db: Db, input: CreateTokenInput, actor: Actor) {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await recordedChange(db, async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        prefix: token.slice(0, 12),
        tokenHash: hashToken(token),
        scopes: input.scopes.join(" "),
        createdById: actor.id,
      },
      select: { id: true, name: true, prefix: true, scopes: true, createdAt: true },
    });
    return {
      result: created,
      audit: {
        actor,
        action: "token.created",
        entityType: "api_token",
        entityId: created.id,
        after: { name: created.name, scopes: created.scopes },
      },
    };
  });
  portalBus.emit("tokens-changed");
  return { token, ...row };
}

export async function listApiTokens(db: Db) {
  return db.apiToken.findMany({
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { email: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiToken(db: Db, id: string, actor: Actor): Promise<boolean> {
  const revoked = await recordedChange(db, async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    return {
      result: count > 0,
      audit: count > 0 ? { actor, action: "token.revoked", entityType: "api_token", entityId: id } : null,
    };
  });
  // After commit: a cached lookup dropped any earlier would read the token back as live.
  if (revoked) portalBus.emit("tokens-changed");
  return revoked;
}

interface CachedToken {
  id: string;
  hash: string;
  scopes: Set<string>;
  revoked: boolean;
}

/** Token lookups are cached briefly: a revocation elsewhere (CLI, another instance) applies within this. */
const TOKEN_CACHE_MS = 2000;
const LAST_USED_WRITE_MS = 60_000;

export type TokenCheck =
  | { ok: true; tokenId: string }
  | { ok: false; status: 401 | 403; error: "invalid_token" | "insufficient_scope"; description: string }
  | { ok: false; status: 503; error: "temporarily_unavailable"; description: string };

const MISSING_TOKEN: TokenCheck = {
  ok: false,
  status: 401,
  error: "invalid_token",
  description: "Send an API token: Authorization: Bearer <token>.",
};
const UNKNOWN_TOKEN: TokenCheck = {
  ok: false,
  status: 401,
  error: "invalid_token",
  description: "The API token is unknown or has been revoked.",
};
/** The database could not be asked about a token we have not seen: the client should retry, not give up. */
const TOKEN_STORE_UNAVAILABLE: TokenCheck = {
  ok: false,
  status: 503,
  error: "temporarily_unavailable",
  description: "API tokens cannot be checked right now. Retry shortly.",
};

/** A valid token by the Authorization header it came in, for the poll's hot path. */
interface KnownHeader {
  token: CachedToken;
  /** When its database lookup was made: it expires TOKEN_CACHE_MS after, as that lookup does. */
  at: number;
  /** When its last-used time is next due to be written. */
  touchDueAt: number;
}

export class TokenVerifier {
  /** Lookups by token hash, with when they were made (null: no such token). */
  private cache = new Map<string, { token: CachedToken | null; at: number }>();
  /**
   * Valid tokens by the exact Authorization header, filled only from the cache above (so the
   * generation rule below holds for it too) and cleared with it: a repeated poll costs one map
   * lookup, without parsing the header or hashing the token.
   */
  private byHeader = new Map<string, KnownHeader>();
  private lastUsedWritten = new Map<string, number>();
  /**
   * Moves on every token change. A lookup that began under an older generation may have read the
   * token before it was revoked: its answer serves that one request but is not cached.
   */
  private generation = 0;

  constructor(private readonly db: Db) {
    portalBus.on("tokens-changed", () => {
      this.generation++;
      this.cache.clear();
      this.byHeader.clear();
    });
  }

  /**
   * The hot path: true when this exact Authorization header carried a valid token with `scope`
   * within TOKEN_CACHE_MS; false means "ask check()", not "refuse".
   */
  allowsKnown(authorization: string | undefined, scope: TokenScope): boolean {
    return this.knownTokenId(authorization, scope) !== null;
  }

  /** allowsKnown() that names the token (its id, already held: no allocation), for recording the poll. */
  knownTokenId(authorization: string | undefined, scope: TokenScope): string | null {
    const known = authorization === undefined ? undefined : this.byHeader.get(authorization);
    if (known === undefined) return null;
    const now = Date.now();
    if (now - known.at >= TOKEN_CACHE_MS || !known.token.scopes.has(scope)) return null;
    if (now >= known.touchDueAt) {
      known.touchDueAt = now + LAST_USED_WRITE_MS;
      this.touch(known.token.id);
    }
    return known.token.id;
  }

  /**
   * Checks a bearer token. Synchronous when the token was looked up within TOKEN_CACHE_MS — the
   * feed's polling hot path — and a promise only when the database must be asked.
   */
  check(authorization: string | undefined, scope: TokenScope): TokenCheck | Promise<TokenCheck> {
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(authorization ?? "");
    if (!match) return MISSING_TOKEN;
    const hash = hashToken(match[1]!);
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) {
      const verdict = this.verdict(cached.token, hash, scope);
      if (verdict.ok) this.remember(authorization!, cached.token!, cached.at);
      return verdict;
    }
    return this.lookup(hash).then(
      (token) => this.verdict(token, hash, scope),
      () => TOKEN_STORE_UNAVAILABLE,
    );
  }

  private remember(authorization: string, token: CachedToken, at: number): void {
    if (this.byHeader.size > 10_000) this.byHeader.clear();
    const touchDueAt = (this.lastUsedWritten.get(token.id) ?? 0) + LAST_USED_WRITE_MS;
    this.byHeader.set(authorization, { token, at, touchDueAt });
  }

  private verdict(token: CachedToken | null, hash: string, scope: TokenScope): TokenCheck {
    // The lookup is by hash; comparing the stored hash in constant time as well costs nothing.
    if (!token || token.revoked || !timingSafeEqual(Buffer.from(token.hash), Buffer.from(hash))) return UNKNOWN_TOKEN;
    if (!token.scopes.has(scope)) {
      return {
        ok: false,
        status: 403,
        error: "insufficient_scope",
        description: `This token lacks the ${scope} scope.`,
      };
    }
    this.touch(token.id);
    return { ok: true, tokenId: token.id };
  }

  private async lookup(hash: string): Promise<CachedToken | null> {
    const startedIn = this.generation;
    let row;
    try {
      row = await this.db.apiToken.findUnique({
        where: { tokenHash: hash },
        select: { id: true, tokenHash: true, scopes: true, revokedAt: true },
      });
    } catch (error) {
      // The database is briefly unreachable: a token we knew keeps working, like the feed it reads.
      const known = this.cache.get(hash);
      if (known) return known.token;
      throw error;
    }
    const token = row
      ? { id: row.id, hash: row.tokenHash, scopes: new Set(row.scopes.split(" ")), revoked: row.revokedAt !== null }
      : null;
    if (startedIn !== this.generation) return token;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { token, at: Date.now() });
    return token;
  }

  /** Last-used time, written at most once a minute per token so polling costs no writes. */
  private touch(id: string) {
    const last = this.lastUsedWritten.get(id) ?? 0;
    if (Date.now() - last < LAST_USED_WRITE_MS) return;
    this.lastUsedWritten.set(id, Date.now());
    this.db.apiToken
      .update({ where: { id }, data: { lastUsedAt: new Date() } })
      .catch(() => this.lastUsedWritten.delete(id));
  }
}
