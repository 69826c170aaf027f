// `npm run bench:ledger`: throughput of the double-entry ledger (src/modules/payments/ledger.ts)
// on PostgreSQL, against the commit rate of the machine measured in the same run. The
// issue's targets: linked batches ≥ 20,000 transfers/s, single transfers ≥ 50 % of the
// plain-insert rate, and `tasman ledger verify` clean afterwards.
//
// Why a ceiling: a single transfer is one transaction that has to reach the disk, so no
// ledger commits faster than the machine commits a one-row INSERT. The PLAIN run measures
// exactly that (BEGIN; INSERT one row; COMMIT, from as many callers as the ledger gets);
// single_transfers_per_s ÷ plain_insert_per_s is then what the ledger's own work costs
// (its extra round trips, the row locks of the two accounts, the counter update, the
// indexes of ledger_transfers) whatever the disk. Batches pay the commit once per
// BENCH_BATCH_SIZE transfers, so they measure the set-based statements instead.
//
// What is measured is the ledger itself, in this process: the service functions
// (`createTransfers`, `verifyLedger`) on the runtime's `pg` pool, as `tasman serve` and the
// CLI build it (`createRuntime`), with no HTTP in between (bench:http measures that layer).
//
// How: a fresh database `tasman_bench_ledger_<random>` is created on the server of
// BENCH_DATABASE_URL, migrated (`runMigrations`) and dropped at the end, also on failure.
// BENCH_ACCOUNTS accounts are made with `ensureAccount`, half in AUD and half in CNY: a
// quarter asset accounts without a balance rule (the sources), the rest liability accounts
// with `debits_must_not_exceed_credits` (wallets), each funded from a source of its
// currency with linked batches before the runs. Then, after a CHECKPOINT and a warm-up of
// BENCH_WARMUP_S, each run lasts BENCH_DURATION_S:
//   PLAIN   BENCH_CONCURRENCY callers, each on its own connection, loop
//           `BEGIN; INSERT INTO bench_plain …; COMMIT` → plain_insert_per_s;
//   SINGLE  BENCH_CONCURRENCY callers loop `createTransfers(ctx, [one transfer], {batched: false})`
//           → single_transfers_per_s;
//   BATCHED BENCH_BATCH_CALLERS callers loop linked batches of BENCH_BATCH_SIZE transfers
//           → batched_transfers_per_s (transfers, not batches).
// Why 4 batch callers and not 16 (the issue fixes 16 callers for single transfers only): a
// batch of 100 random transfers touches ~200 of the 10,000 accounts, so nearly any two
// batches share an account, and the later one waits for the earlier one's row locks while
// holding the locks it already has (they are taken in id order), so more callers only make
// longer queues. With 16 callers 12–13 of the 16 sessions sat in `Lock:transactionid` and
// fewer transfers got through; a 2-core machine runs two statements at a time, and 4 callers
// keep it busy while one waits. Measured on 2 cores with this build, runs a minute apart
// with other test suites taking about a core: 2 callers 6,492/s, 4 → 8,040/s, 8 → 4,775/s,
// 16 → 2,455–3,330/s.
// Every transfer goes between two distinct random accounts of one currency, for 0.01 to
// 100.00, with a unique client id; a wallet is funded far beyond what a run can take out
// of it, so refusals (exceeds_credits: correct behaviour) are rare and counted apart from
// errors (deadlocks, serialization failures, anything else), of which there must be none.
// While each run goes, pg_stat_activity is sampled (what the sessions wait on), the CPU
// of this process and of the local PostgreSQL processes is metered, and pg_stat_wal says
// how many WAL flushes the commits shared. Afterwards `verifyLedger` recomputes every
// account from the transfers (verify_differences and unbalanced must be 0 and empty, the
// transfer count must be what the runs applied) and `tasman ledger verify` runs on the
// bench database as an operator would.
//
// Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: the server and
// a database to connect to for CREATE DATABASE), BENCH_CONCURRENCY (16: callers of PLAIN
// and SINGLE), BENCH_BATCH_CALLERS (4: see below), BENCH_BATCH_SIZE (100),
// BENCH_ACCOUNTS (10000), BENCH_DURATION_S (10, each run), BENCH_WARMUP_S (1, before each
// run), BENCH_LOG_LEVEL (warn), BENCH_TIMEOUT_S (600: the whole bench is killed after this).
// DATABASE_POOL_SIZE of the runtime is the larger number of callers.
// Progress goes to stderr; the last line on stdout is the JSON result. The exit code is
// non-zero when PostgreSQL is not reachable, a step fails, or a correctness check fails
// (the JSON line is still printed then, with `ok: false` and the failures); a missed
// target is reported (`*_target_met`), not a failure.
//
// Last run (2026-11-26, 2 cores, machine otherwise idle, load 2.2): plain 3,887/s, single
// 3,188/s (0.82 of plain: met), batched 13,368/s (not met; a 5 s run gave 17,258/s), 0
// differences. What limits them now (docs/operations.md, "Benchmarks"):
// - batches: the CPU. PostgreSQL runs at ~140 % of the two cores, ~100 µs per transfer (the
//   row, three indexes, the account rows, ~390 bytes of WAL); the rest is row-lock waits between
//   batches that share accounts (~1.7 of 4 sessions in `Lock:transactionid`).
// - single transfers: the WAL flush (most sessions in `LWLock:WALWrite`).
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { loadConfig } from '../src/kernel/config.ts';
import { type Ctx, type Runtime, systemCtx } from '../src/kernel/context.ts';
import { runMigrations } from '../src/kernel/db/migrate.ts';
import { AppError } from '../src/kernel/errors.ts';
import { createRuntime } from '../src/main.ts';
import { createTransfers, ensureAccount, MAX_BATCH, type TransferInput, verifyLedger } from '../src/modules/payments/ledger.ts';
import {
  benchDatabase,
  connect,
  DATABASE_URL,
  envInt,
  errorMessage,
  inParallel,
  LOG_LEVEL,
  logger,
  machineBusyBetween,
  machineFigures,
  machineTicks,
  percentile,
  postgresCpu,
  postgresCpuBetween,
  round1,
  round2,
  runPgBench,
  runTasman,
  sampleActivity,
  shown,
} from './lib.ts';

