// Carts (issue 5, "Carts and checkout"): one per shopper, lines from several merchants.
// Prices are not stored in the cart: they are read from the catalog and the current FX rate
// each time the cart is shown, and fixed only at checkout.
import { sql } from 'drizzle-orm';
import type { OrderState } from './rules.ts';
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const carts = pgTable(
  'carts',
  {
    id: text('id').primaryKey(),
    shopperId: text('shopper_id').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('carts_shopper_idx').on(t.shopperId)],
);

export const cartLines = pgTable(
  'cart_lines',
  {
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: text('variant_id').notNull(),
    quantity: integer('quantity').notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cartId, t.variantId] }), check('cart_lines_quantity', sql`${t.quantity} between 1 and 99`)],
);

export const CHECKOUT_STATUSES = ['open', 'completed', 'expired', 'cancelled'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

/**
 * A checkout in progress: the cart split into orders (one per merchant per shipping origin), the
 * stock reserved for them, the shipping options, the landed cost and the FX quotes, all fixed
 * until `expires_at`. Its plan is kept as one document: it is read whole and never queried into.
 */
export const checkouts = pgTable(
  'checkouts',
  {
    id: text('id').primaryKey(),
    shopperId: text('shopper_id').notNull(),
    status: text('status').notNull().$type<CheckoutStatus>(),
    currency: text('currency').notNull(),
    address: jsonb('address').notNull().$type<Record<string, string | null>>(),
    plan: jsonb('plan').notNull().$type<Record<string, unknown>>(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('checkouts_shopper_idx').on(t.shopperId, t.id),
    index('checkouts_open_expiry_idx').on(t.expiresAt).where(sql`status = 'open'`),
  ],
);

/**
 * An order: what one merchant ships from one origin to one buyer, paid with the rest of its
 * checkout in one payment (its own payment intent). Amounts are CNY fen as the buyer paid them;
 * `goods_price` is the merchant's price in their currency (what they are owed).
 */
export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    checkoutId: text('checkout_id').notNull(),
    shopperId: text('shopper_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    state: text('state').notNull().$type<OrderState>(),
    originLocationId: text('origin_location_id').notNull(),
    originKind: text('origin_kind').notNull().$type<'bonded_warehouse' | 'merchant_warehouse'>(),
    /** China customs mode: 1210 bonded stock, 9610 direct mail; `export` for the reverse corridor (a seller in China to AU/NZ). */
    customsMode: text('customs_mode').notNull().$type<'1210' | '9610' | 'export'>(),
    address: jsonb('address').notNull().$type<Record<string, string | null>>(),
    buyerName: text('buyer_name').notNull(),
    /** China only (CBEC): the buyer's resident ID number, masked, and its keyed blind index (whose quota the order took). */
    buyerIdMasked: text('buyer_id_masked'),
    buyerIdIndex: text('buyer_id_index'),
    currency: text('currency').notNull(),
    goods: bigint('goods', { mode: 'bigint' }).notNull(),
    shipping: bigint('shipping', { mode: 'bigint' }).notNull(),
    tax: bigint('tax', { mode: 'bigint' }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    /** The merchant's price of the goods, in their currency. */
    goodsPrice: bigint('goods_price', { mode: 'bigint' }).notNull(),
    goodsPriceCurrency: text('goods_price_currency').notNull(),
    refunded: bigint('refunded', { mode: 'bigint' }).notNull().default(sql`0`),
    /** The CBEC assessment: regime, rule, dutiable price, tariff, VAT, consumption tax. */
    taxDetail: jsonb('tax_detail').notNull().$type<Record<string, unknown>>(),
    /** The shipping option chosen: service code, name, mode, price, estimated delivery. */
    shippingDetail: jsonb('shipping_detail').notNull().$type<Record<string, unknown>>(),
    paymentIntentId: text('payment_intent_id'),
    fxRate: text('fx_rate'),
    paidAt: ts('paid_at'),
    shippedAt: ts('shipped_at'),
    deliveredAt: ts('delivered_at'),
    completedAt: ts('completed_at'),
    cancelledAt: ts('cancelled_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('orders_shopper_idx').on(t.shopperId, t.id),
    index('orders_merchant_idx').on(t.merchantId, t.id),
    index('orders_merchant_state_idx').on(t.merchantId, t.state, t.id),
    index('orders_checkout_idx').on(t.checkoutId),
    index('orders_delivered_idx').on(t.deliveredAt).where(sql`state = 'delivered'`),
    // Analytics (analytics.ts): a merchant's orders by when they were paid, and by when delivered.
    index('orders_merchant_paid_idx').on(t.merchantId, t.paidAt),
    index('orders_merchant_delivered_idx').on(t.merchantId, t.deliveredAt),
    check('orders_total', sql`${t.total} = ${t.goods} + ${t.shipping} + ${t.tax}`),
    check('orders_refunded', sql`${t.refunded} >= 0 AND ${t.refunded} <= ${t.total}`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    variantId: text('variant_id').notNull(),
    productId: text('product_id').notNull(),
    sku: text('sku').notNull(),
    name: jsonb('name').notNull().$type<{ en: string; 'zh-Hans': string }>(),
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'bigint' }).notNull(),
    unitPriceCurrency: text('unit_price_currency').notNull(),
    /** What the buyer paid per unit, in the order's currency. */
    unitPricePaid: bigint('unit_price_paid', { mode: 'bigint' }).notNull(),
    taxClass: text('tax_class').notNull(),
    /** The line's dutiable price and CBEC tax (its share of the order's). */
    dutiable: bigint('dutiable', { mode: 'bigint' }).notNull(),
    tax: bigint('tax', { mode: 'bigint' }).notNull(),
    reservationId: text('reservation_id').notNull(),
    /** Units given back in a return (refunded). */
    returnedQuantity: integer('returned_quantity').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineNo] }),
    check('order_lines_quantity', sql`${t.quantity} > 0 AND ${t.returnedQuantity} between 0 and ${t.quantity}`),
  ],
);

/** Every transition of every order: who, when, from where to where. Append-only. */
export const orderTransitions = pgTable(
  'order_transitions',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('order_transitions_order_idx').on(t.orderId, t.id)],
);

export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'received'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** A buyer's return of some or all of an order's lines after delivery. One per order. */
export const orderReturns = pgTable(
  'order_returns',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    merchantId: text('merchant_id').notNull(),
    status: text('status').notNull().$type<ReturnStatus>(),
    reason: text('reason').notNull(),
    description: text('description'),
    /** { line_no, quantity } returned. */
    lines: jsonb('lines').notNull().$type<{ line_no: number; quantity: number }[]>(),
    /** What the buyer gets back (goods + their tax), CNY; set when approved. */
    refundAmount: bigint('refund_amount', { mode: 'bigint' }).notNull(),
    refundId: text('refund_id'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('order_returns_order_idx').on(t.orderId), index('order_returns_merchant_idx').on(t.merchantId, t.id)],
);

/**
 * The top of the conversion funnel, counted per product per China day (analytics.ts): product
 * pages served by the storefront, and lines added to carts. Counted in memory and written in
 * batches (activity.ts), so the storefront's product page never waits on it.
 */
export const productDailyActivity = pgTable(
  'product_daily_activity',
  {
    productId: text('product_id').notNull(),
    /** The China calendar day (Asia/Shanghai). */
    day: date('day', { mode: 'string' }).notNull(),
    merchantId: text('merchant_id').notNull(),
    views: integer('views').notNull().default(0),
    cartAdds: integer('cart_adds').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.day] }), index('product_daily_activity_merchant_idx').on(t.merchantId, t.day)],
);
