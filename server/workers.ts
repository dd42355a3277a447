import cluster from "node:cluster";
import { serveClusterMetrics } from "@/lib/metrics/cluster";

/** Forks the workers, replaces one that dies, and stops them all on SIGINT/SIGTERM. */
export function forkWorkers(count: number): void {
  let stopping = false;
  const fork = (id: number) =>
    cluster.fork({ PORTAL_WORKER_ID: String(id) }).on("exit", (code) => {
      if (stopping) return;
      console.error(`[server] worker ${id} exited (${code}); starting a new one`);
      setTimeout(() => fork(id), 1000);
    });
  // GET /api/metrics in any worker reports every worker's feed counts.
  serveClusterMetrics();
  for (let id = 1; id <= count; id++) fork(id);
  console.log(`Serving with ${count} worker processes.`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 4000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
}