const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16, 1, 190);
const BATCH_CALLERS = envInt('BENCH_BATCH_CALLERS', 4, 1, 190);
const BATCH_SIZE = envInt('BENCH_BATCH_SIZE', 100, 2, MAX_BATCH);
const ACCOUNTS = envInt('BENCH_ACCOUNTS', 10_000, 8, 1_000_000);
const DURATION_S = envInt('BENCH_DURATION_S', 10, 1, 3600);
const WARMUP_S = envInt('BENCH_WARMUP_S', 1, 0, 600);
/** The whole bench is killed after this, whatever hangs. */
const HARD_LIMIT_MS = envInt('BENCH_TIMEOUT_S', 600, 10) * 1000;
const POOL_SIZE = Math.max(2, CONCURRENCY, BATCH_CALLERS);

/** The issue's targets. */
const TARGET_BATCHED_PER_S = 20_000;
const TARGET_SINGLE_TO_PLAIN = 0.5;

const CURRENCIES = ['AUD', 'CNY'] as const;
/** A quarter of the accounts are sources (assets, no balance rule); the rest are wallets. */
const SOURCE_SHARE = 0.25;
/** What each wallet is funded with, in minor units (1,000,000.00): no run can spend it. */
const FUNDING = 100_000_000n;
/** A transfer moves 1 to MAX_AMOUNT minor units (0.01 to 100.00). */
const MAX_AMOUNT = 10_000;

const RUN = randomBytes(4).toString('hex');
const DB_NAME = `tasman_bench_ledger_${RUN}`;
const log = logger('ledger');

const db = benchDatabase(DB_NAME, log);
const BENCH_URL = db.url;
const TASMAN_SECRET = randomBytes(24).toString('hex');

// --- measuring -------------------------------------------------------------------------------

interface WalStats {
  bytes: number;
  /** Flushes of the WAL to disk: commits that share one are group commit. */
  syncs: number;
  commits: number;
}

/** WAL and commit counters of the server (zeros before PostgreSQL 14, which has no pg_stat_wal). */
async function walStats(c: pg.Client): Promise<WalStats> {
  try {
    const r = await c.query<{ bytes: string; syncs: string; commits: string }>(
      `SELECT w.wal_bytes AS bytes, w.wal_sync AS syncs,
              (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits
       FROM pg_stat_wal w`,
    );
    const row = r.rows[0];
    return {
      bytes: Number(row?.bytes ?? 0),
      syncs: Number(row?.syncs ?? 0),
      commits: Number(row?.commits ?? 0),
    };
  } catch {
    return { bytes: 0, syncs: 0, commits: 0 };
  }
}

