import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isRole } from "@/lib/auth/roles";
import { TOKEN_SCOPES, createTokenSchema } from "@/lib/tokens/schema";

export class UsageError extends Error {}

interface Context {
  invokedFrom: string;
  actor: { id: null; email: string };
}

async function prepare() {
  const { env } = await import("@/lib/env");
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const applied = await migrateDatabase(env.DATABASE_URL);
  if (applied.length) console.error(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const { db } = await import("@/lib/db");
  return { env, db, applied };
}

function expectArgs(args: string[], count: number, what: string) {
  if (args.length !== count)
    throw new UsageError(`${what} takes ${count === 1 ? "one argument" : `${count} arguments`}`);
}

export async function runCommand(argv: string[], context: Context): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "import": {
      expectArgs(rest, 1, "import");
      const file = path.resolve(context.invokedFrom, rest[0]!);
      const text = readFileSync(file, "utf8");
      const { parseImportFile, importEntries } = await import("@/lib/allowlist/import");
      const { parseImportClients } = await import("@/lib/allowlist/import-clients");
      const rows = parseImportFile(file, text);
      const clients = parseImportClients(file, text);
      const { db } = await prepare();
      const report = await importEntries(db, rows, context.actor, path.basename(file), { clients });
      console.log(
        `Imported ${report.imported.length} entr${report.imported.length === 1 ? "y" : "ies"}; ${report.alreadyPresent.length} already on the list; ${report.refused.length} refused.`,
      );
      for (const refused of report.refused) {
        console.log(`  line ${refused.line}: ${JSON.stringify(refused.uri)}\n    ${refused.reasons.join("\n    ")}`);
      }
      if (clients.length > 0) {
        const { imported, alreadyPresent, refused } = report.clients;
        console.log(
          `Imported ${imported.length} CIMD client${imported.length === 1 ? "" : "s"}; ${alreadyPresent.length} already on the list; ${refused.length} refused.`,
        );
        for (const client of refused) {
          console.log(
            `  client ${client.line}: ${JSON.stringify(client.clientId)}\n    ${client.reasons.join("\n    ")}`,
          );
        }
      }
      return report.refused.length > 0 || report.clients.refused.length > 0 ? 1 : 0;
    }
    case "export": {
      expectArgs(rest, 0, "export");
      const { db } = await prepare();
      const { expireLapsedEntries } = await import("@/lib/allowlist/expiry");
      const { buildSnapshot } = await import("@/lib/allowlist/snapshot");
      await expireLapsedEntries(db);
      process.stdout.write(`${JSON.stringify(await buildSnapshot(db), null, 2)}\n`);
      return 0;
    }
    case "token":
      return tokenCommand(rest, context);
    case "user": {
      if (rest[0] !== "role") throw new UsageError("unknown user command");
      expectArgs(rest.slice(1), 2, "user role");
      const [email, role] = [rest[1]!.trim().toLowerCase(), rest[2]!];
      if (!isRole(role)) throw new UsageError(`role must be developer, reviewer or admin, not ${JSON.stringify(role)}`);
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`${JSON.stringify(rest[1])} is not an email address`);
      const { db } = await prepare();
      const { setUserRole } = await import("@/lib/users/set-role");
      const result = await setUserRole(db, email, role, context.actor);
      console.log(
        `${email} is now ${role}${result.created ? " (new user)" : result.before === role ? " (unchanged)" : ` (was ${result.before})`}.`,
      );
      return 0;
    }
    case "cimd": {
      if (rest[0] === "refresh") {
        const { cimdRefresh, refreshArgsProblem } = await import("./cimd-refresh");
        const problem = refreshArgsProblem(rest.slice(1));
        if (problem) throw new UsageError(problem);
        const { db } = await prepare();
        return cimdRefresh(db, rest.slice(1));
      }
      // Needs no database: the same preview as the request form and POST /api/v1/cimd/preview.
      if (rest[0] !== "check") throw new UsageError("unknown cimd command");
      expectArgs(rest.slice(1), 1, "cimd check");
      const { formatCimdPreview, previewClientMetadata } = await import("@/lib/cimd/preview");
      const preview = await previewClientMetadata(rest[1]!);
      console.log(formatCimdPreview(preview));
      return preview.approvable ? 0 : 1;
    }
    case "domains":
      return domainsCommand(rest);
    case "audit":
      return auditCommand(rest);
    case "db":
      return dbCommand(rest, context);
    case "keys":
      return keysCommand(rest);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

