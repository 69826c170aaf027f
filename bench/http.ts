// `npm run bench:http`: HTTP throughput of the platform against a bare Fastify in the same
// run, start-up time to /ready, and resident memory (the targets: authenticated
// route ≥ 60 % of bare Fastify, /ready < 2 s on an existing embedded data directory, idle
// RSS < 200 MB).
//
// Every server is its own child process started with this same Node; autocannon runs here,
// so the load generator never shares the server's event loop. The runs are one after the
// other, never in parallel (the machine has two cores: one server, one load generator).
//
// Steps: a temporary embedded DATA_DIR is created and migrated/seeded by a first
// `tasman serve`; a merchant and a few API keys are created through the API the way a user
// would; the platform is restarted several times on that existing directory to time
// spawn → first 200 on /ready; the last start stays up for RSS at idle and the load runs.
//
// The bench measures the embedded default (PGlite) only: DATABASE_URL is removed from the
// children's environment, so a shell that exports one neither changes the figures nor
// writes benchmark rows into a shared database.
//
// Environment: BENCH_DURATION_S (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_S (2),
// BENCH_READY_RUNS (3), BENCH_IDLE_S (10: idle time before the idle RSS is read),
// BENCH_LOG_LEVEL (warn; `info` adds a log line per request),
// BENCH_SERVER_NODE_ARGS (extra Node flags for the platform, e.g. `--cpu-prof`).
// Progress goes to stderr; the last line on stdout is the JSON result.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  abortOnLimit,
  api,
  cpuSeconds,
  createMerchant,
  envInt,
  errorMessage,
  freePort,
  LOG_LEVEL,
  loadgenCpuPct,
  logger,
  machineFigures,
  ROOT,
  round1,
  SERVER_NODE_ARGS,
  sleep,
  start,
  stop,
  stopAll,
  TASMAN,
  until200,
} from './lib.ts';

const BARE = join(ROOT, 'bench', 'bare-fastify.ts');

const DURATION_S = envInt('BENCH_DURATION_S', 10);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 50);
const WARMUP_S = envInt('BENCH_WARMUP_S', 2);
const READY_RUNS = Math.max(1, envInt('BENCH_READY_RUNS', 3));
/** Idle time after /ready before the RSS counts as idle (BENCH_IDLE_S). */
const IDLE_MS = Math.max(2, envInt('BENCH_IDLE_S', 10)) * 1000;
const FRESH_START_TIMEOUT_MS = 120_000;
/** The whole bench is killed after this, whatever hangs. */
const HARD_LIMIT_MS = FRESH_START_TIMEOUT_MS + 30_000 + IDLE_MS + READY_RUNS * 20_000 + 3 * (DURATION_S + WARMUP_S + 10) * 1000;

const EXTRA_KEYS = 5;

const log = logger('http');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// --- child processes -----------------------------------------------------------------------

/** Starts `script` with this Node; the children run on the embedded database, never on a DATABASE_URL of the shell. */
function startScript(script: string, args: string[], env: Record<string, string>, label: string, nodeArgs: string[] = []): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  return start([...nodeArgs, script, ...args], childEnv, label);
}

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return round1(Number(m[1]) / 1024);
}

// --- the platform ----------------------------------------------------------------------------

interface Platform {
  child: ChildProcess;
  base: string;
  readyAfterMs: number;
}

async function startPlatform(dir: string, port: number, label: string, timeoutMs = 30_000): Promise<Platform> {
  const t0 = performance.now();
  const child = startScript(
    TASMAN,
    ['serve'],
    {
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL,
      RATE_LIMIT_PER_MINUTE: '10000000', // the highest the config accepts: measure the limiter, never trip it
      PLAN_RATE_LIMITS: 'false',
    },
    label,
    SERVER_NODE_ARGS,
  );
  const base = `http://127.0.0.1:${port}`;
  await until200(child, `${base}/ready`, timeoutMs);
  return { child, base, readyAfterMs: Math.round(performance.now() - t0) };
}

