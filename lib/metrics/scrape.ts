// GET /api/metrics's body: the in-memory instruments (instruments.ts) plus what the database
// knows, read at scrape time so that every instance reports the same list, queue and lag.
import cluster from "node:cluster";
import { Gauge, Registry } from "prom-client";
import { currentListVersion } from "@/lib/allowlist/version";
import type { Db } from "@/lib/db";
import { listAuthorizationServers } from "@/lib/propagation/queries";
import { clusterMetricsText } from "./cluster";
import { metrics } from "./instruments";

/** Awaiting a reviewer: the queue an operator would alert on. */
const PENDING_STATUSES = ["submitted", "in_review"];

async function databaseRegistry(db: Db, now: number): Promise<Registry> {
  const [version, entries, pending, oldest, { servers }] = await Promise.all([
    currentListVersion(db),
    db.allowlistEntry.count({ where: { revokedAt: null, expiredAt: null, suspendedAt: null } }),
    db.request.count({ where: { status: { in: PENDING_STATUSES } } }),
    db.request.findFirst({
      where: { status: { in: PENDING_STATUSES } },
      orderBy: { submittedAt: "asc" },
      select: { submittedAt: true },
    }),
    listAuthorizationServers(db, now),
  ]);
  const registry = new Registry();
  const gauge = (name: string, help: string, value: number) =>
    new Gauge({ name, help, registers: [registry] }).set(value);
  gauge("allowlist_list_version", "The allowlist's current version.", version);
  gauge("allowlist_entries", "Entries on the allowlist (not revoked, expired or suspended).", entries);
  gauge("allowlist_pending_requests", "Requests awaiting a reviewer (submitted or in review).", pending);
  gauge(
    "allowlist_oldest_pending_request_age_seconds",
    "Age of the oldest request awaiting a reviewer; 0 when none.",
    oldest ? Math.round((now - oldest.submittedAt.getTime()) / 1000) : 0,
  );
  const labelNames = ["token_id", "token_name"] as const;
  const lag = new Gauge({
    name: "allowlist_token_lag_versions",
    help: "Versions between the list's and the one an allowlist:read token was last given (tokens that have polled).",
    labelNames,
    registers: [registry],
  });
  const age = new Gauge({
    name: "allowlist_token_last_poll_age_seconds",
    help: "Seconds since an allowlist:read token last polled the feed (tokens that have polled).",
    labelNames,
    registers: [registry],
  });
  for (const server of servers) {
    if (server.lastPollAt === null) continue;
    const labels = { token_id: server.id, token_name: server.name };
    lag.set(labels, server.behindBy ?? 0);
    age.set(labels, Math.round((now - server.lastPollAt.getTime()) / 1000));
  }
  return registry;
}

export async function scrapeMetrics(db: Db, now = Date.now()): Promise<{ contentType: string; body: string }> {
  const [inMemory, database] = await Promise.all([
    // One of several workers (PORTAL_WORKERS > 1): every worker's counts, summed by the primary.
    (cluster.isWorker ? clusterMetricsText() : Promise.resolve(null)).then(
      (text) => text ?? metrics.registry.metrics(),
    ),
    databaseRegistry(db, now).then((registry) => registry.metrics()),
  ]);
  return { contentType: metrics.registry.contentType, body: inMemory + database };
}
