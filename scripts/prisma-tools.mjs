// Developer-time helpers around the Prisma CLI. The CLI needs a schema engine; on machines without
// internet, the offline engine in ../shared/tools/prisma-schema-engine stands in for it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const sqliteSchema = path.join(root, "prisma/schema.prisma");
export const postgresSchema = path.join(root, "prisma/postgres/schema.prisma");
export const migrationDirs = {
  sqlite: path.join(root, "prisma/migrations"),
  postgres: path.join(root, "prisma/postgres/migrations"),
};

/** Replaces exactly one match of `pattern`, or stops: a schema edit must never slip through unnoticed. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(
    new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`),
  );
  if (matches?.length !== 1) {
    throw new Error(
      `prisma/schema.prisma: expected one ${what}, found ${matches?.length ?? 0}; update derivePostgresSchema`,
    );
  }
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema is derived from the SQLite one: only the provider and output differ. */
export function derivePostgresSchema() {
  let derived = readFileSync(sqliteSchema, "utf8").replace(/^\/\/ The one model definition[\s\S]*?\n\n/m, "");
  derived = replaceOnce(derived, /^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"', "datasource provider");
  derived = replaceOnce(
    derived,
    /^(\s*output\s*=\s*)"\.\.\/generated\/sqlite"/m,
    '$1"../../generated/postgres"',
    "generator output",
  );
  return `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs — do not edit.\n\n${derived}`;
}

export function writePostgresSchema() {
  mkdirSync(path.dirname(postgresSchema), { recursive: true });
  writeFileSync(postgresSchema, derivePostgresSchema());
}

/** The database the CLI connects to for diffs: a scratch one of its own, never the app's. */
export const toolDatabaseUrls = {
  sqlite: `file:${path.join(root, "data/prisma-tools.db")}`,
  postgres: process.env.PRISMA_TOOLS_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/allowlist_portal_prisma_tools",
};

export function ensureToolDatabase(target) {
  mkdirSync(path.join(root, "data"), { recursive: true });
  if (target !== "postgres") return;
  const url = new URL(toolDatabaseUrls.postgres);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const exists = execFileSync("psql", [url.href, "-tAc", `SELECT 1 FROM pg_database WHERE datname = '${name}'`], {
    encoding: "utf8",
  });
  if (!exists.trim()) execFileSync("psql", [url.href, "-c", `CREATE DATABASE "${name}"`], { stdio: "ignore" });
}

export function prismaEnv(target) {
  const env = {
    ...process.env,
    PRISMA_TARGET: target,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    DATABASE_URL: toolDatabaseUrls[target],
  };
  const offline = path.resolve(root, "../shared/tools/prisma-schema-engine/bin/schema-engine");
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(offline)) env.PRISMA_SCHEMA_ENGINE_BINARY = offline;
  return env;
}

export function prisma(target, args, options = {}) {
  ensureToolDatabase(target);
  return execFileSync(path.join(root, "node_modules/.bin/prisma"), args, {
    cwd: root,
    env: prismaEnv(target),
    encoding: "utf8",
    stdio: options.capture ? ["ignore", "pipe", "inherit"] : "inherit",
  });
}
