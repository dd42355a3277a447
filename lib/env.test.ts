// A bad setting stops start-up with a message that names it (before anything listens).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("settings", () => {
  it("refuses to start on bad values and names each one", () => {
    const result = start({
      PORT: "eighty",
      SMTP_URL: "http://mail.example",
      ADMIN_EMAILS: "not-an-email",
      TRUSTED_PROXIES: "loopback, proxy.internal",
      CIMD_REFRESH_TICK: "2s",
      CIMD_REFRESH_CONCURRENCY: "100",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'TRUSTED_PROXIES: not an IP address, CIDR range, "loopback" or "private": proxy.internal',
    );
    expect(result.stderr).toContain("PORT:");
    expect(result.stderr).toContain("SMTP_URL: must start with smtp:// or smtps://");
    expect(result.stderr).toContain("ADMIN_EMAILS:");
    expect(result.stderr).toContain("CIMD_REFRESH_TICK: must be 0 (off) or a duration of at least 5s");
    expect(result.stderr).toContain("CIMD_REFRESH_CONCURRENCY:");
  });

  it("asks for shared secrets when PostgreSQL serves several instances in production", () => {
    const result = start({ DATABASE_URL: "postgresql://portal@db.internal:5432/portal" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET: is required with PostgreSQL in production");
    expect(result.stderr).toContain("AUDIT_SECRET: is required with PostgreSQL in production");
    expect(result.stderr).toContain("FEED_SIGNING_SECRET: is required with PostgreSQL in production");
  });

  it("refuses a signature lifetime that is not a duration", () => {
    const result = start({ FEED_SIGNATURE_LIFETIME: "a week", DATABASE_URL: "file:/tmp/portal-env-test.db" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("FEED_SIGNATURE_LIFETIME: must be a duration");
  });

  it("asks for the OIDC client when an issuer is set", () => {
    const result = start({ OIDC_ISSUER: "https://idp.example.com", DATABASE_URL: "file:/tmp/portal-env-test.db" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "OIDC_CLIENT_ID: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set",
    );
  });

  it("refuses a DATABASE_URL that is neither SQLite nor PostgreSQL", () => {
    const result = start({ DATABASE_URL: "mysql://localhost/portal" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be file:<path> (SQLite) or postgresql://");
  });
});
