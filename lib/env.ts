// Every setting, parsed once. Nothing else reads process.env: a bad setting stops start-up with a
// message that names it.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

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
    PORTAL_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  })
  .refine((env) => !env.OIDC_ISSUER || (env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET), {
    message: "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set",
    path: ["OIDC_CLIENT_ID"],
  })
  .refine((env) => !env.AUTH_GITHUB_ID === !env.AUTH_GITHUB_SECRET, {
    message: "AUTH_GITHUB_ID and AUTH_GITHUB_SECRET go together",
    path: ["AUTH_GITHUB_SECRET"],
  });

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** AUTH_SECRET when unset: generated once and kept under data/, so sessions survive restarts. */
function persistedSecret(): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
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
    AUTH_SECRET: env.AUTH_SECRET ?? persistedSecret(),
    dataDir,
    databaseKind: env.DATABASE_URL.startsWith("file:") ? ("sqlite" as const) : ("postgres" as const),
    oidcEnabled: Boolean(env.OIDC_ISSUER),
    githubEnabled: Boolean(env.AUTH_GITHUB_ID),
  };
}

export const env = parseEnv();
export type Env = typeof env;
