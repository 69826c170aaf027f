// Plans, usage and invoices as pure rules (issue 9, C5): the default plans, billing periods
// (calendar months in the merchant's time zone), overage in whole blocks rounded up, the GMV fee
// rounded half-up once per currency, invoice lines and numbers, the plan in force at an instant,
// and the per-minute request window. Money is bigint minor units with an ISO currency.
import { divideRounded } from '../../kernel/money.ts';
import { businessDay, localDate } from '../payments/instore/rules.ts';
import { PAYOUT_TIME_ZONES } from '../payments/settlement/rules.ts';

export type MerchantCountry = 'AU' | 'NZ' | 'CN';

/** Metered quantities a plan includes and charges overage on. */
export const BILLED_METRICS = ['api_calls', 'orders', 'labels', 'storage_bytes'] as const;
export type BilledMetric = (typeof BILLED_METRICS)[number];

/** Counted by the HTTP hook: live credentials (billed) and test keys (shown, never billed). */
export const COUNTED_METRICS = ['api_calls', 'api_calls_test'] as const;
export type CountedMetric = (typeof COUNTED_METRICS)[number];

export const BILLING_CURRENCIES = ['AUD', 'NZD', 'CNY'] as const;
export type BillingCurrency = (typeof BILLING_CURRENCIES)[number];

/**
 * Overage is charged per started block: API calls per 1,000, storage per GB (10^9 bytes, as
 * storage is sold), orders and labels one by one.
 */
export const UNIT_SIZE: Readonly<Record<BilledMetric, bigint>> = {
  api_calls: 1000n,
  orders: 1n,
  labels: 1n,
  storage_bytes: 1_000_000_000n,
};

export type PlanIncluded = Record<BilledMetric, number>;

/** One currency's prices: the monthly fee and the price of one overage block per metric, minor units as strings. */
export interface PriceListEntry {
  monthly_fee: string;
  overage: Record<BilledMetric, string>;
}
export type PlanPriceList = Partial<Record<BillingCurrency, PriceListEntry>>;

export interface PlanTerms {
  code: string;
  name: string;
  position: number;
  rate_limit_per_minute: number;
  /** On the merchant's GMV of the month, per charge currency. */
  gmv_fee_bps: number;
  included: PlanIncluded;
  prices: PlanPriceList;
}

/** A merchant with no plan chosen is on this one. */
export const DEFAULT_PLAN_CODE = 'starter';

const GB = 1_000_000_000;

/**
 * The plans the platform starts with (operators change terms later, POST /v1/plans/:code). Each
 * has a price list in every billing currency: a merchant pays in its settlement currency.
 */
export const DEFAULT_PLANS: readonly PlanTerms[] = [
  {
    code: 'starter',
    name: 'Starter',
    position: 1,
    rate_limit_per_minute: 600,
    gmv_fee_bps: 50,
    included: { api_calls: 10_000, orders: 100, labels: 100, storage_bytes: 1 * GB },
    prices: {
      AUD: { monthly_fee: '2900', overage: { api_calls: '50', orders: '30', labels: '20', storage_bytes: '50' } },
      NZD: { monthly_fee: '3200', overage: { api_calls: '55', orders: '33', labels: '22', storage_bytes: '55' } },
      CNY: { monthly_fee: '14900', overage: { api_calls: '250', orders: '150', labels: '100', storage_bytes: '250' } },
    },
  },
  {
    code: 'growth',
    name: 'Growth',
    position: 2,
    rate_limit_per_minute: 1200,
    gmv_fee_bps: 25,
    included: { api_calls: 100_000, orders: 1_000, labels: 1_000, storage_bytes: 10 * GB },
    prices: {
      AUD: { monthly_fee: '9900', overage: { api_calls: '30', orders: '20', labels: '15', storage_bytes: '40' } },
      NZD: { monthly_fee: '10900', overage: { api_calls: '33', orders: '22', labels: '17', storage_bytes: '44' } },
      CNY: { monthly_fee: '49900', overage: { api_calls: '150', orders: '100', labels: '75', storage_bytes: '200' } },
    },
  },
  {
    code: 'scale',
    name: 'Scale',
    position: 3,
    rate_limit_per_minute: 3000,
    gmv_fee_bps: 0,
    included: { api_calls: 1_000_000, orders: 10_000, labels: 10_000, storage_bytes: 100 * GB },
    prices: {
      AUD: { monthly_fee: '39900', overage: { api_calls: '20', orders: '10', labels: '10', storage_bytes: '30' } },
      NZD: { monthly_fee: '43900', overage: { api_calls: '22', orders: '11', labels: '11', storage_bytes: '33' } },
      CNY: { monthly_fee: '199900', overage: { api_calls: '100', orders: '50', labels: '50', storage_bytes: '150' } },
    },
  },
];

