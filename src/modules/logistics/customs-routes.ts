// HTTP for China customs declarations (PRODUCT.md L6) and bulk transfers of stock into bonded
// warehouses (L7).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { typed } from '../../kernel/http/server.ts';
import {
  cancelInbound,
  createInbound,
  getInbound,
  type InboundShipment,
  listInbound,
  MAX_INBOUND_LINES,
  receiveInbound,
} from './bonded.ts';
import { type CustomsDeclaration, getDeclaration, listDeclarations, recheckDeclaration } from './customs/service.ts';
import { CUSTOMS_STATUSES, INBOUND_STATUSES } from './shipment-schema.ts';

const idParams = z.object({ id: z.string().max(64) });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const MESSAGE_KINDS = ['CEB311', 'CEB411', 'CEB511', 'CEB621'] as const;

const DeclarationOut = z
  .object({
    id: z.string(),
    object: z.literal('customs_declaration'),
    order_id: z.string(),
    merchant_id: z.string(),
    trade_mode: z.enum(['9610', '1210']),
    status: z
      .enum(CUSTOMS_STATUSES)
      .describe('held (three-document mismatch) · ready · submitted · accepted · inspection · released · rejected'),
    reason: z.string().nullable(),
    mismatches: z.array(z.object({ code: z.string(), field: z.string(), message: z.string() })),
    messages: z.array(z.object({ kind: z.enum(MESSAGE_KINDS), url: z.string() })),
    receipts: z.array(z.object({ kind: z.string(), status: z.string(), at: z.string(), reason: z.string().nullable() })),
    gateway: z.string(),
    submitted_at: z.string().nullable(),
    released_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'CustomsDeclaration' });

const declarationOut = (d: CustomsDeclaration): z.output<typeof DeclarationOut> => ({
  id: d.id,
  object: 'customs_declaration',
  order_id: d.orderId,
  merchant_id: d.merchantId,
  trade_mode: d.tradeMode,
  status: d.status,
  reason: d.reason,
  mismatches: d.mismatches,
  messages: MESSAGE_KINDS.filter((k) => d.messages[k]).map((kind) => ({ kind, url: `/v1/customs/declarations/${d.id}/messages/${kind}` })),
  receipts: d.receipts.map((r) => ({
    kind: String(r.kind),
    status: String(r.status),
    at: String(r.at),
    reason: r.reason == null ? null : String(r.reason),
  })),
  gateway: d.gateway,
  submitted_at: iso(d.submittedAt),
  released_at: iso(d.releasedAt),
  created_at: d.createdAt.toISOString(),
  updated_at: d.updatedAt.toISOString(),
});

const InboundOut = z
  .object({
    id: z.string(),
    object: z.literal('inbound_shipment'),
    merchant_id: z.string(),
    from_location_id: z.string(),
    to_location_id: z.string(),
    status: z.enum(INBOUND_STATUSES),
    lines: z.array(
      z.object({ variant_id: z.string(), sku: z.string(), quantity: z.number().int(), received_quantity: z.number().int().nullable() }),
    ),
    reference: z.string().nullable(),
    received_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'InboundShipment' });

const inboundOut = (i: InboundShipment): z.output<typeof InboundOut> => ({
  id: i.id,
  object: 'inbound_shipment',
  merchant_id: i.merchantId,
  from_location_id: i.fromLocationId,
  to_location_id: i.toLocationId,
  status: i.status,
  lines: i.lines,
  reference: i.reference,
  received_at: iso(i.receivedAt),
  created_at: i.createdAt.toISOString(),
});

const readers = { merchant: 'any', apiKey: 'shipments:read', operator: 'any' } as const;
// Sending stock is the merchant's act: createInbound (bonded.ts) needs the merchant tenant, so an
// operator declared here was let through the access check only to be refused with a 403 by the service.
const stockers = { merchant: ['owner', 'manager'], apiKey: 'inventory:write' } as const;
const stockReaders = { merchant: 'any', apiKey: 'inventory:read', operator: 'any' } as const;

