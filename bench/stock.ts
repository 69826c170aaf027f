// `npm run bench:stock`: a flash sale on PostgreSQL. Many buyers race for the units of ONE
// variant through several server processes; the bench checks that exactly as many
// reservations win as there are units (no oversell, nothing left over) and measures how
// fast the hot variant sells out against the same load spread uniformly over many
// variants (the issue's target: hot-variant reservations/s ≥ half the uniform rate).
//
// Why both figures: a reservation of a hot variant contends on that variant's stock rows,
// a uniform one almost never does. The ratio says how much the hot-row contention costs;
// the buckets of a stock level (src/modules/inventory/service.ts, decisions.md §11) are
// what keeps it small. Both runs go through the same processes, the same connections and
// the same API key, one after the other, so only the contention differs.
//
// How: a fresh database `tasman_bench_stock_<random>` is created on the server of
// BENCH_DATABASE_URL and dropped at the end, also on failure. BENCH_PROCESSES
// `tasman serve` children (WORKER=false) share it; the first one migrates it, the others
// start once it is ready; the operator comes from the CLI (`tasman operator create`, as
// on any PostgreSQL install: the demo seed does not run there). The fixtures are made
// through the API the way a merchant would: a merchant, a full-access API key, a
// warehouse, one product with the hot variant (BENCH_HOT_UNITS units, its level raised to
// BENCH_BUCKETS buckets as before a flash sale) and products with BENCH_UNIFORM_VARIANTS
// variants (left at the default buckets, each stocked so that every uniform attempt wins).
// After a warm-up on the uniform variants, the HOT run sends BENCH_ATTEMPTS
// `POST /v1/reservations` of one unit of the hot variant, round-robin over the processes
// with BENCH_CONNECTIONS requests in flight (keep-alive sockets; the load generator runs
// in this process); 201 is a win, 409 insufficient_stock a loss, anything else an error.
// Then SQL on the bench database checks the buckets, the active reservations and the
// ledger, and the API must say `available: 0`. The UNIFORM run sends as many attempts,
// each on a uniformly chosen variant. While each run goes, pg_stat_activity is sampled:
// what the database sessions were waiting on says what limits the rate.
//
// hot_reservations_per_s = units ÷ seconds from the first request to the last unit won
// (the time to sell out); uniform_reservations_per_s = wins ÷ elapsed seconds.
//
// Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: the server
// and a database to connect to for CREATE DATABASE), BENCH_PROCESSES (2),
// BENCH_CONNECTIONS (64), BENCH_POOL_SIZE (20: DATABASE_POOL_SIZE of each process),
// BENCH_BUCKETS (32, at most 64), BENCH_HOT_UNITS (1000), BENCH_ATTEMPTS (10000, each run),
// BENCH_UNIFORM_VARIANTS (1000), BENCH_WARMUP (1000 attempts before the measured runs),
// BENCH_LOG_LEVEL (warn), BENCH_SERVER_NODE_ARGS (extra Node flags for the platform),
// BENCH_TIMEOUT_S (600: the whole bench is killed after this).
// Progress goes to stderr; the last line on stdout is the JSON result. The exit code is
// non-zero when PostgreSQL is not reachable, a step fails, or a correctness check fails
// (the JSON line is still printed then, with `ok: false` and the failures).
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import {
  api,
  benchDatabase,
  connect,
  cpuSeconds,
  createMerchant,
  DATABASE_URL,
  envInt,
  freePort,
  inParallel,
  LOG_LEVEL,
  loadgenCpuPct,
  logger,
  machineBusyBetween,
  machineFigures,
  machineTicks,
  OPERATOR,
  percentile,
  postgresCpu,
  postgresCpuBetween,
  round1,
  round2,
  runPgBench,
  runTasman,
  SERVER_NODE_ARGS,
  sampleActivity,
  shown,
  start,
  stopAll,
  TASMAN,
  until200,
} from './lib.ts';

