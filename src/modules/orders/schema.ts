// Carts (issue 5, "Carts and checkout"): one per shopper, lines from several merchants.
// Prices are not stored in the cart: they are read from the catalog and the current FX rate
// each time the cart is shown, and fixed only at checkout.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