/** Where a merchant's month starts and ends: its bank's city for AU/NZ (as statements), Shanghai for sellers in China. */
export const BILLING_TIME_ZONES: Readonly<Record<MerchantCountry, string>> = { ...PAYOUT_TIME_ZONES, CN: 'Asia/Shanghai' };

/** The plan's price list a merchant pays from: its settlement currency. */
export const BILLING_CURRENCY: Readonly<Record<MerchantCountry, BillingCurrency>> = { AU: 'AUD', NZ: 'NZD', CN: 'CNY' };

// ---------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------

export interface BillingPeriod {
  /** YYYY-MM */
  label: string;
  from: Date;
  /** Exclusive: local midnight of the first day of the next month. */
  to: Date;
  time_zone: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function nextMonth(label: string): string {
  const m = MONTH.exec(label);
  if (!m) throw new RangeError(`not a month: ${label}`);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return mo === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${m[1]}-${String(mo + 1).padStart(2, '0')}`;
}

function previousMonth(label: string): string {
  const m = MONTH.exec(label);
  if (!m) throw new RangeError(`not a month: ${label}`);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return mo === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${m[1]}-${String(mo - 1).padStart(2, '0')}`;
}

export function isMonth(label: string): boolean {
  return MONTH.test(label);
}

/** A calendar month in a time zone: [local midnight of the 1st, local midnight of the next 1st), as statements do. */
export function monthPeriod(label: string, timeZone: string): BillingPeriod {
  if (!MONTH.test(label)) throw new RangeError(`not a month: ${label}`);
  return {
    label,
    from: businessDay(`${label}-01`, timeZone).from,
    to: businessDay(`${nextMonth(label)}-01`, timeZone).from,
    time_zone: timeZone,
  };
}

/** The month `at` falls in, in the zone. */
export function periodAt(at: Date, timeZone: string): BillingPeriod {
  return monthPeriod(localDate(at, timeZone).slice(0, 7), timeZone);
}

/** The month before the one `at` falls in: what the invoicing job bills. */
export function previousPeriod(at: Date, timeZone: string): BillingPeriod {
  return monthPeriod(previousMonth(localDate(at, timeZone).slice(0, 7)), timeZone);
}

/** The month after the one `at` falls in: when a change "from the next period" takes effect. */
export function nextPeriod(at: Date, timeZone: string): BillingPeriod {
  return monthPeriod(nextMonth(localDate(at, timeZone).slice(0, 7)), timeZone);
}

// ---------------------------------------------------------------------------
// Plans in force
// ---------------------------------------------------------------------------

export interface PlanChange {
  id: string;
  planCode: string;
  effectiveFrom: Date;
}

/**
 * The plan in force at `at`: the change with the latest effective time at or before it, the
 * latest made (id) among changes effective at the same instant; the default plan without one.
 */
export function planInForce(changes: readonly PlanChange[], at: Date): string {
  let best: PlanChange | undefined;
  for (const c of changes) {
    if (c.effectiveFrom > at) continue;
    if (!best || c.effectiveFrom > best.effectiveFrom || (c.effectiveFrom.getTime() === best.effectiveFrom.getTime() && c.id > best.id))
      best = c;
  }
  return best?.planCode ?? DEFAULT_PLAN_CODE;
}

/** A change made after `at` but effective later: what the merchant will move to, and when. */
export function scheduledChange(changes: readonly PlanChange[], at: Date): PlanChange | null {
  const future = changes
    .filter((c) => c.effectiveFrom > at)
    .sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime() || (a.id < b.id ? 1 : -1));
  return future[0] ?? null;
}

// ---------------------------------------------------------------------------
// Usage and invoice lines
// ---------------------------------------------------------------------------

/** What was measured over a period. GMV per charge currency, minor units as strings. */
export interface UsageSnapshot {
  api_calls: number;
  api_calls_test: number;
  orders: number;
  labels: number;
  /** A level, not a flow: what the merchant stores at the end of the period (when measured). */
  storage_bytes: number;
  gmv: Record<string, string>;
}

/** Blocks charged for a quantity over the included amount: every started block counts (rounded up). */
export function overageUnits(used: bigint, included: bigint, unitSize: bigint): bigint {
  if (unitSize <= 0n) throw new RangeError('unit size must be positive');
  const over = used - included;
  if (over <= 0n) return 0n;
  return divideRounded(over, unitSize, 'up');
}

/** The GMV fee: GMV × bps / 10,000, rounded half-up to the minor unit once per currency. */
export function gmvFee(gmv: bigint, bps: number): bigint {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError('bps must be an integer 0–10000');
  if (gmv <= 0n) return 0n;
  return divideRounded(gmv * BigInt(bps), 10_000n, 'half-up');
}