async function tokenCommand(args: string[], context: Context): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "create") {
    let values;
    try {
      ({ values } = parseArgs({
        args: rest,
        options: { name: { type: "string" }, scopes: { type: "string" } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const parsed = createTokenSchema.safeParse({
      name: values.name ?? "",
      scopes: (values.scopes ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (!parsed.success)
      throw new UsageError(
        `token create needs --name and --scopes (${TOKEN_SCOPES.join(", ")}): ${parsed.error.issues[0]?.message}`,
      );
    const { db } = await prepare();
    const { createApiToken } = await import("@/lib/tokens/tokens");
    const created = await createApiToken(db, parsed.data, context.actor);
    // Only the token on stdout, so that TOKEN=$(npx portal token create …) works.
    process.stdout.write(`${created.token}\n`);
    console.error(`Created token ${created.id} (${created.name}; ${created.scopes}). It is shown only this once.`);
    return 0;
  }
  if (sub === "list") {
    expectArgs(rest, 0, "token list");
    const { db } = await prepare();
    const { listApiTokens } = await import("@/lib/tokens/tokens");
    const tokens = await listApiTokens(db);
    if (tokens.length === 0) console.log("No API tokens.");
    for (const t of tokens) {
      console.log(
        [
          t.id,
          t.name,
          t.prefix + "…",
          t.scopes,
          `created ${t.createdAt.toISOString()}`,
          t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : "never used",
          t.revokedAt ? `REVOKED ${t.revokedAt.toISOString()}` : "active",
        ].join("\t"),
      );
    }
    return 0;
  }
  if (sub === "revoke") {
    expectArgs(rest, 1, "token revoke");
    const { db } = await prepare();
    const { revokeApiToken } = await import("@/lib/tokens/tokens");
    if (!(await revokeApiToken(db, rest[0]!, context.actor))) {
      console.error(`portal: no active token with id ${rest[0]}`);
      return 1;
    }
    console.log(`Revoked token ${rest[0]}.`);
    return 0;
  }
  throw new UsageError("unknown token command");
}

async function dbCommand(args: string[], context: Context): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "migrate") {
    expectArgs(rest, 0, "db migrate");
    const { applied } = await prepare();
    console.log(applied.length ? `Applied ${applied.length} migration(s).` : "The database is up to date.");
    return 0;
  }
  if (sub === "backup") {
    expectArgs(rest, 1, "db backup");
    const { env } = await prepare();
    if (env.databaseKind !== "sqlite") {
      console.error(
        'portal: for PostgreSQL, use pg_dump (for example: pg_dump --format=custom "$DATABASE_URL" > portal.dump).',
      );
      return 1;
    }
    const { backupSqlite } = await import("@/lib/db/backup");
    const target = path.resolve(context.invokedFrom, rest[0]!);
    await backupSqlite(env.DATABASE_URL, target);
    console.log(`Backup written to ${target}.`);
    return 0;
  }
  throw new UsageError("unknown db command");
}

async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "verify") throw new UsageError("unknown audit command");
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { head: { type: "string" } }, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { parseHead, HEAD_FORMAT } = await import("@/lib/audit/head");
  const head = values.head === undefined ? undefined : parseHead(values.head);
  if (head === null)
    throw new UsageError(`--head takes ${HEAD_FORMAT}, as logged after "anchor=" in "[audit] head" lines`);
  const { db } = await prepare();
  const { verifyAuditLog } = await import("@/lib/audit/verify");
  const { rows, problems } = await verifyAuditLog(db, { head });
  if (problems.length === 0) {
    console.log(
      `Audit log intact: ${rows} row(s), hash chain verified${head ? `, and it still holds the anchored head (row ${head.count})` : ""}.`,
    );
    return 0;
  }
  console.log(`Audit log TAMPERED: ${problems.length} problem(s) in ${rows} row(s).`);
  for (const p of problems.slice(0, 50)) console.log(`  row ${p.id}: ${p.problem}`);
  return 1;
}

/** `portal keys rotate`: next → current, a new next; the old key stays published for one lifetime. */
async function keysCommand(args: string[]): Promise<number> {
  if (args[0] !== "rotate") throw new UsageError("unknown keys command");
  expectArgs(args.slice(1), 0, "keys rotate");
  const { env, db } = await prepare();
  const { deriveWrappingKey } = await import("@/lib/feed-signing/key-crypto");
  const { rotateKeys } = await import("@/lib/feed-signing/key-store");
  const { current, next } = await rotateKeys(db, deriveWrappingKey(env.FEED_SIGNING_SECRET), env.FEED_SIGNING_ALG);
  console.log(
    `The feed is now signed with key ${current}; the next key is ${next}. ` +
      `Running portals pick this up within a minute; the previous key stays published for ${env.FEED_SIGNATURE_LIFETIME} s.`,
  );
  return 0;
}

/** `domains sweep`: what the server does every five minutes, now, or as if at another time. */
async function domainsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "sweep") throw new UsageError("unknown domains command");
  let asOf: string | undefined;
  try {
    asOf = parseArgs({ args: rest, options: { "as-of": { type: "string" } }, strict: true }).values["as-of"];
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const now = asOf === undefined ? new Date() : new Date(asOf);
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`--as-of must be an ISO 8601 time, not ${JSON.stringify(asOf)}`);
  const { db } = await prepare();
  const { sweepDomains } = await import("@/lib/domains/sweep");
  const result = await sweepDomains(db, { now });
  console.log(
    `Expired ${result.expired} claim(s), re-checked ${result.checked}, suspended ${result.suspended} entr(ies).`,
  );
  return 0;
}
