import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { LOCATION_KINDS, MOVEMENT_KINDS, RESERVATION_STATUSES } from './schema.ts';
import {
  closeReservation,
  createLocation,
  DEFAULT_RESERVATION_TTL_S,
  getLevel,
  getLocation,
  getReservation,
  type Location,
  listLevels,
  listLocations,
  listMovements,
  listReservations,
  MAX_BUCKETS,
  MAX_RESERVATION_TTL_S,
  type Movement,
  recordMovement,
  type Reservation,
  reserve,
  type StockLevel,
  updateLevel,
} from './service.ts';

const LocationOut = z
  .object({
    id: z.string(),
    object: z.literal('location'),
    kind: z.enum(LOCATION_KINDS),
    merchant_id: z.string().nullable().describe('null for platform-run bonded warehouses'),
    name: z.string(),
    country: z.string(),
    city: z.string(),
    address: z.string().nullable(),
    customs_code: z.string().nullable(),
    active: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: 'Location' });

const locationOut = (l: Location): z.output<typeof LocationOut> => ({
  id: l.id,
  object: 'location',
  kind: l.kind,
  merchant_id: l.merchantId,
  name: l.name,
  country: l.country,
  city: l.city,
  address: l.address,
  customs_code: l.customsCode,
  active: l.active,
  created_at: l.createdAt.toISOString(),
});

const LevelOut = z
  .object({
    id: z.string(),
    object: z.literal('stock_level'),
    product_id: z.string(),
    variant_id: z.string(),
    location_id: z.string(),
    on_hand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int().describe('on_hand − reserved; never below zero'),
    low_stock_threshold: z.number().int().nullable(),
    low_stock_alerted: z.boolean(),
    buckets: z.number().int().describe('How many rows the units are spread over (concurrency under flash sales)'),
    updated_at: z.string(),
  })
  .meta({ id: 'StockLevel' });

const levelOut = (l: StockLevel): z.output<typeof LevelOut> => ({
  id: l.id,
  object: 'stock_level',
  product_id: l.productId,
  variant_id: l.variantId,
  location_id: l.locationId,
  on_hand: l.onHand,
  reserved: l.reserved,
  available: l.available,
  low_stock_threshold: l.lowStockThreshold,
  low_stock_alerted: l.lowStockAlerted,
  buckets: l.buckets,
  updated_at: l.updatedAt.toISOString(),
});

const MovementOut = z
  .object({
    id: z.string(),
    object: z.literal('stock_movement'),
    stock_level_id: z.string(),
    variant_id: z.string(),
    location_id: z.string(),
    kind: z.enum(MOVEMENT_KINDS),
    on_hand_delta: z.number().int(),
    reserved_delta: z.number().int(),
    reason: z.string().nullable(),
    reference: z.string().nullable(),
    actor_kind: z.string(),
    actor_id: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'StockMovement' });

const movementOut = (m: Movement): z.output<typeof MovementOut> => ({
  id: m.id,
  object: 'stock_movement',
  stock_level_id: m.levelId,
  variant_id: m.variantId,
  location_id: m.locationId,
  kind: m.kind,
  on_hand_delta: m.onHandDelta,
  reserved_delta: m.reservedDelta,
  reason: m.reason,
  reference: m.reference,
  actor_kind: m.actorKind,
  actor_id: m.actorId,
  at: m.at.toISOString(),
});

const ReservationOut = z
  .object({
    id: z.string(),
    object: z.literal('reservation'),
    stock_level_id: z.string(),
    variant_id: z.string(),
    location_id: z.string(),
    quantity: z.number().int(),
    status: z.enum(RESERVATION_STATUSES),
    reference: z.string().nullable(),
    expires_at: z.string(),
    created_at: z.string(),
    closed_at: z.string().nullable(),
  })
  .meta({ id: 'Reservation' });

const reservationOut = (r: Reservation): z.output<typeof ReservationOut> => ({
  id: r.id,
  object: 'reservation',
  stock_level_id: r.levelId,
  variant_id: r.variantId,
  location_id: r.locationId,
  quantity: r.quantity,
  status: r.status,
  reference: r.reference,
  expires_at: r.expiresAt.toISOString(),
  created_at: r.createdAt.toISOString(),
  closed_at: r.closedAt?.toISOString() ?? null,
});