/** What one run cost: CPU, database sessions by state, WAL. */
interface Usage {
  /** Share of one core this process (the ledger and its callers) used. */
  node_cpu_pct: number;
  /** Share of one core the local PostgreSQL processes used together. */
  postgres_cpu_pct: number;
  /** How busy the whole machine was, in % of all its cores (other processes included). */
  machine_busy_pct: number;
  /** Share of one core everything else on the machine used: what skews the figures. */
  other_cpu_pct: number;
  /** Mean number of the bench database's sessions per state: `CPU`, `Lock:transactionid`, `IO:WALSync`, `idle in transaction`… */
  db_sessions: Record<string, number>;
  commits_per_s: number;
  wal_syncs_per_s: number;
  wal_bytes_per_commit: number;
}

/**
 * Meters a run: samples what the bench database's sessions are doing every 50 ms on
 * `sampler` (`idle in transaction` is a session holding its transaction open while this
 * process works) and takes CPU and WAL counters at both ends.
 */
async function meter(sampler: pg.Client): Promise<{ stop: () => Promise<Usage> }> {
  const snap = async () => ({
    t: performance.now(),
    self: process.cpuUsage(),
    pg: postgresCpu(),
    machine: machineTicks(),
    wal: await walStats(sampler),
  });
  const from = await snap();
  const activity = sampleActivity(sampler);
  return {
    stop: async () => {
      await activity.stop();
      const to = await snap();
      const wall = Math.max(1e-3, (to.t - from.t) / 1000);
      const self = process.cpuUsage(from.self);
      const commits = to.wal.commits - from.wal.commits;
      const db_sessions = activity.cut();
      const nodePct = ((self.user + self.system) / 1e6 / wall) * 100;
      const pgPct = (postgresCpuBetween(from.pg, to.pg) / wall) * 100;
      const busy = machineBusyBetween(from.machine, to.machine);
      return {
        node_cpu_pct: Math.round(nodePct),
        postgres_cpu_pct: Math.round(pgPct),
        machine_busy_pct: Math.round(busy * 100),
        other_cpu_pct: Math.max(0, Math.round(busy * availableParallelism() * 100 - nodePct - pgPct)),
        db_sessions,
        commits_per_s: Math.round(commits / wall),
        wal_syncs_per_s: Math.round((to.wal.syncs - from.wal.syncs) / wall),
        wal_bytes_per_commit: Math.round((to.wal.bytes - from.wal.bytes) / Math.max(1, commits)),
      };
    },
  };
}

const describe = (u: Usage) =>
  `CPU (% of one core): this process ${u.node_cpu_pct}, PostgreSQL ${u.postgres_cpu_pct}, other processes ${u.other_cpu_pct}; ` +
  `machine ${u.machine_busy_pct} % busy; ` +
  `${u.commits_per_s} commits/s, ${u.wal_syncs_per_s} WAL flushes/s, ${u.wal_bytes_per_commit} WAL bytes/commit; ` +
  `database sessions by state (mean): ${JSON.stringify(u.db_sessions)}`;

/** Correct refusals of the ledger: a wallet would be overdrawn. */
const refusal = (err: unknown) => err instanceof AppError && (err.code === 'exceeds_credits' || err.code === 'exceeds_debits');

/** The SQLSTATE of a database error, however the driver wrapped it. */
function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