/** A merchant with several API keys, made through the API; returns one full-access key. */
async function createFixtures(base: string): Promise<string> {
  const owner = await createMerchant(base, 'Bench Honey');
  const key = await api(base, 'POST', '/v1/api-keys', { name: 'bench', mode: 'test' }, owner);
  for (let i = 0; i < EXTRA_KEYS; i++) await api(base, 'POST', '/v1/api-keys', { name: `bench ${i}`, mode: 'test' }, owner);
  return key.secret as string;
}

// --- load ------------------------------------------------------------------------------------

interface LoadFigures {
  per_s: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  /** Share of one core the server used: near 100 means the server was the bottleneck. */
  server_cpu_pct: number;
  /** Share of one core this process (autocannon) used: near 100 means the load generator was. */
  loadgen_cpu_pct: number;
  /** Server CPU time per request: steadier than requests/s when other processes share the machine. */
  server_cpu_us_per_req: number;
}

async function load(name: string, url: string, serverPid: number, headers: Record<string, string> = {}): Promise<LoadFigures> {
  if (WARMUP_S > 0) await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP_S });
  const server0 = cpuSeconds(serverPid);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  const wall = (performance.now() - t0) / 1000;
  const loadgenPct = loadgenCpuPct(self0, wall);
  const serverCpu = cpuSeconds(serverPid) - server0;
  const f = {
    per_s: Math.round(r.requests.average),
    p99_ms: r.latency.p99,
    non_2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    server_cpu_pct: Math.round((serverCpu / wall) * 100),
    loadgen_cpu_pct: loadgenPct,
    server_cpu_us_per_req: Math.round((serverCpu / Math.max(1, r.requests.total)) * 1e6),
  };
  log(
    `${name}: ${f.per_s} req/s, p99 ${f.p99_ms} ms, non-2xx ${f.non_2xx}, errors ${f.errors}; ` +
      `CPU of one core: server ${f.server_cpu_pct} %, load generator ${f.loadgen_cpu_pct} %; server ${f.server_cpu_us_per_req} µs per request`,
  );
  if (f.non_2xx > 0 || f.errors > 0 || r.requests.total === 0) {
    throw new Error(`${name}: ${f.non_2xx} non-2xx responses and ${f.errors} errors out of ${r.requests.total}; the bench is wrong`);
  }
  return f;
}

// --- the run ---------------------------------------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'tasman-bench-http-'));

