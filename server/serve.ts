import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { expireLapsedEntries } from "@/lib/allowlist/expiry";
import { stampClientIp } from "@/lib/client-ip";
import { refreshDueCimdClients } from "@/lib/cimd-drift/sweep";
import { db } from "@/lib/db";
import { sweepDomains } from "@/lib/domains/sweep";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { answerMetricsCollection } from "@/lib/metrics/cluster";
import { requestIdFrom } from "@/lib/log/request-id";
import { deliveries } from "@/lib/propagation/deliveries";
import { tryAnswerUsualPoll, tryHandleApiRequest } from "./api-fast-path";
import { securityHeaders } from "./security-headers";

/**
 * Pages, actions and the other routes get a request id (X-Request-Id, passed on to Next.js and
 * sent back) and one log line when answered. The feed's fast path is not logged per request —
 * thousands of polls a minute; its counts are in GET /api/metrics — only its errors are.
 * The path is logged without its query: a sign-in link's token travels there.
 */
function logRequest(req: IncomingMessage, res: ServerResponse): void {
  const reqId = requestIdFrom(req.headers["x-request-id"]);
  req.headers["x-request-id"] = reqId;
  res.setHeader("x-request-id", reqId);
  const started = performance.now();
  const path = (req.url ?? "/").split("?")[0];
  res.on("finish", () => {
    const ms = Math.round(performance.now() - started);
    const line = { reqId, method: req.method, path, status: res.statusCode, ms };
    if (res.statusCode >= 500) logger.error(line, "request failed");
    else logger.info(line, "request");
  });
}

export async function serve(dev: boolean): Promise<void> {
  // Next.js builds request URLs from this hostname: the public one, not the address we listen on.
  const app = next({ dev, dir: process.cwd(), hostname: new URL(env.APP_URL).hostname, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const pageHeaders = securityHeaders(dev);
  answerMetricsCollection();
  const server = createServer((req, res) => {
    // The usual poll first: its 304 reads neither the client's address nor anything else below.
    if (tryAnswerUsualPoll(req, res)) return;
    // Then, so that neither the rest of the fast path nor Next.js ever sees a client-supplied address header.
    stampClientIp(req, env.trustedProxies);
    let handled = false;
    try {
      handled = tryHandleApiRequest(req, res);
    } catch (error) {
      logger.error({ err: error, reqId: requestIdFrom(req.headers["x-request-id"]) }, "fast path failed");
    }
    if (handled || res.headersSent) return;
    for (const [name, value] of pageHeaders) res.setHeader(name, value);
    logRequest(req, res);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  // Lapsed entries leave the list even when no authorization server is polling (one worker sweeps).
  if (!process.env.PORTAL_WORKER_ID || process.env.PORTAL_WORKER_ID === "1") {
    setInterval(
      () => void expireLapsedEntries(db).catch((error: unknown) => logger.error({ err: error }, "expiry sweep failed")),
      60_000,
    ).unref();
    // Verified domains: expire stale claims, re-check due ones, suspend after a lapse's grace period.
    setInterval(
      () => void sweepDomains(db).catch((error: unknown) => logger.error({ err: error }, "domain sweep failed")),
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
      // The last few seconds of recorded polls (lib/propagation) are written before leaving.
      const exit = () => void deliveries.flush().finally(() => process.exit(0));
      server.close(exit);
      setTimeout(exit, 3000).unref();
    });
  }
}
