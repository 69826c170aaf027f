// Order payments (PRODUCT.md P1, P3, P6, X3): a payment intent for one order, paid from the
// buyer's wallet into escrow at a locked FX quote, released to the merchant's
// pending-settlement account on delivery, refunded in full or in part. The money itself
// moves only in the ledger (schema.ts); these rows say why and keep the customs data.
import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'bigint' });

export const PAYMENT_INTENT_STATUSES = ['requires_payment', 'succeeded', 'canceled'] as const;
export type PaymentIntentStatus = (typeof PAYMENT_INTENT_STATUSES)[number];
/** held: in escrow; released: to the merchant's pending settlement; refunded: all of it back to the buyer before release. */
export const ESCROW_STATUSES = ['held', 'released', 'refunded'] as const;
export type EscrowStatus = (typeof ESCROW_STATUSES)[number];

export const paymentIntents = pgTable(
  'payment_intents',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    /** The merchant's (or the platform's) order this pays for; unique per merchant. */
    orderReference: text('order_reference').notNull(),
    description: text('description'),
    /** The order's price, in the merchant's settlement currency (or CNY for fixed CNY prices). */
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
    /** The merchant's settlement currency (AUD/NZD; CNY for a Chinese seller): what escrow is released in. */
    settlementCurrency: text('settlement_currency').notNull(),
    /**
     * What the shopper pays in, fixed at creation: CNY for a buyer in China (CBEC retail import),
     * AUD/NZD for a shopper in Australia/New Zealand (the reverse flow). Escrow, the parts and
     * refunds are in it.
     */
    chargeCurrency: text('charge_currency').notNull().default('CNY'),
    /**
     * The buyer on the order (customs: the payer must be this person). Required for CNY (CBEC)
     * charges; null for AUD/NZD charges, where the shopper has no Chinese resident ID.
     */
    buyerName: text('buyer_name'),
    buyerIdIndex: text('buyer_id_index'),
    buyerIdMasked: text('buyer_id_masked'),
    status: text('status').notNull().$type<PaymentIntentStatus>(),
    /**
     * The charge for the goods (charge currency): fixed at creation when the caller (the platform's
     * checkout) already showed the shopper a price in it, otherwise set at payment from the locked quote.
     */
    goodsCharge: minor('goods_charge'),
    /** Shipping charged on top of the goods (charge currency); the platform's logistics revenue on release. */
    shippingAmount: minor('shipping_amount').notNull().default(sql`0`),
    /**
     * Tax charged on top (charge currency): the China CBEC import tax for CNY charges (owed to
     * customs on release), the Australian/NZ GST collected at sale for AUD/NZD charges (owed to the
     * ATO / Inland Revenue on release).
     */
    taxAmount: minor('tax_amount').notNull().default(sql`0`),
    // Set when paid ------------------------------------------------------------------------
    payerShopperId: text('payer_shopper_id'),
    walletAccountId: text('wallet_account_id'),
    /** Taken from the wallet, in the charge currency. */
    chargeAmount: minor('charge_amount'),
    /** Owed to the merchant for it, in the settlement currency. */
    settlementAmount: minor('settlement_amount'),
    fxQuoteId: text('fx_quote_id'),
    fxRate: text('fx_rate'),
    /** The payment company's transaction number (customs CEB411 payTransactionId). */
    transactionNo: text('transaction_no'),
    paidAt: ts('paid_at'),
    // Escrow and refunds ---------------------------------------------------------------------
    escrowStatus: text('escrow_status').$type<EscrowStatus>(),
    deliveredAt: ts('delivered_at'),
    releaseDueAt: ts('release_due_at'),
    releasedAt: ts('released_at'),
    /** How it was released: `receipt_confirmed` by the buyer, `auto` by the job after delivery, `operator`. */
    releaseReason: text('release_reason'),
    refundedAmount: minor('refunded_amount').notNull().default(sql`0`),
    /** The settlement-currency share of the refunds (payment-rules.ts refundShares). */
    settlementRefunded: minor('settlement_refunded').notNull().default(sql`0`),
    /** Of refunded_amount, how much was shipping and how much tax; the rest was goods. */
    shippingRefunded: minor('shipping_refunded').notNull().default(sql`0`),
    taxRefunded: minor('tax_refunded').notNull().default(sql`0`),
    /**
     * Taken from the goods at release (charge currency, settlement/accrual.ts): the platform's
     * commission (per line at its category's rate) and payment fee. Refunds of goods after release
     * give back commission in proportion (commission_refunded); the fee is not given back.
     */
    /** The goods that went to the merchant at release (the goods charge less refunds from escrow): what commission was taken on. */
    releasedGoods: minor('released_goods'),
    commissionAmount: minor('commission_amount').notNull().default(sql`0`),
    feeAmount: minor('fee_amount').notNull().default(sql`0`),
    commissionRefunded: minor('commission_refunded').notNull().default(sql`0`),
    canceledAt: ts('canceled_at'),
    metadata: jsonb('metadata').notNull().$type<Record<string, string>>().default({}),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payment_intents_order_idx').on(t.merchantId, t.orderReference),
    uniqueIndex('payment_intents_transaction_idx').on(t.transactionNo),
    index('payment_intents_merchant_idx').on(t.merchantId, t.id),
    index('payment_intents_payer_idx').on(t.payerShopperId, t.id),
    index('payment_intents_release_idx').on(t.releaseDueAt).where(sql`escrow_status = 'held'`),
    check('payment_intents_amount_positive', sql`${t.amount} > 0`),
    check('payment_intents_refund_within_charge', sql`${t.refundedAmount} >= 0 AND ${t.refundedAmount} <= coalesce(${t.chargeAmount}, 0)`),
    check(
      'payment_intents_settlement_refund_within',
      sql`${t.settlementRefunded} >= 0 AND ${t.settlementRefunded} <= coalesce(${t.settlementAmount}, 0)`,
    ),
    check('payment_intents_goods_charge_positive', sql`${t.goodsCharge} IS NULL OR ${t.goodsCharge} > 0`),
    check('payment_intents_shipping_refund_within', sql`${t.shippingRefunded} >= 0 AND ${t.shippingRefunded} <= ${t.shippingAmount}`),
    check('payment_intents_charge_currency', sql`${t.chargeCurrency} IN ('CNY', 'AUD', 'NZD')`),
    check(
      'payment_intents_cbec_buyer',
      sql`${t.chargeCurrency} <> 'CNY' OR (${t.buyerName} IS NOT NULL AND ${t.buyerIdIndex} IS NOT NULL AND ${t.buyerIdMasked} IS NOT NULL)`,
    ),
    check(
      'payment_intents_commission_refund_within',
      sql`${t.commissionRefunded} >= 0 AND ${t.commissionRefunded} <= ${t.commissionAmount}`,
    ),
    check('payment_intents_tax_refund_within', sql`${t.taxRefunded} >= 0 AND ${t.taxRefunded} <= ${t.taxAmount}`),
    check('payment_intents_goods_refund_nonnegative', sql`${t.refundedAmount} - ${t.shippingRefunded} - ${t.taxRefunded} >= 0`),
  ],
);

