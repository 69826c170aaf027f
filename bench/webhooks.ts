// `npm run bench:webhooks`: signed webhook deliveries per second on PostgreSQL, and the delay
// from an event's creation to its arrival (p50/p99) under that load. Issue 9's target:
// ≥ 2,000 deliveries/s.
//
// A throw-away database on the server of BENCH_DATABASE_URL (dropped at the end), migrated
// with `tasman migrate`. BENCH_ENDPOINTS merchants each register one endpoint (through the
// service, with a merchant principal) on a receiver in this process (127.0.0.1, so the workers
// run with WEBHOOK_ALLOW_PRIVATE_TARGETS=true), which verifies every Tasman-Signature with the
// kernel's verifier under that endpoint's secret and answers 200. BENCH_WORKERS `tasman worker`
// processes deliver (WORKER_POLL_MS 50). This process emits BENCH_RATE events per second for
// BENCH_SECONDS, BENCH_EVENTS_PER_TX per transaction (as services do: `emitEvent` in a
// transaction; the events table is the outbox), spread over the merchants and over
// BENCH_OBJECTS order ids (so per-object ordering is in play), then waits for every delivery.
//
// `deliveries_per_s`: deliveries received ÷ (last arrival − first emission); `delivery_p50_ms`,
// `delivery_p99_ms`: arrival − emission per event (the emitter's clock; the emission time is in
// the event's data). `exactly_once`: every event arrived exactly once; `signatures_ok`: every
// signature verified; the database must hold every delivery `succeeded`, none failed.
//
// Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), BENCH_SECONDS (10),
// BENCH_RATE (3000), BENCH_EVENTS_PER_TX (10), BENCH_ENDPOINTS (4), BENCH_OBJECTS (5000),
// BENCH_WORKERS (2), BENCH_WORKER_CONCURRENCY (4), BENCH_POOL_SIZE (10), BENCH_BATCH (500),
// BENCH_LOG_LEVEL (warn), BENCH_TIMEOUT_S (300). The last line on stdout is the JSON result.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/kernel/config.ts';
import { type Ctx, inTransaction, systemCtx } from '../src/kernel/context.ts';
import { emitEvent } from '../src/kernel/events.ts';
import { newId } from '../src/kernel/ids.ts';
import { verifySignatureHeader } from '../src/kernel/signatures.ts';
import { createRuntime } from '../src/main.ts';
import { createEndpoint } from '../src/modules/cloud/service.ts';
import {
  benchDatabase,
  envInt,
  LOG_LEVEL,
  logger,
  machineFigures,
  percentile,
  round1,
  runPgBench,
  runTasman,
  SERVER_NODE_ARGS,
  sleep,
  start,
  stopAll,
  TASMAN,
} from './lib.ts';

const SECONDS = envInt('BENCH_SECONDS', 10, 1, 600);
const RATE = envInt('BENCH_RATE', 3000, 1, 100_000);
const PER_TX = envInt('BENCH_EVENTS_PER_TX', 10, 1, 1000);
const ENDPOINTS = envInt('BENCH_ENDPOINTS', 4, 1, 100);
const OBJECTS = envInt('BENCH_OBJECTS', 5000, 1, 10_000_000);
const WORKERS = envInt('BENCH_WORKERS', 2, 1, 16);
const WORKER_CONCURRENCY = envInt('BENCH_WORKER_CONCURRENCY', 4, 1, 64);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 10, 2, 200);
const BATCH = envInt('BENCH_BATCH', 500, 1, 5000);
const HARD_LIMIT_MS = envInt('BENCH_TIMEOUT_S', 300, 10) * 1000;
const TARGET_DELIVERIES_PER_S = 2_000;
const DRAIN_TIMEOUT_MS = 120_000;

const log = logger('webhooks');
const RUN = randomBytes(5).toString('hex');
const db = benchDatabase(`tasman_bench_webhooks_${RUN}`, log);
const workDir = mkdtempSync(join(tmpdir(), 'tasman-bench-webhooks-'));
const TASMAN_SECRET = randomBytes(24).toString('hex');

const childEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  TASMAN_SECRET,
  SEED_DEMO: 'false',
  LOG_LEVEL,
  DATA_DIR: workDir,
  DATABASE_URL: db.url,
  DATABASE_POOL_SIZE: String(POOL_SIZE),
  WORKER_POLL_MS: '50',
  WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_BATCH_SIZE: String(BATCH),
});

interface Receiver {
  url: string;
  secrets: Map<string, string>;
  arrivals: Map<string, number>;
  delays: number[];
  badSignatures: number;
  lastArrival: number;
  close(): Promise<void>;
}