const idParams = z.object({ id: z.string().max(64) });
const read = { operator: 'any', merchant: 'any', apiKey: 'inventory:read' } as const;
const write = { merchant: 'any', apiKey: 'inventory:write' } as const;
const reference = z.string().trim().min(1).max(200).optional().describe('Your reference: an order, a delivery note');

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/locations',
    {
      config: { access: { operator: ['admin', 'operations'], merchant: ['owner', 'manager'], apiKey: 'inventory:write' } },
      schema: {
        tags: ['inventory'],
        summary: 'Add a stock location',
        description:
          'A merchant adds its own warehouse (in AU or NZ; a merchant in China, in CN). An operator adds a platform-run China bonded warehouse (country CN, with its customs area code), which every merchant can stock.',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          country: z.string().regex(/^[A-Z]{2}$/),
          city: z.string().trim().min(1).max(100),
          address: z.string().trim().max(300).optional(),
          customs_code: z.string().trim().max(20).optional().describe('Bonded warehouses: customs area code'),
        }),
        response: { 201: LocationOut },
      },
    },
    async (req, reply) => reply.code(201).send(locationOut(await createLocation(req.ctx, req.body))),
  );

  app.get(
    '/v1/locations',
    {
      config: { access: read },
      schema: {
        tags: ['inventory'],
        summary: 'List stock locations',
        description: 'A merchant sees its own warehouses and the platform’s bonded warehouses.',
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(LocationOut) },
      },
    },
    async (req) => toListResponse(await listLocations(req.ctx, req.query), req.url, locationOut),
  );

  app.get(
    '/v1/locations/:id',
    {
      config: { access: read },
      schema: { tags: ['inventory'], summary: 'Retrieve a location', params: idParams, response: { 200: LocationOut } },
    },
    async (req) => locationOut(await getLocation(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/stock-levels',
    {
      config: { access: read },
      schema: {
        tags: ['inventory'],
        summary: 'List stock levels',
        description: 'Units on hand, reserved and available per variant per location.',
        querystring: listQuerySchema.extend({
          variant_id: z.string().max(64).optional(),
          product_id: z.string().max(64).optional(),
          location_id: z.string().max(64).optional(),
        }),
        response: { 200: listResponseSchema(LevelOut) },
      },
    },
    async (req) =>
      toListResponse(
        await listLevels(
          req.ctx,
          { variantId: req.query.variant_id, productId: req.query.product_id, locationId: req.query.location_id },
          req.query,
        ),
        req.url,
        levelOut,
      ),
  );

  app.get(
    '/v1/stock-levels/:id',
    {
      config: { access: read },
      schema: { tags: ['inventory'], summary: 'Retrieve a stock level', params: idParams, response: { 200: LevelOut } },
    },
    async (req) => levelOut(await getLevel(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/stock-levels/:id',
    {
      config: { access: { merchant: ['owner', 'manager'], apiKey: 'inventory:write' } },
      schema: {
        tags: ['inventory'],
        summary: 'Change a stock level’s settings',
        description:
          '`low_stock_threshold`: an `inventory.low_stock` event is emitted once when available units fall to it (null turns it off). ' +
          `\`buckets\` (1–${MAX_BUCKETS}): raise it before a flash sale so many buyers can reserve the variant at once.`,
        params: idParams,
        body: z.object({
          low_stock_threshold: z.number().int().min(0).max(1_000_000).nullable().optional(),
          buckets: z.number().int().min(1).max(MAX_BUCKETS).optional(),
        }),
        response: { 200: LevelOut },
      },
    },
    async (req) => levelOut(await updateLevel(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/stock-movements',
    {
      config: { access: write },
      schema: {
        tags: ['inventory'],
        summary: 'Record a receipt, adjustment or return',
        description:
          'The only way to change units on hand (reservations and shipments go through `/v1/reservations`). A receipt or return adds units; ' +
          'an adjustment adds or removes them with a reason. Removing more than is available is `409 insufficient_stock`.',
        body: z.object({
          kind: z.enum(['receipt', 'adjustment', 'return']),
          variant_id: z.string().max(64),
          location_id: z.string().max(64),
          quantity: z.number().int().min(-1_000_000).max(1_000_000).describe('Positive for receipts and returns; signed for adjustments'),
          reason: z.string().trim().max(500).optional(),
          reference,
        }),
        response: { 201: z.object({ movement: MovementOut, stock_level: LevelOut }) },
      },
    },
    async (req, reply) => {
      const { movement, level } = await recordMovement(req.ctx, req.body);
      return reply.code(201).send({ movement: movementOut(movement), stock_level: levelOut(level) });
    },
  );

  app.get(
    '/v1/stock-movements',
    {
      config: { access: read },
      schema: {
        tags: ['inventory'],
        summary: 'The movement ledger',
        description: 'Every change to stock, newest first: the sums of `on_hand_delta` and `reserved_delta` are a level’s numbers.',
        querystring: listQuerySchema.extend({
          stock_level_id: z.string().max(64).optional(),
          variant_id: z.string().max(64).optional(),
          kind: z.enum(MOVEMENT_KINDS).optional(),
          reference: z.string().max(200).optional(),
        }),
        response: { 200: listResponseSchema(MovementOut) },
      },
    },
    async (req) =>
      toListResponse(
        await listMovements(
          req.ctx,
          { levelId: req.query.stock_level_id, variantId: req.query.variant_id, kind: req.query.kind, reference: req.query.reference },
          req.query,
        ),
        req.url,
        movementOut,
      ),
  );

  app.post(
    '/v1/reservations',
    {
      config: { access: write },
      schema: {
        tags: ['inventory'],
        summary: 'Reserve stock',
        description:
          `Holds units for ${DEFAULT_RESERVATION_TTL_S / 60} minutes unless \`ttl_seconds\` says otherwise; expired reservations are released by a job. ` +
          'Never oversells: when the units are gone the answer is `409 insufficient_stock` with `available`.',
        body: z.object({
          variant_id: z.string().max(64),
          location_id: z.string().max(64),
          quantity: z.number().int().min(1).max(10_000),
          ttl_seconds: z.number().int().min(60).max(MAX_RESERVATION_TTL_S).optional(),
          reference,
        }),
        response: { 201: ReservationOut },
      },
    },
    async (req, reply) => reply.code(201).send(reservationOut(await reserve(req.ctx, req.body))),
  );

  app.get(
    '/v1/reservations',
    {
      config: { access: read },
      schema: {
        tags: ['inventory'],
        summary: 'List reservations',
        querystring: listQuerySchema.extend({ status: z.enum(RESERVATION_STATUSES).optional() }),
        response: { 200: listResponseSchema(ReservationOut) },
      },
    },
    async (req) => toListResponse(await listReservations(req.ctx, { status: req.query.status }, req.query), req.url, reservationOut),
  );

  app.get(
    '/v1/reservations/:id',
    {
      config: { access: read },
      schema: { tags: ['inventory'], summary: 'Retrieve a reservation', params: idParams, response: { 200: ReservationOut } },
    },
    async (req) => reservationOut(await getReservation(req.ctx, req.params.id)),
  );

  for (const [action, how, text] of [
    ['release', 'release', 'Gives the units back: available again at once.'],
    ['ship', 'ship', 'The goods left the location: the units leave stock (a shipment movement).'],
  ] as const) {
    app.post(
      `/v1/reservations/:id/${action}`,
      {
        config: { access: write },
        schema: {
          tags: ['inventory'],
          summary: `${action === 'release' ? 'Release' : 'Ship'} a reservation`,
          description: `${text} Only an active reservation: otherwise \`409 invalid_state\`.`,
          params: idParams,
          body: z.object({}).nullish(),
          response: { 200: ReservationOut },
        },
      },
      async (req) => reservationOut(await closeReservation(req.ctx, req.params.id, how)),
    );
  }
}

export const inventoryModule: HttpModule = {
  name: 'inventory',
  tag: { name: 'inventory', description: 'Stock locations, stock levels, the movement ledger and reservations' },
  routes,
};
