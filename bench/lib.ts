// What the benchmarks (bench/http.ts, bench/stock.ts, bench/search.ts) share: integer settings
// from the environment, progress lines on stderr, the machine figures that end every JSON
// line, and, for the benches that run servers, the child processes: each started with this
// same Node in the repository, its output relayed to stderr under a label, stopped with
// SIGTERM (SIGKILL when it hangs) and killed with the bench when it runs out of time or is
// interrupted.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const child = spawn(NODE, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