/** Verifies each delivery as a merchant's receiver would, counts each event id, answers 200. */
async function startReceiver(): Promise<Receiver> {
  const r: Receiver = {
    url: '',
    secrets: new Map(),
    arrivals: new Map(),
    delays: [],
    badSignatures: 0,
    lastArrival: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise((res) => server.close(() => res(undefined)));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const secret = r.secrets.get(req.url?.split('/').at(-1) ?? '') ?? '';
      try {
        verifySignatureHeader(secret, body, String(req.headers['tasman-signature'] ?? ''), new Date(at));
      } catch {
        r.badSignatures++;
      }
      const event = JSON.parse(body) as { id: string; data: { emitted_at_ms: number } };
      r.arrivals.set(event.id, (r.arrivals.get(event.id) ?? 0) + 1);
      r.delays.push(at - event.data.emitted_at_ms);
      r.lastArrival = at;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return r;
}

async function main(): Promise<{ result: Record<string, unknown>; failures: string[] }> {
  const failures: string[] = [];
  await db.create(['max_connections']);
  log(`database ${db.name}`);
  const mig = await runTasman(['migrate'], childEnv());
  if (mig.code !== 0) throw new Error(`tasman migrate failed: ${mig.out}`);
  const rt = await createRuntime(loadConfig({ ...childEnv(), LOG_LEVEL: 'warn', WORKER: 'false', DATABASE_POOL_SIZE: '12' }));
  const receiver = await startReceiver();
  try {
    const merchants: string[] = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const merchantId = newId('merchant');
      const ctx: Ctx = {
        ...systemCtx(rt, 'bench'),
        principal: { kind: 'merchant', id: newId('staff'), merchantId, role: 'owner', sessionId: 'bench' },
      };
      const { endpoint, secret } = await createEndpoint(ctx, {
        url: `${receiver.url}/${merchantId}`,
        event_types: ['order.paid', 'order.shipped'],
      });
      receiver.secrets.set(merchantId, secret);
      merchants.push(merchantId);
      log(`endpoint ${endpoint.id} for ${merchantId}`);
    }
    for (let i = 0; i < WORKERS; i++) start([...SERVER_NODE_ARGS, TASMAN, 'worker'], childEnv(), `worker ${i + 1}`);
    await sleep(1500);

    // Emit at RATE per second, PER_TX events a transaction, from a few connections at once.
    const total = RATE * SECONDS;
    const sys = systemCtx(rt, 'bench-emitter');
    let emitted = 0;
    const t0 = Date.now();
    const inflight = new Set<Promise<void>>();
    while (emitted < total) {
      const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * RATE));
      while (emitted < due) {
        const n = Math.min(PER_TX, due - emitted);
        const first = emitted;
        emitted += n;
        const p = inTransaction(sys, async (tx) => {
          for (let k = first; k < first + n; k++) {
            const merchantId = merchants[k % merchants.length] as string;
            await emitEvent(tx, k % 3 === 2 ? 'order.shipped' : 'order.paid', merchantId, {
              order_id: `ord_bench_${k % OBJECTS}`,
              seq: k,
              emitted_at_ms: Date.now(),
            });
          }
        }).then(() => {
          inflight.delete(p);
        });
        inflight.add(p);
        if (inflight.size >= 10) await Promise.race(inflight);
      }
      await sleep(5);
    }
    await Promise.all(inflight);
    const emitS = (Date.now() - t0) / 1000;
    log(`emitted ${total} events in ${emitS.toFixed(1)} s`);
    const drainUntil = Date.now() + DRAIN_TIMEOUT_MS;
    while (receiver.arrivals.size < total && Date.now() < drainUntil) await sleep(100);
    await sleep(500); // duplicates arriving late would show
    const wallS = (receiver.lastArrival - t0) / 1000;
    const delivered = [...receiver.arrivals.values()].reduce((a, b) => a + b, 0);
    const distinct = receiver.arrivals.size;
    const dupes = delivered - distinct;
    const sorted = Float64Array.from(receiver.delays).sort();
    const counts = (await rt.database.db.execute(
      sql`select status, count(*)::int as n from webhook_deliveries group by status`,
    )) as unknown as { rows: { status: string; n: number }[] };
    const byStatus = Object.fromEntries(counts.rows.map((r) => [r.status, r.n]));
    const attempts = (await rt.database.db.execute(sql`select count(*)::int as n from webhook_attempts`)) as unknown as {
      rows: { n: number }[];
    };
    const exactlyOnce = distinct === total && dupes === 0;
    if (!exactlyOnce) failures.push(`expected ${total} events exactly once, got ${distinct} distinct and ${dupes} duplicates`);
    if (receiver.badSignatures) failures.push(`${receiver.badSignatures} signatures did not verify`);
    if ((byStatus.succeeded ?? 0) !== total) failures.push(`deliveries succeeded in the database: ${byStatus.succeeded ?? 0} of ${total}`);
    const perS = delivered / wallS;
    const result = {
      bench: 'webhooks',
      deliveries_per_s: round1(perS),
      delivery_p50_ms: round1(percentile(sorted, 50, round1)),
      delivery_p99_ms: round1(percentile(sorted, 99, round1)),
      delivery_max_ms: round1(sorted[sorted.length - 1] ?? 0),
      events: total,
      delivered,
      duplicates: dupes,
      errors: receiver.badSignatures + (total - distinct) + (byStatus.failed ?? 0),
      exactly_once: exactlyOnce,
      signatures_ok: receiver.badSignatures === 0,
      deliveries_by_status: byStatus,
      attempts_logged: attempts.rows[0]?.n ?? 0,
      emit_rate_per_s: RATE,
      emit_seconds: round1(emitS),
      wall_seconds: round1(wallS),
      target_met: perS >= TARGET_DELIVERIES_PER_S && exactlyOnce && receiver.badSignatures === 0,
      target_deliveries_per_s: TARGET_DELIVERIES_PER_S,
      endpoints: ENDPOINTS,
      objects: OBJECTS,
      events_per_tx: PER_TX,
      workers: WORKERS,
      worker_concurrency: WORKER_CONCURRENCY,
      batch_size: BATCH,
      pool_size: POOL_SIZE,
      log_level: LOG_LEVEL,
      ...machineFigures(round1),
    };
    log(`result: ${perS.toFixed(0)} deliveries/s, p99 ${result.delivery_p99_ms} ms`);
    return { result, failures };
  } finally {
    await stopAll();
    await receiver.close();
    await rt.database.close();
    await db.drop();
  }
}

await runPgBench(main, { log, db, limitMs: HARD_LIMIT_MS, cleanup: () => rmSync(workDir, { recursive: true, force: true }) });
