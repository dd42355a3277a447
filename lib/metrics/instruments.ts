// The portal's Prometheus metrics that are counted in memory, in one registry per process (on
// globalThis: the portal's server and Next.js's bundle load separate copies of lib/, and the feed
// is answered by both). What the database knows is read at scrape time (scrape.ts).
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { feedCounters } from "./feed-counters";

function createRegistry() {
  const registry = new Registry();
  // The process's own: CPU, memory, event-loop lag, handles (portal_process_…, portal_nodejs_…).
  collectDefaultMetrics({ register: registry, prefix: "portal_" });
  new Counter({
    name: "allowlist_feed_requests_total",
    help: "Feed answers by endpoint (feed: /api/v1/allowlist, signed: /api/v1/allowlist/signed) and HTTP status.",
    labelNames: ["endpoint", "status"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const endpoint of ["feed", "signed"] as const)
        for (const [status, count] of feedCounters[endpoint]) this.inc({ endpoint, status }, count);
    },
  });
  const snapshotBuild = new Histogram({
    name: "allowlist_snapshot_build_seconds",
    help: "Time to build a list version's snapshot bytes (JSON and gzip), in this process.",
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5],
    registers: [registry],
  });
  return { registry, snapshotBuild };
}

const holder = globalThis as unknown as { portalMetrics?: ReturnType<typeof createRegistry> };
export const metrics = (holder.portalMetrics ??= createRegistry());
