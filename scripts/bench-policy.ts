// npm run bench:policy — compile time, memory and checks per second of the policy engine at 1k,
// 10k and 100k entries. Targets (issue 3): ≥ 1,000,000 checks/s on one core at 100k entries,
// compile of 100k entries under one second.
import { compileRules, matchRedirectUri, type AllowRule } from "../lib/redirect-uri/match";

/** Entries as they come out of the database: flat strings (see makeCandidates). */
function makeEntries(count: number): AllowRule[] {
  return JSON.parse(JSON.stringify(makeEntryList(count))) as AllowRule[];
}

function makeEntryList(count: number): AllowRule[] {
  const entries: AllowRule[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 10 === 0 ? "loopback" : i % 50 === 1 ? "path_prefix" : "exact";
    const uri =
      kind === "loopback"
        ? `http://127.0.0.1/client-${i}/callback`
        : kind === "path_prefix"
          ? `https://vendor-${i}.example.com/connector/oauth/`
          : `https://app-${i}.example.com/oauth/callback`;
    entries.push({ id: `e${i}`, kind, uri });
  }
  return entries;
}

/**
 * 200,000 distinct candidates, so that lookups miss the CPU caches as a busy server's would. The mix
 * follows what an authorization server sees: mostly registered exact URIs, loopback URIs on random
 * ports, a few path-prefix callbacks (prefix rules are rare: admin-approved only), and 10% that no
 * rule allows (case changes, trailing slashes).
 */
function makeCandidates(count: number, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = (i * 7919) % size;
    const bucket = i % 20;
    if (bucket < 14) out.push(`https://app-${n}.example.com/oauth/callback`);
    else if (bucket < 17) out.push(`http://127.0.0.1:${1024 + (i % 60000)}/client-${n - (n % 10)}/callback`);
    else if (bucket < 18) out.push(`https://vendor-${n - (n % 50) + 1}.example.com/connector/oauth/conn_${i}`);
    else out.push(`https://App-${n}.example.com/oauth/callback/`);
  }
  // Candidates reach the engine from a JSON request body: plain flat strings, as JSON.parse makes them
  // (string concatenation above makes rope strings that every lookup would first have to flatten).
  return JSON.parse(JSON.stringify(out)) as string[];
}

function bench(size: number) {
  const entries = makeEntries(size);
  global.gc?.();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const rules = compileRules(entries, [{ id: "b", host: "blocked.example.com" }]);
  const compileMs = performance.now() - t0;
  global.gc?.();
  global.gc?.();
  // What the compiled tables add on top of the entries themselves.
  const heapMb = Math.max(0, process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

  const candidates = makeCandidates(200_000, size);
  let allowed = 0;
  for (const c of candidates.slice(0, 20_000)) if (matchRedirectUri(c, rules).allowed) allowed++; // warm-up
  // The machine is shared and noisy: time several rounds and report the best one.
  const rounds = 7;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    allowed = 0;
    const t1 = performance.now();
    for (const c of candidates) if (matchRedirectUri(c, rules).allowed) allowed++;
    best = Math.min(best, (performance.now() - t1) / 1000);
  }
  const perSecond = candidates.length / best;
  return {
    entries: size,
    compileMs: compileMs.toFixed(1),
    memoryMb: heapMb.toFixed(1),
    checksPerSecond: Math.round(perSecond).toLocaleString("en"),
    allowedShare: (allowed / candidates.length).toFixed(2),
  };
}

const results = [1_000, 10_000, 100_000].map(bench);
console.table(results);
const big = results[2]!;
const rate = Number(big.checksPerSecond.replace(/,/g, ""));
console.log(
  `100k entries: compile ${big.compileMs} ms (target < 1000), ${big.checksPerSecond} checks/s (target ≥ 1,000,000) — ${Number(big.compileMs) < 1000 && rate >= 1_000_000 ? "targets met" : "TARGETS MISSED"}`,
);
