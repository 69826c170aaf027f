// Usage metering and plans (issue 9, C5): the plans operators sell, which plan each merchant is on
// and from when, the API calls counted per merchant per hour, and the monthly invoices made from
// the usage with their lines. Money itself moves only in the ledger; invoices say why.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { InvoiceStatus, PlanIncluded, PlanPriceList, UsageSnapshot } from './rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'bigint' });

/** A plan's terms: rate limit, included usage, GMV fee, and a price list per billing currency. */
export const plans = pgTable(
  'plans',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    gmvFeeBps: integer('gmv_fee_bps').notNull(),
    included: jsonb('included').notNull().$type<PlanIncluded>(),
    prices: jsonb('prices').notNull().$type<PlanPriceList>(),
    updatedBy: text('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [check('plans_rate_limit', sql`${t.rateLimitPerMinute} > 0`), check('plans_gmv_fee_bps', sql`${t.gmvFeeBps} between 0 and 10000`)],
);

/**
 * A merchant's plan history: the plan in force at an instant is the row with the latest
 * `effective_from` at or before it (the latest id among equals). No row: the default plan.
 */
export const merchantPlans = pgTable(
  'merchant_plans',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    planCode: text('plan_code')
      .notNull()
      .references(() => plans.code),
    effectiveFrom: ts('effective_from').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('merchant_plans_merchant_idx').on(t.merchantId, t.effectiveFrom, t.id)],
);

/**
 * Counted usage (API calls, live and test) per merchant per UTC hour. Every billing time zone
 * (Sydney, Auckland, Shanghai) is a whole number of hours from UTC, so hours add up exactly to
 * the merchant's calendar months. Written in batches (usage.ts).
 */
export const usageCounters = pgTable(
  'usage_counters',
  {
    merchantId: text('merchant_id').notNull(),
    metric: text('metric').notNull(),
    hour: ts('hour').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.metric, t.hour] })],
);

/** One counter row per invoice number series (a calendar year): numbers never reused, no gaps but rollbacks'. */
export const invoiceSequences = pgTable('invoice_sequences', {
  series: text('series').primaryKey(),
  last: bigint('last', { mode: 'number' }).notNull(),
});

/** A merchant's invoice for one calendar month of its time zone: one per merchant per period. */
export const invoices = pgTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** The month, YYYY-MM, in `time_zone`. */
    period: text('period').notNull(),
    periodFrom: ts('period_from').notNull(),
    periodTo: ts('period_to').notNull(),
    timeZone: text('time_zone').notNull(),
    planCode: text('plan_code').notNull(),
    planName: text('plan_name').notNull(),
    /** The plan's price list currency (the merchant's settlement currency). */
    currency: text('currency').notNull(),
    status: text('status').notNull().$type<InvoiceStatus>(),
    /** Total per currency, minor units as strings: the plan currency, and each GMV currency with a fee. */
    totals: jsonb('totals').notNull().$type<Record<string, string>>(),
    /** What was measured for the period, as it was when the invoice was made. */
    usage: jsonb('usage').notNull().$type<UsageSnapshot>(),
    /** The ledger transfers that charged it, one per currency. */
    transferIds: text('transfer_ids').array().notNull().default([]),
    createdAt: ts('created_at').notNull(),
    paidAt: ts('paid_at'),
  },
  (t) => [
    uniqueIndex('invoices_merchant_period_idx').on(t.merchantId, t.period),
    uniqueIndex('invoices_number_idx').on(t.number),
    index('invoices_merchant_idx').on(t.merchantId, t.id),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    lineNo: integer('line_no').notNull(),
    kind: text('kind').notNull().$type<'plan_fee' | 'overage' | 'gmv_fee'>(),
    metric: text('metric'),
    description: text('description').notNull(),
    /** What was used (calls, orders, labels, bytes; for a GMV fee the GMV in minor units). */
    quantity: minor('quantity').notNull(),
    included: minor('included').notNull(),
    /** Units charged: blocks of `unit_size` over the included amount, rounded up; 1 for the plan fee. */
    units: minor('units').notNull(),
    unitSize: minor('unit_size').notNull(),
    /** Per unit, minor units; for a GMV fee the rate in basis points. */
    unitPrice: minor('unit_price').notNull(),
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.lineNo] }), check('invoice_lines_amount', sql`${t.amount} >= 0`)],
);
