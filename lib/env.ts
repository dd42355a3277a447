// Every setting, parsed once. Nothing else reads process.env: a bad setting stops start-up with a
// message that names it.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./client-ip";

const dataDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), "data");

const emailList = z
  .string()
  .default("admin@example.com")
  .transform((value) =>
    value
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ error: "must be a comma-separated list of email addresses" })));

const optionalUrl = z.preprocess((value) => (value === "" ? undefined : value), z.url().optional());
const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().optional());

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .default("file:./data/portal.db")
      .refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
        message: "must be file:<path> (SQLite) or postgresql://… (PostgreSQL)",
      }),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: optionalUrl,
    AUTH_SECRET: optionalText,
    ADMIN_EMAILS: emailList,
    SMTP_URL: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(/^smtps?:\/\//, { error: "must start with smtp:// or smtps://" })
        .optional(),
    ),
    MAIL_FROM: z.string().default("Allowlist Portal <no-reply@localhost>"),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_NAME: z.string().default("Staff single sign-on"),
    OIDC_GROUPS_CLAIM: z.string().default("groups"),
    OIDC_REVIEWER_GROUPS: z.string().default("").transform(splitList),
    OIDC_ADMIN_GROUPS: z.string().default("").transform(splitList),
    OIDC_EMAIL_DOMAINS: z
      .string()
      .default("")
      .transform((value) => splitList(value).map((domain) => domain.toLowerCase())),
    AUTH_GITHUB_ID: optionalText,
    AUTH_GITHUB_SECRET: optionalText,
    SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(20),
    SIGN_IN_EMAILS_PER_NETWORK: z.coerce.number().int().min(1).default(50),
    PORTAL_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    SQLITE_LOCK_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform(splitList)
      .refine((entries) => parseTrustedProxies(entries).invalid.length === 0, {
        error: (issue) =>
          `not an IP address, CIDR range, "loopback" or "private": ${parseTrustedProxies(issue.input as string[]).invalid.join(", ")}`,
      }),
    AUDIT_SECRET: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(16, { error: "must be at least 16 characters" }).optional(),
    ),
    FEED_SIGNING_SECRET: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(16, { error: "must be at least 16 characters" }).optional(),
    ),
    FEED_AUDIENCE: optionalText,
    // The algorithm of signing keys made from now on; existing keys keep theirs (see README).
    FEED_SIGNING_ALG: z.enum(["ES256", "EdDSA"], { error: "must be ES256 or EdDSA" }).default("ES256"),
    FEED_SIGNATURE_LIFETIME: z
      .string()
      .default("7d")
      .transform((value, ctx) => {
        const seconds = parseDuration(value);
        if (seconds === null || seconds < 60) {
          ctx.addIssue({ code: "custom", message: "must be a duration of at least a minute: 3600, 90m, 12h or 7d" });
          return z.NEVER;
        }
        return seconds;
      }),
    // Tests and development only: lets the CIMD fetcher reach exactly 127.0.0.1 and ::1.
    CIMD_ALLOW_LOOPBACK: z
      .enum(["", "0", "1", "false", "true"], { error: "must be 1 (on) or 0 (off)" })
      .default("")
      .transform((value) => value === "1" || value === "true"),
    // Re-fetching approved CIMD documents (lib/cimd-drift): how often the sweep looks for due
    // clients (0 turns the schedule off; "Check now" and `portal cimd refresh` still work), and how
    // many documents it fetches at once.
    CIMD_REFRESH_TICK: z
      .string()
      .default("60s")
      .transform((value, ctx) => {
        const seconds = parseDuration(value);
        if (seconds === null || (seconds !== 0 && seconds < 5)) {
          ctx.addIssue({ code: "custom", message: "must be 0 (off) or a duration of at least 5s: 60, 30s, 5m" });
          return z.NEVER;
        }
        return seconds;
      }),
    CIMD_REFRESH_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
    // DNS servers for domain verification and the resolve check ("ip" or "ip:port", comma-separated);
    // empty: the system resolver. Tests point it at a local DNS server.
    DNS_SERVERS: z
      .string()
      .default("")
      .transform(splitList)
      .refine((servers) => servers.every(isDnsServer), {
        error: 'must be a comma-separated list of "ip" or "ip:port" ("[v6]:port" for IPv6)',
      }),
  })
  .refine((env) => !env.OIDC_ISSUER || (env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET), {
    message: "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set",
    path: ["OIDC_CLIENT_ID"],
  })
  .refine((env) => !env.AUTH_GITHUB_ID === !env.AUTH_GITHUB_SECRET, {
    message: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET go together",
    path: ["AUTH_GITHUB_SECRET"],
  })
  // A secret generated into one machine's data/ cannot be shared: with PostgreSQL, instances on
  // other machines would sign links and hash audit rows with secrets of their own.
  .refine((env) => !sharedDatabaseInProduction(env) || env.AUTH_SECRET, {
    message: "is required with PostgreSQL in production: every instance must use the same one",
    path: ["AUTH_SECRET"],
  })
  .refine((env) => !sharedDatabaseInProduction(env) || env.AUDIT_SECRET, {
    message: "is required with PostgreSQL in production: every instance must use the same one",
    path: ["AUDIT_SECRET"],
  })
  .refine((env) => !sharedDatabaseInProduction(env) || env.FEED_SIGNING_SECRET, {
    message: "is required with PostgreSQL in production: every instance must decrypt the same signing keys",
    path: ["FEED_SIGNING_SECRET"],
  });

/** Seconds in "3600", "90m", "12h" or "7d"; null when it is none of those. */
function parseDuration(value: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return null;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

function sharedDatabaseInProduction(env: { NODE_ENV: string; DATABASE_URL: string }): boolean {
  return env.NODE_ENV === "production" && !env.DATABASE_URL.startsWith("file:");
}

function isDnsServer(server: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
  const [address, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : server.includes(".")
      ? server.split(":")
      : [server];
  return isIP(address ?? "") !== 0 && (port === undefined || (Number(port) >= 1 && Number(port) <= 65535));
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A secret that was not set: generated once and kept in data/<name>, so that what it protects
 * (sessions, the audit chain) survives restarts. Created atomically — a hard link fails if the file
 * exists — so two processes starting at once (server and CLI, or workers) end up with one secret.
 */
function persistedSecret(name: string): string {
  const file = path.join(dataDir, name);
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file, "utf8").trim();
}

/** A setting that cannot be used: start-up prints the message, which names the setting, and stops. */
export class SettingsError extends Error {}

function parseEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0] ?? "settings")}: ${issue.message}`);
    throw new SettingsError(`Invalid settings:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return {
    ...env,
    APP_URL: appUrl,
    AUTH_SECRET: env.AUTH_SECRET ?? persistedSecret("auth-secret"),
    AUDIT_SECRET: env.AUDIT_SECRET ?? persistedSecret("audit-secret"),
    FEED_SIGNING_SECRET: env.FEED_SIGNING_SECRET ?? persistedSecret("feed-signing-secret"),
    FEED_AUDIENCE: env.FEED_AUDIENCE ?? appUrl,
    dataDir,
    databaseKind: env.DATABASE_URL.startsWith("file:") ? ("sqlite" as const) : ("postgres" as const),
    trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES).trusted,
    oidcEnabled: Boolean(env.OIDC_ISSUER),
    githubEnabled: Boolean(env.AUTH_GITHUB_ID),
  };
}

export const env = parseEnv();
export type Env = typeof env;
