// Usage per merchant (issue 9, C5). API calls are counted by the HTTP hook (ratelimit.ts) in
// memory and written per merchant per UTC hour in batches (kernel/batched-counts.ts, as product
// views are): every FLUSH_MS, before usage is read here, and when the server closes. A process
// that crashes loses at most FLUSH_MS of its counts: the merchant is billed for slightly fewer
// calls, never more. Orders, GMV, labels and storage are read from where they live (sources.ts).
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { batchedCounts } from '../../kernel/batched-counts.ts';
import { type Ctx, type Runtime, systemCtx } from '../../kernel/context.ts';
import { getMerchant } from '../merchants/service.ts';
import { planAt, planHistory } from './plans.ts';
import {
  BILLED_METRICS,
  BILLING_CURRENCY,
  BILLING_TIME_ZONES,
  type BillingPeriod,
  type CountedMetric,
  gmvFee,
  invoiceLines,
  invoiceTotals,
  type MerchantCountry,
  overageUnits,
  type PlanTerms,
  periodAt,
  scheduledChange,
  UNIT_SIZE,
  type UsageSnapshot,
} from './rules.ts';
import { usageCounters } from './schema.ts';
import { labelsBooked, ordersAndGmv, type Span, storageBytes } from './sources.ts';

export const FLUSH_MS = 5_000;
const HOUR_MS = 3_600_000;

interface Count {
  merchantId: string;
  metric: CountedMetric;
  hour: Date;
  quantity: number;
}

const counts = batchedCounts<Count>({
  what: 'API usage counts',
  flushMs: FLUSH_MS,
  maxKeys: 5_000,
  write: async (rt, rows) => {
    await systemCtx(rt, 'billing')
      .db.insert(usageCounters)
      .values(rows)
      .onConflictDoUpdate({
        target: [usageCounters.merchantId, usageCounters.metric, usageCounters.hour],
        set: { quantity: sql`${usageCounters.quantity} + excluded.quantity` },
      });
  },
});

/** One API call by a merchant's credentials, at `at` (the platform clock). */
export function countApiCall(rt: Runtime, merchantId: string, test: boolean, at: Date): void {
  const metric: CountedMetric = test ? 'api_calls_test' : 'api_calls';
  const hour = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
  counts.add(
    rt,
    `${merchantId}|${metric}|${hour.getTime()}`,
    () => ({ merchantId, metric, hour, quantity: 0 }),
    (c) => {
      c.quantity += 1;
    },
  );
}

/** Writes this process's API call counts now. */
export function flushUsage(rt: Runtime): Promise<void> {
  return counts.flush(rt);
}

async function countedCalls(ctx: Ctx, merchantId: string, span: Span): Promise<Record<CountedMetric, number>> {
  const rows = await ctx.db
    .select({ metric: usageCounters.metric, n: sql<string>`sum(${usageCounters.quantity})::text` })
    .from(usageCounters)
    .where(and(eq(usageCounters.merchantId, merchantId), gte(usageCounters.hour, span.from), lt(usageCounters.hour, span.to)))
    .groupBy(usageCounters.metric);
  const out: Record<CountedMetric, number> = { api_calls: 0, api_calls_test: 0 };
  for (const r of rows) if (r.metric === 'api_calls' || r.metric === 'api_calls_test') out[r.metric] = Number(r.n);
  return out;
}

/** Everything measured for a merchant over a period (storage as it is now). */
export async function measureUsage(ctx: Ctx, merchantId: string, span: Span): Promise<UsageSnapshot> {
  await flushUsage(ctx.rt);
  const calls = await countedCalls(ctx, merchantId, span);
  const sales = await ordersAndGmv(ctx, merchantId, span);
  return {
    api_calls: calls.api_calls,
    api_calls_test: calls.api_calls_test,
    orders: sales.orders,
    labels: await labelsBooked(ctx, merchantId, span),
    storage_bytes: await storageBytes(ctx, merchantId),
    gmv: sales.gmv,
  };
}

export interface UsageReport {
  merchantId: string;
  period: BillingPeriod;
  plan: PlanTerms;
  currency: string;
  scheduled: { plan_code: string; effective_from: Date } | null;
  usage: UsageSnapshot;
  metrics: {
    metric: (typeof BILLED_METRICS)[number] | 'api_calls_test';
    used: number;
    included: number | null;
    overage_units: number;
    unit_size: number;
    unit_price: bigint | null;
    overage_amount: bigint;
    billable: boolean;
  }[];
  gmv: { currency: string; amount: bigint; fee_bps: number; fee: bigint }[];
  estimate: Map<string, bigint>;
}

/** The merchant's current month so far: each metric against its plan, and what the invoice would be now. */
export async function currentUsage(ctx: Ctx, merchantId: string): Promise<UsageReport> {
  const merchant = await getMerchant(ctx, merchantId);
  const country = merchant.country as MerchantCountry;
  const at = ctx.rt.clock.now();
  const period = periodAt(at, BILLING_TIME_ZONES[country]);
  const currency = BILLING_CURRENCY[country];
  const plan = await planAt(ctx, merchantId, at);
  const next = scheduledChange(await planHistory(ctx, merchantId), at);
  const usage = await measureUsage(ctx, merchantId, period);
  const prices = plan.prices[currency];
  const metrics: UsageReport['metrics'] = BILLED_METRICS.map((metric) => {
    const units = overageUnits(BigInt(usage[metric]), BigInt(plan.included[metric]), UNIT_SIZE[metric]);
    const unitPrice = prices ? BigInt(prices.overage[metric]) : null;
    return {
      metric,
      used: usage[metric],
      included: plan.included[metric],
      overage_units: Number(units),
      unit_size: Number(UNIT_SIZE[metric]),
      unit_price: unitPrice,
      overage_amount: units * (unitPrice ?? 0n),
      billable: true,
    };
  });
  metrics.push({
    metric: 'api_calls_test',
    used: usage.api_calls_test,
    included: null,
    overage_units: 0,
    unit_size: 1,
    unit_price: null,
    overage_amount: 0n,
    billable: false,
  });
  const gmv = Object.entries(usage.gmv).map(([ccy, amount]) => ({
    currency: ccy,
    amount: BigInt(amount),
    fee_bps: plan.gmv_fee_bps,
    fee: gmvFee(BigInt(amount), plan.gmv_fee_bps),
  }));
  const estimate = prices ? invoiceTotals(invoiceLines(plan, currency, usage), currency) : new Map<string, bigint>();
  return {
    merchantId,
    period,
    plan,
    currency,
    scheduled: next ? { plan_code: next.planCode, effective_from: next.effectiveFrom } : null,
    usage,
    metrics,
    gmv,
    estimate,
  };
}
