// Merchant settlement (issue 8, PRODUCT.md P4): the operator's fee schedule (commission per
// product category, payment fee per charge currency), payout holds, the conversions of a
// merchant's released balance into their settlement currency (rate and spread kept), and payout
// batches with their items. Money itself moves only in the ledger; these rows say why.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'bigint' });

/** Commission per product category; the row with category `*` is the rate for any other. */
export const commissionRates = pgTable(
  'commission_rates',
  {
    category: text('category').primaryKey(),
    bps: integer('bps').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [check('commission_rates_bps', sql`${t.bps} between 0 and 10000`)],
);

/** The payment fee per charge currency: a percentage of what the buyer paid plus a fixed part. */
export const paymentFees = pgTable(
  'payment_fees',
  {
    currency: text('currency').primaryKey(),
    bps: integer('bps').notNull(),
    fixed: minor('fixed').notNull().default(sql`0`),
    updatedBy: text('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [check('payment_fees_bps', sql`${t.bps} between 0 and 10000 AND ${t.fixed} >= 0`)],
);

/** A merchant's payouts held by an operator (under review): the balance stays until released. */
export const payoutHolds = pgTable('payout_holds', {
  merchantId: text('merchant_id').primaryKey(),
  reason: text('reason').notNull(),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull(),
});

/**
 * A merchant's balance in one currency converted into their settlement currency at the
 * settlement FX rate: the mid rate and the spread in force, and the rate applied (mid less the
 * spread), with the two ledger transfers through the FX positions.
 */
export const settlementConversions = pgTable(
  'settlement_conversions',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    batchId: text('batch_id'),
    fromCurrency: text('from_currency').notNull(),
    /** Signed: a negative balance (refunds after payout) is converted too, the other way. */
    fromAmount: minor('from_amount').notNull(),
    toCurrency: text('to_currency').notNull(),
    toAmount: minor('to_amount').notNull(),
    mid: text('mid').notNull(),
    spreadBps: integer('spread_bps').notNull(),
    rate: text('rate').notNull(),
    fxRateId: text('fx_rate_id').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('settlement_conversions_merchant_idx').on(t.merchantId, t.createdAt)],
);

export const PAYOUT_BATCH_STATUSES = ['draft', 'approved', 'sent', 'confirmed', 'failed'] as const;
export type PayoutBatchStatus = (typeof PAYOUT_BATCH_STATUSES)[number];
export const BANK_FILE_FORMATS = ['aba', 'nz_bulk'] as const;
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];

export const payoutBatches = pgTable(
  'payout_batches',
  {
    id: text('id').primaryKey(),
    currency: text('currency').notNull(),
    format: text('format').notNull().$type<BankFileFormat>(),
    /** The local payout day (YYYY-MM-DD in the bank's time zone) the batch pays. */
    payoutDate: text('payout_date').notNull(),
    status: text('status').notNull().$type<PayoutBatchStatus>(),
    /** `operator:<id>`, or `system:schedule` for the weekly run. */
    preparedBy: text('prepared_by').notNull(),
    /** Finance operators who approved, in order (four eyes: two people, the preparer counts). */
    approvals: text('approvals').array().notNull().default(sql`'{}'::text[]`),
    total: minor('total').notNull(),
    itemCount: integer('item_count').notNull(),
    fileSha256: text('file_sha256'),
    approvedAt: ts('approved_at'),
    sentAt: ts('sent_at'),
    sentBy: text('sent_by'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('payout_batches_status_idx').on(t.status, t.id),
    uniqueIndex('payout_batches_scheduled_idx').on(t.currency, t.payoutDate).where(sql`prepared_by = 'system:schedule'`),
  ],
);

export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** One merchant's payout in a batch: one line of the bank file. */
export const payouts = pgTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    batchId: text('batch_id')
      .notNull()
      .references(() => payoutBatches.id),
    merchantId: text('merchant_id').notNull(),
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull().$type<PayoutStatus>(),
    /** The bank account as shown (BSB and last digits); the full number stays encrypted on the merchant. */
    accountMasked: text('account_masked').notNull(),
    /** The lodgement reference the merchant sees on their bank statement (18 characters at most). */
    reference: text('reference').notNull(),
    /** What the bank confirmed (paid or returned), and why a payment failed. */
    confirmedAmount: minor('confirmed_amount'),
    failureReason: text('failure_reason'),
    confirmedAt: ts('confirmed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('payouts_batch_idx').on(t.batchId, t.id),
    index('payouts_merchant_idx').on(t.merchantId, t.id),
    check('payouts_amount_positive', sql`${t.amount} > 0`),
  ],
);