interface RunFigures extends Usage {
  callers: number;
  /** Calls that applied (a batch counts once). */
  calls: number;
  /** Rows or transfers applied: calls × items per call. */
  items: number;
  refused: number;
  errors: number;
  error_codes: Record<string, number>;
  error_samples: string[];
  elapsed_s: number;
  per_s: number;
  /** Latency of every call. */
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

/**
 * `callers` loops of `call(caller)` for `seconds`; `itemsPerCall` rows or transfers each.
 * A call that throws a refusal counts as refused; anything else thrown is an error.
 */
async function run(
  name: string,
  callers: number,
  seconds: number,
  itemsPerCall: number,
  call: (caller: number) => Promise<void>,
  sampler: pg.Client,
): Promise<RunFigures> {
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  const errorSamples: string[] = [];
  let calls = 0;
  let refused = 0;
  let errors = 0;
  const m = await meter(sampler);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const lane = async (caller: number) => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        await call(caller);
        calls++;
      } catch (err) {
        if (refusal(err)) refused++;
        else {
          errors++;
          const code = err instanceof AppError ? err.code : (sqlState(err) ?? (err instanceof Error ? err.name : 'unknown'));
          errorCodes[code] = (errorCodes[code] ?? 0) + 1;
          if (errorSamples.length < 5) errorSamples.push(`${code}: ${errorMessage(err).slice(0, 300)}`);
        }
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: callers }, (_, i) => lane(i)));
  const wall = (performance.now() - t0) / 1000;
  const usage = await m.stop();
  latencies.sort((a, b) => a - b);
  const f: RunFigures = {
    callers,
    calls,
    items: calls * itemsPerCall,
    refused,
    errors,
    error_codes: errorCodes,
    error_samples: errorSamples,
    elapsed_s: round2(wall),
    per_s: Math.round((calls * itemsPerCall) / wall),
    p50_ms: percentile(latencies, 50, round2),
    p95_ms: percentile(latencies, 95, round2),
    p99_ms: percentile(latencies, 99, round2),
    ...usage,
  };
  log(
    `${name}: ${f.items} ${itemsPerCall > 1 ? `in ${calls} calls ` : ''}in ${f.elapsed_s} s = ${f.per_s}/s; refused ${refused}, errors ${errors}; ` +
      `latency per call p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, p99 ${f.p99_ms} ms`,
  );
  log(`${name}: ${describe(usage)}`);
  if (errorSamples.length) log(`${name}: first errors: ${errorSamples.join(' | ')}`);
  return f;
}

// --- fixtures --------------------------------------------------------------------------------

interface Book {
  /** Account ids by currency, sources and wallets together: what transfers pick from. */
  byCurrency: string[][];
  /** Transfers the funding applied. */
  funded: number;
}

async function createBook(ctx: Ctx): Promise<Book> {
  const byCurrency: string[][] = CURRENCIES.map(() => []);
  const sources: string[][] = CURRENCIES.map(() => []);
  const wallets: string[][] = CURRENCIES.map(() => []);
  const specs = Array.from({ length: ACCOUNTS }, (_, i) => {
    const c = i % CURRENCIES.length;
    const n = Math.floor(i / CURRENCIES.length);
    const perCurrency = Math.ceil(ACCOUNTS / CURRENCIES.length);
    return { c, source: n < Math.max(1, Math.round(perCurrency * SOURCE_SHARE)), n };
  });
  await inParallel(specs, POOL_SIZE, async (s) => {
    const currency = CURRENCIES[s.c] as string;
    const a = await ensureAccount(ctx, {
      key: s.source ? `bench:source:${currency}:${s.n}` : `bench:wallet:${currency}:${s.n}`,
      name: s.source ? `Bench source ${currency} ${s.n}` : `Bench wallet ${currency} ${s.n}`,
      currency,
      kind: s.source ? 'asset' : 'liability',
      balance_constraint: s.source ? 'none' : 'debits_must_not_exceed_credits',
    });
    (byCurrency[s.c] as string[]).push(a.id);
    (s.source ? (sources[s.c] as string[]) : (wallets[s.c] as string[])).push(a.id);
  });
  // Every wallet is credited FUNDING from a source of its currency, MAX_BATCH at a time.
  const funding: TransferInput[] = [];
  CURRENCIES.forEach((currency, c) => {
    const from = sources[c] as string[];
    (wallets[c] as string[]).forEach((w, i) => {
      funding.push({
        id: `${RUN}.fund.${currency}.${i}`,
        debit_account_id: from[i % from.length] as string,
        credit_account_id: w,
        amount: FUNDING,
        currency,
      });
    });
  });
  const chunks: TransferInput[][] = [];
  for (let i = 0; i < funding.length; i += MAX_BATCH) chunks.push(funding.slice(i, i + MAX_BATCH));
  await inParallel(chunks, 4, async (chunk) => {
    await createTransfers(ctx, chunk, { batched: true });
  });
  const counts = CURRENCIES.map((c, i) => `${c}: ${(sources[i] as string[]).length} sources, ${(wallets[i] as string[]).length} wallets`);
  log(`created ${ACCOUNTS} accounts (${counts.join('; ')}) and funded each wallet with ${FUNDING} minor units`);
  return { byCurrency, funded: funding.length };
}