const PROCESSES = envInt('BENCH_PROCESSES', 2, 1, 16);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 64, 1, 4096);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 20, 2, 200);
const BUCKETS = envInt('BENCH_BUCKETS', 32, 1, 64);
const HOT_UNITS = envInt('BENCH_HOT_UNITS', 1000, 1, 1_000_000);
const ATTEMPTS = envInt('BENCH_ATTEMPTS', 10_000, 1, 10_000_000);
const UNIFORM_VARIANTS = envInt('BENCH_UNIFORM_VARIANTS', 1000, 1, 100_000);
const WARMUP = envInt('BENCH_WARMUP', 1000, 0, 10_000_000);
/** The whole bench is killed after this, whatever hangs. */
const HARD_LIMIT_MS = envInt('BENCH_TIMEOUT_S', 600, 10) * 1000;

/** The API caps a product at 100 variants. */
const VARIANTS_PER_PRODUCT = 100;
/** Uniform variants get at least this many units (more when one is drawn more often). */
const MIN_UNIFORM_UNITS = 20;
const REQUEST_TIMEOUT_MS = 30_000;

const DB_NAME = `tasman_bench_stock_${randomBytes(5).toString('hex')}`;
const log = logger('stock');

const db = benchDatabase(DB_NAME, log);
const BENCH_URL = db.url;

// --- child processes -------------------------------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'tasman-bench-stock-'));
const TASMAN_SECRET = randomBytes(24).toString('hex');

/** The environment of every Tasman child: the bench database, no worker, no rate limit in the way. */
function tasmanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: BENCH_URL,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    DATA_DIR: dataDir,
    TASMAN_SECRET,
    WORKER: 'false',
    SEED_DEMO: 'false',
    HOST: '127.0.0.1',
    LOG_LEVEL,
    RATE_LIMIT_PER_MINUTE: '10000000', // the highest the config accepts: measure the platform, never the limiter
    PLAN_RATE_LIMITS: 'false',
    ...extra,
  };
}

/** Runs a CLI command to its end; fails with its output when it does not exit 0. */
async function cli(args: string[]): Promise<void> {
  const { code, signal, out } = await runTasman(args, tasmanEnv());
  if (code !== 0) throw new Error(`tasman ${args[0]} ${args[1] ?? ''} exited ${code ?? signal}: ${out}`);
}

interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  agent: http.Agent;
  readyAfterMs: number;
}

async function startServer(i: number): Promise<Server> {
  const port = await freePort();
  const t0 = performance.now();
  const child = start([...SERVER_NODE_ARGS, TASMAN, 'serve'], tasmanEnv({ PORT: String(port) }), `tasman ${i + 1}`);
  const base = `http://127.0.0.1:${port}`;
  await until200(child, `${base}/ready`, i === 0 ? 120_000 : 60_000);
  // Each process gets its share of the in-flight requests, each on its own kept-alive socket.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.ceil(CONNECTIONS / PROCESSES) });
  return { child, port, base, agent, readyAfterMs: Math.round(performance.now() - t0) };
}

// --- set-up through the API ------------------------------------------------------------------

interface Fixtures {
  apiKey: string;
  locationId: string;
  hotVariant: string;
  hotLevel: string;
  uniformVariants: string[];
}

