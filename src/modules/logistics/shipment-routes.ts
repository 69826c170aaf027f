// HTTP for shipments, parcels, labels, tracking and carriers' webhooks (PRODUCT.md L3, L5).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { typed } from '../../kernel/http/server.ts';
import { getOrder } from '../orders/service.ts';
import { MILESTONE_MEANING, MILESTONES } from './parcel-rules.ts';
import {
  createShipment,
  getParcel,
  getShipment,
  labelsPdf,
  listParcels,
  listShipments,
  MAX_PARCELS_PER_SHIPMENT,
  type Parcel,
  parcelsOfOrder,
  type ShipmentDetail,
  timelineOf,
  type TrackingEvent,
} from './shipments.ts';
import { MAX_LABELS_PER_BATCH } from './labels.ts';
import { CARRIER_MILESTONES, ingestCarrierEvents, MAX_CARRIER_EVENTS, publicTracking } from './tracking.ts';

const idParams = z.object({ id: z.string().max(64) });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const Milestone = z.enum(MILESTONES);
const Estimated = z.object({ earliest: z.string(), latest: z.string() }).nullable();

export const TimelineEventOut = z
  .object({
    milestone: Milestone,
    at: z.string(),
    location: z.string().nullable(),
    description: z.string().nullable(),
    source: z.enum(['platform', 'scan', 'customs', 'carrier']),
    applied: z.boolean().describe('False for an event that came after a later one: kept in the timeline, did not move the parcel'),
  })
  .meta({ id: 'TrackingEvent' });

const eventOut = (e: TrackingEvent): z.output<typeof TimelineEventOut> => ({
  milestone: e.milestone,
  at: e.occurredAt.toISOString(),
  location: e.location,
  description: e.description,
  source: e.source,
  applied: e.applied,
});

export const ParcelOut = z
  .object({
    id: z.string(),
    object: z.literal('parcel'),
    tracking_number: z.string().describe('UPU S10, from the platform’s series'),
    shipment_id: z.string(),
    order_id: z.string(),
    merchant_id: z.string(),
    route: z.enum(['9610', '1210', 'export']),
    status: Milestone.describe('The latest milestone (may be `exception`)'),
    milestone: Milestone.describe('The furthest milestone reached'),
    status_at: z.string(),
    weight_g: z.number().int(),
    dimensions_mm: z.object({ length: z.number().int(), width: z.number().int(), height: z.number().int() }),
    contents: z.array(
      z.object({
        line_no: z.number().int(),
        sku: z.string(),
        description: z.string(),
        hs_code: z.string(),
        quantity: z.number().int(),
        value: z.object({ amount: z.string(), currency: z.string() }),
        origin_country: z.string(),
      }),
    ),
    bag_id: z.string().nullable(),
    destination: z.object({ country: z.string(), city: z.string() }),
    estimated_delivery: Estimated,
    exception_reason: z.string().nullable(),
    delivered_at: z.string().nullable(),
    label_url: z.string(),
    tracking_url: z.string(),
    events: z.array(TimelineEventOut).optional(),
    created_at: z.string(),
  })
  .meta({ id: 'Parcel' });

export function parcelOut(p: Parcel, events?: TrackingEvent[]): z.output<typeof ParcelOut> {
  return {
    id: p.id,
    object: 'parcel',
    tracking_number: p.trackingNumber,
    shipment_id: p.shipmentId,
    order_id: p.orderId,
    merchant_id: p.merchantId,
    route: p.route,
    status: p.status,
    milestone: p.milestone,
    status_at: p.statusAt.toISOString(),
    weight_g: p.weightG,
    dimensions_mm: { length: p.lengthMm, width: p.widthMm, height: p.heightMm },
    contents: p.contents,
    bag_id: p.bagId,
    destination: { country: p.destinationCountry, city: p.destinationCity },
    estimated_delivery: p.estimatedDelivery ? { earliest: p.estimatedDelivery.earliest, latest: p.estimatedDelivery.latest } : null,
    exception_reason: p.exceptionReason,
    delivered_at: iso(p.deliveredAt),
    label_url: `/v1/parcels/${p.id}/label`,
    tracking_url: `/v1/tracking/${p.trackingNumber}`,
    ...(events ? { events: events.filter((e) => e.parcelId === p.id).map(eventOut) } : {}),
    created_at: p.createdAt.toISOString(),
  };
}

export const ShipmentOut = z
  .object({
    id: z.string(),
    object: z.literal('shipment'),
    order_id: z.string(),
    merchant_id: z.string(),
    route: z.enum(['9610', '1210', 'export']),
    service: z.object({ code: z.string(), name: z.string() }),
    origin_node_id: z.string(),
    estimated_delivery: Estimated,
    parcels: z.array(ParcelOut),
    labels_url: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'Shipment' });

