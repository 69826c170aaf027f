// Long-running processes: `tasman serve` (HTTP + worker) and `tasman worker`. Both stop
// gracefully on SIGTERM/SIGINT: stop accepting, finish what is in flight, close the database.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../kernel/config.ts';
import type { Runtime } from '../kernel/context.ts';
import { migrationStatus, runMigrations } from '../kernel/db/migrate.ts';
import { WEB_DIST } from '../kernel/http/web.ts';
import { buildApp, createRuntime, createWorker, scheduleMaintenance } from '../main.ts';
import { DEMO_MERCHANTS } from '../modules/catalog/demo/corridor.ts';
import { storefrontIndex } from '../modules/storefront/index.ts';
import { DEMO, isEmpty, seedDemo } from '../seed.ts';

/** The database did not answer at start; the CLI exits 69 (docs/operations.md, exit codes). */
export class DatabaseUnavailableError extends Error {}

async function openRuntime(config: Config): Promise<Runtime> {
  let rt: Runtime | undefined;
  try {
    rt = await createRuntime(config);
    await rt.database.query('select 1');
    return rt;
  } catch (err) {
    await rt?.database.close().catch(() => {});
    throw new DatabaseUnavailableError(`cannot open the ${config.databaseKind} database: ${(err as Error).message}`);
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => resolve(s);
    process.once('SIGTERM', on);
    process.once('SIGINT', on);
  });
}

/** Hard stop if graceful shutdown takes longer than SHUTDOWN_TIMEOUT_MS. */
function deadline(rt: Runtime): NodeJS.Timeout {
  const t = setTimeout(() => {
    rt.log.error({ timeout_ms: rt.config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
    process.exit(1);
  }, rt.config.SHUTDOWN_TIMEOUT_MS);
  t.unref();
  return t;
}

function maintenanceTimer(rt: Runtime): NodeJS.Timeout {
  const tick = () => scheduleMaintenance(rt).catch((err) => rt.log.warn({ err }, 'could not schedule maintenance'));
  void tick();
  const t = setInterval(tick, 60_000);
  t.unref();
  return t;
}

export async function serve(config: Config): Promise<void> {
  const started = Date.now();
  const rt = await openRuntime(config);
  const signal = untilSignal();
  await runMigrations(rt.database);
  const seedDemoData = config.SEED_DEMO && (await isEmpty(rt));
  if (seedDemoData) {
    rt.log.info('empty database: loading the demo accounts and the demo corridor (first start only, takes a few seconds)');
    await seedDemo(rt);
  }
  const app = await buildApp(rt);
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const worker = config.WORKER ? createWorker(rt) : undefined;
  worker?.start();
  const maintenance = worker ? maintenanceTimer(rt) : undefined;
  // Build the storefront search index now rather than on the first shopper's search.
  void storefrontIndex(rt)
    .ensureFresh()
    .catch((err) => rt.log.warn({ err }, 'could not build the storefront index; it is built on the first search'));
  rt.log.info(
    { address, database: rt.database.kind, location: rt.database.location, worker: !!worker, startup_ms: Date.now() - started },
    'tasman is ready',
  );
  const shown = address.replace('://0.0.0.0', '://localhost').replace('://127.0.0.1', '://localhost');
  const lines = [
    `\n  Tasman is running at ${shown}`,
    `  Storefront: ${shown}/    Merchant console: ${shown}/merchant/    Operator console: ${shown}/operator/`,
    existsSync(join(WEB_DIST, 'index.html')) ? '' : '  (the web apps are not built: `npm run web:build`, which `npm start` runs)',
    `  API reference: ${shown}/docs    OpenAPI: ${shown}/openapi.json`,
  ].filter(Boolean);
  if (seedDemoData) {
    lines.push(
      '  Demo accounts (created now, on an empty database):',
      `    operator  ${DEMO.operator.email} / ${DEMO.operator.password}`,
      `    shopper   ${DEMO.shopper.email} / ${DEMO.shopper.password}  (in China, identity verified)`,
      `    shopper   ${DEMO.shopperAu.email} / ${DEMO.shopperAu.password}  (in Australia: buys from the seller in China)`,
      `    merchants ${DEMO_MERCHANTS.map((m) => m.owner.email).join(', ')}`,
      `              password ${DEMO.merchantPassword}; ${DEMO_MERCHANTS.reduce((n, m) => n + m.products.length, 0)} listed products`,
      `  Browse: curl '${shown}/v1/storefront/products?q=%E8%9C%82%E8%9C%9C'   (蜂蜜, honey)`,
      `  Sign in: curl -X POST ${shown}/v1/sessions -H 'content-type: application/json' \\`,
      `             -d '{"realm":"staff","email":"${DEMO.operator.email}","password":"${DEMO.operator.password}"}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const s = await signal;
  rt.log.info({ signal: s }, 'shutting down');
  deadline(rt);
  if (maintenance) clearInterval(maintenance);
  await app.close(); // stops accepting; waits for in-flight requests
  await worker?.stop();
  await rt.database.close();
  rt.log.info('stopped');
}

export async function runWorker(config: Config): Promise<void> {
  const rt = await openRuntime(config);
  const signal = untilSignal();
  const m = await migrationStatus(rt.database);
  if (!m.current) {
    await rt.database.close();
    throw new Error(`the database has pending migrations (${m.pending.join(', ')}); run \`tasman migrate\` first`);
  }
  const worker = createWorker(rt);
  worker.start();
  const maintenance = maintenanceTimer(rt);
  rt.log.info({ worker_id: worker.id, database: rt.database.kind }, 'worker started');
  const s = await signal;
  rt.log.info({ signal: s }, 'worker shutting down');
  deadline(rt);
  clearInterval(maintenance);
  await worker.stop();
  await rt.database.close();
  rt.log.info('worker stopped');
}
