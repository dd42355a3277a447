// The portal's HTTP server: Next.js for pages and actions, with the authorization server's feed
// (/api/v1/allowlist…) answered straight from memory before Next.js's request pipeline — that
// pipeline alone costs more per request than the whole feed answer (see README, Performance).
// With PORTAL_WORKERS > 1 the primary process prepares the database and forks that many workers,
// which share the port (Node's cluster module).
//
// In production this file runs bundled to plain JavaScript (scripts/bundle-server.mjs); in
// development through tsx. Either way lib/ is loaded twice in each process: once here, once
// inside Next.js's own server bundle (pages, actions, route handlers). Module-level state is
// therefore split in two: an in-memory cache or event emitted on one side is not seen on the other.
// Such state must tolerate that (the feed re-checks the database's list version every second, the
// token cache every two) exactly as it tolerates other processes and instances.
import cluster from "node:cluster";
import nextEnv from "@next/env";

const dev = process.argv.includes("--dev");
// .env and .env.local, as Next.js reads them, before any setting is parsed.
nextEnv.loadEnvConfig(process.cwd(), dev);

if (cluster.isPrimary) {
  const { startUp } = await import("@/lib/startup/start-up");
  // Settings and migrations first, so no request ever meets an unmigrated database.
  await startUp();
  process.env.PORTAL_STARTED_BY_SERVER = "1";
  const { env } = await import("@/lib/env");
  const workers = dev ? 1 : env.PORTAL_WORKERS;
  if (workers > 1) {
    const { forkWorkers } = await import("./workers");
    forkWorkers(workers);
  } else {
    const { serve } = await import("./serve");
    await serve(dev);
  }
} else {
  const { serve } = await import("./serve");
  await serve(false);
}
