// npm run bench — the feed's throughput and latency, side by side with nginx serving the same
// bytes as a static file. Seeds --entries entries (default 10,000) with `portal import` (timed)
// into a database of its own, starts the production server with each --workers count (default
// "1,<cores>"), and drives it with wrk at 16 connections: snapshot, 304, validate, and "changes
// under load" — 16 connections polling with If-None-Match (each taking the new ETag when a 200
// brings one, as an authorization server does) while another process changes the list every
// second — then, with one process, --churn changes (default 1,000) under the same polling. It
// reports p50/p99/max and the server's RSS before and after. nginx runs with the same number of
// workers. Needs wrk (and nginx for the comparison): apt-get install wrk nginx. Not a test: the
// figures depend on the machine. Ports: --port (default 3550) and the next one for nginx.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { buildIfNeeded, root, serverArgs, serverEnv } from "./build-if-needed.mjs";

const { values: options } = parseArgs({
  options: {
    entries: { type: "string", default: "10000" },
    workers: { type: "string", default: `1,${os.availableParallelism()}` },
    seconds: { type: "string", default: process.env.BENCH_SECONDS ?? "10" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3550" },
    churn: { type: "string", default: "1000" },
    "churn-interval-ms": { type: "string", default: "100" },
  },
});
const ENTRIES = Number(options.entries);
const WORKER_COUNTS = options.workers.split(",").map(Number);
const SECONDS = Number(options.seconds);
const PORT = Number(options.port);
const NGINX_PORT = PORT + 1;
const CHURN = Number(options.churn);
const CONNECTIONS = 16;
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
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const baseEnv = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
  PORT: String(PORT),
  APP_URL: `http://localhost:${PORT}`,
  NODE_ENV: "production",
  SMTP_URL: "",
};
const portal = (...args) =>
  execFileSync(process.execPath, [path.join(root, "bin/portal.mjs"), ...args], {
    env: baseEnv,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });

console.log(`Seeding ${ENTRIES.toLocaleString("en")} entries…`);
const entries = Array.from({ length: ENTRIES }, (_, i) =>
  i % 10 === 0
    ? { uri: `http://127.0.0.1/client-${i}/callback` }
    : { uri: `https://app-${i}.example.com/oauth/callback`, client: { name: `Client ${i % 500}` } },
);
writeFileSync(path.join(dir, "seed.json"), JSON.stringify({ entries }));
portal("db", "migrate");
const importStarted = Date.now();
portal("import", path.join(dir, "seed.json"));
const importSeconds = (Date.now() - importStarted) / 1000;
console.log(`portal import: ${importSeconds.toFixed(1)} s (process start and migration check included)`);
const token = portal("token", "create", "--name", "bench", "--scopes", "allowlist:read,allowlist:validate").trim();
await buildIfNeeded();

/** RSS in MB of a process and its descendants (the cluster's primary and workers). */
function rssMb(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    for (const task of safeList(`/proc/${pids[i]}/task`)) {
      const children = safeRead(`/proc/${pids[i]}/task/${task}/children`).trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  }
  let kb = 0;
  for (const p of pids) kb += Number(/VmRSS:\s+(\d+)/.exec(safeRead(`/proc/${p}/status`))?.[1] ?? 0);
  return Math.round(kb / 1024);
}
function safeList(p) {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
}
function safeRead(p) {
  try {
    return readFileSync(p, "utf8");
  } catch {
    return "";
  }
}

function parseWrk(name, out) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const ms = (value, unit) => Number(value) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : unit === "m" ? 60000 : 1);
  const latency = {};
  for (const m of out.matchAll(/\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\b/g)) latency[m[1]] = ms(m[2], m[3]);
  const max = /Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: (.*)/.exec(out)?.[1] ?? "";
  return {
    name,
    rps: Math.round(rps),
    p50: latency["50"],
    p99: latency["99"],
    max: max ? ms(max[1], max[2]) : NaN,
    non2xx,
    errors,
  };
}

