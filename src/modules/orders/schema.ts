// Carts (issue 5, "Carts and checkout"): one per shopper, lines from several merchants.
// Prices are not stored in the cart: they are read from the catalog and the current FX rate
// each time the cart is shown, and fixed only at checkout.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