export const REFUND_STATUSES = ['succeeded'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const refunds = pgTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    paymentIntentId: text('payment_intent_id')
      .notNull()
      .references(() => paymentIntents.id),
    merchantId: text('merchant_id').notNull(),
    /** Back to the wallet, in the intent's charge currency. */
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
    /** The settlement-currency share taken back from the merchant (0 before release is still counted). */
    settlementAmount: minor('settlement_amount').notNull(),
    settlementCurrency: text('settlement_currency').notNull(),
    /** How `amount` splits over the intent's components (charge currency); they sum to it. */
    goodsAmount: minor('goods_amount').notNull().default(sql`0`),
    shippingAmount: minor('shipping_amount').notNull().default(sql`0`),
    taxAmount: minor('tax_amount').notNull().default(sql`0`),
    /** Whether the money came back from escrow (`escrow`) or from the merchant's pending settlement (`merchant`). */
    source: text('source').notNull().$type<'escrow' | 'merchant'>(),
    reason: text('reason').notNull(),
    status: text('status').notNull().$type<RefundStatus>(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('refunds_intent_idx').on(t.paymentIntentId, t.id),
    index('refunds_merchant_idx').on(t.merchantId, t.id),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
    check('refunds_parts_nonnegative', sql`${t.goodsAmount} >= 0 AND ${t.shippingAmount} >= 0 AND ${t.taxAmount} >= 0`),
  ],
);
