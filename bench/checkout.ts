// `npm run bench:checkout`: whole checkouts over HTTP, on PostgreSQL and on the embedded
// database in the same run. BENCH_SHOPPERS concurrent shoppers each loop: put an item of
// merchant A in the cart, an item of merchant B, start the checkout with an address, choose
// the first shipping option of its first order, pay it from the wallet (Idempotency-Key).
// A checkout's latency is the whole sequence of five requests; a checkout with any request
// answered otherwise than expected is an error, not completed. The issue's target on
// PostgreSQL: ≥ 500 completed checkouts/s with p99 < 250 ms on the 2-core machine.
//
// How, for each database: a fresh one (a throw-away PostgreSQL database on the server of
// BENCH_DATABASE_URL, dropped at the end; a temporary PGlite data directory, removed), the
// operator from the CLI (`tasman operator create`, which migrates), then real servers:
// BENCH_PROCESSES `tasman serve` children on PostgreSQL, one on PGlite (one process owns
// a PGlite directory), each with its job worker as `npm start` runs it. The set-up goes
// through the API and is not timed: an AUD→CNY rate (mid 4.7, 50 bps), two approved
// merchants, a bonded warehouse in Hangzhou and a Melbourne warehouse, a Melbourne hub and
// the bonded warehouse as logistics nodes with cheap lanes, one AUD 10 product per merchant
// with BENCH_STOCK units, its stock level raised to BENCH_BUCKETS buckets (many buyers
// reserve it at once), and BENCH_IDENTITIES verified shoppers (distinct resident ID
// numbers) whose wallets are topped up by card and confirmed by the servers' workers.
// Why more identities than shoppers: an identity's CBEC quota is RMB 26,000 a year, so a
// shopper whose quota would not cover another checkout is retired and its worker takes a
// fresh identity from the pool (`*_identities_used`; `*_pool_ran_out` if the pool did not last).
// After BENCH_WARMUP_S of warm-up, the timed run lasts BENCH_SECONDS; checkouts in flight
// at the end finish and count. Then the servers stop and the bench opens the database
// itself to reconcile (`balanced` needs all of them, on both databases):
//   ledger  payments verifyLedger clean (every account's counters = its transfers, each
//           currency balances) and the wallet debits for payments = the paid orders' totals;
//   quotas  Σ cbec_quota_years.used = Σ (usages taken − returned) = Σ paid orders' dutiable;
//   stock   per variant: units reserved in the buckets = active + held reservations, held
//           units = units in paid orders' lines = completed checkouts, on hand untouched, no
//           bucket below zero; inventory verifyLedger clean (buckets = movement ledger).
// It also checks that the completed checkouts in the database are those completed over HTTP.
//
// Environment: BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test), BENCH_SHOPPERS
// (32), BENCH_SECONDS (15), BENCH_WARMUP_S (3), BENCH_IDENTITIES (3 × shoppers),
// BENCH_PROCESSES (2: servers on PostgreSQL), BENCH_POOL_SIZE (10: DATABASE_POOL_SIZE of
// each), BENCH_STOCK (100000), BENCH_BUCKETS (64), BENCH_DATABASES (postgres,embedded),
// BENCH_LOG_LEVEL (warn), BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
// BENCH_TIMEOUT_S (600). Progress goes to stderr; the last line on stdout is the JSON
// result; the exit code is non-zero when a step or a reconciliation fails (a missed
// target is reported as `target_met: false`, not a failure).
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { ADDRESS } from '../test/support/addresses.ts';
import { listableProduct } from '../test/support/catalog.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { systemCtx } from '../src/kernel/context.ts';
import { createRuntime } from '../src/main.ts';
import { residentIdCheckChar } from '../src/modules/identity/rules.ts';
import { MAX_BUCKETS, verifyLedger as verifyStock } from '../src/modules/inventory/service.ts';
import { verifyLedger as verifyMoney } from '../src/modules/payments/ledger.ts';
import {
  api,
  benchDatabase,
  connect,
  cpuSeconds,
  createMerchant,
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
  runPgBench,
  runTasman,
  SERVER_NODE_ARGS,
  sampleActivity,
  sleep,
  ROOT,
  start,
  stopAll,
  TASMAN,
  until200,
} from './lib.ts';

