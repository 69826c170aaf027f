// What the benchmarks (bench/http.ts, bench/stock.ts, bench/search.ts, bench/ledger.ts) share:
// integer settings from the environment, progress lines on stderr, the machine figures that
// end every JSON line, and, for the benches that run servers, the child processes: each
// started with this same Node in the repository, its output relayed to stderr under a label,
// stopped with SIGTERM (SIGKILL when it hangs) and killed with the bench when it runs out of
// time or is interrupted. For the benches on PostgreSQL (stock, ledger): their own database,
// created and dropped once, the exit codes, and what a run costs the machine and the server.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE = process.execPath;
export const TASMAN = join(ROOT, 'bin', 'tasman.js');

// Other processes on the machine skew every figure; the JSON line says how busy it was.
const LOAD_AT_START = loadavg()[0] ?? 0;

/**
 * The integer in environment variable `name`, `fallback` when it is unset or empty. Without
 * bounds any non-negative integer; with `min` and/or `max`, one from `min` (0) to `max`.
 */
export function envInt(name: string, fallback: number, min?: number, max?: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  const bounded = min !== undefined || max !== undefined;
  const lo = min ?? 0;
  const hi = max ?? (bounded ? Number.MAX_SAFE_INTEGER : Number.POSITIVE_INFINITY);
  if (!Number.isInteger(n) || n < lo || n > hi) {
    throw new Error(
      bounded ? `${name} must be an integer from ${lo} to ${hi} (got "${raw}")` : `${name} must be a non-negative integer (got "${raw}")`,
    );
  }
  return n;
}

/** BENCH_LOG_LEVEL (warn): LOG_LEVEL of the platform processes; `info` adds a log line per request. */
export const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'warn';
/** Extra Node flags for the platform processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
export const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

export type Log = (msg: string) => void;
/** Progress lines of bench `name`, on stderr: stdout carries only the JSON line. */
export const logger =
  (name: string): Log =>
  (msg) =>
    process.stderr.write(`[bench:${name}] ${msg}\n`);
export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The fields every JSON line ends with: Node's version, the cores, the 1-minute load average at the start. */
export function machineFigures(round: (n: number) => number): { node: string; cpus: number; loadavg_1m_at_start: number } {
  return { node: process.versions.node, cpus: availableParallelism(), loadavg_1m_at_start: round(LOAD_AT_START) };
}

// --- child processes -------------------------------------------------------------------------

/** The children still running; the bench stops them at its end and kills them when it aborts. */
export const children = new Set<ChildProcess>();

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Starts `node ...args` in the repository with `env`; every line it writes goes to stderr as `  [label] line`. */
export function start(args: string[], env: NodeJS.ProcessEnv, label: string): ChildProcess {
  // BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there when it exits (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(NODE, [...prof, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  // The banner and warnings go to stderr, so stdout carries only the JSON line.
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stderr.write(`  [${label}] ${line}\n`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if the child has not exited after `timeoutMs`. */
export function stop(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(t);
      res();
    });
    child.kill('SIGTERM');
  });
}

/** Stops every child still running, each given 5 s before SIGKILL. */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c, 5_000)));
}

/**
 * The bench's last resort, when it is still running after `limitMs` (logged; exit 2) or on
 * SIGINT (exit 130; logged with `logInterrupt`): kills the children, awaits `settle` when
 * given (bounded by the caller), runs `cleanup` and exits. Returns what cancels the time limit.
 */
export function abortOnLimit(
  limitMs: number,
  log: Log,
  opts: { cleanup: () => void; settle?: () => Promise<unknown>; logInterrupt?: boolean },
): () => void {
  const abort = async (code: number): Promise<never> => {
    for (const c of children) c.kill('SIGKILL');
    if (opts.settle) await opts.settle();
    opts.cleanup();
    process.exit(code);
  };
  const timer = setTimeout(() => {
    log(`gave up after ${limitMs} ms`);
    void abort(2);
  }, limitMs);
  process.once('SIGINT', () => {
    if (opts.logInterrupt) log('interrupted');
    void abort(130);
  });
  return () => clearTimeout(timer);
}

