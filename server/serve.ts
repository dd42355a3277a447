import { createServer } from "node:http";
import next from "next";
import { expireLapsedEntries } from "@/lib/allowlist/expiry";
import { stampClientIp } from "@/lib/client-ip";
import { db } from "@/lib/db";
import { sweepDomains } from "@/lib/domains/sweep";
import { env } from "@/lib/env";
import { deliveries } from "@/lib/propagation/deliveries";
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
  }
  server.listen(env.PORT, () => {
    if (!process.env.PORTAL_WORKER_ID || process.env.PORTAL_WORKER_ID === "1") {
      console.log(`Listening on port ${env.PORT}, public address ${env.APP_URL}${dev ? " (development)" : ""}`);
    }
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // The last few seconds of recorded polls (lib/propagation) are written before leaving.
      const exit = () => void deliveries.flush().finally(() => process.exit(0));
      server.close(exit);
      setTimeout(exit, 3000).unref();
    });
  }
}
