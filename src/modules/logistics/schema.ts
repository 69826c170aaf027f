// Logistics, first part (PRODUCT.md L1, L2): the network — hubs in Australia and New
// Zealand, China bonded warehouses — and the lanes from them to destination regions, each
// with its transit days and rate card. Quotes are computed from these; nothing is stored
// for a quote.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Currency } from '../../kernel/money.ts';
import type { LaneMode, NodeKind } from './rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'bigint' });

export const logisticsNodes = pgTable(
  'logistics_nodes',
  {
    id: text('id').primaryKey(),
    /** Short operator code, unique: `MEL`, `HGH-XS`. */
    code: text('code').notNull(),
    kind: text('kind').notNull().$type<NodeKind>(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    city: text('city').notNull(),
    /** The node's own region (ISO 3166-2, or `NZ`). */
    region: text('region').notNull(),
    /** Bonded warehouses: the inventory stock location (kind bonded_warehouse) whose stock ships from here. */
    stockLocationId: text('stock_location_id'),
    /** Hubs: the regions whose merchant warehouses send their parcels here. */
    servesRegions: jsonb('serves_regions').notNull().$type<string[]>().default(sql`'[]'::jsonb`),
    /** Hubs: extra towns served, for warehouses whose city the region table does not know. */
    servesCities: jsonb('serves_cities').notNull().$type<string[]>().default(sql`'[]'::jsonb`),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('logistics_nodes_code_idx').on(t.code),
    uniqueIndex('logistics_nodes_stock_location_idx').on(t.stockLocationId),
    check('logistics_nodes_bonded_location', sql`(${t.kind} = 'bonded_warehouse') = (${t.stockLocationId} IS NOT NULL)`),
  ],
);

export const shippingLanes = pgTable(
  'shipping_lanes',
  {
    id: text('id').primaryKey(),
    originNodeId: text('origin_node_id')
      .notNull()
      .references(() => logisticsNodes.id),
    /** The service this lane belongs to (`AIR-9610`, `BONDED-STD`): one lane per origin, service and region. */
    serviceCode: text('service_code').notNull(),
    name: text('name').notNull(),
    mode: text('mode').notNull().$type<LaneMode>(),
    destinationCountry: text('destination_country').notNull(),
    /** Region codes of the destination country, or `["*"]` for all of it. */
    regions: jsonb('regions').notNull().$type<string[]>(),
    transitDaysMin: integer('transit_days_min').notNull(),
    transitDaysMax: integer('transit_days_max').notNull(),
    currency: text('currency').notNull().$type<Currency>(),
    firstWeightG: integer('first_weight_g').notNull(),
    firstPrice: minor('first_price').notNull(),
    additionalWeightG: integer('additional_weight_g').notNull(),
    additionalPrice: minor('additional_price').notNull(),
    volumetricDivisor: integer('volumetric_divisor'),
    fuelSurchargeBps: integer('fuel_surcharge_bps').notNull().default(0),
    maxParcelWeightG: integer('max_parcel_weight_g'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('shipping_lanes_origin_idx').on(t.originNodeId, t.serviceCode),
    check('shipping_lanes_transit', sql`${t.transitDaysMin} >= 0 AND ${t.transitDaysMax} >= ${t.transitDaysMin}`),
    check('shipping_lanes_weights', sql`${t.firstWeightG} > 0 AND ${t.additionalWeightG} > 0`),
    check('shipping_lanes_prices', sql`${t.firstPrice} >= 0 AND ${t.additionalPrice} >= 0 AND ${t.fuelSurchargeBps} >= 0`),
  ],
);