const SHOPPERS = envInt('BENCH_SHOPPERS', 32, 1, 1000);
const SECONDS = envInt('BENCH_SECONDS', 15, 1, 3600);
const WARMUP_S = envInt('BENCH_WARMUP_S', 3, 0, 600);
const IDENTITIES = envInt('BENCH_IDENTITIES', 3 * SHOPPERS, SHOPPERS, 99_000);
const PROCESSES = envInt('BENCH_PROCESSES', 2, 1, 16);
const POOL_SIZE = envInt('BENCH_POOL_SIZE', 10, 2, 200);
const STOCK = envInt('BENCH_STOCK', 100_000, 1, 1_000_000);
const BUCKETS = envInt('BENCH_BUCKETS', MAX_BUCKETS, 1, MAX_BUCKETS);
const HARD_LIMIT_MS = envInt('BENCH_TIMEOUT_S', 600, 10) * 1000;
/** BENCH_YARDSTICK=false skips the bare checkout (bench/bare-checkout.ts) run before the platform on PostgreSQL. */
const YARDSTICK = process.env.BENCH_YARDSTICK !== 'false';
const BARE = join(ROOT, 'bench', 'bare-checkout.ts');
const DATABASES = (process.env.BENCH_DATABASES || 'postgres,embedded').split(',').map((s) => s.trim());
for (const d of DATABASES) if (d !== 'postgres' && d !== 'embedded') throw new Error(`BENCH_DATABASES: unknown database "${d}"`);

const TARGET_PER_S = 500;
const TARGET_P99_MS = 250;
/** Each wallet gets the most one top-up may bring (CNY 50,000): more than a year's quota of orders costs. */
const TOP_UP_FEN = '5000000';
const CARD = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };
const REQUEST_TIMEOUT_MS = 30_000;
const STEPS = ['cart_line_a', 'cart_line_b', 'checkout', 'shipping', 'pay'] as const;
type Step = (typeof STEPS)[number];

const log = logger('checkout');
const RUN = randomBytes(5).toString('hex');
const db = benchDatabase(`tasman_bench_checkout_${RUN}`, log);
const workDir = mkdtempSync(join(tmpdir(), 'tasman-bench-checkout-'));
const TASMAN_SECRET = randomBytes(24).toString('hex');

// --- servers ---------------------------------------------------------------------------------

type Kind = 'postgres' | 'embedded';

/** Where a database's data lives, as the children's environment says it. */
function dbEnv(kind: Kind): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TASMAN_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL,
    DATA_DIR: join(workDir, kind),
    DATABASE_POOL_SIZE: String(POOL_SIZE),
  };
  if (kind === 'postgres') env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;
  return env;
}

interface Server {
  child: ChildProcess;
  base: string;
  port: number;
  agent: http.Agent;
}

async function startServers(kind: Kind): Promise<Server[]> {
  const n = kind === 'postgres' ? PROCESSES : 1;
  const servers: Server[] = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    const env = { ...dbEnv(kind), PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '10000000' };
    const child = start([...SERVER_NODE_ARGS, TASMAN, 'serve'], env, `${kind} ${i + 1}`);
    const base = `http://127.0.0.1:${port}`;
    await until200(child, `${base}/ready`, 120_000);
    servers.push({ child, base, port, agent: new http.Agent({ keepAlive: true, maxSockets: Math.ceil(SHOPPERS / n) }) });
  }
  return servers;
}

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: responses are read loosely
  json: () => any;
}

/** One request on the server's kept-alive sockets (cheaper for the load generator than fetch). */
function send(
  s: Server,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const h: Record<string, string | number> = { authorization: `Bearer ${token}`, ...headers };
  if (payload !== undefined) Object.assign(h, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: s.port, method, path, agent: s.agent, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.end(payload);
  });
}

// --- set-up through the API ------------------------------------------------------------------

/** A verified shopper's session token (sessions live in the database: any process takes it). */
type Shopper = string;

interface Fixtures {
  variantA: string;
  variantB: string;
  /** Verified shoppers with funded wallets, taken in order by the workers. */
  pool: Shopper[];
}

const rateCard = (first: string, additional: string, currency: string) => ({
  first_weight_g: 500,
  first_price: { amount: first, currency },
  additional_weight_g: 500,
  additional_price: { amount: additional, currency },
  volumetric_divisor: 6000,
  fuel_surcharge_bps: 0,
});

