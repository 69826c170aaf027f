import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { type CartView, clearCart, getCart, MAX_LINE_QUANTITY, setCartLine } from './cart.ts';
import { type Checkout, cancelCheckout, CHECKOUT_TTL_S, createCheckout, getCheckout, selectShipping } from './checkout.ts';
import { orderRoutes } from './order-routes.ts';
import type { Runtime } from '../../kernel/context.ts';
import { analyticsRoutes } from './analytics-routes.ts';
import { reportRoutes } from './report-routes.ts';
import { CHECKOUT_STATUSES } from './schema.ts';

/** A delivery address in the structure of the shopper's country (checkout, test helpers). */
export const AddressBody = z.object({
  region: z.string().max(10).describe('China: the province, ISO 3166-2 (e.g. CN-ZJ); Australia: the state (e.g. AU-VIC); New Zealand: NZ'),
  city: z.string().max(100).describe('China: the city; Australia: the suburb or town; New Zealand: the town or city'),
  district: z.string().max(100).optional().describe('China: the district (required); New Zealand: the suburb'),
  street: z.string().max(300),
  postal_code: z.string().max(10).optional().describe('China: 6 digits (optional); Australia and New Zealand: 4 digits (required)'),
  recipient: z.string().max(100),
  mobile: z.string().max(20),
});

const Money = z.object({ amount: z.string(), currency: z.string() });

const CartOut = z
  .object({
    object: z.literal('cart'),
    id: z.string().nullable(),
    currency: z.string(),
    groups: z.array(
      z.object({
        merchant: z.object({ id: z.string(), name: z.string() }),
        lines: z.array(
          z.object({
            variant_id: z.string(),
            product_id: z.string(),
            sku: z.string(),
            name: z.object({ en: z.string(), 'zh-Hans': z.string() }),
            options: z.record(z.string(), z.string()),
            quantity: z.number().int(),
            unit_price: Money.describe('The catalog price, in the merchant’s currency'),
            unit_price_shown: Money.describe('What you pay per unit in your currency at the current rate, before tax and shipping'),
            line_total: Money,
            tax: Money.nullable().describe(
              'China: the CBEC import tax on the line’s goods; Australia/New Zealand: the GST at sale. The shipping’s share is added at checkout',
            ),
            available: z.number().int(),
            issue: z.enum(['unavailable', 'insufficient_stock', 'not_sold_to_you']).nullable(),
          }),
        ),
        subtotal: Money,
        tax: Money,
        tax_notice: z.string().nullable().describe('Why no tax could be estimated, e.g. the lines are over the RMB 5,000 order limit'),
      }),
    ),
    subtotal: Money,
    tax: Money.describe('The lines’ tax, itemised on each line'),
    total_with_tax: Money.describe('Goods with tax: what the cart costs before shipping'),
    purchasable: z.boolean().describe('Every line is listed and in stock: the cart can be checked out'),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'Cart' });

function cartOut(c: CartView): z.output<typeof CartOut> {
  const m = (amount: bigint) => ({ amount: amount.toString(), currency: c.currency });
  return {
    object: 'cart',
    id: c.id,
    currency: c.currency,
    groups: c.groups.map((g) => ({
      merchant: { id: g.merchantId, name: g.merchantName },
      lines: g.lines.map((l) => ({
        variant_id: l.variantId,
        product_id: l.productId,
        sku: l.sku,
        name: l.name,
        options: l.options,
        quantity: l.quantity,
        unit_price: { amount: l.unitPrice.amount.toString(), currency: l.unitPrice.currency },
        unit_price_shown: m(l.unitPriceShown),
        line_total: m(l.lineTotalShown),
        tax: l.tax === null ? null : m(l.tax),
        available: l.available,
        issue: l.issue,
      })),
      subtotal: m(g.subtotal),
      tax: m(g.tax),
      tax_notice: g.taxNotice,
    })),
    subtotal: m(c.subtotal),
    tax: m(c.tax),
    total_with_tax: m(c.totalWithTax),
    purchasable: c.purchasable,
    updated_at: c.updatedAt?.toISOString() ?? null,
  };
}

