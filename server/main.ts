// The portal's HTTP server: Next.js for pages and actions, with the authorization server's feed
// (/api/v1/allowlist…) answered straight from memory before Next.js's request pipeline — that
// pipeline alone costs more per request than the whole feed answer (see README, Performance).
import { createServer } from "node:http";
import nextEnv from "@next/env";
import next from "next";

// .env and .env.local, as Next.js reads them, before any setting is parsed.
nextEnv.loadEnvConfig(process.cwd(), process.argv.includes("--dev"));
const { startUp } = await import("@/lib/startup/start-up");

// Settings and migrations first, so no request ever meets an unmigrated database.
await startUp();
process.env.PORTAL_STARTED_BY_SERVER = "1";
const { env } = await import("@/lib/env");
const { tryHandleApiFastPath } = await import("./api-fast-path");

const dev = process.argv.includes("--dev");
// Next.js builds request URLs from this hostname: the public one, not the address we listen on.
const app = next({ dev, dir: process.cwd(), hostname: new URL(env.APP_URL).hostname, port: env.PORT });
const handle = app.getRequestHandler();

await app.prepare();

const server = createServer((req, res) => {
  tryHandleApiFastPath(req, res).then((handled) => {
    if (!handled) void handle(req, res);
  }, (error: unknown) => {
    console.error("[server] fast path failed", error);
    if (!res.headersSent) void handle(req, res);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(env.PORT, () => {
  console.log(`Listening on http://localhost:${env.PORT}${dev ? " (development)" : ""}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
