// npm run db:migrate -- <name> — author a migration for both databases from the schema.
// It diffs the existing migrations against the schema (no database needed for the target side)
// and writes prisma/{,postgres/}migrations/<timestamp>_<name>/migration.sql.
import { mkdirSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { migrationDirs, postgresSchema, prisma, sqliteSchema, writePostgresSchema } from "./prisma-tools.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migrate -- <name_in_snake_case>");
  process.exit(2);
}
writePostgresSchema();
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [target, schema] of [
  ["sqlite", sqliteSchema],
  ["postgres", postgresSchema],
]) {
  const dir = migrationDirs[target];
  const hasMigrations = existsSync(dir) && readdirSync(dir).some((d) => /^\d/.test(d));
  const from = hasMigrations ? ["--from-migrations", dir] : ["--from-empty"];
  const sql = prisma(target, ["migrate", "diff", ...from, "--to-schema", schema, "--script"], { capture: true });
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(`${target}: schema and migrations already agree`);
    continue;
  }
  const out = path.join(dir, `${stamp}_${name}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "migration.sql"), sql);
  writeFileSync(
    path.join(dir, "migration_lock.toml"),
    `provider = "${target === "postgres" ? "postgresql" : "sqlite"}"\n`,
  );
  console.log(`${target}: wrote ${path.relative(process.cwd(), out)}/migration.sql`);
}