/** One AUD 10 product of a merchant, listed, with STOCK units at `location` spread over BUCKETS buckets. */
async function stockedProduct(base: string, owner: string, location: string): Promise<string> {
  const product = await api(base, 'POST', '/v1/products', listableProduct({}, { price: { amount: '1000', currency: 'AUD' } }), owner);
  await api(base, 'POST', `/v1/products/${product.id}/activate`, {}, owner);
  const variant = product.variants[0].id as string;
  const receipt = { kind: 'receipt', variant_id: variant, location_id: location, quantity: STOCK };
  const moved = await api(base, 'POST', '/v1/stock-movements', receipt, owner);
  await api(base, 'POST', `/v1/stock-levels/${moved.stock_level.id}`, { buckets: BUCKETS }, owner);
  return variant;
}

/** The i-th resident ID number: distinct for every i below 99,000. */
function idNumber(i: number): string {
  const first17 = `${110101 + Math.floor(i / 1000)}19850615${String(i % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

async function createFixtures(servers: readonly Server[]): Promise<Fixtures> {
  const base = (servers[0] as Server).base;
  const op = (await api(base, 'POST', '/v1/sessions', { realm: 'staff', ...OPERATOR })).token as string;
  await api(base, 'POST', '/v1/fx/rates', { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 }, op);
  const ownerA = await createMerchant(base, 'Bench Manuka Bay');
  const ownerB = await createMerchant(base, 'Bench Little Kiwi');
  const bonded = await api(
    base,
    'POST',
    '/v1/locations',
    { name: 'Bench Hangzhou bonded', country: 'CN', city: 'Hangzhou', customs_code: '2991' },
    op,
  );
  const melbourne = await api(base, 'POST', '/v1/locations', { name: 'Bench Melbourne DC', country: 'AU', city: 'Melbourne' }, ownerB);
  const hub = {
    kind: 'hub',
    code: 'MEL',
    name: 'Melbourne hub',
    country: 'AU',
    city: 'Melbourne',
    region: 'AU-VIC',
    serves_regions: ['AU-VIC'],
  };
  const hubNode = await api(base, 'POST', '/v1/logistics/nodes', hub, op);
  const bondedNode = await api(
    base,
    'POST',
    '/v1/logistics/nodes',
    { kind: 'bonded_warehouse', code: 'HGH', name: 'Hangzhou bonded', region: 'CN-ZJ', stock_location_id: bonded.id },
    op,
  );
  const air = { origin_node_id: hubNode.id, mode: '9610', destination_country: 'CN', regions: ['*'] };
  for (const lane of [
    { ...air, service_code: 'AIR-STD', name: 'Air standard', transit_days: { min: 7, max: 12 }, rate_card: rateCard('300', '100', 'AUD') },
    { ...air, service_code: 'AIR-EXP', name: 'Air express', transit_days: { min: 4, max: 6 }, rate_card: rateCard('600', '200', 'AUD') },
    {
      origin_node_id: bondedNode.id,
      service_code: 'BONDED-EXP',
      name: 'Bonded express',
      mode: '1210',
      destination_country: 'CN',
      regions: ['CN-ZJ', 'CN-SH'],
      transit_days: { min: 1, max: 2 },
      rate_card: rateCard('500', '200', 'CNY'),
    },
  ]) {
    await api(base, 'POST', '/v1/logistics/lanes', lane, op);
  }
  const variantA = await stockedProduct(base, ownerA, bonded.id);
  const variantB = await stockedProduct(base, ownerB, melbourne.id);
  log(`fixtures: rate, 2 merchants, 2 nodes, 3 lanes, 2 products with ${STOCK} units over ${BUCKETS} buckets each`);

  // Shoppers, spread over the servers: sign-up and sign-in hash passwords (scrypt), the costly part.
  const pool: Shopper[] = new Array(IDENTITIES);
  const t0 = performance.now();
  await inParallel([...Array(IDENTITIES).keys()], 8, async (i) => {
    const server = servers[i % servers.length] as Server;
    const email = `bench-shopper-${i}@example.test`;
    const password = 'bench-shopper-password';
    await api(server.base, 'POST', '/v1/shoppers', { email, name: 'Li Wei', password, country: 'CN' });
    const token = (await api(server.base, 'POST', '/v1/sessions', { realm: 'shopper', email, password })).token as string;
    await api(server.base, 'POST', '/v1/shopper/identity', { real_name: '李伟', id_number: idNumber(i), mobile: '13800138000' }, token);
    await api(server.base, 'POST', '/v1/wallet/top-ups', { amount: TOP_UP_FEN, card: CARD }, token);
    pool[i] = token;
  });
  // The acquirer confirms each top-up through a job the servers' workers run.
  await inParallel(pool, 8, async (token) => {
    const deadline = Date.now() + 120_000;
    while ((await api(base, 'GET', '/v1/wallet', undefined, token)).available.amount !== TOP_UP_FEN) {
      if (Date.now() > deadline) throw new Error('a wallet top-up was not confirmed within 120 s');
      await sleep(100);
    }
  });
  log(`${IDENTITIES} verified shoppers with CNY ${Number(TOP_UP_FEN) / 100} each in ${Math.round(performance.now() - t0)} ms`);
  return { variantA, variantB, pool };
}

// --- the load --------------------------------------------------------------------------------

/** Which shopper each worker has (kept from the warm-up to the timed run) and the next one of the pool. */
interface Workers {
  shoppers: (Shopper | undefined)[];
  next: number;
}

interface RunFigures {
  completed: number;
  errors: number;
  error_kinds: Record<string, number>;
  elapsed_s: number;
  latencies: number[];
  steps: Record<Step, number[]>;
  identitiesUsed: number;
  poolRanOut: boolean;
}

/**
 * BENCH_SHOPPERS workers loop whole checkouts for `seconds`, each with a shopper taken from the
 * pool, worker w on server w mod processes (as a load balancer with sticky sessions would).
 */
async function run(f: Fixtures, servers: readonly Server[], seconds: number, state: Workers): Promise<RunFigures> {
  const r: RunFigures = {
    completed: 0,
    errors: 0,
    error_kinds: {},
    elapsed_s: 0,
    latencies: [],
    steps: Object.fromEntries(STEPS.map((s) => [s, []])) as unknown as Record<Step, number[]>,
    identitiesUsed: 0,
    poolRanOut: false,
  };
  const fail = (kind: string) => {
    r.errors++;
    r.error_kinds[kind] = (r.error_kinds[kind] ?? 0) + 1;
  };
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const take = () => {
    const s = f.pool[state.next++];
    if (s) r.identitiesUsed++;
    else r.poolRanOut = true;
    return s;
  };
  const worker = async (w: number) => {
    let s = state.shoppers[w] ?? take();
    const server = servers[w % servers.length] as Server;
    while (s && performance.now() < deadline) {
      const token: Shopper = s;
      const started = performance.now();
      const step = async (name: Step, path: string, body: unknown, expect: number, headers?: Record<string, string>) => {
        const sent = performance.now();
        const reply = await send(server, 'POST', path, token, body, headers);
        r.steps[name].push(performance.now() - sent);
        if (reply.status !== expect) {
          let code = '';
          try {
            code = reply.json()?.error?.code ?? '';
          } catch {
            // not JSON
          }
          throw new Error(`${name} ${reply.status}${code ? ` ${code}` : ''}`);
        }
        return reply;
      };
      let retire = false;
      try {
        await step('cart_line_a', '/v1/cart/lines', { variant_id: f.variantA, quantity: 1 }, 200);
        await step('cart_line_b', '/v1/cart/lines', { variant_id: f.variantB, quantity: 1 }, 200);
        const checkout = (await step('checkout', '/v1/checkouts', { address: ADDRESS }, 201)).json();
        const first = checkout.orders[0].shipping.options[0].service_code as string;
        const chosen = (await step('shipping', `/v1/checkouts/${checkout.id}/shipping`, { order: 0, service_code: first }, 200)).json();
        // Retire the identity when its quota would not cover another checkout like this one.
        retire = BigInt(chosen.quota.remaining_after.amount) < (BigInt(chosen.quota.this_checkout.amount) * 12n) / 10n;
        await step('pay', `/v1/checkouts/${checkout.id}/pay`, {}, 200, { 'idempotency-key': `${RUN}-${w}-${randomUUID()}` });
        r.completed++;
        r.latencies.push(performance.now() - started);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        fail(msg.includes(' ') && /^[a-z_]+ \d{3}/.test(msg) ? msg : `network: ${msg}`);
        retire ||= msg.includes('quota_exceeded');
      }
      if (retire) s = take();
    }
    state.shoppers[w] = s;
  };
  await Promise.all(Array.from({ length: SHOPPERS }, (_, w) => worker(w)));
  r.elapsed_s = (performance.now() - t0) / 1000;
  return r;
}

// --- reconciliation --------------------------------------------------------------------------

interface Reconciliation {
  balanced: boolean;
  ledger: boolean;
  quotas: boolean;
  stock: boolean;
  db_completed_checkouts: number;
  paid_orders: number;
  failures: string[];
}

/** Opens the stopped servers' database in this process and checks that everything adds up. */
async function reconcile(kind: Kind, httpCompleted: number): Promise<Reconciliation> {
  const env = dbEnv(kind);
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn', WORKER: 'false', DATABASE_POOL_SIZE: '2' });
  const rt = await createRuntime(config);
  try {
    const ctx = systemCtx(rt, 'bench:checkout');
    const q = async (sql: string) => (await rt.database.query<Record<string, string>>(sql))[0] ?? {};
    const failures: string[] = [];
    const expectEqual = (area: string, what: string, a: string | number | undefined, b: string | number | undefined) => {
      if (String(a) !== String(b)) failures.push(`${area}: ${what}: ${a} ≠ ${b}`);
    };
    const paid = `FROM orders WHERE paid_at IS NOT NULL`;

    const money = await verifyMoney(ctx);
    if (money.differences.length)
      failures.push(`ledger: ${money.differences.length} differences, e.g. ${JSON.stringify(money.differences[0])}`);
    if (money.unbalanced.length) failures.push(`ledger: unbalanced currencies ${money.unbalanced.join(', ')}`);
    const debits = await q(`SELECT coalesce(sum(t.amount), 0)::text AS v FROM ledger_transfers t
      JOIN ledger_accounts a ON a.id = t.debit_account_id
      WHERE a.key LIKE 'wallet:%' AND t.reference_type = 'payment_intent'`);
    const orders = await q(`SELECT count(*)::text AS n, coalesce(sum(total), 0)::text AS total,
      coalesce(sum((tax_detail->'dutiable'->>'amount')::bigint), 0)::text AS dutiable ${paid}`);
    expectEqual('ledger', 'wallet debits for payments vs paid orders’ totals', debits.v, orders.total);
    const ledgerOk = failures.length === 0;

    const years = await q('SELECT coalesce(sum(used), 0)::text AS v FROM cbec_quota_years');
    const usages = await q('SELECT coalesce(sum(amount - returned), 0)::text AS v, count(*)::text AS n FROM cbec_quota_usages');
    expectEqual('quotas', 'Σ used of the years vs Σ dutiable of paid orders', years.v, orders.dutiable);
    expectEqual('quotas', 'Σ usages (taken − returned) vs Σ dutiable of paid orders', usages.v, orders.dutiable);
    expectEqual('quotas', 'usages vs paid orders', usages.n, orders.n);
    const quotasOk = failures.length === 0;

    const stock = await verifyStock(ctx);
    if (stock.differences.length) failures.push(`stock: ${stock.differences.length} levels disagree with the movement ledger`);
    const completed = await q(`SELECT count(*)::text AS n FROM checkouts WHERE status = 'completed'`);
    const variants = await rt.database.query<Record<string, string>>(`
      SELECT l.variant_id AS variant,
        (SELECT sum(b.on_hand)::text FROM stock_buckets b JOIN stock_levels x ON x.id = b.level_id WHERE x.variant_id = l.variant_id) AS on_hand,
        (SELECT sum(b.reserved)::text FROM stock_buckets b JOIN stock_levels x ON x.id = b.level_id WHERE x.variant_id = l.variant_id) AS reserved,
        (SELECT count(*)::text FROM stock_buckets b JOIN stock_levels x ON x.id = b.level_id
          WHERE x.variant_id = l.variant_id AND (b.reserved < 0 OR b.reserved > b.on_hand)) AS bad_buckets,
        (SELECT coalesce(sum(quantity), 0)::text FROM stock_reservations r WHERE r.variant_id = l.variant_id AND r.status IN ('active', 'held')) AS open,
        (SELECT coalesce(sum(quantity), 0)::text FROM stock_reservations r WHERE r.variant_id = l.variant_id AND r.status = 'held') AS held,
        (SELECT coalesce(sum(ol.quantity), 0)::text FROM order_lines ol JOIN orders o ON o.id = ol.order_id
          WHERE ol.variant_id = l.variant_id AND o.paid_at IS NOT NULL) AS sold
      FROM stock_levels l GROUP BY l.variant_id`);
    if (variants.length !== 2) failures.push(`stock: ${variants.length} variants with stock, expected 2`);
    for (const v of variants) {
      expectEqual('stock', `${v.variant} units reserved in buckets vs active + held reservations`, v.reserved, v.open);
      expectEqual('stock', `${v.variant} held reservations vs units in paid orders`, v.held, v.sold);
      expectEqual('stock', `${v.variant} units sold vs completed checkouts`, v.sold, completed.n);
      expectEqual('stock', `${v.variant} units on hand vs received`, v.on_hand, STOCK);
      expectEqual('stock', `${v.variant} buckets below zero`, v.bad_buckets, 0);
    }
    const stockOk = failures.length === 0;
    expectEqual('checkouts', 'completed in the database vs over HTTP', completed.n, httpCompleted);
    expectEqual('checkouts', 'paid orders vs 2 × completed checkouts', orders.n, 2 * Number(completed.n));
    log(
      `${kind}: reconciled ${completed.n} completed checkouts, ${orders.n} paid orders, ${money.transfers} ledger transfers, ` +
        `${stock.levels} stock levels: ${failures.length ? `${failures.length} FAILED` : 'everything balances'}`,
    );
    return {
      balanced: ledgerOk && quotasOk && stockOk,
      ledger: ledgerOk,
      quotas: quotasOk,
      stock: stockOk,
      db_completed_checkouts: Number(completed.n),
      paid_orders: Number(orders.n),
      failures: failures.map((x) => `${kind}: ${x}`),
    };
  } finally {
    await rt.database.close();
  }
}

// --- the yardstick ---------------------------------------------------------------------------

/**
 * The same load loop against bench/bare-checkout.ts (the same paths, one SQL statement per
 * request, nothing else) on the same PostgreSQL database and as many processes: the most this
 * machine can do for a checkout over HTTP, to read the platform's figures against.
 */
async function yardstick(): Promise<Record<string, unknown>> {
  const env = { ...process.env, DATABASE_URL: db.url, POOL: String(POOL_SIZE) };
  const setup = start([BARE], { ...env, SETUP: '1' }, 'bare setup');
  const code = await new Promise<number | null>((res) => setup.once('exit', res));
  if (code !== 0) throw new Error(`bench/bare-checkout.ts setup exited ${code}`);
  let servers: Server[] = [];
  try {
    for (let i = 0; i < PROCESSES; i++) {
      const port = await freePort();
      const child = start([BARE], { ...env, PORT: String(port) }, `bare ${i + 1}`);
      const base = `http://127.0.0.1:${port}`;
      await until200(child, `${base}/ready`, 30_000);
      servers.push({ child, base, port, agent: new http.Agent({ keepAlive: true, maxSockets: Math.ceil(SHOPPERS / PROCESSES) }) });
    }
    const f: Fixtures = { variantA: 'a', variantB: 'b', pool: Array.from({ length: IDENTITIES }, (_, i) => `bare-${i}`) };
    const state: Workers = { shoppers: [], next: 0 };
    if (WARMUP_S > 0) await run(f, servers, WARMUP_S, state);
    const pids = servers.map((s) => s.child.pid as number);
    const serverCpu0 = pids.reduce((a, p) => a + cpuSeconds(p), 0);
    const pg0 = postgresCpu();
    const r = await run(f, servers, SECONDS, state);
    const serverCpu = pids.reduce((a, p) => a + cpuSeconds(p), 0) - serverCpu0;
    const pgCpu = postgresCpuBetween(pg0, postgresCpu());
    const sorted = Float64Array.from(r.latencies).sort();
    const perCheckoutMs = (cpu: number) => (r.completed ? round1((cpu * 1000) / r.completed) : null);
    const figures = {
      checkouts_per_s: round1(r.completed / r.elapsed_s),
      p50_ms: percentile(sorted, 50, round1),
      p99_ms: percentile(sorted, 99, round1),
      errors: r.errors,
      server_cpu_ms_per_checkout: perCheckoutMs(serverCpu),
      postgres_cpu_ms_per_checkout: perCheckoutMs(pgCpu),
    };
    log(`yardstick (bare checkout, one statement per request): ${JSON.stringify(figures)}`);
    if (r.errors) throw new Error(`the bare checkout failed ${r.errors} times: ${JSON.stringify(r.error_kinds)}`);
    return figures;
  } finally {
    await stopAll();
    for (const s of servers) s.agent.destroy();
    servers = [];
  }
}

