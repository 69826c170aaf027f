// The one place where the platform is put together: settings → runtime (logger, database,
// keys, clock) → HTTP modules and job handlers. The CLI (src/cli) and the tests build the
// platform through these functions, so what is tested is what runs.
import type pino from 'pino';
import { type Clock, systemClock } from './kernel/clock.ts';
import type { Config } from './kernel/config.ts';
import { type Runtime, systemCtx } from './kernel/context.ts';
import { deriveKeys } from './kernel/crypto.ts';
import { type Database, openDatabase } from './kernel/db/client.ts';
import { purgeIdempotencyKeys } from './kernel/http/idempotency.ts';
import { buildServer, type HttpModule } from './kernel/http/server.ts';
import { enqueue, type JobHandler, Worker } from './kernel/jobs.ts';
import { createLogger } from './kernel/logger.ts';
import { platformModule } from './kernel/routes.ts';
import { invitationsModule } from './modules/identity/invitation-routes.ts';
import { identityModule } from './modules/identity/routes.ts';
import { authenticate, purgeExpiredSessions, SESSION_COOKIE } from './modules/identity/service.ts';
import { catalogModule } from './modules/catalog/routes.ts';
import { complianceModule } from './modules/compliance/routes.ts';
import { inventoryModule } from './modules/inventory/routes.ts';
import { expireReservations } from './modules/inventory/service.ts';
import { fxModule } from './modules/fx/routes.ts';
import { pollCustoms } from './modules/logistics/customs/service.ts';
import { customsModule, hubModule, logisticsModule, shipmentsModule } from './modules/logistics/routes.ts';
import { merchantsModule } from './modules/merchants/routes.ts';
import { expireCheckouts } from './modules/orders/checkout.ts';
import { completeDueOrders } from './modules/orders/service.ts';
import { ordersModule } from './modules/orders/routes.ts';
import { expirePendingTransfers } from './modules/payments/ledger.ts';
import { ledgerModule } from './modules/payments/routes.ts';
import { walletModule } from './modules/payments/wallet-routes.ts';
import { paymentsModule } from './modules/payments/intent-routes.ts';
import { instoreModule } from './modules/payments/instore/routes.ts';
import { runPayoutSchedule } from './modules/payments/settlement/payouts.ts';
import { settlementModule } from './modules/payments/settlement/routes.ts';
import { statementsModule } from './modules/payments/settlement/statement-routes.ts';
import { releaseDueEscrow } from './modules/payments/escrow.ts';
import { confirmThroughWebhook } from './modules/payments/wallets.ts';
import { storefrontModule } from './modules/storefront/routes.ts';
import { DISPATCH_JOB, dispatchWebhooks, webhookMaintenance } from './modules/cloud/delivery.ts';
import { webhooksModule } from './modules/cloud/routes.ts';
import { testHelpersModule } from './modules/testmode/routes.ts';
import { importsModule } from './modules/imports/routes.ts';
import { failImport, runImport } from './modules/imports/service.ts';
import { runInvoicing } from './modules/billing/invoicing.ts';
import { billingModule } from './modules/billing/routes.ts';

export const MODULES: readonly HttpModule[] = [
  platformModule,
  identityModule,
  invitationsModule,
  merchantsModule,
  catalogModule,
  inventoryModule,
  storefrontModule,
  ledgerModule,
  fxModule,
  walletModule,
  paymentsModule,
  complianceModule,
  logisticsModule,
  ordersModule,
  shipmentsModule,
  hubModule,
  customsModule,
  instoreModule,
  settlementModule,
  statementsModule,
  importsModule,
  webhooksModule,
  billingModule,
  testHelpersModule,
];

