// portal <command> — see USAGE. Exit codes: 0 done, 1 failed (or import refused entries), 2 usage.
import os from "node:os";
import nextEnv from "@next/env";
import { runCommand, UsageError } from "./commands";

export const USAGE = `Usage: portal <command>

  import <file.json|file.csv>                  add an existing allowlist as approved entries (idempotent);
                                               a JSON file's "clients" are fetched, pinned and approved
  export                                       print the current snapshot as JSON
  token create --name <name> --scopes <a,b>    create an API token and print it (once)
                                               scopes: allowlist:read, allowlist:validate
  token list                                   list API tokens
  token revoke <id>                            revoke an API token
  cimd check <client_id URL>                   fetch a client ID metadata document safely and show
                                               its fetch, document, redirect URI checks and errors
                                               (exit 1 when it could not be requested)
  cimd refresh [<client_id URL or id>|--all]   re-fetch approved CIMD clients now: the due ones,
                                               one client, or all (exit 1 when one is unreachable)
  user role <email> <developer|reviewer|admin> set a user's role (creates the user if needed)
  audit verify [--head <count>:<hash>]         check the audit log's hash chain; with --head, also
                                               that it still holds a head from the server log's
                                               "[audit] head … anchor=<count>:<hash>" lines
  domains sweep [--as-of <ISO time>]           run the verified-domain sweep now (expire, re-check,
                                               suspend); --as-of runs it as if at that time (rehearsals)
  keys rotate                                  sign the feed with the next key and make a new next key
  db migrate                                   apply pending migrations
  db backup <file>                             write a consistent backup (SQLite)

Uses DATABASE_URL (else the SQLite default, data/portal.db) and applies pending migrations first.`;

export async function main(argv: string[], invokedFrom: string): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd());
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
    if (argv.length === 0) {
      console.error(USAGE);
      return 2;
    }
    console.log(USAGE);
    return 0;
  }
  try {
    const heads = await import("@/lib/audit/announce-head");
    heads.sendHeadLinesTo((line) => console.error(line));
    const code = await runCommand(argv, { invokedFrom, actor: { id: null, email: `cli:${os.userInfo().username}` } });
    await heads.settleHeadAnnouncements();
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`portal: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`portal: ${(error as Error).message}`);
    return 1;
  } finally {
    const { db } = await import("@/lib/db");
    await db.$disconnect().catch(() => {});
  }
}
