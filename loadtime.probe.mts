import { db } from "@/lib/db";
import { syncPublishedList } from "@/lib/allowlist/list-sync";
await db.$queryRawUnsafe("select 1");
const t = performance.now();
const { list } = await syncPublishedList(db, null);
console.log("loaded", list.entries.size, Math.round(performance.now() - t), "ms");