async function main(): Promise<Record<string, unknown>> {
  try {
    const port = await freePort();
    log(`preparing ${dataDir} (migrate, seed, merchant and ${EXTRA_KEYS + 1} API keys)`);
    // A fresh directory runs initdb inside PGlite (WebAssembly): far slower than a restart.
    const first = await startPlatform(dataDir, port, 'tasman', FRESH_START_TIMEOUT_MS);
    const apiKey = await createFixtures(first.base);
    await stop(first.child);
    log(`fresh data dir ready after ${first.readyAfterMs} ms`);

    const readyRuns: number[] = [];
    let platform: Platform | undefined;
    for (let i = 0; i < READY_RUNS; i++) {
      platform = await startPlatform(dataDir, port, 'tasman');
      readyRuns.push(platform.readyAfterMs);
      log(`start ${i + 1}/${READY_RUNS} on the existing data dir: /ready after ${platform.readyAfterMs} ms`);
      if (i < READY_RUNS - 1) await stop(platform.child);
    }
    if (!platform?.child.pid) throw new Error('no platform running');
    const { child, base } = platform;
    const pid = child.pid as number;

    // Just after start V8 recompiles PGlite's hot WebAssembly functions with its optimising
    // tier in background threads: for a few seconds the RSS carries that compiler's memory
    // (hundreds of MB) and queries run on the baseline code. Idle is after that settles.
    const idleSamples: number[] = [];
    for (let waited = 0; waited < IDLE_MS; waited += 500) {
      await sleep(500);
      idleSamples.push(rssMb(pid));
    }
    const idleRss2s = idleSamples[3] ?? (idleSamples.at(-1) as number);
    const idleRss = idleSamples.at(-1) as number;
    const idlePeak = Math.max(...idleSamples);
    log(`RSS while idle, every 0.5 s: ${idleSamples.join(' ')} MB`);

    const authUrl = `${base}/v1/api-keys?limit=10`;
    const authHeaders = { authorization: `Bearer ${apiKey}` };
    const check = await api(base, 'GET', '/v1/api-keys?limit=10', undefined, apiKey);
    const rows = (check.data as unknown[]).length;
    if (rows < EXTRA_KEYS + 1) throw new Error(`the list route returned ${rows} rows, expected ${EXTRA_KEYS + 1}`);

    const barePort = await freePort();
    const bare = startScript(BARE, [], { PORT: String(barePort) }, 'bare');
    await until200(bare, `http://127.0.0.1:${barePort}/`);
    log(`load: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s each, one target at a time`);
    const bareFigures = await load('bare fastify GET /', `http://127.0.0.1:${barePort}/`, bare.pid as number);
    await stop(bare);

    const health = await load('tasman GET /health', `${base}/health`, pid);
    const auth = await load(`tasman GET /v1/api-keys?limit=10 (API key, ${rows} rows)`, authUrl, pid, authHeaders);
    const loadedRss = rssMb(pid);
    log(`RSS after load ${loadedRss} MB`);
    await stop(child);

    return {
      bench: 'http',
      database: 'pglite',
      connections: CONNECTIONS,
      duration_s: DURATION_S,
      warmup_s: WARMUP_S,
      log_level: LOG_LEVEL,
      bare_fastify_per_s: bareFigures.per_s,
      bare_fastify_p99_ms: bareFigures.p99_ms,
      bare_fastify_server_cpu_pct: bareFigures.server_cpu_pct,
      bare_fastify_loadgen_cpu_pct: bareFigures.loadgen_cpu_pct,
      bare_fastify_server_cpu_us_per_req: bareFigures.server_cpu_us_per_req,
      health_per_s: health.per_s,
      health_p99_ms: health.p99_ms,
      health_server_cpu_pct: health.server_cpu_pct,
      health_loadgen_cpu_pct: health.loadgen_cpu_pct,
      health_server_cpu_us_per_req: health.server_cpu_us_per_req,
      health_vs_bare_pct: round1((health.per_s / bareFigures.per_s) * 100),
      auth_route_per_s: auth.per_s,
      auth_route_p99_ms: auth.p99_ms,
      auth_route_server_cpu_pct: auth.server_cpu_pct,
      auth_route_loadgen_cpu_pct: auth.loadgen_cpu_pct,
      auth_route_server_cpu_us_per_req: auth.server_cpu_us_per_req,
      auth_route_rows: rows,
      auth_route_vs_bare_pct: round1((auth.per_s / bareFigures.per_s) * 100),
      non_2xx: bareFigures.non_2xx + health.non_2xx + auth.non_2xx,
      ready_after_ms: median(readyRuns),
      ready_after_ms_runs: readyRuns,
      fresh_ready_after_ms: first.readyAfterMs,
      idle_rss_mb: idleRss,
      idle_rss_after_2s_mb: idleRss2s,
      idle_rss_peak_mb: idlePeak,
      idle_s: IDLE_MS / 1000,
      rss_after_load_mb: loadedRss,
      ...machineFigures(round1),
    };
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const clearHardLimit = abortOnLimit(HARD_LIMIT_MS, log, { cleanup: () => rmSync(dataDir, { recursive: true, force: true }) });

try {
  const result = await main();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  log(`FAILED: ${errorMessage(err)}`);
  process.exitCode = 1;
} finally {
  clearHardLimit();
}