/** A transfer between two distinct random accounts of one random currency. */
function randomTransfer(book: Book, id: string): TransferInput {
  const c = Math.floor(Math.random() * CURRENCIES.length);
  const ids = book.byCurrency[c] as string[];
  const d = Math.floor(Math.random() * ids.length);
  const k = (d + 1 + Math.floor(Math.random() * (ids.length - 1))) % ids.length; // never d
  return {
    id,
    debit_account_id: ids[d] as string,
    credit_account_id: ids[k] as string,
    amount: BigInt(1 + Math.floor(Math.random() * MAX_AMOUNT)),
    currency: CURRENCIES[c] as string,
  };
}

/** `tasman ledger verify --json` on the bench database, as an operator would run it. */
function cliVerify(): Promise<{ code: number | null; out: string }> {
  return runTasman(['ledger', 'verify', '--json'], {
    ...process.env,
    DATABASE_URL: BENCH_URL,
    TASMAN_SECRET,
    LOG_LEVEL,
    SEED_DEMO: 'false',
  });
}

// --- the run ---------------------------------------------------------------------------------

async function checkpoint(c: pg.Client): Promise<void> {
  // Each run starts from a clean state of the WAL; a role without the right just skips it.
  await c.query('CHECKPOINT').catch(() => {});
}

