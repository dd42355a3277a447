// npm run db:check — CI's freshness check: the derived PostgreSQL schema, both committed
// generated clients and both migration folders must match prisma/schema.prisma.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { derivePostgresSchema, migrationDirs, postgresSchema, prisma, root, sqliteSchema } from "./prisma-tools.mjs";

const problems = [];

if (readFileSync(postgresSchema, "utf8") !== derivePostgresSchema()) {
  problems.push("prisma/postgres/schema.prisma is stale: run npm run db:generate");
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "portal-prisma-check-"));
try {
  for (const [target, schema] of [
    ["sqlite", sqliteSchema],
    ["postgres", postgresSchema],
  ]) {
    const committed = path.join(root, "generated", target);
    // The same relative layout in a scratch folder, so the output path inlined in the client matches.
    const fresh = path.join(scratch, "generated", target);
    const copy = path.join(scratch, path.relative(root, schema));
    mkdirSync(path.dirname(copy), { recursive: true });
    copyFileSync(schema, copy);
    prisma(target, ["generate", "--schema", copy], { capture: true });
    try {
      execFileSync("diff", ["-r", committed, fresh], { stdio: "pipe" });
    } catch (error) {
      problems.push(`generated/${target} is stale: run npm run db:generate\n${error.stdout}`.slice(0, 2000));
    }
    try {
      prisma(
        target,
        ["migrate", "diff", "--from-migrations", migrationDirs[target], "--to-schema", schema, "--exit-code"],
        { capture: true },
      );
    } catch {
      problems.push(`${target} migrations do not match the schema: run npm run db:migrate -- <name>`);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("Prisma schema, generated clients and migrations are current (SQLite and PostgreSQL).");