// --- one database ----------------------------------------------------------------------------

async function benchOn(kind: Kind): Promise<{ figures: Record<string, unknown>; failures: string[]; balanced: boolean }> {
  const setupStart = performance.now();
  mkdirSync(join(workDir, kind), { recursive: true });
  const cli = await runTasman(
    ['operator', 'create', '--email', OPERATOR.email, '--name', 'Bench Operator', '--role', 'admin', '--password', OPERATOR.password],
    dbEnv(kind),
  );
  if (cli.code !== 0) throw new Error(`tasman operator create exited ${cli.code ?? cli.signal}: ${cli.out}`);
  let servers: Server[] = [];
  let sampler: pg.Client | undefined;
  try {
    servers = await startServers(kind);
    log(`${kind}: ${servers.length} server process(es) ready (pool ${POOL_SIZE}${kind === 'embedded' ? ', PGlite: one connection' : ''})`);
    const f = await createFixtures(servers);
    const setupS = (performance.now() - setupStart) / 1000;
    const state: Workers = { shoppers: [], next: 0 };
    const warm = WARMUP_S > 0 ? await run(f, servers, WARMUP_S, state) : undefined;
    if (warm) log(`${kind}: warm-up ${warm.completed} checkouts, ${warm.errors} errors ${JSON.stringify(warm.error_kinds)}`);

    if (kind === 'postgres') sampler = await connect(db.url);
    const activity = sampler ? sampleActivity(sampler) : undefined;
    const pids = servers.map((s) => s.child.pid as number);
    const serverCpu0 = pids.reduce((a, p) => a + cpuSeconds(p), 0);
    const pg0 = postgresCpu();
    const ticks0 = machineTicks();
    const self0 = process.cpuUsage();
    const r = await run(f, servers, SECONDS, state);
    const serverCpu = pids.reduce((a, p) => a + cpuSeconds(p), 0) - serverCpu0;
    const pgCpu = kind === 'postgres' ? postgresCpuBetween(pg0, postgresCpu()) : 0;
    const busy = machineBusyBetween(ticks0, machineTicks());
    const loadgen = loadgenCpuPct(self0, r.elapsed_s);
    const sessions = activity?.cut() ?? {};
    await activity?.stop();

    await stopAll();
    for (const s of servers) s.agent.destroy();
    servers = [];
    const totalCompleted = r.completed + (warm?.completed ?? 0);
    const rec = await reconcile(kind, totalCompleted);

    const sorted = Float64Array.from(r.latencies).sort();
    const perS = r.completed / r.elapsed_s;
    const perCheckoutMs = (cpu: number) => (r.completed ? round1((cpu * 1000) / r.completed) : null);
    const stepPct = (p: number) => Object.fromEntries(STEPS.map((s) => [s, percentile(Float64Array.from(r.steps[s]).sort(), p, round1)]));
    const figures = {
      checkouts_per_s: round1(perS),
      p50_ms: percentile(sorted, 50, round1),
      p99_ms: percentile(sorted, 99, round1),
      completed: r.completed,
      errors: r.errors,
      error_kinds: r.error_kinds,
      elapsed_s: round1(r.elapsed_s),
      step_p50_ms: stepPct(50),
      step_p99_ms: stepPct(99),
      server_cpu_pct: Math.round((serverCpu / r.elapsed_s) * 100),
      server_cpu_ms_per_checkout: perCheckoutMs(serverCpu),
      ...(kind === 'postgres'
        ? { postgres_cpu_pct: Math.round((pgCpu / r.elapsed_s) * 100), postgres_cpu_ms_per_checkout: perCheckoutMs(pgCpu) }
        : {}),
      loadgen_cpu_pct: loadgen,
      machine_busy_pct: Math.round(busy * 100),
      ...(kind === 'postgres' ? { db_sessions: sessions } : {}),
      server_processes: pids.length,
      identities_used: r.identitiesUsed + (warm?.identitiesUsed ?? 0),
      pool_ran_out: r.poolRanOut,
      warmup_completed: warm?.completed ?? 0,
      warmup_errors: warm?.errors ?? 0,
      setup_s: round1(setupS),
      balanced: rec.balanced,
      ledger_balanced: rec.ledger,
      quotas_balanced: rec.quotas,
      stock_balanced: rec.stock,
      db_completed_checkouts: rec.db_completed_checkouts,
      paid_orders: rec.paid_orders,
    };
    log(
      `${kind}: ${r.completed} checkouts in ${round1(r.elapsed_s)} s = ${round1(perS)}/s, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms, ` +
        `${r.errors} errors ${JSON.stringify(r.error_kinds)}; step p50 ${JSON.stringify(figures.step_p50_ms)}; ` +
        `CPU (% of one core): servers ${figures.server_cpu_pct}, PostgreSQL ${figures.postgres_cpu_pct ?? '-'}, load generator ${loadgen}; ` +
        `machine ${figures.machine_busy_pct} % busy${sampler ? `; database sessions (mean) ${JSON.stringify(sessions)}` : ''}`,
    );
    const failures = [...rec.failures];
    if (r.completed === 0) failures.push(`${kind}: no checkout completed`);
    const failed = r.errors + (warm?.errors ?? 0);
    if (failed > 0) failures.push(`${kind}: ${failed} checkouts failed: ${JSON.stringify({ ...warm?.error_kinds, ...r.error_kinds })}`);
    if (r.poolRanOut) log(`${kind}: the pool of ${IDENTITIES} identities ran out; raise BENCH_IDENTITIES`);
    return { figures, failures, balanced: rec.balanced };
  } finally {
    await stopAll();
    for (const s of servers) s.agent.destroy();
    await sampler?.end().catch(() => {});
  }
}

