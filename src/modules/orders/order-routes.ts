// HTTP for orders: paying a checkout, reading and listing orders, and the transitions of the
// order state machine (rules.ts) as verbs on the order, each answering with the order.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import type { Access } from '../../kernel/http/access.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { typed } from '../../kernel/http/server.ts';
import { approveReturn, getReturn, type OrderReturn, RETURN_REASONS, receiveReturn, rejectReturn, requestReturn } from './returns.ts';
import { availableActions, ORDER_STATES, RETURN_WINDOW_DAYS } from './rules.ts';
import { RETURN_STATUSES } from './schema.ts';
import {
  actorOf,
  cancelOrder,
  completeOrder,
  deliverOrder,
  getOrder,
  listOrders,
  type Order,
  type OrderTransition,
  orderHistory,
  payCheckout,
  refundOrder,
  shipOrder,
  startFulfilment,
} from './service.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const idParams = z.object({ id: z.string().max(64) });
const m = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });
const iso = (d: Date | null) => d?.toISOString() ?? null;

const ReturnOut = z
  .object({
    id: z.string(),
    object: z.literal('order_return'),
    status: z.enum(RETURN_STATUSES),
    reason: z.enum(RETURN_REASONS),
    description: z.string().nullable(),
    lines: z.array(z.object({ line_no: z.number().int(), quantity: z.number().int() })),
    refund_amount: Money.describe('What the buyer gets back when the goods arrive: the units’ price and their share of the import tax'),
    refund: z.string().nullable().describe('The refund, once received'),
    decision_note: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'OrderReturn' });

const returnOut = (r: OrderReturn, currency: string): z.output<typeof ReturnOut> => ({
  id: r.id,
  object: 'order_return',
  status: r.status,
  reason: r.reason as z.output<typeof ReturnOut>['reason'],
  description: r.description,
  lines: r.lines,
  refund_amount: m(r.refundAmount, currency),
  refund: r.refundId,
  decision_note: r.decisionNote,
  created_at: r.createdAt.toISOString(),
});

export const OrderOut = z
  .object({
    id: z.string(),
    object: z.literal('order'),
    checkout: z.string(),
    merchant: z.string(),
    shopper: z.string(),
    state: z.enum(ORDER_STATES),
    available_actions: z.array(z.string()).describe('What you may do to the order now (the routes below)'),
    origin: z.object({
      location_id: z.string(),
      kind: z.enum(['bonded_warehouse', 'merchant_warehouse']),
      customs_mode: z
        .enum(['1210', '9610', 'export'])
        .describe('1210: bonded stock in China; 9610: direct mail from abroad into China; export: from a seller in China to AU/NZ'),
    }),
    address: z.record(z.string(), z.string().nullable()),
    buyer: z.object({
      name: z.string(),
      id_number: z.string().nullable().describe('China: the resident ID number, masked; null elsewhere'),
    }),
    lines: z.array(
      z.object({
        line_no: z.number().int(),
        variant_id: z.string(),
        product_id: z.string(),
        sku: z.string(),
        name: z.object({ en: z.string(), 'zh-Hans': z.string() }),
        quantity: z.number().int(),
        unit_price: Money.describe('The merchant’s price'),
        unit_price_paid: Money.describe('What the buyer paid per unit'),
        tax_class: z.string(),
        dutiable: Money,
        tax: Money,
        returned_quantity: z.number().int(),
      }),
    ),
    amounts: z.object({ goods: Money, shipping: Money, tax: Money, total: Money, refunded: Money }),
    merchant_price: Money.describe('The goods at the merchant’s prices: what the merchant is owed'),
    tax: z
      .record(z.string(), z.unknown())
      .describe('The CBEC assessment: regime, rule cited, dutiable price, tariff, VAT, consumption tax'),
    shipping: z.record(z.string(), z.unknown()).describe('The shipping option chosen, the parcel and, once shipped, the tracking number'),
    payment_intent: z.string().nullable(),
    fx_rate: z.string().nullable(),
    return: ReturnOut.nullable(),
    history: z
      .array(
        z.object({
          action: z.string(),
          from: z.string().nullable(),
          to: z.string(),
          actor: z.string(),
          note: z.string().nullable(),
          at: z.string(),
        }),
      )
      .nullable()
      .describe('Every transition with who and when (on a single order; null in lists)'),
    paid_at: z.string().nullable(),
    shipped_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
    completed_at: z.string().nullable(),
    cancelled_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'Order' });