async function createFixtures(servers: readonly Server[], uniformUnits: number): Promise<Fixtures> {
  const base = (servers[0] as Server).base;
  const owner = await createMerchant(base, 'Bench Flash Sale Honey');
  const key = await api(base, 'POST', '/v1/api-keys', { name: 'bench:stock', mode: 'test', scopes: ['*'] }, owner);
  const apiKey = key.secret as string;
  const location = await api(base, 'POST', '/v1/locations', { name: 'Bench Sydney DC', country: 'AU', city: 'Sydney' }, apiKey);

  const product = (name: string, skus: string[]) => ({
    brand: 'Bench Bees',
    category: 'honey',
    country_of_origin: 'AU',
    text: { en: { name, description: `${name}: raw Australian honey for the stock bench.` } },
    variants: skus.map((sku) => ({ sku, price: { amount: '1000', currency: 'AUD' } })),
  });
  const hot = await api(base, 'POST', '/v1/products', product('Flash Sale Honey 500g', ['BENCH-HOT-1']), apiKey);
  const hotVariant = hot.variants[0].id as string;

  const productCount = Math.ceil(UNIFORM_VARIANTS / VARIANTS_PER_PRODUCT);
  const uniformVariants: string[] = [];
  for (let p = 0; p < productCount; p++) {
    const n = Math.min(VARIANTS_PER_PRODUCT, UNIFORM_VARIANTS - p * VARIANTS_PER_PRODUCT);
    const skus = Array.from({ length: n }, (_, v) => `BENCH-U${p}-${v}`);
    const created = await api(base, 'POST', '/v1/products', product(`Everyday Honey ${p + 1}`, skus), apiKey);
    for (const v of created.variants) uniformVariants.push(v.id as string);
  }
  if (uniformVariants.length !== UNIFORM_VARIANTS)
    throw new Error(`made ${uniformVariants.length} uniform variants, wanted ${UNIFORM_VARIANTS}`);
  log(`created 1 hot variant and ${UNIFORM_VARIANTS} uniform variants in ${productCount} products`);

  const receipt = (variantId: string, quantity: number, server: Server) =>
    api(server.base, 'POST', '/v1/stock-movements', { kind: 'receipt', variant_id: variantId, location_id: location.id, quantity }, apiKey);
  const hotReceipt = await receipt(hotVariant, HOT_UNITS, servers[0] as Server);
  const hotLevel = hotReceipt.stock_level.id as string;
  await inParallel(uniformVariants, 16, async (v, i) => {
    await receipt(v, uniformUnits, servers[i % servers.length] as Server);
  });
  log(`received ${HOT_UNITS} units of the hot variant and ${uniformUnits} of each uniform variant`);

  // What a merchant does before a flash sale: spread the units over more rows.
  const level = await api(base, 'POST', `/v1/stock-levels/${hotLevel}`, { buckets: BUCKETS }, apiKey);
  if (level.buckets !== BUCKETS || level.available !== HOT_UNITS) {
    throw new Error(`hot level after raising its buckets: ${JSON.stringify(level)}`);
  }
  log(`hot stock level ${hotLevel}: ${level.available} units over ${level.buckets} buckets`);
  return { apiKey, locationId: location.id as string, hotVariant, hotLevel, uniformVariants };
}

// --- measuring -------------------------------------------------------------------------------

/** CPU seconds of a process, 0 when it is gone. */
function cpuSecondsOr0(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0; // gone meanwhile
  }
}

/** Where the time went in one stretch of a run. */
interface Usage {
  seconds: number;
  /** Share of one core the server processes used together. */
  server_cpu_pct: number;
  /** Share of one core the local PostgreSQL processes used together. */
  postgres_cpu_pct: number;
  /** Share of one core this process (the load generator) used. */
  loadgen_cpu_pct: number;
  /** How busy the whole machine was, in % of all its cores (other processes included). */
  machine_busy_pct: number;
  /** Mean number of database sessions per state (empty when not sampled). */
  db_sessions: Record<string, number>;
}

/** CPU and database-session figures of the stretches of a run, cut where the caller says. */
function meter(pids: readonly number[], sampler?: pg.Client): { cut: () => Usage; stop: () => Promise<void> } {
  const activity = sampler ? sampleActivity(sampler) : undefined;
  const snap = () => ({
    t: performance.now(),
    server: pids.reduce((s, pid) => s + cpuSecondsOr0(pid), 0),
    pg: postgresCpu(),
    machine: machineTicks(),
    self: process.cpuUsage(),
  });
  let from = snap();
  return {
    cut: () => {
      const to = snap();
      const wall = Math.max(1e-3, (to.t - from.t) / 1000);
      const pgCpu = postgresCpuBetween(from.pg, to.pg);
      const loadgenPct = loadgenCpuPct(from.self, wall);
      const u: Usage = {
        seconds: round2(wall),
        server_cpu_pct: Math.round(((to.server - from.server) / wall) * 100),
        postgres_cpu_pct: Math.round((pgCpu / wall) * 100),
        loadgen_cpu_pct: loadgenPct,
        machine_busy_pct: Math.round(machineBusyBetween(from.machine, to.machine) * 100),
        db_sessions: activity?.cut() ?? {},
      };
      from = to;
      return u;
    },
    stop: async () => activity?.stop(),
  };
}

const describe = (u: Usage) =>
  `CPU (% of one core): servers ${u.server_cpu_pct}, PostgreSQL ${u.postgres_cpu_pct}, load generator ${u.loadgen_cpu_pct}; ` +
  `machine ${u.machine_busy_pct} % busy${Object.keys(u.db_sessions).length ? `; database sessions by state (mean): ${JSON.stringify(u.db_sessions)}` : ''}`;

