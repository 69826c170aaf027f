// Inventory: stock locations (merchant warehouses, platform-run China bonded warehouses),
// stock per variant per location, and the movement ledger that explains every number.
//
// A stock level's units live in `stock_buckets` rows (decisions.md §11): a reservation
// takes units from one bucket, picked among the unlocked ones, so concurrent buyers of one
// hot variant update different rows instead of queueing on a single row. The database
// refuses any bucket whose reserved units exceed its units on hand, so `available` can
// never go below zero, whatever the number of processes.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const LOCATION_KINDS = ['merchant_warehouse', 'bonded_warehouse'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const stockLocations = pgTable(
  'stock_locations',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull().$type<LocationKind>(),
    /** The owning merchant for its own warehouses; null for platform-run bonded warehouses. */
    merchantId: text('merchant_id'),
    name: text('name').notNull(),
    country: text('country').notNull(),
    city: text('city').notNull(),
    address: text('address'),
    /** Bonded warehouses: the customs area code used on declarations (1210 mode). */
    customsCode: text('customs_code'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('stock_locations_merchant_idx').on(t.merchantId, t.id)],
);

/** One row per (variant, location): settings and the low-stock alarm state; the units are in buckets. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    productId: text('product_id').notNull(),
    variantId: text('variant_id').notNull(),
    locationId: text('location_id')
      .notNull()
      .references(() => stockLocations.id),
    buckets: integer('buckets').notNull(),
    lowStockThreshold: integer('low_stock_threshold'),
    /** Set when a low-stock event was emitted; cleared when stock rises above the threshold. */
    lowStockAlerted: boolean('low_stock_alerted').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('stock_levels_variant_location_idx').on(t.variantId, t.locationId),
    index('stock_levels_merchant_idx').on(t.merchantId, t.id),
    index('stock_levels_location_idx').on(t.locationId),
  ],
);

export const stockBuckets = pgTable(
  'stock_buckets',
  {
    levelId: text('level_id')
      .notNull()
      .references(() => stockLevels.id),
    bucket: integer('bucket').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.levelId, t.bucket] }),
    check('stock_buckets_reserved_nonnegative', sql`${t.reserved} >= 0`),
    check('stock_buckets_available_nonnegative', sql`${t.onHand} >= ${t.reserved}`),
  ],
);

export const MOVEMENT_KINDS = ['receipt', 'adjustment', 'reservation', 'release', 'shipment', 'return'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** The ledger: on_hand = Σ on_hand_delta and reserved = Σ reserved_delta for every level, always. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    levelId: text('level_id').notNull(),
    variantId: text('variant_id').notNull(),
    locationId: text('location_id').notNull(),
    kind: text('kind').notNull().$type<MovementKind>(),
    onHandDelta: integer('on_hand_delta').notNull(),
    reservedDelta: integer('reserved_delta').notNull(),
    reason: text('reason'),
    /** What caused it: a reservation id, an order or receipt reference. */
    reference: text('reference'),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    at: ts('at').notNull(),
  },
  (t) => [
    index('stock_movements_merchant_idx').on(t.merchantId, t.id),
    index('stock_movements_level_idx').on(t.levelId, t.id),
    index('stock_movements_reference_idx').on(t.reference),
  ],
);

/** active: held for a while (a cart's checkout); held: kept for a paid order until it ships or is cancelled. */
export const RESERVATION_STATUSES = ['active', 'held', 'released', 'expired', 'shipped'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface BucketTake {
  bucket: number;
  quantity: number;
}

export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    levelId: text('level_id').notNull(),
    variantId: text('variant_id').notNull(),
    locationId: text('location_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** Which buckets the units came from, so releasing returns them to the same rows. */
    takes: jsonb('takes').notNull().$type<BucketTake[]>(),
    status: text('status').notNull().$type<ReservationStatus>(),
    reference: text('reference'),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    index('stock_reservations_merchant_idx').on(t.merchantId, t.id),
    index('stock_reservations_expiry_idx').on(t.expiresAt).where(sql`status = 'active'`),
  ],
);