function wrkArgs(url, headers, script, seconds = SECONDS) {
  const args = ["-t2", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency"];
  for (const [k, v] of Object.entries(headers)) args.push("-H", `${k}: ${v}`);
  if (script) args.push("-s", script);
  args.push(url);
  return args;
}

function runWrk(name, url, headers = {}, script = null) {
  spawnSync(wrk, ["-t1", "-c4", "-d2s", ...wrkArgs(url, headers, script).slice(4)], { encoding: "utf8" }); // warm-up
  return parseWrk(name, spawnSync(wrk, wrkArgs(url, headers, script), { encoding: "utf8" }).stdout);
}

/** wrk in the background, so the list can change meanwhile. */
function runWrkAsync(name, url, headers, script, seconds) {
  const child = spawn(wrk, wrkArgs(url, headers, script, seconds), { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  const result = new Promise((resolve) => child.on("exit", () => resolve(parseWrk(name, out))));
  // SIGINT makes wrk stop early and print what it measured.
  return { result, stop: () => child.kill("SIGINT") };
}

function luaScript(name, text) {
  const file = path.join(dir, `${name}.lua`);
  writeFileSync(file, text);
  return file;
}
const validateScript = luaScript(
  "validate",
  `wrk.method = "POST"\nwrk.body = ${JSON.stringify(
    JSON.stringify({
      redirect_uris: [
        "https://app-1.example.com/oauth/callback",
        "http://127.0.0.1:51234/client-10/callback",
        "https://app-7.example.com/oauth/callback",
        "https://app-9.example.com/oauth/callback",
      ],
    }),
  )}\nwrk.headers["Content-Type"] = "application/json"\n`,
);
// A poller that keeps the ETag of the last 200 it got, as an authorization server does.
const pollerScript = luaScript(
  "poller",
  `local etag = nil
request = function()
  if etag then wrk.headers["If-None-Match"] = etag end
  return wrk.format("GET")
end
response = function(status, headers, body)
  local tag = headers["etag"] or headers["ETag"]
  if tag then etag = tag end
end
`,
);

function startChanger(intervalMs, count) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts/bench-changer.ts"), String(intervalMs), String(count)],
    { cwd: root, env: baseEnv, stdio: ["ignore", "pipe", "ignore"] },
  );
  const state = { changes: 0, child, done: new Promise((resolve) => child.on("exit", resolve)) };
  child.stdout.on("data", (chunk) => {
    const last = /changes (\d+)\s*$/.exec(String(chunk));
    if (last) state.changes = Number(last[1]);
  });
  return state;
}

const auth = { Authorization: `Bearer ${token}` };
const feedUrl = `http://127.0.0.1:${PORT}/api/v1/allowlist`;
const results = [];
const memory = [];
let snapshotBody = null;

for (const workers of WORKER_COUNTS) {
  const label = `portal ×${workers}`;
  const server = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: serverEnv({ ...baseEnv, PORTAL_WORKERS: String(workers) }),
    stdio: "ignore",
  });
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok) break;
    } catch {}
    await sleep(250);
  }
  // Every worker builds its list on its first poll: poll until each has answered.
  let etag = null;
  for (let i = 0; i < 8 * workers; i++) {
    const response = await fetch(feedUrl, { headers: { ...auth, "accept-encoding": "gzip" } });
    etag = response.headers.get("etag");
    const body = Buffer.from(await response.arrayBuffer());
    snapshotBody ??= body;
  }
  const rssStart = rssMb(server.pid);
  console.log(`${label}: snapshot ${snapshotBody.length} bytes, ETag ${etag}, RSS ${rssStart} MB`);
  results.push(runWrk(`${label}: snapshot, gzip`, feedUrl, { ...auth, "Accept-Encoding": "gzip" }));
  etag = (await fetch(feedUrl, { headers: auth })).headers.get("etag");
  results.push(
    runWrk(`${label}: 304, nothing changing`, feedUrl, { ...auth, "Accept-Encoding": "gzip", "If-None-Match": etag }),
  );
  results.push(runWrk(`${label}: validate, 4 URIs`, `${feedUrl}/validate`, auth, validateScript));

  const rssBefore = rssMb(server.pid);
  const changer = startChanger(1000, Infinity);
  const underLoad = await runWrkAsync(
    `${label}: 304 polls, list changing every second`,
    feedUrl,
    { ...auth, "Accept-Encoding": "gzip" },
    pollerScript,
    Math.max(SECONDS, 20),
  ).result;
  changer.child.kill("SIGTERM");
  await changer.done;
  results.push(underLoad);
  memory.push({
    label,
    phase: `${changer.changes} changes, 1 per second`,
    before: rssBefore,
    after: rssMb(server.pid),
  });

  if (workers === 1 && CHURN > 0) {
    const churnBefore = rssMb(server.pid);
    const churn = startChanger(Number(options["churn-interval-ms"]), CHURN);
    const polling = runWrkAsync(
      `${label}: polls during churn`,
      feedUrl,
      { ...auth, "Accept-Encoding": "gzip" },
      pollerScript,
      100_000,
    );
    await churn.done;
    await sleep(3000); // the last version published
    const after = rssMb(server.pid);
    polling.stop();
    results.push(await polling.result);
    memory.push({
      label,
      phase: `${churn.changes} changes, 1 per ${options["churn-interval-ms"]} ms`,
      before: churnBefore,
      after,
    });
  }
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
}