export const shipmentOut = (s: ShipmentDetail): z.output<typeof ShipmentOut> => ({
  id: s.id,
  object: 'shipment',
  order_id: s.orderId,
  merchant_id: s.merchantId,
  route: s.route,
  service: { code: s.serviceCode, name: s.serviceName },
  origin_node_id: s.originNodeId,
  estimated_delivery: s.estimatedDelivery ? { earliest: s.estimatedDelivery.earliest, latest: s.estimatedDelivery.latest } : null,
  parcels: s.parcels.map((p) => parcelOut(p)),
  labels_url: `/v1/shipments/${s.id}/labels`,
  created_at: s.createdAt.toISOString(),
});

const shippers = { merchant: ['owner', 'manager', 'staff'], apiKey: 'shipments:write', operator: ['admin', 'operations'] } as const;
const readers = { merchant: 'any', apiKey: 'shipments:read', operator: 'any' } as const;

const cm = z.number().positive().max(200);
const ParcelIn = z.object({
  weight_g: z.number().int().positive().max(70_000),
  length_cm: cm,
  width_cm: cm,
  height_cm: cm,
  lines: z
    .array(z.object({ line_no: z.number().int().min(1), quantity: z.number().int().min(1).max(9999) }))
    .min(1)
    .max(100)
    .optional()
    .describe('The order lines and units in this parcel; omit on a one-parcel shipment to ship every unit not yet shipped'),
});

async function pdf(reply: { type: (t: string) => unknown; header: (k: string, v: string) => unknown }, body: Uint8Array, name: string) {
  reply.header('content-disposition', `inline; filename="${name}.pdf"`);
  reply.type('application/pdf');
  return Buffer.from(body);
}

