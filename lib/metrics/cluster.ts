// With PORTAL_WORKERS > 1 a scrape reaches one worker, but the feed's counts must be every
// worker's. The scraped worker asks the primary; the primary asks each worker for its in-memory
// registry (as JSON), sums them with prom-client's AggregatorRegistry.aggregate and answers. Our
// own messages rather than prom-client's cluster protocol: lib/ is loaded twice in a worker
// (server/main.ts), and two copies of that protocol's listener would both answer the primary.
import cluster, { type Worker } from "node:cluster";
import { randomUUID } from "node:crypto";
import { AggregatorRegistry } from "prom-client";
import { metrics } from "./instruments";

/** One worker's registry as getMetricsAsJSON() gives it, sent over IPC. */
type Part = Awaited<ReturnType<typeof metrics.registry.getMetricsAsJSON>>;

type Message =
  | { type: "portal:metrics"; id: string }
  | { type: "portal:metrics-collect"; id: string }
  | { type: "portal:metrics-part"; id: string; part: Part }
  | { type: "portal:metrics-total"; id: string; text: string | null };

/** A worker that does not answer within this is left out (it may be starting or stopping). */
const COLLECT_TIMEOUT_MS = 2000;

/** In the primary: answers a worker's request with every worker's metrics, summed. */
export function serveClusterMetrics(): void {
  const pending = new Map<string, { parts: Part[]; expected: number; answer: () => void }>();
  cluster.on("message", (worker: Worker, message: Message) => {
    if (message?.type === "portal:metrics-part") {
      const request = pending.get(message.id);
      request?.parts.push(message.part);
      if (request && request.parts.length >= request.expected) request.answer();
      return;
    }
    if (message?.type !== "portal:metrics") return;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected());
    const parts: Part[] = [];
    const answer = () => {
      if (!pending.delete(message.id)) return;
      const text = parts.length === 0 ? Promise.resolve(null) : AggregatorRegistry.aggregate(parts).metrics();
      void text.then((total) => worker.send({ type: "portal:metrics-total", id: message.id, text: total }));
    };
    pending.set(message.id, { parts, expected: workers.length, answer });
    setTimeout(answer, COLLECT_TIMEOUT_MS).unref();
    for (const each of workers) each.send({ type: "portal:metrics-collect", id: message.id });
  });
}

const holder = globalThis as unknown as { portalMetricsListener?: boolean };

/** In a worker: answers the primary's collect requests with this process's registry (once per process). */
export function answerMetricsCollection(): void {
  if (!cluster.isWorker || holder.portalMetricsListener) return;
  holder.portalMetricsListener = true;
  process.on("message", (message: Message) => {
    if (message?.type !== "portal:metrics-collect") return;
    void metrics.registry
      .getMetricsAsJSON()
      .then((part) => process.send?.({ type: "portal:metrics-part", id: message.id, part }));
  });
}

/** In a worker: every worker's in-memory metrics as text, or null when the primary cannot say. */
export function clusterMetricsText(): Promise<string | null> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), COLLECT_TIMEOUT_MS * 2);
    function finish(text: string | null) {
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve(text);
    }
    function onMessage(message: Message) {
      if (message?.type === "portal:metrics-total" && message.id === id) finish(message.text);
    }
    process.on("message", onMessage);
    process.send?.({ type: "portal:metrics", id });
  });
}
