// Test helpers over HTTP (decisions §23): `/v1/test_helpers/…`, for test-mode credentials only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { OrderOut, orderOut } from '../orders/order-routes.ts';
import { AddressBody } from '../orders/routes.ts';
import { ShipmentOut, shipmentOut } from '../logistics/shipment-routes.ts';
import { createTestOrder, deliverTestShipment } from './service.ts';

const idParams = z.object({ id: z.string().max(64) });

const TestOrderOut = z
  .object({
    object: z.literal('test_order'),
    livemode: z.literal(false),
    shopper_id: z.string().describe('The test shopper made for this purchase'),
    checkout_id: z.string(),
    orders: z.array(OrderOut).describe('One order per merchant origin, paid: the same `order.paid` events and webhooks as a live sale'),
  })
  .meta({ id: 'TestOrder' });

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/test_helpers/orders',
    {
      config: { access: { merchant: ['owner', 'manager'], apiKey: 'orders:write' } },
      schema: {
        tags: ['test_helpers'],
        summary: 'Buy from your test world as a test shopper',
        description:
          'Test mode only (`403 livemode_not_allowed` with a live key). Makes a test shopper who buys these variants of yours the way ' +
          'a real shopper does — cart, checkout with locked FX quotes, landed cost (CBEC tax or GST), quota, payment from a wallet ' +
          'funded by the sandbox acquirer — and returns the paid orders. Shipping is the cheapest option unless `service_code` is given. ' +
          'China addresses: the mobile picks the sandbox customs outcome (13800000001 inspection, 13800000002 rejected, ' +
          '13800000003 held; anything else clears). Send an `Idempotency-Key`.',
        body: z.object({
          items: z
            .array(z.object({ variant_id: z.string().max(64), quantity: z.number().int().min(1).max(99) }))
            .min(1)
            .max(20),
          country: z
            .enum(['CN', 'AU', 'NZ'])
            .optional()
            .describe('Where the shopper lives; by default China, or Australia for a seller in China'),
          address: AddressBody.optional().describe('By default a sandbox address in the shopper’s country'),
          service_code: z.string().max(40).optional(),
        }),
        response: { 201: TestOrderOut },
      },
    },
    async (req, reply) => {
      const r = await createTestOrder(req.ctx, req.body);
      return reply.code(201).send({
        object: 'test_order' as const,
        livemode: false as const,
        shopper_id: r.shopperId,
        checkout_id: r.checkout.id,
        orders: r.orders.map((o) => orderOut(req.ctx, o)),
      });
    },
  );
}

function networkRoutes(root: FastifyInstance): void {
  const app = typed(root);
  app.post(
    '/v1/test_helpers/shipments/:id/deliver',
    {
      config: { access: { merchant: ['owner', 'manager', 'staff'], apiKey: 'shipments:write' } },
      schema: {
        tags: ['test_helpers'],
        summary: 'Let the sandbox network deliver a test shipment now',
        description:
          'Test mode only (`403 livemode_not_allowed` with a live key). Each parcel is received at the hub, bagged, flown and landed ' +
          '(as scans, without real bags or manifests), cleared by China customs in the instant sandbox — or held, inspected or ' +
          'rejected as the order’s sandbox mobile says — and delivered by the last mile. The same `parcel.updated`, `customs.*` and ' +
          '`order.delivered` events and webhooks as a live delivery follow. Parcels customs stops stay where they are. Send an ' +
          '`Idempotency-Key`.',
        params: idParams,
        response: { 200: ShipmentOut },
      },
    },
    async (req) => shipmentOut(await deliverTestShipment(req.ctx, req.params.id)),
  );
}

export const testHelpersModule: HttpModule = {
  name: 'test_helpers',
  tag: {
    name: 'test_helpers',
    description:
      'Test mode: what a test world needs that no merchant call can do: a shopper buying, the network delivering (docs/api.md, "Test mode").',
  },
  routes: (app) => {
    routes(app);
    networkRoutes(app);
  },
};