async function main(): Promise<{ result: Record<string, unknown>; failures: string[] }> {
  let sampler: pg.Client | undefined;
  let rt: Runtime | undefined;
  const plainClients: pg.Client[] = [];
  try {
    const settings = await db.create(['server_version', 'synchronous_commit', 'fsync']);
    const version = settings.server_version ?? '?';
    log(
      `created database ${DB_NAME} on ${shown(DATABASE_URL)} (PostgreSQL ${version}, synchronous_commit ${settings.synchronous_commit}, fsync ${settings.fsync})`,
    );

    const setupStart = performance.now();
    const config = loadConfig({
      DATABASE_URL: BENCH_URL,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      TASMAN_SECRET,
      LOG_LEVEL,
      SEED_DEMO: 'false',
      WORKER: 'false',
    });
    rt = await createRuntime(config);
    await runMigrations(rt.database);
    const ctx = systemCtx(rt, 'bench:ledger');
    sampler = await connect(BENCH_URL);
    await sampler.query('CREATE TABLE bench_plain (id text PRIMARY KEY, amount bigint NOT NULL, created_at timestamptz NOT NULL)');
    const book = await createBook(ctx);
    const setupS = round2((performance.now() - setupStart) / 1000);
    log(`set-up (migrations, accounts, funding) took ${setupS} s`);
    let applied = book.funded;

    // PLAIN: the commit ceiling, each caller on its own connection.
    for (let i = 0; i < CONCURRENCY; i++) plainClients.push(await connect(BENCH_URL));
    let plainSeq = 0;
    const plain = async (caller: number) => {
      const c = plainClients[caller] as pg.Client;
      await c.query('BEGIN');
      await c.query('INSERT INTO bench_plain (id, amount, created_at) VALUES ($1, $2, $3)', [
        `${RUN}.p.${plainSeq++}`,
        String(1 + Math.floor(Math.random() * MAX_AMOUNT)),
        new Date(),
      ]);
      await c.query('COMMIT');
    };
    let singleSeq = 0;
    const single = async (caller: number) => {
      await createTransfers(ctx, [randomTransfer(book, `${RUN}.s.${caller}.${singleSeq++}`)], { batched: false });
      applied++;
    };
    let batchSeq = 0;
    const batch = async (caller: number) => {
      const b = batchSeq++;
      const transfers = Array.from({ length: BATCH_SIZE }, (_, i) => randomTransfer(book, `${RUN}.b.${caller}.${b}.${i}`));
      await createTransfers(ctx, transfers, { batched: true });
      applied += BATCH_SIZE;
    };

    log(
      `runs of ${DURATION_S} s after ${WARMUP_S} s of warm-up each: ${CONCURRENCY} callers for PLAIN and SINGLE, ` +
        `${BATCH_CALLERS} for BATCHED (${BATCH_SIZE} transfers a batch); pool of ${POOL_SIZE} connections`,
    );
    const measure = async (name: string, callers: number, items: number, call: (caller: number) => Promise<void>) => {
      await checkpoint(sampler as pg.Client);
      if (WARMUP_S > 0) await run(`${name} warm-up`, callers, WARMUP_S, items, call, sampler as pg.Client);
      return run(name, callers, DURATION_S, items, call, sampler as pg.Client);
    };
    const plainRun = await measure('PLAIN insert', CONCURRENCY, 1, plain);
    const singleRun = await measure('SINGLE transfers', CONCURRENCY, 1, single);
    const batchedRun = await measure(`BATCHED transfers (${BATCH_SIZE} linked)`, BATCH_CALLERS, BATCH_SIZE, batch);

    const ratio = singleRun.per_s / Math.max(1, plainRun.per_s);
    const singleMet = ratio >= TARGET_SINGLE_TO_PLAIN;
    const batchedMet = batchedRun.per_s >= TARGET_BATCHED_PER_S;
    log(
      `single ${singleRun.per_s}/s ÷ plain ${plainRun.per_s}/s = ${round2(ratio)} (target ≥ ${TARGET_SINGLE_TO_PLAIN}: ${singleMet ? 'met' : 'NOT met'}); ` +
        `batched ${batchedRun.per_s} transfers/s (target ≥ ${TARGET_BATCHED_PER_S}: ${batchedMet ? 'met' : 'NOT met'})`,
    );

    const v0 = performance.now();
    const verify = await verifyLedger(ctx);
    const verifyS = round2((performance.now() - v0) / 1000);
    log(
      `verifyLedger: ${verify.accounts} accounts, ${verify.transfers} transfers (${applied} applied) in ${verifyS} s: ` +
        `${verify.differences.length} differences, unbalanced currencies ${JSON.stringify(verify.unbalanced)}`,
    );
    const cli = await cliVerify();
    log(`tasman ledger verify: exit ${cli.code}`);

    const failures: string[] = [];
    if (verify.differences.length) {
      failures.push(`verifyLedger: ${verify.differences.length} differences, e.g. ${JSON.stringify(verify.differences.slice(0, 3))}`);
    }
    if (verify.unbalanced.length) failures.push(`verifyLedger: unbalanced currencies ${verify.unbalanced.join(', ')}`);
    if (verify.transfers !== applied) failures.push(`${verify.transfers} transfers in the database, ${applied} applied`);
    if (verify.accounts !== ACCOUNTS) failures.push(`${verify.accounts} accounts in the database, ${ACCOUNTS} created`);
    if (cli.code !== 0) failures.push(`tasman ledger verify exited ${cli.code}: ${cli.out.slice(0, 500)}`);
    for (const [name, r] of [
      ['plain', plainRun],
      ['single', singleRun],
      ['batched', batchedRun],
    ] as const) {
      if (r.errors) failures.push(`${name}: ${r.errors} errors ${JSON.stringify(r.error_codes)}`);
    }

    const prefixed = (prefix: string, o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}_${k}`, v]));
    const result: Record<string, unknown> = {
      bench: 'ledger',
      database: 'postgres',
      ok: failures.length === 0,
      failures,
      single_transfers_per_s: singleRun.per_s,
      batched_transfers_per_s: batchedRun.per_s,
      plain_insert_per_s: plainRun.per_s,
      single_to_plain_ratio: round2(ratio),
      single_target_met: singleMet,
      batched_target_met: batchedMet,
      verify_differences: verify.differences.length,
      unbalanced: verify.unbalanced,
      verify_accounts: verify.accounts,
      verify_transfers: verify.transfers,
      transfers_applied: applied,
      verify_s: verifyS,
      cli_verify_exit_code: cli.code,
      refused: singleRun.refused + batchedRun.refused,
      errors: plainRun.errors + singleRun.errors + batchedRun.errors,
      ...prefixed('plain', plainRun),
      ...prefixed('single', singleRun),
      ...prefixed('batched', batchedRun),
      accounts: ACCOUNTS,
      currencies: CURRENCIES,
      concurrency: CONCURRENCY,
      batch_callers: BATCH_CALLERS,
      batch_size: BATCH_SIZE,
      duration_s: DURATION_S,
      warmup_s: WARMUP_S,
      pool_size: POOL_SIZE,
      setup_s: setupS,
      log_level: LOG_LEVEL,
      postgres_version: version,
      synchronous_commit: settings.synchronous_commit,
      ...machineFigures(round1),
    };
    return { result, failures };
  } finally {
    for (const c of [sampler, ...plainClients]) await c?.end().catch(() => {});
    await rt?.database.close().catch(() => {});
    await db.drop().catch((err) => log(`could not drop database ${DB_NAME}: ${errorMessage(err)}`));
  }
}

// Last resort (hard limit, SIGINT): kill the CLI child if one runs, try to drop the database, leave.
await runPgBench(main, { log, db, limitMs: HARD_LIMIT_MS });