// --- the run ---------------------------------------------------------------------------------

async function main(): Promise<{ result: Record<string, unknown>; failures: string[] }> {
  const result: Record<string, unknown> = { bench: 'checkout' };
  const failures: string[] = [];
  let balanced = true;
  try {
    for (const kind of DATABASES as Kind[]) {
      if (kind === 'postgres') {
        const v = await db.create(['server_version']);
        log(`created database ${db.name} (PostgreSQL ${v.server_version ?? '?'})`);
        result.postgres_version = v.server_version;
        if (YARDSTICK) for (const [k, v] of Object.entries(await yardstick())) result[`yardstick_${k}`] = v;
      }
      const r = await benchOn(kind);
      const prefix = kind === 'postgres' ? 'pg' : 'embedded';
      for (const [k, v] of Object.entries(r.figures)) result[`${prefix}_${k}`] = v;
      failures.push(...r.failures);
      balanced &&= r.balanced;
      if (kind === 'postgres') await db.drop();
    }
  } finally {
    await db.drop().catch((err) => log(`could not drop database ${db.name}: ${(err as Error).message}`));
    rmSync(workDir, { recursive: true, force: true });
  }
  const pgPerS = result.pg_checkouts_per_s as number | undefined;
  const pgP99 = result.pg_p99_ms as number | undefined;
  const targetMet = pgPerS !== undefined && pgP99 !== undefined && pgPerS >= TARGET_PER_S && pgP99 < TARGET_P99_MS;
  log(`PostgreSQL target (≥ ${TARGET_PER_S} checkouts/s, p99 < ${TARGET_P99_MS} ms): ${targetMet ? 'met' : 'NOT met'}`);
  return {
    result: {
      ...result,
      ok: failures.length === 0,
      failures,
      balanced: balanced && DATABASES.length === 2,
      target_met: targetMet,
      databases: DATABASES,
      shoppers: SHOPPERS,
      seconds: SECONDS,
      warmup_s: WARMUP_S,
      identities: IDENTITIES,
      pool_size: POOL_SIZE,
      stock_units: STOCK,
      buckets: BUCKETS,
      log_level: LOG_LEVEL,
      ...machineFigures(round1),
    },
    failures,
  };
}

await runPgBench(main, { log, db, limitMs: HARD_LIMIT_MS, cleanup: () => rmSync(workDir, { recursive: true, force: true }) });