/** Polls every 20 ms until `url` answers 200; fails if the child exits or time runs out. */
export async function until200(child: ChildProcess, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Share of one core, in %, that this process (the load generator) used in `wallS` seconds since `since`. */
export function loadgenCpuPct(since: NodeJS.CpuUsage, wallS: number): number {
  const self = process.cpuUsage(since);
  return Math.round(((self.user + self.system) / 1e6 / wallS) * 100);
}

// --- the platform's API ----------------------------------------------------------------------

/** The operator the demo seed creates (bench:stock creates it with the CLI). */
export const OPERATOR = { email: 'admin@tasman.local', password: 'tasman-demo-admin' };
const OWNER_PASSWORD = 'bench-owner-password-1';

// biome-ignore lint/suspicious/noExplicitAny: API responses are read loosely here
export async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${text}`);
  return JSON.parse(text);
}

/**
 * An Australian merchant trading as `tradingName` (legally `<tradingName> Pty Ltd`), created by
 * the operator the way a user would; returns a session token of its new owner.
 */
export async function createMerchant(base: string, tradingName: string): Promise<string> {
  const op = await api(base, 'POST', '/v1/sessions', { realm: 'staff', ...OPERATOR });
  const ownerEmail = `bench-owner-${Date.now().toString(36)}@example.test`;
  await api(
    base,
    'POST',
    '/v1/merchants',
    {
      legal_name: `${tradingName} Pty Ltd`,
      trading_name: tradingName,
      country: 'AU',
      owner: { email: ownerEmail, name: 'Bench Owner', password: OWNER_PASSWORD },
    },
    op.token,
  );
  const owner = await api(base, 'POST', '/v1/sessions', { realm: 'staff', email: ownerEmail, password: OWNER_PASSWORD });
  return owner.token as string;
}

/** Runs `fn` over `items` with at most `width` at a time. */
export async function inParallel<T>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** The `p`th percentile of `sorted` (ascending), rounded with `round`; 0 when empty. */
export const percentile = (sorted: ArrayLike<number>, p: number, round: (n: number) => number) =>
  sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : 0;

/** Runs `tasman ...args` in the repository with `env` to its end: its exit and its output (stdout and stderr) trimmed. */
export function runTasman(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((res) => {
    const child = spawn(NODE, [TASMAN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code, signal) => {
      children.delete(child);
      res({ code, signal, out: out.trim() });
    });
  });
}

// --- PostgreSQL (bench:stock, bench:ledger) ---------------------------------------------------

/** BENCH_DATABASE_URL: the server the benches make their databases on, and a database to connect to for CREATE DATABASE. */
export const DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
/** How often pg_stat_activity is sampled while a run goes. */
export const SAMPLE_EVERY_MS = 50;

/** PostgreSQL does not answer: the bench exits 69. */
export class Unreachable extends Error {}

/** The same server, another database (the URL's path is the database name). */
export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** For messages: never print a password. */
export function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** A connection to the server for CREATE/DROP DATABASE: the URL's database, else `postgres`. */
async function adminClient(): Promise<pg.Client> {
  const urls = [DATABASE_URL, withDatabase(DATABASE_URL, 'postgres')];
  let last: unknown;
  for (const url of urls) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    c.on('error', () => {});
    try {
      await c.connect();
      return c;
    } catch (err) {
      last = err;
      await c.end().catch(() => {});
      // A missing database is worth a second try on `postgres`; a server that is down is not.
      if ((err as { code?: string }).code !== '3D000') break;
    }
  }
  throw new Unreachable(
    `PostgreSQL is not reachable at ${shown(DATABASE_URL)}: ${last instanceof Error ? last.message || last.name : String(last)}. ` +
      'Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or point BENCH_DATABASE_URL at a server.',
  );
}

/** A connected client of `url`; its errors are ignored (the bench drops the database under it). */
export async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** A bench's own database on the server of BENCH_DATABASE_URL. */
export interface BenchDatabase {
  name: string;
  /** BENCH_DATABASE_URL with this database. */
  url: string;
  /** Creates the database; returns the server's `settings` (current_setting), read before. */
  create(settings: readonly string[]): Promise<Record<string, string | undefined>>;
  /** Drops the database once, whoever asks first (the end of the run or the hard limit); nothing if it was not created. */
  drop(): Promise<void>;
}

export function benchDatabase(name: string, log: Log): BenchDatabase {
  let created = false;
  let dropping: Promise<void> | undefined;
  return {
    name,
    url: withDatabase(DATABASE_URL, name),
    async create(settings) {
      const admin = await adminClient();
      let values: Record<string, string | undefined>;
      try {
        const r = await admin.query<Record<string, string>>(
          `SELECT ${settings.map((s) => `current_setting('${s}') AS "${s}"`).join(', ')}`,
        );
        values = r.rows[0] ?? {};
        await admin.query(`CREATE DATABASE "${name}"`);
        created = true;
      } catch (err) {
        await admin.end().catch(() => {});
        throw err;
      }
      await admin.end();
      return values;
    },
    drop() {
      if (!created) return Promise.resolve();
      dropping ??= (async () => {
        const c = await adminClient();
        try {
          // FORCE: servers that were killed and pools that were not closed (hard limit) may
          // leave their connections behind; they must not keep the database alive.
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          log(`dropped database ${name}`);
        } finally {
          await c.end().catch(() => {});
        }
      })();
      return dropping;
    },
  };
}

/**
 * Runs a PostgreSQL bench: `main` under the hard limit of `limitMs` (which kills the children,
 * tries to drop `db` and runs `cleanup`), then its JSON line on stdout and each failed check
 * on stderr. Exit code 1 when a check or a step fails, 69 when PostgreSQL is not reachable.
 */
export async function runPgBench(
  main: () => Promise<{ result: Record<string, unknown>; failures: string[] }>,
  opts: { log: Log; db: BenchDatabase; limitMs: number; cleanup?: () => void },
): Promise<void> {
  const { log, db } = opts;
  const clearHardLimit = abortOnLimit(opts.limitMs, log, {
    settle: () => Promise.race([db.drop().catch(() => {}), sleep(10_000)]),
    cleanup: opts.cleanup ?? (() => {}),
    logInterrupt: true,
  });
  try {
    const { result, failures } = await main();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (failures.length) {
      for (const f of failures) log(`CHECK FAILED: ${f}`);
      process.exitCode = 1;
    }
  } catch (err) {
    log(`FAILED: ${errorMessage(err)}`);
    process.exitCode = err instanceof Unreachable ? 69 : 1;
  } finally {
    clearHardLimit();
  }
}

// --- measuring PostgreSQL runs ---------------------------------------------------------------

/** CPU seconds of every local `postgres` process, by pid (empty when the server is elsewhere). */
export function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() !== 'postgres') continue;
      out.set(Number(name), cpuSeconds(Number(name)));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU seconds the local PostgreSQL processes used between two readings of `postgresCpu()`. */
export function postgresCpuBetween(from: ReadonlyMap<number, number>, to: ReadonlyMap<number, number>): number {
  let s = 0;
  for (const [pid, cpu] of to) s += cpu - (from.get(pid) ?? 0);
  return s;
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const n = line.trim().split(/\s+/).slice(1).map(Number);
  const total = n.slice(0, 8).reduce((s, x) => s + x, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: total - idle, total };
}

type Ticks = { busy: number; total: number };
/** How busy the whole machine was between two readings of `machineTicks()`: 0 to 1 of all its cores. */
export const machineBusyBetween = (from: Ticks, to: Ticks) => (to.busy - from.busy) / Math.max(1, to.total - from.total);

/**
 * Samples every SAMPLE_EVERY_MS what the database sessions of `client`'s database are doing:
 * `CPU` (active, waiting on nothing), `Lock:tuple` (queued for a row lock), `LWLock:WALWrite`,
 * `idle in transaction` (holding a transaction open while the Node process works)… `cut()`
 * returns the mean number of sessions in each state since the last cut and starts counting anew.
 */
export function sampleActivity(client: pg.Client): { cut: () => Record<string, number>; stop: () => Promise<void> } {
  let counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const r = await client.query<{ what: string; n: number }>(
          `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU') ELSE state END AS what,
                  count(*)::int AS n
           FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'
           GROUP BY 1`,
        );
        samples++;
        for (const row of r.rows) counts.set(row.what, (counts.get(row.what) ?? 0) + row.n);
      } catch {
        // a sample lost is no harm
      }
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  return {
    cut: () => {
      const out: Record<string, number> = {};
      for (const [what, n] of [...counts].sort((a, b) => b[1] - a[1])) {
        const mean = round1(n / Math.max(1, samples));
        if (mean > 0) out[what] = mean;
      }
      counts = new Map();
      samples = 0;
      return out;
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
