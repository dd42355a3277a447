// npm run bench — the feed's throughput and latency, side by side with nginx serving the same
// bytes as a static file. Seeds 10,000 entries into a database of its own, starts the production
// server, and drives it with wrk at 16 connections. Needs wrk (and nginx for the comparison):
// apt-get install wrk nginx. Not a test: the figures depend on the machine.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildIfNeeded, root, serverArgs } from "./build-if-needed.mjs";

const PORT = 3200;
const NGINX_PORT = 3201;
const CONNECTIONS = 16;
const DURATION = process.env.BENCH_SECONDS ?? "10";
const dir = path.join(root, "data/bench");

function which(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).stdout.trim() || null;
}
const wrk = which("wrk");
if (!wrk) {
  console.error("wrk is needed: apt-get install wrk (and nginx for the comparison)");
  process.exit(2);
}
const nginx = which("nginx") ?? (existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null);

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// One server process per core, as nginx runs one worker per core.
const workers = process.env.PORTAL_WORKERS ?? String(os.availableParallelism());
const env = {
  ...process.env,
  PORTAL_WORKERS: workers,
  DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
  PORT: String(PORT),
  APP_URL: `http://localhost:${PORT}`,
  NODE_ENV: "production",
  SMTP_URL: "",
};
const portal = (...args) =>
  execFileSync(process.execPath, [path.join(root, "bin/portal.mjs"), ...args], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });

console.log("Seeding 10,000 entries…");
const entries = Array.from({ length: 10_000 }, (_, i) =>
  i % 10 === 0
    ? { uri: `http://127.0.0.1/client-${i}/callback` }
    : { uri: `https://app-${i}.example.com/oauth/callback`, client: { name: `Client ${i % 500}` } },
);
writeFileSync(path.join(dir, "seed.json"), JSON.stringify({ entries }));
portal("import", path.join(dir, "seed.json"));
const token = portal("token", "create", "--name", "bench", "--scopes", "allowlist:read,allowlist:validate").trim();

await buildIfNeeded();
const server = spawn(process.execPath, serverArgs, {
  cwd: root,
  env,
  stdio: "ignore",
});
const stopServer = () => server.kill("SIGTERM");
process.on("exit", stopServer);
for (let i = 0; i < 240; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 250));
}
const snapshot = await fetch(`http://127.0.0.1:${PORT}/api/v1/allowlist`, {
  headers: { authorization: `Bearer ${token}` },
});
const etag = snapshot.headers.get("etag");
const body = Buffer.from(await snapshot.arrayBuffer());
const gz = gzipSync(body, { level: 6 });
console.log(`Snapshot: ${body.length} bytes (${gz.length} gzipped), ETag ${etag}`);

function runWrk(name, url, headers = {}, luaBody = null) {
  const args = ["-t2", `-c${CONNECTIONS}`, `-d${DURATION}s`, "--latency"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  if (luaBody) {
    const script = path.join(dir, `${name.replace(/\W/g, "_")}.lua`);
    writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.body = ${JSON.stringify(luaBody)}\nwrk.headers["Content-Type"] = "application/json"\n`,
    );
    args.push("-s", script);
  }
  args.push(url);
  // Warm-up, then the measured run.
  spawnSync(wrk, ["-t1", "-c4", "-d2s", ...args.slice(4)], { encoding: "utf8" });
  const out = spawnSync(wrk, args, { encoding: "utf8" }).stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const latency = {};
  for (const m of out.matchAll(/\s+(\d+)%\s+([\d.]+)(us|ms|s)/g)) {
    const value = Number(m[2]) * (m[3] === "us" ? 0.001 : m[3] === "s" ? 1000 : 1);
    latency[m[1]] = value;
  }
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? "0";
  return { name, rps: Math.round(rps), p50: latency["50"], p99: latency["99"], non2xx: Number(non2xx) };
}

const base = `http://127.0.0.1:${PORT}/api/v1/allowlist`;
const auth = { Authorization: `Bearer ${token}` };
const validateBody = JSON.stringify({
  redirect_uris: [
    "https://app-1.example.com/oauth/callback",
    "http://127.0.0.1:51234/client-10/callback",
    "https://app-7.example.com/oauth/callback",
    "https://app-9.example.com/oauth/callback",
  ],
});
const results = [
  runWrk("portal: snapshot, gzip", base, { ...auth, "Accept-Encoding": "gzip" }),
  runWrk("portal: 304 Not Modified", base, { ...auth, "Accept-Encoding": "gzip", "If-None-Match": etag }),
  runWrk("portal: validate, 4 URIs", `${base}/validate`, auth, validateBody),
];

let nginxProcess = null;
if (nginx) {
  const root2 = path.join(dir, "nginx");
  mkdirSync(path.join(root2, "www"), { recursive: true });
  writeFileSync(path.join(root2, "www/allowlist.json"), body);
  writeFileSync(path.join(root2, "www/allowlist.json.gz"), gz);
  writeFileSync(
    path.join(root2, "nginx.conf"),
    `worker_processes ${os.cpus().length};\ndaemon off;\npid ${root2}/nginx.pid;\nerror_log ${root2}/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  types { application/json json; }\n  server {\n    listen 127.0.0.1:${NGINX_PORT};\n    root ${root2}/www;\n    gzip_static on;\n    etag on;\n  }\n}\n`,
  );
  nginxProcess = spawn(nginx, ["-c", path.join(root2, "nginx.conf"), "-p", root2], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 1000));
  // The ETag of the gzip variant, asked for the way the 304 run asks.
  const head = await fetch(`http://127.0.0.1:${NGINX_PORT}/allowlist.json`, { headers: { "accept-encoding": "gzip" } });
  const nginxEtag = head.headers.get("etag");
  results.push(
    runWrk("nginx: static file, gzip", `http://127.0.0.1:${NGINX_PORT}/allowlist.json`, { "Accept-Encoding": "gzip" }),
  );
  results.push(
    runWrk("nginx: 304 Not Modified", `http://127.0.0.1:${NGINX_PORT}/allowlist.json`, {
      "Accept-Encoding": "gzip",
      "If-None-Match": nginxEtag,
    }),
  );
  nginxProcess.kill("SIGTERM");
}
stopServer();

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `\nMachine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; portal with PORTAL_WORKERS=${workers}, nginx with ${os.cpus().length} workers; ${CONNECTIONS} connections, ${DURATION} s each, wrk (2 threads) on the same machine.\n`,
);
console.log("| scenario | requests/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|");
for (const r of results)
  console.log(
    `| ${r.name} | ${r.rps.toLocaleString("en")} | ${r.p50?.toFixed(2)} | ${r.p99?.toFixed(2)} | ${r.non2xx} |`,
  );
const byName = Object.fromEntries(results.map((r) => [r.name, r]));
if (nginx) {
  const ratio = (a, b) => (byName[a].rps / byName[b].rps).toFixed(2);
  console.log(
    `\nportal ÷ nginx: gzip snapshot ${ratio("portal: snapshot, gzip", "nginx: static file, gzip")}, 304 ${ratio("portal: 304 Not Modified", "nginx: 304 Not Modified")} (aim: ≥ 0.5)`,
  );
} else {
  console.log("\n(nginx not installed: apt-get install nginx for the side-by-side figures)");
}
process.exit(0);
