// In-store payments (issue 8): a merchant's shops in Australia or New Zealand (`stores`) and
// the tills (POS) in them. A till takes payments through its POS API key (identity's
// `api_keys.till_id`); the store's time zone decides the local business day of its takings.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const STORE_COUNTRIES = ['AU', 'NZ'] as const;
export type StoreCountry = (typeof STORE_COUNTRIES)[number];

export const stores = pgTable(
  'stores',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    addressLine: text('address_line').notNull(),
    city: text('city').notNull(),
    /** ISO 3166-2: the state for AU (`AU-VIC`), `NZ` for New Zealand; null when not given. */
    region: text('region'),
    country: text('country').notNull().$type<StoreCountry>(),
    /** IANA zone (`Australia/Melbourne`, `Pacific/Auckland`): the store's business day. */
    timeZone: text('time_zone').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('stores_merchant_idx').on(t.merchantId, t.id)],
);

export const tills = pgTable(
  'tills',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    merchantId: text('merchant_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tills_store_name_idx').on(t.storeId, t.name), index('tills_merchant_idx').on(t.merchantId, t.id)],
);

// ---------------------------------------------------------------------------
// Payments at the till (both flows), their refunds, and shoppers' payment codes
// ---------------------------------------------------------------------------

export const INSTORE_FLOWS = ['merchant_qr', 'shopper_code'] as const;
export type InstoreFlow = (typeof INSTORE_FLOWS)[number];
export const INSTORE_PAYMENT_STATUSES = ['requires_payment', 'requires_confirmation', 'succeeded', 'expired', 'canceled'] as const;
export type InstorePaymentStatus = (typeof INSTORE_PAYMENT_STATUSES)[number];

/**
 * One payment at a till, in the store's currency (AUD/NZD), paid from a shopper's CNY wallet
 * at a locked FX quote. `merchant_qr`: the till shows a signed QR, the shopper scans and pays
 * (requires_payment → succeeded). `shopper_code`: the till scans the shopper's code and charges
 * (succeeded at once, or requires_confirmation above the shopper's no-confirmation limit).
 */
export const instorePayments = pgTable(
  'instore_payments',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    tillId: text('till_id')
      .notNull()
      .references(() => tills.id),
    flow: text('flow').notNull().$type<InstoreFlow>(),
    status: text('status').notNull().$type<InstorePaymentStatus>(),
    /** What the till asked for, minor units of the store's currency (AUD or NZD). */
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    /** The till's own reference (its sale or docket number). */
    reference: text('reference').notNull(),
    /** What the shopper pays, CNY fen, at the locked quote: null until a quote is locked. */
    chargeAmount: bigint('charge_amount', { mode: 'bigint' }),
    chargeCurrency: text('charge_currency').notNull().default('CNY'),
    fxQuoteId: text('fx_quote_id'),
    fxRate: text('fx_rate'),
    shopperId: text('shopper_id'),
    walletAccountId: text('wallet_account_id'),
    /** The shopper's code that was charged (shopper_code): its slot and minute, spent once. */
    codeSlot: integer('code_slot'),
    codeCounter: integer('code_counter'),
    expiresAt: ts('expires_at').notNull(),
    paidAt: ts('paid_at'),
    canceledAt: ts('canceled_at'),
    /** Refunded so far, in the store's currency and in CNY. */
    refundedAmount: bigint('refunded_amount', { mode: 'bigint' }).notNull().default(sql`0`),
    chargeRefunded: bigint('charge_refunded', { mode: 'bigint' }).notNull().default(sql`0`),
    /** The platform's commission and payment fee on the sale (CNY, settlement/accrual.ts), and the commission refunded. */
    commissionAmount: bigint('commission_amount', { mode: 'bigint' }).notNull().default(sql`0`),
    feeAmount: bigint('fee_amount', { mode: 'bigint' }).notNull().default(sql`0`),
    commissionRefunded: bigint('commission_refunded', { mode: 'bigint' }).notNull().default(sql`0`),
    receiptNumber: text('receipt_number'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('instore_payments_merchant_idx').on(t.merchantId, t.id),
    index('instore_payments_store_paid_idx').on(t.storeId, t.paidAt),
    index('instore_payments_shopper_idx').on(t.shopperId, t.id),
    uniqueIndex('instore_payments_receipt_idx').on(t.receiptNumber),
    check('instore_payments_amount_positive', sql`${t.amount} > 0`),
    check(
      'instore_payments_refunds_within',
      sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.amount} and ${t.chargeRefunded} >= 0 and ${t.chargeRefunded} <= coalesce(${t.chargeAmount}, 0)`,
    ),
  ],
);

/** A refund from the till, in the store's currency; the CNY share goes back to the wallet. */
export const instoreRefunds = pgTable(
  'instore_refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => instorePayments.id),
    merchantId: text('merchant_id').notNull(),
    storeId: text('store_id').notNull(),
    /** The till that gave the refund (may differ from the one that took the payment, same store). */
    tillId: text('till_id').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    chargeAmount: bigint('charge_amount', { mode: 'bigint' }).notNull(),
    /** The commission given back to the merchant with this refund (CNY). */
    commission: bigint('commission', { mode: 'bigint' }).notNull(),
    reason: text('reason'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('instore_refunds_payment_idx').on(t.paymentId, t.id), index('instore_refunds_store_idx').on(t.storeId, t.createdAt)],
);

/** A shopper's payment codes: the wallet slot the codes name, and the no-confirmation limit. */
export const paymentCodeSettings = pgTable(
  'payment_code_settings',
  {
    shopperId: text('shopper_id').primaryKey(),
    /** 0 ≤ slot < 10^7 (codes.ts PAYMENT_CODE_SLOTS), one wallet each. */
    slot: integer('slot').notNull(),
    /** CNY fen a code payment may be without confirming in the wallet; null: every payment is confirmed. */
    noConfirmationLimit: bigint('no_confirmation_limit', { mode: 'bigint' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('payment_code_settings_slot_idx').on(t.slot)],
);

/** A payment code spent: one row per (slot, minute), so a code pays once. */
export const paymentCodeUses = pgTable(
  'payment_code_uses',
  {
    slot: integer('slot').notNull(),
    counter: integer('counter').notNull(),
    shopperId: text('shopper_id').notNull(),
    paymentId: text('payment_id').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.slot, t.counter] })],
);