export function orderOut(
  ctx: Ctx,
  o: Order,
  extra: { ret?: OrderReturn | null; history?: OrderTransition[] } = {},
): z.output<typeof OrderOut> {
  return {
    id: o.id,
    object: 'order',
    checkout: o.checkoutId,
    merchant: o.merchantId,
    shopper: o.shopperId,
    state: o.state,
    available_actions: ctx.principal.kind === 'anonymous' ? [] : availableActions(o.state, actorOf(ctx)),
    origin: { location_id: o.originLocationId, kind: o.originKind, customs_mode: o.customsMode },
    address: o.address,
    buyer: { name: o.buyerName, id_number: o.buyerIdMasked },
    lines: o.lines.map((l) => ({
      line_no: l.lineNo,
      variant_id: l.variantId,
      product_id: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unit_price: m(l.unitPrice, l.unitPriceCurrency),
      unit_price_paid: m(l.unitPricePaid, o.currency),
      tax_class: l.taxClass,
      dutiable: m(l.dutiable, o.currency),
      tax: m(l.tax, o.currency),
      returned_quantity: l.returnedQuantity,
    })),
    amounts: {
      goods: m(o.goods, o.currency),
      shipping: m(o.shipping, o.currency),
      tax: m(o.tax, o.currency),
      total: m(o.total, o.currency),
      refunded: m(o.refunded, o.currency),
    },
    merchant_price: m(o.goodsPrice, o.goodsPriceCurrency),
    tax: o.taxDetail,
    shipping: o.shippingDetail,
    payment_intent: o.paymentIntentId,
    fx_rate: o.fxRate,
    return: extra.ret ? returnOut(extra.ret, o.currency) : null,
    history: extra.history
      ? extra.history.map((h) => ({
          action: h.action,
          from: h.fromState,
          to: h.toState,
          actor: h.actorId ? `${h.actorKind}:${h.actorId}` : h.actorKind,
          note: h.note,
          at: h.at.toISOString(),
        }))
      : null,
    paid_at: iso(o.paidAt),
    shipped_at: iso(o.shippedAt),
    delivered_at: iso(o.deliveredAt),
    completed_at: iso(o.completedAt),
    cancelled_at: iso(o.cancelledAt),
    created_at: o.createdAt.toISOString(),
  };
}

/** A changed order, answered whole (with its lines, return and history) as GET would. */
async function fullOrder(ctx: Ctx, id: string): Promise<z.output<typeof OrderOut>> {
  const o = await getOrder(ctx, id);
  return orderOut(ctx, o, { ret: await getReturn(ctx, id), history: await orderHistory(ctx, id) });
}

const readers = {
  shopper: true,
  merchant: 'any',
  apiKey: 'orders:read',
  operator: 'any',
} as const;
const sellers = { merchant: ['owner', 'manager', 'staff'], apiKey: 'orders:write', operator: ['admin', 'operations', 'support'] } as const;
const reason = z.object({ reason: z.string().max(500).optional() }).default({});