export function customsRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.get(
    '/v1/customs/declarations',
    {
      config: { access: readers },
      schema: {
        tags: ['customs'],
        summary: 'List customs declarations',
        description:
          'One per order bound for China. `status=held` (three-document mismatch), `inspection` and `rejected` are the operators’ exception ' +
          'queue. Merchants see their own.',
        querystring: listQuerySchema.extend({ status: z.enum(CUSTOMS_STATUSES).optional(), order: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(DeclarationOut) },
      },
    },
    async (req) => {
      const { status, order, ...q } = req.query;
      return toListResponse(await listDeclarations(req.ctx, { status, order }, q), req.url, declarationOut);
    },
  );

  app.get(
    '/v1/customs/declarations/:id',
    {
      config: { access: readers },
      schema: { tags: ['customs'], summary: 'A customs declaration', params: idParams, response: { 200: DeclarationOut } },
    },
    async (req) => declarationOut(await getDeclaration(req.ctx, req.params.id)),
  );

  app.get(
    '/v1/customs/declarations/:id/messages/:kind',
    {
      config: { access: { operator: 'any' } },
      schema: {
        tags: ['customs'],
        summary: 'One declaration message as sent (XML)',
        description:
          'CEB311 order, CEB411 payment, CEB511 waybill or CEB621 inventory list, in the China e-port format. Operators only: they carry the buyer’s ID number.',
        params: z.object({ id: z.string().max(64), kind: z.enum(MESSAGE_KINDS) }),
        produces: ['application/xml'],
      },
    },
    async (req, reply) => {
      const d = await getDeclaration(req.ctx, req.params.id);
      const xml = d.messages[req.params.kind];
      if (!xml)
        return reply.code(404).send({ error: { type: 'not_found_error', code: 'not_found', message: `No ${req.params.kind} message` } });
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  );

  app.post(
    '/v1/customs/declarations/:id/recheck',
    {
      config: { access: { operator: ['admin', 'operations'] } },
      schema: {
        tags: ['customs'],
        summary: 'Check a held declaration again',
        description:
          'After the order’s data was put right: the documents are rebuilt and matched; a match makes it ready (and submits it if its parcels reached customs).',
        params: idParams,
        body: z.object({}).default({}),
        response: { 200: DeclarationOut },
      },
    },
    async (req) => declarationOut(await recheckDeclaration(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/inbound-shipments',
    {
      config: { access: stockers },
      schema: {
        tags: ['customs'],
        summary: 'Send stock to a bonded warehouse',
        description:
          'Bulk transfer from one of your warehouses into a China bonded warehouse (1210). The units leave your warehouse now and enter the bonded ' +
          'warehouse’s stock when it receives them. Send an `Idempotency-Key`.',
        body: z.object({
          from_location_id: z.string().max(64),
          to_location_id: z.string().max(64),
          lines: z
            .array(z.object({ variant_id: z.string().max(64), quantity: z.number().int() }))
            .min(1)
            .max(MAX_INBOUND_LINES),
          reference: z.string().max(100).optional(),
        }),
        response: { 201: InboundOut },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return inboundOut(await createInbound(req.ctx, req.body));
    },
  );

  app.get(
    '/v1/inbound-shipments',
    {
      config: { access: stockReaders },
      schema: {
        tags: ['customs'],
        summary: 'List inbound shipments to bonded warehouses',
        querystring: listQuerySchema.extend({ status: z.enum(INBOUND_STATUSES).optional(), to: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(InboundOut) },
      },
    },
    async (req) => {
      const { status, to, ...q } = req.query;
      return toListResponse(await listInbound(req.ctx, { status, to }, q), req.url, inboundOut);
    },
  );

  app.get(
    '/v1/inbound-shipments/:id',
    {
      config: { access: stockReaders },
      schema: { tags: ['customs'], summary: 'An inbound shipment', params: idParams, response: { 200: InboundOut } },
    },
    async (req) => inboundOut(await getInbound(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/inbound-shipments/:id/receive',
    {
      config: { access: { operator: ['admin', 'operations'] } },
      schema: {
        tags: ['customs'],
        summary: 'The bonded warehouse received an inbound shipment',
        description: 'What arrived of each line (lines not named arrived in full) goes into the warehouse’s stock.',
        params: idParams,
        body: z
          .object({
            lines: z
              .array(z.object({ variant_id: z.string().max(64), received_quantity: z.number().int() }))
              .max(MAX_INBOUND_LINES)
              .optional(),
          })
          .default({}),
        response: { 200: InboundOut },
      },
    },
    async (req) => inboundOut(await receiveInbound(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/inbound-shipments/:id/cancel',
    {
      config: { access: { merchant: ['owner', 'manager'], apiKey: 'inventory:write' } },
      schema: {
        tags: ['customs'],
        summary: 'Call off an inbound shipment before it arrives',
        description: 'The units go back into your warehouse.',
        params: idParams,
        body: z.object({}).default({}),
        response: { 200: InboundOut },
      },
    },
    async (req) => inboundOut(await cancelInbound(req.ctx, req.params.id)),
  );
}
