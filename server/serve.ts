import { createServer } from "node:http";
import next from "next";
import { expireLapsedEntries } from "@/lib/allowlist/expiry";
import { stampClientIp } from "@/lib/client-ip";
import { refreshDueCimdClients } from "@/lib/cimd-drift/sweep";
import { db } from "@/lib/db";
import { sweepDomains } from "@/lib/domains/sweep";
import { env } from "@/lib/env";
import { tryHandleApiFastPath } from "./api-fast-path";
import { securityHeaders } from "./security-headers";

export async function serve(dev: boolean): Promise<void> {
  // Next.js builds request URLs from this hostname: the public one, not the address we listen on.
  const app = next({ dev, dir: process.cwd(), hostname: new URL(env.APP_URL).hostname, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const pageHeaders = securityHeaders(dev);
  const server = createServer((req, res) => {
    // First, so that neither the fast path nor Next.js ever sees a client-supplied address header.
    stampClientIp(req, env.trustedProxies);
    let handled = false;
    try {
      handled = tryHandleApiFastPath(req, res);
    } catch (error) {
      console.error("[server] fast path failed", error);
    }
    if (handled || res.headersSent) return;
    for (const [name, value] of pageHeaders) res.setHeader(name, value);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // Lapsed entries leave the list even when no authorization server is polling (one worker sweeps).
  if (!process.env.PORTAL_WORKER_ID || process.env.PORTAL_WORKER_ID === "1") {
    setInterval(
      () => void expireLapsedEntries(db).catch((error: unknown) => console.error("[expiry]", error)),
      60_000,
    ).unref();
    // Verified domains: expire stale claims, re-check due ones, suspend after a lapse's grace period.
    setInterval(
      () => void sweepDomains(db).catch((error: unknown) => console.error("[domains]", error)),
      300_000,
    ).unref();
    // Approved CIMD documents: re-fetch the due ones (the lease picks one instance among many;
    // `sweeping` keeps a slow sweep in this process from overlapping the next tick's).
    if (env.CIMD_REFRESH_TICK > 0) {
      let sweeping = false;
      setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        refreshDueCimdClients(db, { concurrency: env.CIMD_REFRESH_CONCURRENCY })
          .catch((error: unknown) => console.error("[cimd-drift]", error))
          .finally(() => (sweeping = false));
      }, env.CIMD_REFRESH_TICK * 1000).unref();
    }
  }
  server.listen(env.PORT, () => {
    if (!process.env.PORTAL_WORKER_ID || process.env.PORTAL_WORKER_ID === "1") {
      console.log(`Listening on port ${env.PORT}, public address ${env.APP_URL}${dev ? " (development)" : ""}`);
    }
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    });
  }
}
