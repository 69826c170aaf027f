// Logistics, second part (PRODUCT.md L3–L7): shipments of parcels with S10 tracking numbers,
// their timelines, the bags and flights (manifests) they travel in, China customs
// declarations, and the bulk transfers of stock into bonded warehouses.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Milestone, ParcelRoute } from './parcel-rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The platform's S10 series: the last serial issued per (service letters, country). Numbers are never reused. */
export const trackingSeries = pgTable(
  'tracking_series',
  {
    prefix: text('prefix').notNull(),
    country: text('country').notNull(),
    lastSerial: integer('last_serial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.country] }), check('tracking_series_range', sql`${t.lastSerial} between 0 and 99999999`)],
);

export interface EstimatedDelivery {
  earliest: string;
  latest: string;
  time_zone: string;
}

/** A merchant's booking: some or all of an order's units, in one or more parcels, on the order's service. */
export const shipments = pgTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    route: text('route').notNull().$type<ParcelRoute>(),
    originNodeId: text('origin_node_id').notNull(),
    laneId: text('lane_id'),
    serviceCode: text('service_code').notNull(),
    serviceName: text('service_name').notNull(),
    /** The sender (the merchant's warehouse, or the bonded warehouse) as printed on the label. */
    sender: jsonb('sender').notNull().$type<Record<string, unknown>>(),
    estimatedDelivery: jsonb('estimated_delivery').$type<EstimatedDelivery>(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('shipments_order_idx').on(t.orderId), index('shipments_merchant_idx').on(t.merchantId, t.id)],
);

export interface ParcelContent {
  line_no: number;
  sku: string;
  description: string;
  hs_code: string;
  quantity: number;
  /** Declared value of these units: what the buyer paid for them, CNY fen (or AUD/NZD cents for exports). */
  value: { amount: string; currency: string };
  origin_country: string;
}

export const parcels = pgTable(
  'parcels',
  {
    id: text('id').primaryKey(),
    shipmentId: text('shipment_id')
      .notNull()
      .references(() => shipments.id),
    orderId: text('order_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    route: text('route').notNull().$type<ParcelRoute>(),
    /** What the timeline shows last (may be `exception`). */
    status: text('status').notNull().$type<Milestone>(),
    /** The furthest milestone reached; hub scans check this. */
    milestone: text('milestone').notNull().$type<Exclude<Milestone, 'exception'>>(),
    statusAt: ts('status_at').notNull(),
    weightG: integer('weight_g').notNull(),
    lengthMm: integer('length_mm').notNull(),
    widthMm: integer('width_mm').notNull(),
    heightMm: integer('height_mm').notNull(),
    contents: jsonb('contents').notNull().$type<ParcelContent[]>(),
    bagId: text('bag_id'),
    /** Where it goes, as much as a public tracking page may say. */
    destinationCountry: text('destination_country').notNull(),
    destinationCity: text('destination_city').notNull(),
    estimatedDelivery: jsonb('estimated_delivery').$type<EstimatedDelivery>(),
    exceptionReason: text('exception_reason'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('parcels_tracking_number_idx').on(t.trackingNumber),
    index('parcels_order_idx').on(t.orderId),
    index('parcels_shipment_idx').on(t.shipmentId),
    index('parcels_merchant_idx').on(t.merchantId, t.id),
    index('parcels_bag_idx').on(t.bagId),
    index('parcels_status_idx').on(t.status, t.id),
    check('parcels_size', sql`${t.weightG} > 0 AND ${t.lengthMm} > 0 AND ${t.widthMm} > 0 AND ${t.heightMm} > 0`),
  ],
);

export const TRACKING_SOURCES = ['platform', 'scan', 'customs', 'carrier'] as const;
export type TrackingSource = (typeof TRACKING_SOURCES)[number];

/** A parcel's timeline: every event, also those that came too late to move it (`applied` false). Append-only. */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: text('id').primaryKey(),
    parcelId: text('parcel_id')
      .notNull()
      .references(() => parcels.id),
    milestone: text('milestone').notNull().$type<Milestone>(),
    occurredAt: ts('occurred_at').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    source: text('source').notNull().$type<TrackingSource>(),
    /** Unique per source: `sandbox:evt_123` for a carrier's event, so an event delivered twice is stored once. */
    sourceKey: text('source_key'),
    /** A city or a facility: never a street address (the timeline is public). */
    location: text('location'),
    description: text('description'),
    applied: boolean('applied').notNull().default(true),
    actorId: text('actor_id'),
  },
  (t) => [index('tracking_events_parcel_idx').on(t.parcelId, t.occurredAt), uniqueIndex('tracking_events_source_idx').on(t.sourceKey)],
);

export const BAG_STATUSES = ['open', 'closed', 'departed', 'arrived'] as const;
export type BagStatus = (typeof BAG_STATUSES)[number];

/** Parcels consolidated at an origin hub for one destination country. */
export const bags = pgTable(
  'bags',
  {
    id: text('id').primaryKey(),
    originNodeId: text('origin_node_id').notNull(),
    destinationCountry: text('destination_country').notNull(),
    status: text('status').notNull().$type<BagStatus>(),
    manifestId: text('manifest_id'),
    parcelCount: integer('parcel_count').notNull().default(0),
    weightG: bigint('weight_g', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [index('bags_origin_idx').on(t.originNodeId, t.status, t.id), index('bags_manifest_idx').on(t.manifestId)],
);

export const MANIFEST_STATUSES = ['open', 'departed', 'arrived'] as const;
export type ManifestStatus = (typeof MANIFEST_STATUSES)[number];

/** The bags on one flight under one master air waybill. */
export const manifests = pgTable(
  'manifests',
  {
    id: text('id').primaryKey(),
    originNodeId: text('origin_node_id').notNull(),
    destinationCountry: text('destination_country').notNull(),
    /** IATA master air waybill number, `999-12345675`. */
    mawb: text('mawb').notNull(),
    flightNo: text('flight_no').notNull(),
    destinationAirport: text('destination_airport').notNull(),
    status: text('status').notNull().$type<ManifestStatus>(),
    departedAt: ts('departed_at'),
    arrivedAt: ts('arrived_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('manifests_mawb_idx').on(t.mawb), index('manifests_origin_idx').on(t.originNodeId, t.id)],
);

export const CUSTOMS_STATUSES = ['held', 'ready', 'submitted', 'accepted', 'inspection', 'released', 'rejected'] as const;
export type CustomsStatus = (typeof CUSTOMS_STATUSES)[number];

/**
 * An order's China customs clearance: the four messages (CEB311 order, CEB411 payment, CEB511
 * waybill, CEB621 inventory list), the three-document match, the gateway's receipts.
 */
export const customsDeclarations = pgTable(
  'customs_declarations',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    tradeMode: text('trade_mode').notNull().$type<'9610' | '1210'>(),
    status: text('status').notNull().$type<CustomsStatus>(),
    /** Why it is held or rejected, in words an operator can act on. */
    reason: text('reason'),
    mismatches: jsonb('mismatches').notNull().$type<{ code: string; field: string; message: string }[]>().default(sql`'[]'::jsonb`),
    /** The messages as built, by kind: { CEB311: xml, … }. */
    messages: jsonb('messages').notNull().$type<Record<string, string>>(),
    gateway: text('gateway').notNull(),
    reference: text('reference'),
    /** Receipts applied so far: kind, status, time, reason. */
    receipts: jsonb('receipts').notNull().$type<Record<string, unknown>[]>().default(sql`'[]'::jsonb`),
    submittedAt: ts('submitted_at'),
    releasedAt: ts('released_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('customs_declarations_order_idx').on(t.orderId),
    index('customs_declarations_status_idx').on(t.status, t.id),
    index('customs_declarations_merchant_idx').on(t.merchantId, t.id),
  ],
);

export const INBOUND_STATUSES = ['in_transit', 'received', 'cancelled'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/** A merchant's bulk transfer of stock from its own warehouse into a China bonded warehouse (1210). */
export const inboundShipments = pgTable(
  'inbound_shipments',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    fromLocationId: text('from_location_id').notNull(),
    toLocationId: text('to_location_id').notNull(),
    status: text('status').notNull().$type<InboundStatus>(),
    /** { variant_id, sku, quantity, received_quantity } */
    lines: jsonb('lines').notNull().$type<{ variant_id: string; sku: string; quantity: number; received_quantity: number | null }[]>(),
    reference: text('reference'),
    receivedAt: ts('received_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('inbound_shipments_merchant_idx').on(t.merchantId, t.id), index('inbound_shipments_to_idx').on(t.toLocationId, t.status)],
);
