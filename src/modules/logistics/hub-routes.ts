// HTTP for hub operations (PRODUCT.md L4): scans, bags and manifests. Operators only: the hubs
// are the platform's.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { typed } from '../../kernel/http/server.ts';
import {
  addToBag,
  type Bag,
  arriveManifest,
  closeBag,
  createBag,
  createManifest,
  departManifest,
  getBag,
  getManifest,
  listBags,
  listManifests,
  type ManifestDetail,
} from './consolidation.ts';
import { ParcelOut, parcelOut } from './shipment-routes.ts';
import { BAG_STATUSES, MANIFEST_STATUSES } from './shipment-schema.ts';
import { HUB_SCANS, scanParcel } from './tracking.ts';

const idParams = z.object({ id: z.string().max(64) });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const hub = { operator: ['admin', 'operations'] } as const;
const watchers = { operator: 'any' } as const;

const BagOut = z
  .object({
    id: z.string(),
    object: z.literal('bag'),
    origin_node_id: z.string(),
    destination_country: z.string(),
    status: z.enum(BAG_STATUSES),
    manifest_id: z.string().nullable(),
    parcel_count: z.number().int(),
    weight_g: z.number().int(),
    parcels: z.array(ParcelOut).optional(),
    created_at: z.string(),
    closed_at: z.string().nullable(),
  })
  .meta({ id: 'Bag' });

const bagOut = (b: Bag & { parcels?: Parameters<typeof parcelOut>[0][] }): z.output<typeof BagOut> => ({
  id: b.id,
  object: 'bag',
  origin_node_id: b.originNodeId,
  destination_country: b.destinationCountry,
  status: b.status,
  manifest_id: b.manifestId,
  parcel_count: b.parcelCount,
  weight_g: b.weightG,
  ...(b.parcels ? { parcels: b.parcels.map((p) => parcelOut(p)) } : {}),
  created_at: b.createdAt.toISOString(),
  closed_at: iso(b.closedAt),
});

const ManifestOut = z
  .object({
    id: z.string(),
    object: z.literal('manifest'),
    origin_node_id: z.string(),
    destination_country: z.string(),
    mawb: z.string().describe('Master air waybill'),
    flight_no: z.string(),
    destination_airport: z.string(),
    status: z.enum(MANIFEST_STATUSES),
    bags: z.array(BagOut),
    departed_at: z.string().nullable(),
    arrived_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'Manifest' });

const manifestOut = (m: ManifestDetail): z.output<typeof ManifestOut> => ({
  id: m.id,
  object: 'manifest',
  origin_node_id: m.originNodeId,
  destination_country: m.destinationCountry,
  mawb: m.mawb,
  flight_no: m.flightNo,
  destination_airport: m.destinationAirport,
  status: m.status,
  bags: m.bags.map((b) => bagOut(b)),
  departed_at: iso(m.departedAt),
  arrived_at: iso(m.arrivedAt),
  created_at: m.createdAt.toISOString(),
});

const ScanOut = z.object({
  object: z.literal('scan'),
  repeated: z.boolean().describe('The parcel was already there: nothing changed'),
  parcel: ParcelOut,
});

