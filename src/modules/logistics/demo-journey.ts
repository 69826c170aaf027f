// The demo's parcels (issue 7): so that a fresh `npm start` shows logistics at work, the demo
// shopper has paid for two orders — one shipped direct from an Australian or New Zealand
// warehouse, one from the bonded warehouse. The direct one is booked, scanned at its hub, bagged,
// flown and landed, its declarations with China customs (the sandbox releases it after
// CUSTOMS_SANDBOX_RELEASE_S, while the demo runs); the bonded one waits for its merchant to book
// it in the console. Everything goes through the same service functions as the API.
import { randomInt } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { merchants } from '../merchants/schema.ts';
import { products, productVariants } from '../catalog/schema.ts';
import { stockBuckets, stockLevels, stockLocations } from '../inventory/schema.ts';
import { setCartLine } from '../orders/cart.ts';
import { createCheckout } from '../orders/checkout.ts';
import { orders } from '../orders/schema.ts';
import { completeOrder, deliverOrder, payCheckout, shipOrder } from '../orders/service.ts';
import { confirmThroughWebhook, createTopUp } from '../payments/wallets.ts';
import { addToBag, arriveManifest, closeBag, createBag, createManifest, departManifest } from './consolidation.ts';
import { createShipment } from './shipments.ts';
import { scanParcel } from './tracking.ts';

export const DEMO_ADDRESS = {
  region: 'CN-SH',
  city: '上海市',
  district: '浦东新区',
  street: '世纪大道 100 号 8 楼',
  postal_code: '200120',
  recipient: '王小明',
  mobile: '13800138000',
};

/** One variant in stock at a location of this kind, of an ANZ merchant, on sale. */
async function stockedVariant(ctx: Ctx, kind: 'merchant_warehouse' | 'bonded_warehouse'): Promise<string | undefined> {
  const [row] = await ctx.db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(merchants, eq(merchants.id, productVariants.merchantId))
    .innerJoin(stockLevels, eq(stockLevels.variantId, productVariants.id))
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .innerJoin(stockBuckets, eq(stockBuckets.levelId, stockLevels.id))
    .where(
      and(
        eq(products.status, 'active'),
        inArray(merchants.country, ['AU', 'NZ']),
        eq(stockLocations.kind, kind),
        gt(sql`${stockBuckets.onHand} - ${stockBuckets.reserved}`, 0),
      ),
    )
    .orderBy(productVariants.sku)
    .limit(1);
  return row?.id;
}

/** An air waybill number of airline 784 with a right check digit (serial mod 7). */
function airWaybill(): string {
  const serial = randomInt(1_000_000, 10_000_000);
  return `784-${serial}${serial % 7}`;
}

export async function seedDemoParcels(ctx: Ctx, shopperId: string, note: (what: string, created: boolean) => void): Promise<void> {
  const [had] = await ctx.db.select({ id: orders.id }).from(orders).where(eq(orders.shopperId, shopperId)).limit(1);
  if (had) return note('demo orders and parcels', false);
  const direct = await stockedVariant(ctx, 'merchant_warehouse');
  const bonded = await stockedVariant(ctx, 'bonded_warehouse');
  if (!direct || !bonded) return note('demo orders and parcels', false);
  const shopper: Ctx = { ...ctx, principal: { kind: 'shopper', id: shopperId, country: 'CN', sessionId: '' } };
  const year = ctx.rt.clock.now().getUTCFullYear() + 3;
  const topUp = await createTopUp(shopper, {
    amount: 300_000n,
    card: { number: '4242424242424242', exp_month: 12, exp_year: year, cvc: '123' },
  });
  await confirmThroughWebhook(ctx, topUp.id);
  await setCartLine(shopper, direct, 1);
  await setCartLine(shopper, bonded, 1);
  const checkout = await createCheckout(shopper, { address: DEMO_ADDRESS });
  const paid = await payCheckout(shopper, checkout.id);
  const order = paid.orders.find((o) => o.customsMode === '9610');
  if (order) {
    const shipment = await createShipment(ctx, order.id, { parcels: [{ weight_g: 900, length_cm: 22, width_cm: 16, height_cm: 12 }] });
    const parcel = shipment.parcels[0];
    if (parcel) {
      await scanParcel(ctx, { tracking_number: parcel.trackingNumber, scan: 'receive' });
      const bag = await createBag(ctx, { origin_node_id: shipment.originNodeId, destination_country: 'CN' });
      await addToBag(ctx, bag.id, parcel.trackingNumber);
      await closeBag(ctx, bag.id);
      const manifest = await createManifest(ctx, {
        origin_node_id: shipment.originNodeId,
        destination_country: 'CN',
        mawb: airWaybill(),
        flight_no: 'CZ322',
        destination_airport: 'PVG',
        bag_ids: [bag.id],
      });
      await departManifest(ctx, manifest.id, {});
      await arriveManifest(ctx, manifest.id, {});
      ctx.log.info({ tracking_number: parcel.trackingNumber }, `demo parcel in China customs: /track/${parcel.trackingNumber}`);
    }
  }
  note('demo orders and parcels', true);
}

/**
 * One more order of the demo shopper, from bonded stock, shipped, delivered and confirmed: its escrow
 * is released, so the merchant has a CNY balance less commission and fee for the first payout
 * batch a finance operator prepares (issue 8). Only when the demo shopper has no completed order.
 */
export async function seedDemoSettledOrder(ctx: Ctx, shopperId: string, note: (what: string, created: boolean) => void): Promise<void> {
  const [done] = await ctx.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.shopperId, shopperId), eq(orders.state, 'completed')))
    .limit(1);
  if (done) return note('demo completed order', false);
  const variant = await stockedVariant(ctx, 'bonded_warehouse');
  if (!variant) return note('demo completed order', false);
  const shopper: Ctx = { ...ctx, principal: { kind: 'shopper', id: shopperId, country: 'CN', sessionId: '' } };
  await setCartLine(shopper, variant, 2);
  const checkout = await createCheckout(shopper, { address: DEMO_ADDRESS });
  const paid = await payCheckout(shopper, checkout.id);
  for (const order of paid.orders) {
    await shipOrder(ctx, order.id, { carrier: 'demo', tracking_number: `DEMO${order.id.slice(-8).toUpperCase()}` });
    await deliverOrder(ctx, order.id);
    await completeOrder(shopper, order.id);
  }
  note('demo completed order', true);
}