/** Every job kind the platform runs, by name. Modules add theirs here. */
export function jobHandlers(extra: Record<string, JobHandler> = {}): Map<string, JobHandler> {
  return new Map<string, JobHandler>(
    Object.entries({
      'platform.maintenance': async (ctx) => {
        await purgeIdempotencyKeys(ctx.rt);
        await purgeExpiredSessions(ctx);
      },
      'payments.acquirer_confirm': async (ctx, payload) => {
        await confirmThroughWebhook(ctx, String(payload.top_up_id));
      },
      'ledger.expire_pending': async (ctx) => {
        const n = await expirePendingTransfers(ctx);
        if (n) ctx.log.info({ expired: n }, 'expired pending ledger transfers voided');
      },
      'payments.release_escrow': async (ctx) => {
        const n = await releaseDueEscrow(ctx);
        if (n) ctx.log.info({ released: n }, 'escrow released after the delivery period');
      },
      'orders.expire_checkouts': async (ctx) => {
        const n = await expireCheckouts(ctx);
        if (n) ctx.log.info({ expired: n }, 'expired checkouts closed and their stock released');
      },
      'orders.complete_delivered': async (ctx) => {
        const n = await completeDueOrders(ctx);
        if (n) ctx.log.info({ completed: n }, 'delivered orders completed after the escrow period');
      },
      'logistics.customs_receipts': async (ctx) => {
        const n = await pollCustoms(ctx);
        if (n) ctx.log.info({ declarations: n }, 'customs receipts applied');
      },
      'settlement.payouts': async (ctx) => {
        const made = await runPayoutSchedule(ctx);
        if (made.length) ctx.log.info({ batches: made.map((b) => b.id) }, 'weekly payout batches prepared');
      },
      'inventory.expire_reservations': async (ctx) => {
        const n = await expireReservations(ctx);
        if (n) ctx.log.info({ expired: n }, 'expired stock reservations released');
      },
      'imports.run': async (ctx, payload, job) => {
        const id = String(payload.import_id);
        try {
          const imp = await runImport(ctx, id);
          ctx.log.info({ import_id: imp.id, status: imp.status, rows: imp.totalRows, errors: imp.errorCount }, 'import finished');
        } catch (e) {
          // The last attempt: the import fails with the reason instead of staying `running`.
          if (job.attempts >= job.maxAttempts) await failImport(ctx, id, e instanceof Error ? e.message : String(e));
          throw e;
        }
      },
      [DISPATCH_JOB]: async (ctx) => {
        const r = await dispatchWebhooks(ctx);
        if (r.succeeded + r.failed + r.retrying) ctx.log.info(r, 'webhook deliveries sent');
      },
      'billing.invoices': async (ctx) => {
        if (!ctx.rt.config.BILLING_INVOICING) return;
        const made = await runInvoicing(ctx);
        if (made.length) ctx.log.info({ invoices: made.map((i) => i.number) }, 'monthly invoices made and charged');
      },
      'webhooks.maintenance': async (ctx) => {
        const r = await webhookMaintenance(ctx);
        if (r.disabled || r.expired || r.purged) ctx.log.info(r, 'webhook endpoints disabled, deliveries expired or old deliveries purged');
      },
      ...extra,
    }),
  );
}

export interface RuntimeOptions {
  clock?: Clock;
  logDestination?: pino.DestinationStream;
  /** Use an already open database (tests); otherwise opened from the config. */
  database?: Database;
}

export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = createLogger(config.LOG_LEVEL, opts.logDestination);
  const database =
    opts.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE }));
  return { config, database, clock: opts.clock ?? systemClock, keys: deriveKeys(config.secret), log };
}

export function buildApp(rt: Runtime, extraModules: readonly HttpModule[] = []) {
  return buildServer(rt, { modules: [...MODULES, ...extraModules], authenticate, sessionCookie: SESSION_COOKIE });
}

export function createWorker(rt: Runtime, handlers = jobHandlers()): Worker {
  return new Worker(rt, { concurrency: rt.config.WORKER_CONCURRENCY, pollMs: rt.config.WORKER_POLL_MS, handlers });
}

/**
 * Queue the periodic jobs — housekeeping and the weekly payout run's check once an hour; releasing expired stock reservations and
 * voiding expired pending ledger transfers, releasing escrow due after delivery and completing
 * those orders, reading customs receipts once a minute — once per period across all processes (the dedupe keys). Called every minute.
 */
export async function scheduleMaintenance(rt: Runtime): Promise<void> {
  const ctx = systemCtx(rt, 'scheduler');
  const iso = rt.clock.now().toISOString();
  await enqueue(ctx, 'platform.maintenance', {}, { dedupeKey: `platform.maintenance:${iso.slice(0, 13)}`, maxAttempts: 3 });
  // Payout day is checked every hour in the banks' time zones; a day's batch is prepared once.
  await enqueue(ctx, 'settlement.payouts', {}, { dedupeKey: `settlement.payouts:${iso.slice(0, 13)}`, maxAttempts: 3 });
  // Failing endpoints are disabled, and a lost dispatch chain (a worker died) restarted, hourly.
  await enqueue(ctx, 'webhooks.maintenance', {}, { dedupeKey: `webhooks.maintenance:${iso.slice(0, 13)}`, maxAttempts: 3 });
  // Each merchant's month just ended (in its time zone) is invoiced once; the hourly check finds it.
  await enqueue(ctx, 'billing.invoices', {}, { dedupeKey: `billing.invoices:${iso.slice(0, 13)}`, maxAttempts: 3 });
  for (const kind of [
    'orders.expire_checkouts',
    'orders.complete_delivered',
    'inventory.expire_reservations',
    'ledger.expire_pending',
    'payments.release_escrow',
    'logistics.customs_receipts',
  ]) {
    await enqueue(ctx, kind, {}, { dedupeKey: `${kind}:${iso.slice(0, 16)}`, maxAttempts: 3 });
  }
}