const Dates = z.object({ earliest: z.string(), latest: z.string() });

const CheckoutOut = z
  .object({
    id: z.string(),
    object: z.literal('checkout'),
    status: z.enum(CHECKOUT_STATUSES),
    currency: z.string(),
    address: z.object({
      country: z.string(),
      region: z.string(),
      city: z.string(),
      district: z.string().nullable(),
      street: z.string(),
      postal_code: z.string().nullable(),
      recipient: z.string(),
      mobile: z.string(),
    }),
    orders: z.array(
      z.object({
        merchant: z.object({ id: z.string(), name: z.string() }),
        origin: z.object({
          location_id: z.string(),
          kind: z.enum(['bonded_warehouse', 'merchant_warehouse']),
          mode: z.enum(['1210', '9610', 'export']),
        }),
        lines: z.array(
          z.object({
            variant_id: z.string(),
            product_id: z.string(),
            sku: z.string(),
            name: z.object({ en: z.string(), 'zh-Hans': z.string() }),
            quantity: z.number().int(),
            unit_price: Money,
            unit_price_shown: Money.describe('What you pay per unit, in your currency, at the locked rate'),
            tax_class: z.string(),
            gst_free: z.boolean(),
            alcohol_or_tobacco: z.boolean(),
            reservation_id: z.string(),
          }),
        ),
        parcel: z.object({ weight_g: z.number(), length_cm: z.number(), width_cm: z.number(), height_cm: z.number() }),
        shipping: z.object({
          service_code: z.string(),
          name: z.string(),
          mode: z.string(),
          price: Money.describe('In the carrier’s currency'),
          price_shown: Money.describe('In your currency, at the locked rate'),
          estimated_delivery: Dates,
          options: z.array(
            z.object({ service_code: z.string(), name: z.string(), price: Money, price_shown: Money, estimated_delivery: Dates }),
          ),
        }),
        tax: z.object({
          regime: z.string(),
          rule: z.string(),
          dutiable: Money,
          tariff: Money,
          consumption_tax: Money,
          vat: Money,
          tax: Money,
          gst_registration: z.string().nullable().optional().describe('AU/NZ: the platform’s GST registration number (ABN / IRD number)'),
          lines: z.array(z.object({ variant_id: z.string(), dutiable: Money, tax: Money, effective_rate: z.string() })),
        }),
        totals: z.object({ goods: Money, shipping: Money, tax: Money, total: Money }),
      }),
    ),
    fx: z.record(z.string(), z.object({ quote_id: z.string(), rate: z.string(), expires_at: z.string() })),
    quota: z
      .object({ year: z.number().int(), limit: Money, used: Money, this_checkout: Money, remaining_after: Money })
      .nullable()
      .describe('China: your CBEC annual quota, what this checkout uses and what remains'),
    totals: z.object({ goods: Money, shipping: Money, tax: Money, total: Money }),
    order_ids: z.array(z.string()).describe('Once paid (`completed`): the orders it became, in the order of `orders`'),
    expires_at: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'Checkout' });

function checkoutOut(c: Checkout): z.output<typeof CheckoutOut> {
  return {
    id: c.id,
    object: 'checkout',
    status: c.status,
    currency: c.currency,
    address: c.address as z.output<typeof CheckoutOut>['address'],
    orders: c.plan.orders,
    fx: c.plan.fx,
    quota: c.plan.quota,
    totals: c.plan.totals,
    order_ids: c.plan.order_ids ?? [],
    expires_at: c.expiresAt.toISOString(),
    created_at: c.createdAt.toISOString(),
  };
}

const shopper = { shopper: true } as const;

