// An authorization server's copy of the portal's allowlist: polls the signed feed, verifies what
// it gets, keeps the last good copy on disk and in memory, and answers isAllowed() and
// validateRegistration() from it. It never fails open: with nothing verified, or with a copy
// expired for longer than maxStaleMs, nothing is allowed.
import type { JSONWebKeySet, JWK } from "jose";
import { readCacheFile, writeCacheFile } from "./cache-file.js";
import { type CompiledRules, compileRules, matchRedirectUri } from "./match.js";
import { checkRegistration, type RegistrationCheck } from "./registration.js";
import { AllowlistError, type SnapshotClaims, verifySnapshot } from "./verify.js";

export interface AllowlistOptions {
  /** The portal's base URL, e.g. https://allowlist.example.com */
  url: string;
  /** An API token with the allowlist:read scope. */
  token: string;
  /** The audience the portal signs for (its FEED_AUDIENCE setting; by default its APP_URL). */
  audience: string;
  /** When set, the snapshot's iss must be exactly this (the portal's APP_URL). */
  issuer?: string;
  /** Pinned public keys: when given, the JWKS is never fetched and only these keys are trusted. */
  keys?: JWK[];
  /** Where the public keys are; by default <url>/.well-known/allowlist-jwks.json. */
  jwksUrl?: string;
  /** Where the last verified snapshot is kept, to start from when the portal is down at boot. */
  cacheFile?: string;
  /** Milliseconds between polls: a number n polls every n–2n ms; default 30–60 s. */
  intervalMs?: number | { min: number; max: number };
  /** How long past its exp a copy is still used (reported stale); default 24 hours. */
  maxStaleMs?: number;
  /** The cap of the backoff after errors; default 5 minutes. */
  maxBackoffMs?: number;
  /** Each request's timeout; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  onUpdate?: (event: AllowlistEvent) => void;
  onError?: (event: AllowlistErrorEvent) => void;
  /** The clock, in ms (tests). */
  now?: () => number;
}

export interface AllowlistStatus {
  /** The version held, or null when none is. */
  version: number | null;
  /** Milliseconds since the portal last answered a poll successfully (null: never). */
  age: number | null;
  /** The copy held is past its exp (still used until maxStaleMs has passed too). */
  stale: boolean;
  /** Nothing is allowed: no verified copy, or one past exp + maxStaleMs. */
  failedClosed: boolean;
  /** The held copy's exp, in ms. */
  expiresAt: number | null;
}

export interface AllowlistEvent extends AllowlistStatus {
  /** A newer snapshot (or a fresh signature of the same version) was taken. */
  changed: boolean;
}

export interface AllowlistErrorEvent extends AllowlistStatus {
  /** rollback_rejected, invalid_signature, unknown_key, wrong_audience, wrong_issuer, wrong_type,
   *  expired, malformed, http_<status>, network, jwks_unavailable, cache_unreadable, cache_write_failed */
  code: string;
  message: string;
}

interface Held {
  claims: SnapshotClaims;
  rules: CompiledRules;
}

const DEFAULT_INTERVAL = { min: 30_000, max: 60_000 };
const DAY_MS = 86_400_000;

class RetryLater extends AllowlistError {
  constructor(
    code: string,
    message: string,
    readonly afterMs: number | null,
  ) {
    super(code, message);
  }
}