function post(server: Server, path: string, body: string, token: string): Promise<{ status: number; text: string }> {
  return new Promise((res, rej) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path,
        agent: server.agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => res({ status: r.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        r.on('error', rej);
      },
    );
    req.on('error', rej);
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.end(body);
  });
}

/** Both stretches together: CPU shares and session means weighted by their seconds. */
function combine(a: Usage, b: Usage): Usage {
  const t = Math.max(1e-3, a.seconds + b.seconds);
  const w = (x: number, y: number) => Math.round((x * a.seconds + y * b.seconds) / t);
  const db_sessions: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.db_sessions), ...Object.keys(b.db_sessions)])) {
    db_sessions[k] = round1(((a.db_sessions[k] ?? 0) * a.seconds + (b.db_sessions[k] ?? 0) * b.seconds) / t);
  }
  return {
    seconds: round2(a.seconds + b.seconds),
    server_cpu_pct: w(a.server_cpu_pct, b.server_cpu_pct),
    postgres_cpu_pct: w(a.postgres_cpu_pct, b.postgres_cpu_pct),
    loadgen_cpu_pct: w(a.loadgen_cpu_pct, b.loadgen_cpu_pct),
    machine_busy_pct: w(a.machine_busy_pct, b.machine_busy_pct),
    db_sessions: Object.fromEntries(Object.entries(db_sessions).sort((x, y) => y[1] - x[1])),
  };
}

interface RaceFigures extends Omit<Usage, 'seconds'> {
  attempts: number;
  won: number;
  lost: number;
  errors: number;
  statuses: Record<string, number>;
  error_samples: string[];
  elapsed_s: number;
  /** Seconds from the first request to each win, in order. */
  winTimes: number[];
  /** Latency of every attempt. */
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  /** Latency of the winning attempts only. */
  win_p50_ms: number;
  win_p95_ms: number;
  /** With `cutAtWin`: the run until that win, and after it. */
  phases?: { until: Usage; after: Usage };
}

/**
 * `attempts` POST /v1/reservations, `bodyFor(i)` the i-th body, round-robin over the
 * servers with CONNECTIONS in flight. Counts 201 as won, 409 insufficient_stock as lost.
 * With `cutAtWin`, the CPU and session figures are also given for the stretch until that
 * many wins (the hot variant selling out) and the stretch after.
 */
async function race(
  name: string,
  servers: readonly Server[],
  token: string,
  attempts: number,
  bodyFor: (i: number) => string,
  opts: { sampler?: pg.Client | undefined; cutAtWin?: number | undefined } = {},
): Promise<RaceFigures> {
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  const latencies = new Float64Array(attempts);
  const winLatencies: number[] = [];
  const winTimes: number[] = [];
  let won = 0;
  let lost = 0;
  let errors = 0;
  let next = 0;
  const m = meter(
    servers.map((s) => s.child.pid as number),
    opts.sampler,
  );
  let until: Usage | undefined;
  const t0 = performance.now();
  const lane = async () => {
    for (let i = next++; i < attempts; i = next++) {
      const server = servers[i % servers.length] as Server;
      const sent = performance.now();
      let outcome: string;
      try {
        const r = await post(server, '/v1/reservations', bodyFor(i), token);
        const done = performance.now();
        latencies[i] = done - sent;
        if (r.status === 201) {
          won++;
          winTimes.push((done - t0) / 1000);
          winLatencies.push(done - sent);
          if (won === opts.cutAtWin) until = m.cut();
          outcome = '201';
        } else {
          let code = '';
          try {
            code = JSON.parse(r.text)?.error?.code ?? '';
          } catch {
            // not JSON
          }
          outcome = `${r.status}${code ? ` ${code}` : ''}`;
          if (r.status === 409 && code === 'insufficient_stock') lost++;
          else {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(`${r.status} ${r.text.slice(0, 300)}`);
          }
        }
      } catch (err) {
        latencies[i] = performance.now() - sent;
        errors++;
        outcome = 'network error';
        if (errorSamples.length < 5) errorSamples.push(err instanceof Error ? err.message : String(err));
      }
      statuses[outcome] = (statuses[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECTIONS, attempts) }, lane));
  const wall = (performance.now() - t0) / 1000;
  const last = m.cut();
  await m.stop();
  const { seconds: _s, ...usage } = until ? combine(until, last) : last;
  latencies.sort();
  const wins = Float64Array.from(winLatencies).sort();
  const f: RaceFigures = {
    attempts,
    won,
    lost,
    errors,
    statuses,
    error_samples: errorSamples,
    elapsed_s: round2(wall),
    winTimes,
    p50_ms: percentile(latencies, 50, round1),
    p95_ms: percentile(latencies, 95, round1),
    p99_ms: percentile(latencies, 99, round1),
    win_p50_ms: percentile(wins, 50, round1),
    win_p95_ms: percentile(wins, 95, round1),
    ...usage,
    ...(until ? { phases: { until, after: last } } : {}),
  };
  log(
    `${name}: ${attempts} attempts in ${f.elapsed_s} s (${Math.round(attempts / wall)}/s): won ${won}, lost ${lost}, errors ${errors}; ` +
      `latency p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms (wins: p50 ${f.win_p50_ms} ms, p95 ${f.win_p95_ms} ms)`,
  );
  if (f.phases) {
    log(`${name}: until win ${opts.cutAtWin} (${f.phases.until.seconds} s): ${describe(f.phases.until)}`);
    log(`${name}: after it (${f.phases.after.seconds} s): ${describe(f.phases.after)}`);
  } else log(`${name}: ${describe(last)}`);
  if (errorSamples.length) log(`${name}: first errors: ${errorSamples.join(' | ')}`);
  return f;
}