export function hubRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/hub/scans',
    {
      config: { access: hub },
      schema: {
        tags: ['hub'],
        summary: 'Scan a parcel',
        description:
          '`pick_up` (collected from the sender), `receive` (at the origin hub), `hand_over` (to the last-mile carrier: into China only after ' +
          'customs released it). A scan out of turn is refused with `409 invalid_scan` naming the parcel’s milestone; the same scan twice is ' +
          'answered `repeated: true` and changes nothing. Bagging, departure and arrival are scanned through bags and manifests.',
        body: z.object({
          tracking_number: z.string().trim().min(1).max(40),
          scan: z.enum(HUB_SCANS),
          location: z.string().trim().max(80).optional(),
        }),
        response: { 200: ScanOut },
      },
    },
    async (req) => {
      const r = await scanParcel(req.ctx, req.body);
      return { object: 'scan' as const, repeated: r.repeated, parcel: parcelOut(r.parcel) };
    },
  );

  app.post(
    '/v1/bags',
    {
      config: { access: hub },
      schema: {
        tags: ['hub'],
        summary: 'Open a bag at a hub',
        body: z.object({ origin_node_id: z.string().max(64), destination_country: z.enum(['CN', 'AU', 'NZ']) }),
        response: { 201: BagOut },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return bagOut(await createBag(req.ctx, req.body));
    },
  );

  app.get(
    '/v1/bags',
    {
      config: { access: watchers },
      schema: {
        tags: ['hub'],
        summary: 'List bags',
        querystring: listQuerySchema.extend({ status: z.enum(BAG_STATUSES).optional(), origin: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(BagOut) },
      },
    },
    async (req) => {
      const { status, origin, ...q } = req.query;
      return toListResponse(await listBags(req.ctx, { status, origin }, q), req.url, (b) => bagOut(b));
    },
  );

  app.get(
    '/v1/bags/:id',
    {
      config: { access: watchers },
      schema: { tags: ['hub'], summary: 'A bag and its parcels', params: idParams, response: { 200: BagOut } },
    },
    async (req) => bagOut(await getBag(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/bags/:id/parcels',
    {
      config: { access: hub },
      schema: {
        tags: ['hub'],
        summary: 'Scan a parcel into a bag',
        description:
          'The parcel must have been received at the bag’s hub and go to the bag’s country; the bag must be open. Twice: `repeated: true`.',
        params: idParams,
        body: z.object({ tracking_number: z.string().trim().min(1).max(40) }),
        response: { 200: ScanOut.extend({ bag: BagOut }) },
      },
    },
    async (req) => {
      const r = await addToBag(req.ctx, req.params.id, req.body.tracking_number);
      return { object: 'scan' as const, repeated: r.repeated, parcel: parcelOut(r.parcel), bag: bagOut(r.bag) };
    },
  );

  app.post(
    '/v1/bags/:id/close',
    {
      config: { access: hub },
      schema: { tags: ['hub'], summary: 'Seal a bag', params: idParams, body: z.object({}).default({}), response: { 200: BagOut } },
    },
    async (req) => bagOut(await closeBag(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/manifests',
    {
      config: { access: hub },
      schema: {
        tags: ['hub'],
        summary: 'Put closed bags on a flight',
        description:
          'A manifest: the flight, its master air waybill (IATA: airline prefix and 8 digits, the last the first seven mod 7, e.g. `784-12345675`) ' +
          'and the closed bags from one hub to one country.',
        body: z.object({
          origin_node_id: z.string().max(64),
          destination_country: z.enum(['CN', 'AU', 'NZ']),
          mawb: z.string().trim().min(11).max(14),
          flight_no: z.string().trim().toUpperCase().min(3).max(8),
          destination_airport: z.string().trim().toUpperCase().length(3),
          bag_ids: z.array(z.string().max(64)).min(1).max(500),
        }),
        response: { 201: ManifestOut },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return manifestOut(await createManifest(req.ctx, req.body));
    },
  );

  app.get(
    '/v1/manifests',
    {
      config: { access: watchers },
      schema: {
        tags: ['hub'],
        summary: 'List manifests',
        querystring: listQuerySchema.extend({ status: z.enum(MANIFEST_STATUSES).optional() }),
        response: { 200: listResponseSchema(ManifestOut) },
      },
    },
    async (req) => {
      const { status, ...q } = req.query;
      return toListResponse(await listManifests(req.ctx, { status }, q), req.url, manifestOut);
    },
  );

  app.get(
    '/v1/manifests/:id',
    {
      config: { access: watchers },
      schema: { tags: ['hub'], summary: 'A manifest and its bags', params: idParams, response: { 200: ManifestOut } },
    },
    async (req) => manifestOut(await getManifest(req.ctx, req.params.id)),
  );

  for (const [verb, summary, field, fn] of [
    ['depart', 'The flight left: every parcel on it departs', 'departed_at', departManifest],
    ['arrive', 'The flight landed: every parcel arrives; 9610 orders on board go to China customs', 'arrived_at', arriveManifest],
  ] as const) {
    app.post(
      `/v1/manifests/:id/${verb}`,
      {
        config: { access: hub },
        schema: {
          tags: ['hub'],
          summary,
          description: `Scans every parcel in the manifest's bags (each must be where the scan expects it). \`${field}\` defaults to now. Repeating it changes nothing.`,
          params: idParams,
          body: z.object({ [field]: z.iso.datetime({ offset: true }).optional() }).default({}),
          response: { 200: ManifestOut },
        },
      },
      async (req) => manifestOut(await fn(req.ctx, req.params.id, req.body as Record<string, string | undefined>)),
    );
  }
}
