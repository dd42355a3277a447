// The benchmark's list changer (run by bench-feed.mjs, as another process on the same database,
// the way a reviewer's decision or another instance changes it): adds an entry every interval and,
// every other time, revokes one of those it added. Prints "changes N" after each change.
// Usage: DATABASE_URL=… node --import tsx scripts/bench-changer.ts <interval ms> <count>
import { addEntriesInTx, revokeEntry } from "@/lib/allowlist/entries";
import { db } from "@/lib/db";

const interval = Number(process.argv[2] ?? 1000);
const count = Number(process.argv[3] ?? Infinity);
const actor = { id: null, email: "bench@portal.test" };
const added: string[] = [];
let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

for (let n = 1; n <= count && !stopping; n++) {
  const started = Date.now();
  if (n % 2 === 0 && added.length > 0) await revokeEntry(db, added.shift()!, "benchmark churn", actor);
  else {
    const uri = `https://churn-${process.pid}-${n}.example.com/cb`;
    added.push(...(await db.$transaction((tx) => addEntriesInTx(tx, [{ kind: "exact", uri }], null))));
  }
  console.log(`changes ${n}`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, interval - (Date.now() - started))));
}
await db.$disconnect();
process.exit(0);