// --- the run ---------------------------------------------------------------------------------

interface HotCheck {
  buckets: number;
  on_hand: number;
  reserved: number;
  available: number;
  negative_buckets: number;
  buckets_used: number;
  active_reservations: number;
  active_units: number;
  ledger_on_hand: number;
  ledger_reserved: number;
}

async function checkHot(db: pg.Client, f: Fixtures): Promise<HotCheck> {
  const b = await db.query<{ buckets: number; on_hand: number; reserved: number; available: number; negative: number }>(
    `SELECT count(*)::int AS buckets, coalesce(sum(on_hand), 0)::int AS on_hand, coalesce(sum(reserved), 0)::int AS reserved,
            coalesce(sum(on_hand - reserved), 0)::int AS available, count(*) FILTER (WHERE reserved > on_hand)::int AS negative
     FROM stock_buckets WHERE level_id = $1`,
    [f.hotLevel],
  );
  const r = await db.query<{ n: number; units: number; used: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(quantity), 0)::int AS units,
            (SELECT count(DISTINCT t->>'bucket')::int FROM stock_reservations s, jsonb_array_elements(s.takes) t
             WHERE s.variant_id = $1 AND s.status = 'active') AS used
     FROM stock_reservations WHERE variant_id = $1 AND status = 'active'`,
    [f.hotVariant],
  );
  const m = await db.query<{ on_hand: number; reserved: number }>(
    `SELECT coalesce(sum(on_hand_delta), 0)::int AS on_hand, coalesce(sum(reserved_delta), 0)::int AS reserved
     FROM stock_movements WHERE level_id = $1`,
    [f.hotLevel],
  );
  const bb = b.rows[0];
  const rr = r.rows[0];
  const mm = m.rows[0];
  if (!bb || !rr || !mm) throw new Error('the verification queries returned no row');
  return {
    buckets: bb.buckets,
    on_hand: bb.on_hand,
    reserved: bb.reserved,
    available: bb.available,
    negative_buckets: bb.negative,
    buckets_used: rr.used,
    active_reservations: rr.n,
    active_units: rr.units,
    ledger_on_hand: mm.on_hand,
    ledger_reserved: mm.reserved,
  };
}

async function main(): Promise<{ result: Record<string, unknown>; failures: string[] }> {
  const servers: Server[] = [];
  let benchDb: pg.Client | undefined;
  let sampler: pg.Client | undefined;
  try {
    const version = (await db.create(['server_version'])).server_version ?? '?';
    log(`created database ${DB_NAME} on ${shown(DATABASE_URL)} (PostgreSQL ${version})`);

    // The first process migrates the empty database (under the CLI's advisory lock); the
    // others start on a migrated one.
    for (let i = 0; i < PROCESSES; i++) {
      const s = await startServer(i);
      servers.push(s);
      log(`tasman ${i + 1} ready on ${s.base} after ${s.readyAfterMs} ms (pool ${POOL_SIZE})`);
      if (i === 0) {
        await cli([
          'operator',
          'create',
          '--email',
          OPERATOR.email,
          '--name',
          'Bench Operator',
          '--role',
          'admin',
          '--password',
          OPERATOR.password,
        ]);
      }
    }

    // The variant each warm-up and uniform attempt goes to is drawn now, so every uniform
    // variant can be stocked for all the attempts it will get: none of them may lose.
    const draw = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * UNIFORM_VARIANTS));
    const warmupPicks = draw(WARMUP);
    const uniformPicks = draw(ATTEMPTS);
    const perVariant = new Array<number>(UNIFORM_VARIANTS).fill(0);
    for (const v of [...warmupPicks, ...uniformPicks]) perVariant[v] = (perVariant[v] ?? 0) + 1;
    const uniformUnits = Math.max(MIN_UNIFORM_UNITS, ...perVariant);

    const f = await createFixtures(servers, uniformUnits);
    benchDb = await connect(BENCH_URL);
    sampler = await connect(BENCH_URL);

    const body = (variantId: string) => JSON.stringify({ variant_id: variantId, location_id: f.locationId, quantity: 1 });
    const uniformBodies = uniformPicks.map((v) => body(f.uniformVariants[v] as string));
    const hotBody = body(f.hotVariant);
    log(`load: ${CONNECTIONS} requests in flight over ${PROCESSES} processes; ${WARMUP} warm-up attempts, then ${ATTEMPTS} per run`);
    let warmup: RaceFigures | undefined;
    if (WARMUP > 0) {
      const warmupBodies = warmupPicks.map((v) => body(f.uniformVariants[v] as string));
      warmup = await race('warm-up (uniform variants)', servers, f.apiKey, WARMUP, (i) => warmupBodies[i] as string);
    }

    const hot = await race(`HOT: 1 variant, ${HOT_UNITS} units, ${BUCKETS} buckets`, servers, f.apiKey, ATTEMPTS, () => hotBody, {
      sampler,
      cutAtWin: HOT_UNITS,
    });
    const soldOutAt = hot.winTimes[Math.min(hot.won, HOT_UNITS) - 1] ?? hot.elapsed_s;
    const hotRate = Math.min(hot.won, HOT_UNITS) / soldOutAt;
    const check = await checkHot(benchDb, f);
    const levelApi = await api((servers[0] as Server).base, 'GET', `/v1/stock-levels/${f.hotLevel}`, undefined, f.apiKey);
    log(
      `HOT: sold out after ${round2(soldOutAt)} s: ${Math.round(hotRate)} reservations/s; database: ${check.active_reservations} active reservations, ` +
        `available ${check.available} over ${check.buckets} buckets (${check.buckets_used} used), ${check.negative_buckets} negative; API says available ${levelApi.available}`,
    );

    const uniform = await race(
      `UNIFORM: ${UNIFORM_VARIANTS} variants, ${uniformUnits} units each`,
      servers,
      f.apiKey,
      ATTEMPTS,
      (i) => uniformBodies[i] as string,
      { sampler },
    );
    const uniformRate = uniform.won / uniform.elapsed_s;
    const uniformActive = await benchDb.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stock_reservations WHERE variant_id <> $1 AND status = 'active'`,
      [f.hotVariant],
    );
    const ratio = hotRate / uniformRate;
    log(
      `UNIFORM: ${Math.round(uniformRate)} reservations/s. Hot ÷ uniform = ${round2(ratio)} (target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
    );

    const oversold = Math.max(0, hot.won - HOT_UNITS) + Math.max(0, -check.available) + check.negative_buckets;
    const failures: string[] = [];
    if (hot.won !== HOT_UNITS) failures.push(`hot run: ${hot.won} reservations won, expected exactly ${HOT_UNITS}`);
    if (oversold > 0) failures.push(`oversold by ${oversold}`);
    if (check.available !== 0) failures.push(`hot level: ${check.available} units available after the run, expected 0`);
    if (check.negative_buckets > 0) failures.push(`hot level: ${check.negative_buckets} buckets with reserved > on_hand`);
    if (check.active_reservations !== HOT_UNITS)
      failures.push(`hot level: ${check.active_reservations} active reservations, expected ${HOT_UNITS}`);
    if (check.active_units !== HOT_UNITS)
      failures.push(`hot level: ${check.active_units} units held by active reservations, expected ${HOT_UNITS}`);
    if (check.ledger_on_hand !== check.on_hand || check.ledger_reserved !== check.reserved) {
      failures.push(
        `hot level: the ledger says on_hand ${check.ledger_on_hand}, reserved ${check.ledger_reserved}; the buckets ${check.on_hand}, ${check.reserved}`,
      );
    }
    if (levelApi.available !== 0) failures.push(`GET /v1/stock-levels/${f.hotLevel} says available ${levelApi.available}, expected 0`);
    if (hot.errors > 0) failures.push(`hot run: ${hot.errors} errors`);
    if (uniform.won !== ATTEMPTS) failures.push(`uniform run: ${uniform.won} of ${ATTEMPTS} won (every variant had enough units)`);
    const expectedUniformActive = (warmup?.won ?? 0) + uniform.won;
    if (uniformActive.rows[0]?.n !== expectedUniformActive) {
      failures.push(
        `uniform variants: ${uniformActive.rows[0]?.n} active reservations in the database, ${expectedUniformActive} won over HTTP`,
      );
    }
    if (warmup && warmup.won !== WARMUP) failures.push(`warm-up: ${warmup.won} of ${WARMUP} won`);

    const { winTimes: _h, phases, ...hotFigures } = hot;
    const { winTimes: _u, ...uniformFigures } = uniform;
    const prefixed = (prefix: string, o: Record<string, unknown>, skip: string[]) =>
      Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => !skip.includes(k))
          .map(([k, v]) => [`${prefix}_${k}`, v]),
      );
    const result: Record<string, unknown> = {
      bench: 'stock',
      database: 'postgres',
      ok: failures.length === 0,
      failures,
      hot_reservations_per_s: Math.round(hotRate),
      uniform_reservations_per_s: Math.round(uniformRate),
      hot_to_uniform_ratio: round2(ratio),
      target_met: ratio >= 0.5,
      reservations_won: hot.won,
      oversold,
      hot_units: HOT_UNITS,
      hot_time_to_sell_out_s: round2(soldOutAt),
      hot_attempts_per_s: Math.round(hot.attempts / hot.elapsed_s),
      hot_reservations_lost: hot.lost,
      hot_available_after: check.available,
      hot_available_api: levelApi.available,
      hot_active_reservations: check.active_reservations,
      hot_negative_buckets: check.negative_buckets,
      hot_buckets_used: check.buckets_used,
      ...prefixed('hot', hotFigures, ['won', 'lost']),
      hot_until_sold_out: phases?.until ?? null,
      hot_after_sold_out: phases?.after ?? null,
      uniform_variants: UNIFORM_VARIANTS,
      uniform_units_per_variant: uniformUnits,
      ...prefixed('uniform', uniformFigures, []),
      attempts: ATTEMPTS,
      errors: hot.errors + uniform.errors + (warmup?.errors ?? 0),
      warmup_attempts: WARMUP,
      warmup_per_s: warmup ? Math.round(warmup.attempts / warmup.elapsed_s) : null,
      buckets: BUCKETS,
      processes: PROCESSES,
      connections: CONNECTIONS,
      pool_size: POOL_SIZE,
      log_level: LOG_LEVEL,
      ready_after_ms: servers.map((s) => s.readyAfterMs),
      postgres_version: version,
      ...machineFigures(round1),
    };
    return { result, failures };
  } finally {
    await stopAll();
    for (const s of servers) s.agent.destroy();
    for (const c of [benchDb, sampler]) await c?.end().catch(() => {});
    await db.drop().catch((err) => log(`could not drop database ${DB_NAME}: ${(err as Error).message}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Last resort (hard limit, SIGINT): kill the children, try to drop the database, leave.
await runPgBench(main, { log, db, limitMs: HARD_LIMIT_MS, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) });
