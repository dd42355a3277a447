// A separate writing process for lib/db/concurrency.test.ts: appends audit rows through lib/db,
// several at a time, and reports how many failed. DATABASE_URL comes from the test.
export {}; // a module, for top-level await

const [count = 50, parallel = 4] = process.argv.slice(2).map(Number);
const { db } = await import("@/lib/db");
const { recordAudit } = await import("@/lib/audit/record");

let next = 0;
const failures: string[] = [];
async function lane() {
  while (next < count) {
    const n = next++;
    try {
      await recordAudit(db, {
        actor: null,
        action: "test.concurrent",
        entityType: "test",
        entityId: `${process.pid}-${n}`,
      });
    } catch (error) {
      failures.push((error as { code?: string }).code ?? (error as Error).message.slice(0, 200));
    }
  }
}
await Promise.all(Array.from({ length: parallel }, lane));
await (await import("@/lib/audit/announce-head")).settleHeadAnnouncements();
await db.$disconnect();
// The last line: the heads the appends announced come before it.
process.stdout.write(`\n${JSON.stringify({ failures })}`);
