import type { Env } from "@/lib/env";
import { migrateDatabase } from "@/lib/db/migrate";

export async function startUp(): Promise<void> {
  let env: Env;
  try {
    ({ env } = await import("@/lib/env"));
  } catch (error) {
    console.error(`\n${(error as Error).message}\nFix the setting(s) above (environment or .env) and start again.\n`);
    process.exit(1);
  }
  try {
    const applied = await migrateDatabase(env.DATABASE_URL);
    if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  } catch (error) {
    console.error(
      `\nCould not prepare the database (DATABASE_URL, ${env.databaseKind}): ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const lines = [
    "",
    `Allowlist Portal — ${env.databaseKind === "sqlite" ? `SQLite (${env.DATABASE_URL})` : "PostgreSQL"}`,
    `  Open ${env.APP_URL}`,
    `  First admin: sign in at ${env.APP_URL}/signin with ${env.ADMIN_EMAILS.join(" or ")} (ADMIN_EMAILS).`,
  ];
  if (!env.SMTP_URL) {
    lines.push(
      "  WARNING: no SMTP_URL is set — sign-in links and notifications are written to this log instead of sent.",
    );
    lines.push("           After you ask for a sign-in link, open the URL printed below under “[mail]”.");
  }
  if (env.CIMD_ALLOW_LOOPBACK) {
    lines.push(
      "  WARNING: CIMD_ALLOW_LOOPBACK is on — client ID metadata documents may be fetched from 127.0.0.1 and [::1].",
    );
    lines.push("           For tests and development only: turn it off anywhere else.");
  }
  if (env.oidcEnabled) lines.push(`  Staff single sign-on: ${env.OIDC_NAME} (${env.OIDC_ISSUER})`);
  console.log(`${lines.join("\n")}\n`);
}