export class Allowlist {
  private held: Held | null = null;
  private etag: string | null = null;
  private lastContactAt: number | null = null;
  private jwks: JSONWebKeySet | null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly feedUrl: string;
  private readonly jwksUrl: string;
  private readonly interval: { min: number; max: number };
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: AllowlistOptions) {
    this.feedUrl = new URL("/api/v1/allowlist/signed", options.url).href;
    this.jwksUrl = options.jwksUrl ?? new URL("/.well-known/allowlist-jwks.json", options.url).href;
    const interval = options.intervalMs ?? DEFAULT_INTERVAL;
    this.interval = typeof interval === "number" ? { min: interval, max: 2 * interval } : interval;
    this.jwks = options.keys ? { keys: options.keys } : null;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  isAllowed(redirectUri: string): boolean {
    const rules = this.usableRules();
    return rules !== null && matchRedirectUri(redirectUri, rules).allowed;
  }

  /** The portal's own answer: ok, or 400 with the exact invalid_redirect_uri body. */
  validateRegistration(redirectUris: readonly string[]): RegistrationCheck {
    return checkRegistration(redirectUris, this.usableRules());
  }

  status(): AllowlistStatus {
    const now = this.now();
    const expiresAt = this.held ? this.held.claims.exp * 1000 : null;
    return {
      version: this.held?.claims.version ?? null,
      age: this.lastContactAt === null ? null : now - this.lastContactAt,
      stale: expiresAt !== null && now >= expiresAt,
      failedClosed: this.usableRules() === null,
      expiresAt,
    };
  }

  /** Boots from the cache file (if any), then polls once and keeps polling. */
  async start(): Promise<void> {
    await this.loadCacheFile();
    const delay = await this.pollAndNextDelay();
    this.schedule(delay);
  }

  /** One poll now; throws what went wrong (also reported to onError). */
  async refresh(): Promise<void> {
    try {
      await this.poll();
    } catch (error) {
      this.report(error);
      throw error;
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private usableRules(): CompiledRules | null {
    if (!this.held) return null;
    const maxStale = this.options.maxStaleMs ?? DAY_MS;
    return this.now() < this.held.claims.exp * 1000 + maxStale ? this.held.rules : null;
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.pollAndNextDelay().then((next) => this.schedule(next));
    }, delay);
    this.timer.unref?.();
  }

  private async pollAndNextDelay(): Promise<number> {
    try {
      await this.poll();
      this.failures = 0;
      return this.interval.min + Math.random() * (this.interval.max - this.interval.min);
    } catch (error) {
      this.report(error);
      this.failures++;
      if (error instanceof RetryLater && error.afterMs !== null) return error.afterMs;
      // Full jitter (anywhere between 0 and the exponential bound), so that many servers that lost
      // the portal together do not come back together.
      const cap = this.options.maxBackoffMs ?? 300_000;
      const bound = Math.min(cap, this.interval.min * 2 ** (this.failures - 1));
      return Math.max(Math.min(1000, this.interval.min), Math.random() * bound);
    }
  }

  private async poll(): Promise<void> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: "application/allowlist+jwt",
    };
    // Past half its lifetime the copy held is fetched again even if unchanged, for a fresh exp.
    const held = this.held?.claims;
    const refreshDue = held !== undefined && this.now() >= ((held.iat + held.exp) / 2) * 1000;
    if (this.etag && !refreshDue) headers["if-none-match"] = this.etag;
    const response = await this.request(this.feedUrl, headers);
    if (response.status === 304) {
      this.contact(false);
      return;
    }
    if (!response.ok) {
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"), this.now());
      throw new RetryLater(`http_${response.status}`, `The portal answered ${response.status}.`, retryAfter);
    }
    await this.accept(await response.text(), response.headers.get("etag"));
  }

  private async request(url: string, headers: Record<string, string>): Promise<Response> {
    try {
      return await this.fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (error) {
      throw new RetryLater("network", `The portal cannot be reached: ${(error as Error).message}`, null);
    }
  }

  private async accept(jws: string, etag: string | null): Promise<void> {
    const { claims, key } = await this.verify(jws);
    if (this.now() >= claims.exp * 1000)
      throw new AllowlistError("expired", `The portal sent version ${claims.version}, expired since its exp.`);
    const held = this.held?.claims;
    if (held && claims.version < held.version)
      throw new AllowlistError(
        "rollback_rejected",
        `Refused version ${claims.version}: version ${held.version} is already held (a replayed or rolled-back snapshot).`,
      );
    if (held && claims.version === held.version && claims.iat <= held.iat) {
      this.contact(false);
      return;
    }
    if (this.options.cacheFile) {
      try {
        await writeCacheFile(this.options.cacheFile, { jws, key, etag });
      } catch (error) {
        // Serving the newer list beats serving an older one; the failure is reported.
        this.report(new AllowlistError("cache_write_failed", (error as Error).message));
      }
    }
    this.held = { claims, rules: compileRules(claims.entries, claims.blocked) };
    this.etag = etag;
    this.contact(true);
  }

  private async verify(jws: string) {
    const verifyOptions = { audience: this.options.audience, issuer: this.options.issuer };
    const keys = this.jwks ?? (await this.fetchJwks());
    try {
      return await verifySnapshot(jws, keys, verifyOptions);
    } catch (error) {
      // A key not seen yet (the portal rotated and published a new next key): fetch the keys once more.
      if (this.options.keys || (error as AllowlistError).code !== "unknown_key") throw error;
      return verifySnapshot(jws, await this.fetchJwks(), verifyOptions);
    }
  }

  private async fetchJwks(): Promise<JSONWebKeySet> {
    const response = await this.request(this.jwksUrl, { accept: "application/jwk-set+json, application/json" });
    if (!response.ok) throw new AllowlistError("jwks_unavailable", `The JWKS answered ${response.status}.`);
    const jwks = (await response.json()) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new AllowlistError("jwks_unavailable", "The JWKS has no keys.");
    this.jwks = jwks;
    return jwks;
  }

  private async loadCacheFile(): Promise<void> {
    const file = this.options.cacheFile;
    if (!file) return;
    try {
      const cached = await readCacheFile(file);
      if (!cached) return;
      // Pinned keys, when given, are trusted over the key the file names.
      const keys = this.options.keys ? { keys: this.options.keys } : { keys: [cached.key] };
      const { claims } = await verifySnapshot(cached.jws, keys, {
        audience: this.options.audience,
        issuer: this.options.issuer,
      });
      this.held = { claims, rules: compileRules(claims.entries, claims.blocked) };
      this.etag = cached.etag;
    } catch (error) {
      const code = error instanceof AllowlistError ? error.code : "cache_unreadable";
      this.report(new AllowlistError(code, `The cache file ${file} was not used: ${(error as Error).message}`));
    }
  }

  private contact(changed: boolean): void {
    this.lastContactAt = this.now();
    this.options.onUpdate?.({ ...this.status(), changed });
  }

  private report(error: unknown): void {
    const code = error instanceof AllowlistError ? error.code : "internal";
    this.options.onError?.({ ...this.status(), code, message: (error as Error).message });
  }
}

/** Retry-After in ms (delta-seconds or an HTTP date), or null. */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Creates the allowlist and waits for its first poll (or, the portal being down, its cache file). */
export async function createAllowlist(options: AllowlistOptions): Promise<Allowlist> {
  const allowlist = new Allowlist(options);
  await allowlist.start();
  return allowlist;
}