export function orderRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/checkouts/:id/pay',
    {
      config: { access: { shopper: true } },
      schema: {
        tags: ['orders'],
        summary: 'Pay a checkout from your wallet',
        description:
          'One payment for all the checkout’s orders, at its locked FX quotes: creates the orders (one per merchant per origin) and ' +
          'their payment intents, moves the money from your wallet into escrow, takes your annual CBEC quota and keeps the stock for ' +
          'the orders — all or nothing. `402 insufficient_funds` (with `required`, `available`) when your wallet is short; ' +
          '`annual_quota_exceeded` if another checkout used your quota meanwhile; `checkout_expired` after its time. The bought items ' +
          'leave your cart. Send an `Idempotency-Key`.',
        params: idParams,
        response: {
          200: z.object({ object: z.literal('checkout_payment'), checkout: z.string(), status: z.string(), orders: z.array(OrderOut) }),
        },
      },
    },
    async (req) => {
      const r = await payCheckout(req.ctx, req.params.id);
      return {
        object: 'checkout_payment' as const,
        checkout: r.checkout.id,
        status: r.checkout.status,
        orders: r.orders.map((o) => orderOut(req.ctx, o)),
      };
    },
  );

  app.get(
    '/v1/orders',
    {
      config: { access: readers },
      schema: {
        tags: ['orders'],
        summary: 'List orders',
        description:
          'Newest first. Shoppers see their own, merchants theirs, operators all (`merchant` narrows). Filter by `state`, `origin` (a ' +
          'stock location id, or `bonded_warehouse` / `merchant_warehouse`), `customs_mode`, `checkout`, and creation time ' +
          '(`created_from`, `created_to`, ISO 8601).',
        querystring: listQuerySchema.extend({
          state: z.enum(ORDER_STATES).optional(),
          origin: z.string().max(64).optional(),
          customs_mode: z.enum(['1210', '9610', 'export']).optional(),
          checkout: z.string().max(64).optional(),
          created_from: z.iso.datetime({ offset: true }).optional(),
          created_to: z.iso.datetime({ offset: true }).optional(),
          merchant: z.string().max(64).optional(),
        }),
        response: { 200: listResponseSchema(OrderOut) },
      },
    },
    async (req) => {
      const { state, origin, customs_mode, checkout, created_from, created_to, merchant, ...q } = req.query;
      const page = await listOrders(
        req.ctx,
        {
          state,
          origin,
          customs_mode,
          checkout,
          merchant,
          created_from: created_from ? new Date(created_from) : undefined,
          created_to: created_to ? new Date(created_to) : undefined,
        },
        q,
      );
      return toListResponse(page, req.url, (o) => orderOut(req.ctx, o));
    },
  );

  app.get(
    '/v1/orders/:id',
    {
      config: { access: readers },
      schema: { tags: ['orders'], summary: 'An order, with its return and its history', params: idParams, response: { 200: OrderOut } },
    },
    async (req) => fullOrder(req.ctx, req.params.id),
  );

  type Step = (ctx: Ctx, id: string, body: never) => Promise<unknown>;
  const verb = (path: string, access: Access, summary: string, description: string, body: z.ZodType, step: Step) =>
    app.post(
      `/v1/orders/:id/${path}`,
      {
        config: { access },
        schema: { tags: ['orders'], summary, description, params: idParams, body, response: { 200: OrderOut } },
      },
      async (req) => {
        await step(req.ctx, req.params.id, req.body as never);
        return fullOrder(req.ctx, req.params.id);
      },
    );

  verb('fulfil', sellers, 'Start preparing a paid order', 'paid → fulfilling.', z.object({}).default({}), (ctx, id) =>
    startFulfilment(ctx, id),
  );
  verb(
    'ship',
    sellers,
    'Record that an order left its origin',
    'paid or fulfilling → shipped. The stock kept for it leaves the location. Give the carrier and tracking number if there is one.',
    z.object({ carrier: z.string().max(60).optional(), tracking_number: z.string().max(60).optional() }).default({}),
    (ctx, id, b: { carrier?: string; tracking_number?: string }) => shipOrder(ctx, id, b),
  );
  verb(
    'deliver',
    { operator: ['admin', 'operations'] },
    'Record that an order was delivered',
    'shipped → delivered (until shipments record it themselves). Starts the escrow clock: the merchant is paid `ESCROW_RELEASE_DAYS` ' +
      `later unless the buyer confirms receipt first; returns may be requested for ${RETURN_WINDOW_DAYS} days.`,
    z.object({ delivered_at: z.iso.datetime({ offset: true }).optional() }).default({}),
    (ctx, id, b: { delivered_at?: string }) => deliverOrder(ctx, id, b.delivered_at ? new Date(b.delivered_at) : undefined),
  );
  verb(
    'complete',
    { shopper: true, operator: ['admin', 'operations'] },
    'Confirm receipt',
    'delivered → completed: the buyer confirms they received it, and the merchant is paid from escrow now.',
    z.object({}).default({}),
    (ctx, id) => completeOrder(ctx, id),
  );
  verb(
    'cancel',
    { shopper: true, ...sellers },
    'Cancel an order before it ships',
    'paid or fulfilling → cancelled: refunded in full to the buyer’s wallet, the stock goes back, the buyer’s quota is given back.',
    reason,
    (ctx, id, b: { reason?: string }) => cancelOrder(ctx, id, b),
  );
  verb(
    'refund',
    { merchant: ['owner', 'manager'], apiKey: 'orders:write', operator: ['admin', 'finance', 'support'] },
    'Refund an order in full',
    'Any paid state → refunded (e.g. lost in transit): everything still refundable goes back, the quota too, unshipped stock returns.',
    reason,
    (ctx, id, b: { reason?: string }) => refundOrder(ctx, id, b),
  );
  verb(
    'return',
    { shopper: true },
    'Ask to return goods',
    `delivered or completed → return_requested, within ${RETURN_WINDOW_DAYS} days of delivery (\`return_window_closed\` after). ` +
      'Name the lines and units (all when omitted) and a reason. One return per order.',
    z.object({
      reason: z.enum(RETURN_REASONS),
      description: z.string().max(1000).optional(),
      lines: z
        .array(z.object({ line_no: z.number().int().min(1), quantity: z.number().int().min(1).max(99) }))
        .max(100)
        .optional(),
    }),
    (ctx, id, b: Parameters<typeof requestReturn>[2]) => requestReturn(ctx, id, b),
  );
  verb(
    'return/approve',
    sellers,
    'Accept a return',
    'The buyer sends the goods back; the refund follows their receipt.',
    z.object({ note: z.string().max(500).optional() }).default({}),
    (ctx, id, b: { note?: string }) => approveReturn(ctx, id, b),
  );
  verb(
    'return/reject',
    sellers,
    'Refuse a return',
    'return_requested → delivered (or completed). The note tells the buyer why.',
    z.object({ note: z.string().min(1).max(500) }),
    (ctx, id, b: { note: string }) => rejectReturn(ctx, id, b),
  );
  verb(
    'return/receive',
    sellers,
    'Record that returned goods arrived',
    'return_requested (approved) → returned: the buyer is refunded the units’ price and their share of the import tax (not the ' +
      'shipping), from escrow or from the merchant’s pending settlement, and the quota they took is given back.',
    z.object({}).default({}),
    (ctx, id) => receiveReturn(ctx, id),
  );
}
