import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { type Money, toApi } from '../../kernel/money.ts';
import { customsRoutes } from './customs-routes.ts';
import { hubRoutes } from './hub-routes.ts';
import { LANE_MODES, NODE_KINDS } from './rules.ts';
import { shipmentRoutes } from './shipment-routes.ts';
import {
  createLane,
  createNode,
  getLane,
  getNode,
  type Lane,
  listLanes,
  listNodes,
  type LogisticsNode,
  MAX_PARCELS,
  quoteShipping,
  type ShippingQuote,
  updateLane,
  updateNode,
} from './service.ts';

const MoneyOut = z.object({ amount: z.string(), currency: z.string() });
const MoneyIn = z.object({
  amount: z.string().regex(/^\d{1,12}$/, 'integer minor units as a string, e.g. "1800"'),
  currency: z.enum(['CNY', 'AUD', 'NZD']),
});
const m = (x: Money) => toApi(x);

const NodeOut = z
  .object({
    id: z.string(),
    object: z.literal('logistics_node'),
    code: z.string(),
    kind: z.enum(NODE_KINDS),
    name: z.string(),
    country: z.string(),
    city: z.string(),
    region: z.string(),
    stock_location_id: z.string().nullable().describe('Bonded warehouses: the inventory stock location whose stock ships from here'),
    serves_regions: z.array(z.string()).describe('Hubs: regions whose merchant warehouses send parcels here'),
    serves_cities: z.array(z.string()).describe('Hubs: further towns served'),
    active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'LogisticsNode' });

const nodeOut = (n: LogisticsNode): z.output<typeof NodeOut> => ({
  id: n.id,
  object: 'logistics_node',
  code: n.code,
  kind: n.kind,
  name: n.name,
  country: n.country,
  city: n.city,
  region: n.region,
  stock_location_id: n.stockLocationId,
  serves_regions: n.servesRegions,
  serves_cities: n.servesCities,
  active: n.active,
  created_at: n.createdAt.toISOString(),
  updated_at: n.updatedAt.toISOString(),
});

const RateCardOut = z.object({
  first_weight_g: z.number().int(),
  first_price: MoneyOut,
  additional_weight_g: z.number().int(),
  additional_price: MoneyOut,
  volumetric_divisor: z.number().int().nullable(),
  fuel_surcharge_bps: z.number().int(),
  max_parcel_weight_g: z.number().int().nullable(),
});

const LaneOut = z
  .object({
    id: z.string(),
    object: z.literal('shipping_lane'),
    origin_node_id: z.string(),
    service_code: z.string(),
    name: z.string(),
    mode: z.enum(LANE_MODES),
    destination_country: z.string(),
    regions: z.array(z.string()),
    transit_days: z.object({ min: z.number().int(), max: z.number().int() }),
    rate_card: RateCardOut,
    active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'ShippingLane' });

const laneOut = (l: Lane): z.output<typeof LaneOut> => ({
  id: l.id,
  object: 'shipping_lane',
  origin_node_id: l.originNodeId,
  service_code: l.serviceCode,
  name: l.name,
  mode: l.mode,
  destination_country: l.destinationCountry,
  regions: l.regions,
  transit_days: { min: l.transitDaysMin, max: l.transitDaysMax },
  rate_card: {
    first_weight_g: l.firstWeightG,
    first_price: { amount: l.firstPrice.toString(), currency: l.currency },
    additional_weight_g: l.additionalWeightG,
    additional_price: { amount: l.additionalPrice.toString(), currency: l.currency },
    volumetric_divisor: l.volumetricDivisor,
    fuel_surcharge_bps: l.fuelSurchargeBps,
    max_parcel_weight_g: l.maxParcelWeightG,
  },
  active: l.active,
  created_at: l.createdAt.toISOString(),
  updated_at: l.updatedAt.toISOString(),
});