function routes(root: FastifyInstance, rt: Runtime): void {
  const app = typed(root);

  app.get(
    '/v1/cart',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'Your cart',
        description:
          'Lines grouped by merchant, priced in your currency at the current FX rate exactly as a payment would charge them, with the ' +
          'stock available and the tax itemised per line (China CBEC import tax, or AU/NZ GST at sale; the shipping’s share is added at ' +
          'checkout). Lines that cannot be bought now carry an `issue`.',
        response: { 200: CartOut },
      },
    },
    async (req) => cartOut(await getCart(req.ctx)),
  );

  app.post(
    '/v1/cart/lines',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'Set the quantity of an item in your cart',
        description: `Sets (not adds to) the quantity, 1–${MAX_LINE_QUANTITY}; 0 takes the item out. Only listed products can go in (404 otherwise).`,
        body: z.object({ variant_id: z.string().max(64), quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY) }),
        response: { 200: CartOut },
      },
    },
    async (req) => cartOut(await setCartLine(req.ctx, req.body.variant_id, req.body.quantity)),
  );

  app.delete(
    '/v1/cart/lines/:variant_id',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'Take an item out of your cart',
        params: z.object({ variant_id: z.string().max(64) }),
        response: { 200: CartOut },
      },
    },
    async (req) => cartOut(await setCartLine(req.ctx, req.params.variant_id, 0)),
  );

  app.post(
    '/v1/checkouts',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'Start a checkout from your cart',
        description:
          'Needs a verified identity (`identity_required`) and a cart that can be bought (`409 cart_not_purchasable` with the `issues`). ' +
          'Reserves the stock — from a China bonded warehouse when one holds enough (1210), else from the merchant’s warehouse (9610) — ' +
          'splits the cart into one order per merchant per origin, picks the cheapest shipping option for each, and prices the landed ' +
          'cost in CNY at FX quotes locked now: goods, shipping and China CBEC tax (70 % of VAT and consumption tax; refused over ' +
          `RMB 5,000 per order or past your RMB 26,000 for the year: \`order_limit_exceeded\`, \`annual_quota_exceeded\`). Holds for ${CHECKOUT_TTL_S / 60} minutes. ` +
          'Shoppers in Australia and New Zealand (buying from sellers in China) give an Australian or New Zealand address, need no ' +
          'identity, and pay in AUD/NZD: goods and shipping from the seller’s warehouse through a China export hub, plus GST at sale ' +
          '(10 % / 15 % on items of customs value up to 1,000; above, or alcohol and tobacco, it is paid at the border).',
        body: z.object({
          address: AddressBody,
        }),
        response: { 201: CheckoutOut },
      },
    },
    async (req, reply) => reply.code(201).send(checkoutOut(await createCheckout(req.ctx, { address: req.body.address }))),
  );

  app.get(
    '/v1/checkouts/:id',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'A checkout of yours',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: CheckoutOut },
      },
    },
    async (req) => checkoutOut(await getCheckout(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/checkouts/:id/shipping',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'Choose a shipping option for one order of a checkout',
        description:
          '`order` is the order’s index in `orders`, `service_code` one of its `shipping.options`. The freight is part of the dutiable ' +
          'price, so the order’s tax, the totals and the quota use are computed again (at the checkout’s locked rates).',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ order: z.number().int().min(0).max(100), service_code: z.string().max(40) }),
        response: { 200: CheckoutOut },
      },
    },
    async (req) => checkoutOut(await selectShipping(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/v1/checkouts/:id/cancel',
    {
      config: { access: shopper },
      schema: {
        tags: ['orders'],
        summary: 'Give up a checkout',
        description: 'Its stock goes back at once (an open checkout also expires by itself).',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: CheckoutOut },
      },
    },
    async (req) => checkoutOut(await cancelCheckout(req.ctx, req.params.id)),
  );

  app.delete(
    '/v1/cart',
    {
      config: { access: shopper },
      schema: { tags: ['orders'], summary: 'Empty your cart', response: { 200: CartOut } },
    },
    async (req) => cartOut(await clearCart(req.ctx)),
  );

  orderRoutes(root);
  reportRoutes(root);
  analyticsRoutes(root, rt);
}

export const ordersModule: HttpModule = {
  name: 'orders',
  tag: { name: 'orders', description: 'Carts, checkout and orders' },
  routes,
};