if (nginx) {
  const gz = gzipSync(snapshotBody, { level: 6 });
  for (const workers of WORKER_COUNTS) {
    const nginxDir = path.join(dir, `nginx-${workers}`);
    mkdirSync(path.join(nginxDir, "www"), { recursive: true });
    writeFileSync(path.join(nginxDir, "www/allowlist.json"), snapshotBody);
    writeFileSync(path.join(nginxDir, "www/allowlist.json.gz"), gz);
    writeFileSync(
      path.join(nginxDir, "nginx.conf"),
      `worker_processes ${workers};\ndaemon off;\npid ${nginxDir}/nginx.pid;\nerror_log ${nginxDir}/error.log;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  types { application/json json; }\n  server {\n    listen 127.0.0.1:${NGINX_PORT};\n    root ${nginxDir}/www;\n    gzip_static on;\n    etag on;\n  }\n}\n`,
    );
    const nginxProcess = spawn(nginx, ["-c", path.join(nginxDir, "nginx.conf"), "-p", nginxDir], { stdio: "ignore" });
    await sleep(1000);
    const url = `http://127.0.0.1:${NGINX_PORT}/allowlist.json`;
    const nginxEtag = (await fetch(url, { headers: { "accept-encoding": "gzip" } })).headers.get("etag");
    results.push(runWrk(`nginx ×${workers}: static file, gzip`, url, { "Accept-Encoding": "gzip" }));
    results.push(runWrk(`nginx ×${workers}: 304`, url, { "Accept-Encoding": "gzip", "If-None-Match": nginxEtag }));
    nginxProcess.kill("SIGTERM");
    await new Promise((resolve) => nginxProcess.on("exit", resolve));
  }
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(
  `\n${ENTRIES.toLocaleString("en")} entries (snapshot ${snapshotBody.length.toLocaleString("en")} bytes). Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average before the run ${os.loadavg()[0].toFixed(1)}; ${CONNECTIONS} connections, wrk (2 threads) on the same machine.`,
);
console.log(`portal import of ${ENTRIES.toLocaleString("en")} entries: ${importSeconds.toFixed(1)} s\n`);
console.log(
  "| scenario | requests/s | p50 ms | p99 ms | max ms | non-2xx/3xx | socket errors |\n|---|---:|---:|---:|---:|---:|---|",
);
for (const r of results)
  console.log(
    `| ${r.name} | ${r.rps.toLocaleString("en")} | ${r.p50?.toFixed(2)} | ${r.p99?.toFixed(2)} | ${r.max?.toFixed(2)} | ${r.non2xx} | ${r.errors} |`,
  );
console.log("\n| server | phase | RSS before MB | RSS after MB | change |\n|---|---|---:|---:|---:|");
for (const m of memory)
  console.log(
    `| ${m.label} | ${m.phase} | ${m.before} | ${m.after} | ${(((m.after - m.before) / m.before) * 100).toFixed(1)}% |`,
  );
const byName = Object.fromEntries(results.map((r) => [r.name, r]));
for (const workers of WORKER_COUNTS) {
  const portal304 = byName[`portal ×${workers}: 304, nothing changing`];
  const changing = byName[`portal ×${workers}: 304 polls, list changing every second`];
  const nginx304 = byName[`nginx ×${workers}: 304`];
  const line = [`×${workers}: throughput while changing ÷ steady ${(changing.rps / portal304.rps).toFixed(2)}`];
  if (nginx304) line.push(`304 portal ÷ nginx ${(portal304.rps / nginx304.rps).toFixed(2)}`);
  const gzipPortal = byName[`portal ×${workers}: snapshot, gzip`];
  const gzipNginx = byName[`nginx ×${workers}: static file, gzip`];
  if (gzipNginx) line.push(`gzip snapshot portal ÷ nginx ${(gzipPortal.rps / gzipNginx.rps).toFixed(2)}`);
  console.log(line.join("; "));
}
if (!nginx) console.log("\n(nginx not installed: apt-get install nginx for the side-by-side figures)");
process.exit(0);