const QuoteOut = z
  .object({
    object: z.literal('shipping_quote'),
    origin: z.object({
      node_id: z.string(),
      node_code: z.string(),
      node_kind: z.enum(NODE_KINDS),
      stock_location_id: z.string().nullable(),
    }),
    destination: z.object({ country: z.string(), region: z.string() }),
    at: z.string(),
    options: z.array(
      z.object({
        lane_id: z.string(),
        service_code: z.string(),
        name: z.string(),
        mode: z.enum(LANE_MODES),
        price: MoneyOut.describe('All parcels, fuel surcharge included'),
        weight_charge: MoneyOut,
        fuel_surcharge: MoneyOut,
        transit_days: z.object({ min: z.number().int(), max: z.number().int() }),
        estimated_delivery: z
          .object({ earliest: z.string(), latest: z.string(), time_zone: z.string() })
          .describe('Calendar dates in the destination’s time zone: the day of `at` plus the transit days'),
        parcels: z.array(
          z.object({
            actual_weight_g: z.number().int(),
            volumetric_weight_g: z.number().int().nullable(),
            chargeable_weight_g: z.number().int(),
            weight_charge: MoneyOut,
            fuel_surcharge: MoneyOut,
            total: MoneyOut,
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ShippingQuote' });

const quoteOut = (q: ShippingQuote): z.output<typeof QuoteOut> => ({
  object: 'shipping_quote',
  origin: {
    node_id: q.origin.node.id,
    node_code: q.origin.node.code,
    node_kind: q.origin.node.kind,
    stock_location_id: q.origin.stockLocationId,
  },
  destination: q.destination,
  at: q.at.toISOString(),
  options: q.options.map((o) => ({
    lane_id: o.laneId,
    service_code: o.serviceCode,
    name: o.name,
    mode: o.mode,
    price: m(o.price),
    weight_charge: m(o.weightCharge),
    fuel_surcharge: m(o.fuelSurcharge),
    transit_days: o.transitDays,
    estimated_delivery: {
      earliest: o.estimatedDelivery.earliest,
      latest: o.estimatedDelivery.latest,
      time_zone: o.estimatedDelivery.timeZone,
    },
    parcels: o.parcels.map((p) => {
      const c = o.price.currency;
      return {
        actual_weight_g: p.actualWeightG,
        volumetric_weight_g: p.volumetricWeightG,
        chargeable_weight_g: p.chargeableWeightG,
        weight_charge: { amount: p.weightCharge.toString(), currency: c },
        fuel_surcharge: { amount: p.fuelSurcharge.toString(), currency: c },
        total: { amount: p.total.toString(), currency: c },
      };
    }),
  })),
});

const idParams = z.object({ id: z.string().max(64) });
const operate = { operator: ['admin', 'operations'] } as const;
const read = { operator: 'any' } as const;
const code = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'upper-case letters, digits and dashes, e.g. MEL or AIR-9610')
  .describe('Upper-case letters, digits and dashes');
const regionList = z.array(z.string().trim().min(1).max(10)).max(64);
const cityList = z.array(z.string().trim().min(1).max(100)).max(100);
const grams = z.number().int().min(1).max(1_000_000);
const transitDays = z.object({ min: z.number().int().min(0).max(90), max: z.number().int().min(0).max(90) });
const RateCardIn = z.object({
  first_weight_g: grams.describe('The first weight band, charged in full however light the parcel'),
  first_price: MoneyIn,
  additional_weight_g: grams.describe('Each further step (or part of one) adds additional_price'),
  additional_price: MoneyIn,
  volumetric_divisor: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .nullable()
    .optional()
    .describe('cm³ per kg, e.g. 6000 for air; null: actual weight only'),
  fuel_surcharge_bps: z.number().int().min(0).max(10_000).optional().describe('Basis points of the weight charge: 1200 = 12%'),
  max_parcel_weight_g: grams.nullable().optional(),
});

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/logistics/nodes',
    {
      config: { access: operate },
      schema: {
        tags: ['logistics'],
        summary: 'Add a hub or bonded warehouse to the network',
        description:
          'A `hub` (AU or NZ) lists the regions whose merchant warehouses send it their parcels (`serves_regions`, each region at one hub only: ' +
          '`409 already_exists`) and optionally extra towns (`serves_cities`). A `bonded_warehouse` names the inventory bonded stock location ' +
          '(`stock_location_id`) whose stock ships from it; its country and city come from that location. `region` is the node’s own ' +
          'ISO 3166-2 region (`CN-ZJ`, `AU-VIC`; `NZ`); an unknown one is `400 invalid_region`.',
        body: z.object({
          code,
          kind: z.enum(NODE_KINDS),
          name: z.string().trim().min(1).max(100),
          country: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .optional(),
          city: z.string().trim().min(1).max(100).optional(),
          region: z.string().trim().min(1).max(10),
          stock_location_id: z.string().max(64).optional(),
          serves_regions: regionList.optional(),
          serves_cities: cityList.optional(),
        }),
        response: { 201: NodeOut },
      },
    },
    async (req, reply) => reply.code(201).send(nodeOut(await createNode(req.ctx, req.body))),
  );

  app.get(
    '/v1/logistics/nodes',
    {
      config: { access: read },
      schema: {
        tags: ['logistics'],
        summary: 'List the network’s nodes',
        querystring: listQuerySchema.extend({ kind: z.enum(NODE_KINDS).optional() }),
        response: { 200: listResponseSchema(NodeOut) },
      },
    },
    async (req) => toListResponse(await listNodes(req.ctx, { kind: req.query.kind }, req.query), req.url, nodeOut),
  );

  app.get(
    '/v1/logistics/nodes/:id',
    {
      config: { access: read },
      schema: { tags: ['logistics'], summary: 'Retrieve a node', params: idParams, response: { 200: NodeOut } },
    },
    async (req) => nodeOut(await getNode(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/logistics/nodes/:id',
    {
      config: { access: operate },
      schema: {
        tags: ['logistics'],
        summary: 'Change a node',
        description: 'Only the fields sent. A node taken out of service (`active: false`) is no origin for quotes.',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          serves_regions: regionList.optional(),
          serves_cities: cityList.optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: NodeOut },
      },
    },
    async (req) => nodeOut(await updateNode(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/logistics/lanes',
    {
      config: { access: operate },
      schema: {
        tags: ['logistics'],
        summary: 'Add a lane with its rate card',
        description:
          'From an origin node to `regions` of `destination_country` (ISO 3166-2 codes, or `["*"]` for all of it). Modes: `9610` (direct mail from an AU/NZ hub ' +
          'to CN), `1210` (from a China bonded warehouse within CN), `domestic` (within the origin’s country). The rate card is in the origin country’s ' +
          'currency (AUD, NZD; CNY in China): `currency_mismatch` otherwise. Two active lanes of one origin and `service_code` covering the same region are ' +
          '`409 lane_overlap`.',
        body: z.object({
          origin_node_id: z.string().max(64),
          service_code: code,
          name: z.string().trim().min(1).max(100),
          mode: z.enum(LANE_MODES),
          destination_country: z.string().regex(/^[A-Z]{2}$/),
          regions: regionList.min(1),
          transit_days: transitDays,
          rate_card: RateCardIn,
          active: z.boolean().optional(),
        }),
        response: { 201: LaneOut },
      },
    },
    async (req, reply) => reply.code(201).send(laneOut(await createLane(req.ctx, req.body))),
  );

  app.get(
    '/v1/logistics/lanes',
    {
      config: { access: read },
      schema: {
        tags: ['logistics'],
        summary: 'List lanes',
        querystring: listQuerySchema.extend({
          origin_node_id: z.string().max(64).optional(),
          mode: z.enum(LANE_MODES).optional(),
          service_code: z.string().max(32).optional(),
        }),
        response: { 200: listResponseSchema(LaneOut) },
      },
    },
    async (req) =>
      toListResponse(
        await listLanes(
          req.ctx,
          { originNodeId: req.query.origin_node_id, mode: req.query.mode, serviceCode: req.query.service_code },
          req.query,
        ),
        req.url,
        laneOut,
      ),
  );

  app.get(
    '/v1/logistics/lanes/:id',
    {
      config: { access: read },
      schema: { tags: ['logistics'], summary: 'Retrieve a lane', params: idParams, response: { 200: LaneOut } },
    },
    async (req) => laneOut(await getLane(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/logistics/lanes/:id',
    {
      config: { access: operate },
      schema: {
        tags: ['logistics'],
        summary: 'Change a lane',
        description:
          'Only the fields sent; `rate_card` fields are merged into the current card (e.g. `{ "rate_card": { "fuel_surcharge_bps": 1500 } }`). ' +
          'Origin, service, mode and destination country stay. `active: false` takes the lane out of quotes.',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          regions: regionList.min(1).optional(),
          transit_days: transitDays.optional(),
          rate_card: RateCardIn.partial().optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: LaneOut },
      },
    },
    async (req) => laneOut(await updateLane(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/shipping/quotes',
    {
      // A calculation that stores nothing: retrying is always safe, so no idempotency record.
      config: { access: 'public', idempotent: false },
      schema: {
        tags: ['logistics'],
        summary: 'Quote shipping for parcels',
        description:
          'Every option from the origin to the destination region, cheapest first, with its price (in the rate card’s currency: AUD/NZD from a hub, ' +
          'CNY from a bonded warehouse) and delivery window. The origin is an inventory `stock_location_id` (a merchant warehouse ships through the hub ' +
          'serving its city or state; a bonded warehouse from its own node) or a `node_id`. Each parcel is charged on its own: chargeable weight = ' +
          'max(actual, L×W×H ÷ volumetric divisor) rounded up to the first band plus whole steps; fuel surcharge rounded half-up to the minor unit. ' +
          'Delivery dates count calendar days from the day of `at` (default now) in the destination’s time zone. No lane reaching the region: ' +
          '`options: []`. An origin with no node or hub: `422 origin_not_served`.',
        body: z.object({
          origin: z.union([
            z.object({ stock_location_id: z.string().max(64) }).strict(),
            z.object({ node_id: z.string().max(64) }).strict(),
          ]),
          destination: z.object({
            country: z.string().regex(/^[A-Z]{2}$/),
            region: z.string().trim().min(1).max(10).describe('ISO 3166-2: CN-ZJ, CN-SH, AU-VIC…; NZ for New Zealand'),
          }),
          parcels: z
            .array(
              z.object({
                weight_g: grams,
                length_cm: z.number().positive().max(300),
                width_cm: z.number().positive().max(300),
                height_cm: z.number().positive().max(300),
              }),
            )
            .min(1)
            .max(MAX_PARCELS),
          at: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: QuoteOut },
      },
    },
    async (req) => {
      const b = req.body;
      return quoteOut(await quoteShipping(req.ctx, { ...b, at: b.at ? new Date(b.at) : undefined }));
    },
  );
}

export const logisticsModule: HttpModule = {
  name: 'logistics',
  tag: { name: 'logistics', description: 'The shipping network (hubs, bonded warehouses, lanes with rate cards) and shipping quotes' },
  routes,
};

export const shipmentsModule: HttpModule = {
  name: 'shipments',
  tag: { name: 'shipments', description: 'Shipments of parcels with S10 tracking numbers, labels, tracking timelines, carriers’ webhooks' },
  routes: shipmentRoutes,
};

export const hubModule: HttpModule = {
  name: 'hub',
  tag: { name: 'hub', description: 'Hub operations: scans, bags, manifests (flights)' },
  routes: hubRoutes,
};

export const customsModule: HttpModule = {
  name: 'customs',
  tag: { name: 'customs', description: 'China customs declarations (CEB311/411/511/621) and stock sent to bonded warehouses' },
  routes: customsRoutes,
};