export function shipmentRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/orders/:id/shipments',
    {
      config: { access: shippers },
      schema: {
        tags: ['shipments'],
        summary: 'Book parcels for an order',
        description:
          'For a paid (or fulfilling) order: parcels with their weight, size and the order lines and units each holds. Each parcel gets the next ' +
          'UPU S10 tracking number of the platform’s series and a 100 × 150 mm label (`label_url`). The order moves to `fulfilling`, and to ' +
          '`shipped` once every unit is in a parcel. Orders for China get their customs declarations built and the three-document match checked ' +
          '(`GET /v1/customs/declarations?order=`). Send an `Idempotency-Key`.',
        params: idParams,
        body: z.object({ parcels: z.array(ParcelIn).min(1).max(MAX_PARCELS_PER_SHIPMENT) }),
        response: { 201: ShipmentOut },
      },
    },
    async (req, reply) => {
      const s = await createShipment(req.ctx, req.params.id, req.body);
      reply.code(201);
      return shipmentOut(s);
    },
  );

  app.get(
    '/v1/shipments',
    {
      config: { access: readers },
      schema: {
        tags: ['shipments'],
        summary: 'List shipments',
        description: 'Newest first; merchants see their own. `order` narrows to one order’s.',
        querystring: listQuerySchema.extend({ order: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(ShipmentOut) },
      },
    },
    async (req) => {
      const { order, ...q } = req.query;
      return toListResponse(await listShipments(req.ctx, { order }, q), req.url, shipmentOut);
    },
  );

  app.get(
    '/v1/shipments/:id',
    {
      config: { access: readers },
      schema: { tags: ['shipments'], summary: 'A shipment and its parcels', params: idParams, response: { 200: ShipmentOut } },
    },
    async (req) => shipmentOut(await getShipment(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/shipments/:id/labels',
    {
      config: { access: readers },
      schema: {
        tags: ['shipments'],
        summary: 'The labels of a shipment’s parcels, one PDF',
        params: idParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const s = await getShipment(req.ctx, req.params.id);
      return pdf(
        reply,
        await labelsPdf(
          req.ctx,
          s.parcels.map((p) => p.id),
        ),
        `labels-${s.id}`,
      );
    },
  );

  app.post(
    '/v1/labels',
    {
      config: { access: readers, idempotent: false },
      schema: {
        tags: ['shipments'],
        summary: 'Print many labels at once',
        description: `One PDF with a 100 × 150 mm page per parcel, in the order given (at most ${MAX_LABELS_PER_BATCH}): parcel ids or tracking numbers.`,
        body: z.object({ parcels: z.array(z.string().max(64)).min(1).max(MAX_LABELS_PER_BATCH) }),
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => pdf(reply, await labelsPdf(req.ctx, req.body.parcels), 'labels'),
  );

  app.get(
    '/v1/parcels',
    {
      config: { access: readers },
      schema: {
        tags: ['shipments'],
        summary: 'List parcels',
        description: 'Newest first; merchants see their own. `status=exception` is the operators’ exception queue.',
        querystring: listQuerySchema.extend({
          status: Milestone.optional(),
          order: z.string().max(64).optional(),
          bag: z.string().max(64).optional(),
        }),
        response: { 200: listResponseSchema(ParcelOut) },
      },
    },
    async (req) => {
      const { status, order, bag, ...q } = req.query;
      return toListResponse(await listParcels(req.ctx, { status, order, bag }, q), req.url, (p) => parcelOut(p));
    },
  );

  app.get(
    '/v1/parcels/:id',
    {
      config: { access: readers },
      schema: {
        tags: ['shipments'],
        summary: 'A parcel with its whole timeline',
        description:
          'By parcel id or tracking number. The timeline includes events that arrived too late to move the parcel (`applied: false`).',
        params: idParams,
        response: { 200: ParcelOut },
      },
    },
    async (req) => {
      const p = await getParcel(req.ctx, req.params.id);
      return parcelOut(p, await timelineOf(req.ctx, [p.id]));
    },
  );

  app.get(
    '/v1/parcels/:id/label',
    {
      config: { access: readers },
      schema: { tags: ['shipments'], summary: 'A parcel’s label (PDF, 100 × 150 mm)', params: idParams, produces: ['application/pdf'] },
    },
    async (req, reply) => {
      const p = await getParcel(req.ctx, req.params.id);
      return pdf(reply, await labelsPdf(req.ctx, [p.id]), p.trackingNumber);
    },
  );

  app.get(
    '/v1/orders/:id/parcels',
    {
      config: { access: { ...readers, shopper: true } },
      schema: {
        tags: ['shipments'],
        summary: 'An order’s parcels and their timelines',
        description: 'For the buyer, the merchant and operators: where each parcel of the order is.',
        params: idParams,
        response: { 200: z.object({ object: z.literal('list'), data: z.array(ParcelOut) }) },
      },
    },
    async (req) => {
      const order = await getOrder(req.ctx, req.params.id);
      const ps = await parcelsOfOrder(req.ctx, order.id);
      const events = await timelineOf(
        req.ctx,
        ps.map((p) => p.id),
      );
      return { object: 'list' as const, data: ps.map((p) => parcelOut(p, events)) };
    },
  );

  app.get(
    '/v1/tracking/:tracking_number',
    {
      config: { access: 'public' },
      schema: {
        tags: ['shipments'],
        summary: 'Track a parcel (public)',
        description:
          'No sign-in. The status, the destination city, the estimated delivery and the timeline; never a name, a street or an order. ' +
          `Milestones: ${MILESTONES.map((m) => `\`${m}\` (${MILESTONE_MEANING[m]})`).join('; ')}.`,
        params: z.object({ tracking_number: z.string().max(40) }),
        response: {
          200: z
            .object({
              object: z.literal('tracking'),
              tracking_number: z.string(),
              status: Milestone,
              service: z.string(),
              destination: z.object({ country: z.string(), city: z.string() }),
              estimated_delivery: Estimated,
              delivered_at: z.string().nullable(),
              events: z.array(
                z.object({ milestone: Milestone, at: z.string(), location: z.string().nullable(), description: z.string().nullable() }),
              ),
            })
            .meta({ id: 'Tracking' }),
        },
      },
    },
    async (req) => {
      const t = await publicTracking(req.ctx, req.params.tracking_number);
      return {
        object: 'tracking' as const,
        ...t,
        delivered_at: iso(t.delivered_at),
        events: t.events.map((e) => ({ ...e, at: e.at.toISOString() })),
      };
    },
  );

  // Carriers' webhooks: the raw body is what the signature covers.
  root.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    typed(scope).post(
      '/v1/carriers/:name/webhooks',
      {
        config: { access: 'public', idempotent: false },
        schema: {
          tags: ['shipments'],
          summary: 'Last-mile carrier events',
          description:
            `Signed by the carrier (\`Carrier-Signature: t=…,v1=…\`, HMAC-SHA256 of \`t.body\` with the carrier’s secret, at most 5 minutes old). ` +
            `Body \`{ "events": [ { id, tracking_number, milestone, occurred_at, location?, description? } ] }\`, 1–${MAX_CARRIER_EVENTS} events; ` +
            `milestones ${CARRIER_MILESTONES.join(', ')}. Each event is stored once by its id (redeliveries change nothing); an event older than ` +
            'the parcel’s latest is kept in the timeline but does not move the parcel back. Tracking numbers the platform does not know come back in `unknown`.',
          params: z.object({ name: z.string().max(40) }),
          response: {
            200: z.object({
              received: z.number().int(),
              applied: z.number().int(),
              duplicates: z.number().int(),
              unknown: z.array(z.string()),
            }),
          },
        },
      },
      async (req) => {
        const body = typeof req.body === 'string' ? req.body : '';
        return ingestCarrierEvents(req.ctx, req.params.name, body, String(req.headers['carrier-signature'] ?? ''));
      },
    );
  });
}
