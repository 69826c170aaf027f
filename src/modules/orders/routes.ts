import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { type CartView, clearCart, getCart, MAX_LINE_QUANTITY, setCartLine } from './cart.ts';

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
            available: z.number().int(),
            issue: z.enum(['unavailable', 'insufficient_stock']).nullable(),
          }),
        ),
        subtotal: Money,
      }),
    ),
    subtotal: Money,
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
        available: l.available,
        issue: l.issue,
      })),
      subtotal: m(g.subtotal),
    })),
    subtotal: m(c.subtotal),
    purchasable: c.purchasable,
    updated_at: c.updatedAt?.toISOString() ?? null,
  };
}

const shopper = { shopper: true } as const;

function routes(root: FastifyInstance): void {
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
          'stock available. Lines that cannot be bought now carry an `issue`.',
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

  app.delete(
    '/v1/cart',
    {
      config: { access: shopper },
      schema: { tags: ['orders'], summary: 'Empty your cart', response: { 200: CartOut } },
    },
    async (req) => cartOut(await clearCart(req.ctx)),
  );
}

export const ordersModule: HttpModule = {
  name: 'orders',
  tag: { name: 'orders', description: 'Carts, checkout and orders' },
  routes,
};
