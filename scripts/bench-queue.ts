// npm run bench:queue — the review queue's queries with 100,000 requests in the database:
// they must stay fast (indexes, keyset pagination, counts in the database, never loading everything).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

const dir = path.resolve("data/bench-queue");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL ??= `file:${path.join(dir, "queue.db")}`;

const { migrateDatabase } = await import("../lib/db/migrate");
await migrateDatabase(process.env.DATABASE_URL);
const { db } = await import("../lib/db");
const { listQueue, queueStats, statusCounts } = await import("../lib/review/queue");
const { queueFilterSchema } = await import("../lib/review/schema");
const { FINAL_STATUSES, REQUEST_STATUSES } = await import("../lib/requests/status");
const { CLIENT_TYPES } = await import("../lib/clients/schema");
const clientTypes = Object.keys(CLIENT_TYPES);

const TOTAL = 100_000;
console.log(`Seeding ${TOTAL.toLocaleString("en")} requests…`);
const started = Date.now();
const reviewer = await db.user.create({ data: { email: "reviewer@bench.test", role: "reviewer" } });
const owners = await db.user.createManyAndReturn({
  data: Array.from({ length: 1000 }, (_, i) => ({ email: `dev${i}@bench.test` })),
  select: { id: true },
});
const clients = await db.client.createManyAndReturn({
  data: owners.map((o, i) => ({
    ownerId: o.id,
    name: `Client ${i}`,
    vendor: "Bench",
    homepage: "https://bench.test",
    description: "Bench client",
    contactEmail: `dev${i}@bench.test`,
    clientType: clientTypes[i % clientTypes.length]!,
  })),
  select: { id: true, ownerId: true },
});
const flags = ["", "", "query_string", "localhost_not_ip", "scheme_not_reverse_dns"];
for (let start = 0; start < TOTAL; start += 2000) {
  const data = Array.from({ length: Math.min(2000, TOTAL - start) }, (_, k) => {
    const i = start + k;
    const client = clients[i % clients.length]!;
    const submittedAt = new Date(Date.now() - (TOTAL - i) * 60_000);
    const status = REQUEST_STATUSES[i % REQUEST_STATUSES.length]!;
    return {
      clientId: client.id,
      requesterId: client.ownerId,
      justification: "bench",
      status,
      flagCodes: flags[i % flags.length]!,
      assigneeId: i % 3 === 0 ? reviewer.id : null,
      submittedAt,
      createdAt: submittedAt,
      // As the app does: a decision or a withdrawal sets decidedAt.
      decidedAt: FINAL_STATUSES.includes(status) ? new Date(submittedAt.getTime() + 3600_000) : null,
    };
  });
  const rows = await db.request.createManyAndReturn({ data, select: { id: true } });
  await db.requestUri.createMany({
    data: rows.map((r, k) => ({
      requestId: r.id,
      position: 0,
      uri: `https://app-${start + k}.bench.test/callback`,
      kind: "exact",
    })),
  });
}
console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);

async function time(name: string, run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { query: name, medianMs: samples[3]!.toFixed(1), maxMs: samples[6]!.toFixed(1) };
}

const filter = (params: Record<string, string>) => queueFilterSchema.parse(params);
const firstPage = await listQueue(filter({}), reviewer.id);
let deep = firstPage.next;
for (let i = 0; i < 200 && deep; i++) deep = (await listQueue(filter({ after: deep }), reviewer.id)).next;
const results = [
  await time("queue, first page (waiting, oldest first)", () => listQueue(filter({}), reviewer.id)),
  await time("queue, page 200 (keyset cursor)", () => listQueue(filter({ after: deep ?? "" }), reviewer.id)),
  await time("queue, all statuses, flag filter", () =>
    listQueue(filter({ status: "all", flag: "query_string" }), reviewer.id),
  ),
  await time("queue, assigned to me", () => listQueue(filter({ assignee: "me" }), reviewer.id)),
  await time("queue, search by requester email", () => listQueue(filter({ status: "all", q: "dev42@" }), reviewer.id)),
  await time("queue, search by URI", () => listQueue(filter({ status: "all", q: "app-99999.bench" }), reviewer.id)),
  await time("counts per status", () => statusCounts()),
  await time("weekly chart and median time to decision", () => queueStats()),
];
console.table(results);
await db.$disconnect();