export interface InvoiceLineDraft {
  kind: 'plan_fee' | 'overage' | 'gmv_fee';
  metric: BilledMetric | 'gmv' | null;
  description: string;
  quantity: bigint;
  included: bigint;
  units: bigint;
  unitSize: bigint;
  /** Minor units per unit; for the GMV fee, basis points. */
  unitPrice: bigint;
  amount: bigint;
  currency: string;
}

const METRIC_LABELS: Readonly<Record<BilledMetric, string>> = {
  api_calls: 'API calls API 调用',
  orders: 'Orders 订单',
  labels: 'Shipping labels 运单',
  storage_bytes: 'Storage (GB) 存储空间',
};

/**
 * An invoice's lines: the plan's monthly fee, then one overage line per metric used beyond what
 * the plan includes (zero-amount lines are left out), then a GMV fee line per charge currency.
 * Throws when the plan has no price list in the currency.
 */
export function invoiceLines(plan: PlanTerms, currency: BillingCurrency, usage: UsageSnapshot): InvoiceLineDraft[] {
  const prices = plan.prices[currency];
  if (!prices) throw new RangeError(`plan ${plan.code} has no prices in ${currency}`);
  const lines: InvoiceLineDraft[] = [
    {
      kind: 'plan_fee',
      metric: null,
      description: `${plan.name} plan 套餐月费`,
      quantity: 1n,
      included: 0n,
      units: 1n,
      unitSize: 1n,
      unitPrice: BigInt(prices.monthly_fee),
      amount: BigInt(prices.monthly_fee),
      currency,
    },
  ];
  for (const metric of BILLED_METRICS) {
    const used = BigInt(usage[metric]);
    const included = BigInt(plan.included[metric]);
    const units = overageUnits(used, included, UNIT_SIZE[metric]);
    if (units === 0n) continue;
    const unitPrice = BigInt(prices.overage[metric]);
    lines.push({
      kind: 'overage',
      metric,
      description: `${METRIC_LABELS[metric]} over ${included} included`,
      quantity: used,
      included,
      units,
      unitSize: UNIT_SIZE[metric],
      unitPrice,
      amount: units * unitPrice,
      currency,
    });
  }
  for (const [ccy, raw] of Object.entries(usage.gmv).sort(([a], [b]) => a.localeCompare(b))) {
    const gmv = BigInt(raw);
    const fee = gmvFee(gmv, plan.gmv_fee_bps);
    if (fee === 0n) continue;
    lines.push({
      kind: 'gmv_fee',
      metric: 'gmv',
      description: `GMV fee ${plan.gmv_fee_bps} bps 交易服务费`,
      quantity: gmv,
      included: 0n,
      units: 1n,
      unitSize: 1n,
      unitPrice: BigInt(plan.gmv_fee_bps),
      amount: fee,
      currency: ccy,
    });
  }
  return lines;
}

/** Totals per currency, the plan's currency first. */
export function invoiceTotals(lines: readonly InvoiceLineDraft[], planCurrency: string): Map<string, bigint> {
  const totals = new Map<string, bigint>([[planCurrency, 0n]]);
  for (const l of lines) totals.set(l.currency, (totals.get(l.currency) ?? 0n) + l.amount);
  return totals;
}

/** `TSM-2026-000042`: one series per calendar year of the period, numbered from 1. */
export function invoiceNumber(series: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('sequence starts at 1');
  return `TSM-${series}-${String(seq).padStart(6, '0')}`;
}

export const INVOICE_STATUSES = ['paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

// ---------------------------------------------------------------------------
// Rate limit window
// ---------------------------------------------------------------------------

export interface RateWindow {
  /** ms since the epoch when this window opened (the merchant's first request in it). */
  start: number;
  count: number;
}

export const WINDOW_MS = 60_000;

/**
 * One request against a merchant's per-minute budget: a window opens at the first request and
 * lasts a minute; within it at most `limit` requests pass. A refused request does not count.
 * `retryAfterS` is the whole seconds until the window closes, at least 1 (HTTP Retry-After).
 */
export function takeRequest(
  w: RateWindow | undefined,
  nowMs: number,
  limit: number,
): { window: RateWindow; allowed: boolean; remaining: number; retryAfterS: number } {
  const current = w && nowMs - w.start < WINDOW_MS && nowMs >= w.start ? w : { start: nowMs, count: 0 };
  const retryAfterS = Math.max(1, Math.ceil((current.start + WINDOW_MS - nowMs) / 1000));
  if (current.count >= limit) return { window: current, allowed: false, remaining: 0, retryAfterS };
  const next = { start: current.start, count: current.count + 1 };
  return { window: next, allowed: true, remaining: limit - next.count, retryAfterS };
}
