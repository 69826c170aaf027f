// Checkout, first steps (issue 5, "Carts and checkout"): the cart becomes a plan of orders — one
// per merchant per shipping origin — with the stock reserved, a shipping option per order, the
// landed cost (goods + shipping + China CBEC tax) in CNY at FX quotes locked now, and the
// buyer's remaining annual quota. Written as explicit steps with compensations: if a step fails
// after stock was reserved, the reservations are released before the error goes back.
// Paying a checkout is service.ts payCheckout.
import { and, eq, lte } from 'drizzle-orm';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { type Currency, money, toApi } from '../../kernel/money.ts';
import { remainingQuota } from '../compliance/quota.ts';
import { amountToPay } from '../fx/rules.ts';
import type { FxCurrency } from '../fx/rules.ts';
import { createQuote, type FxQuote } from '../fx/service.ts';
import { validateChinaMobile, validateRealName } from '../identity/rules.ts';
import { getIdentity } from '../identity/verification.ts';
import { closeReservation, type Reservation, reserveAll } from '../inventory/service.ts';
import { CN_PROVINCES } from '../logistics/rules.ts';
import { quoteShipping } from '../logistics/service.ts';
import { HOME_CURRENCY, shopperOf } from '../payments/wallets.ts';
import { type AnzAddress, validateAnzAddress } from './anz.ts';
import { getCart } from './cart.ts';
import { amountIn, orderTax } from './tax.ts';
import { type CheckoutStatus, checkouts } from './schema.ts';

/** How long a checkout holds its stock and FX quotes: the quotes' 10 minutes (fx/service.ts). */
export const CHECKOUT_TTL_S = 10 * 60;
/** A variant with no gross weight in the catalog is charged as this much. */
export const DEFAULT_ITEM_WEIGHT_G = 500;

export interface AddressInput {
  region: string;
  city: string;
  /** China: the district (区/县); New Zealand: the suburb (optional); Australia: unused. */
  district?: string | undefined;
  street: string;
  postal_code?: string | undefined;
  recipient: string;
  mobile: string;
}
export type ChinaAddress = Required<Omit<AddressInput, 'postal_code'>> & { postal_code: string | null; country: 'CN' };
export type Address = ChinaAddress | AnzAddress;

type Amount = { amount: string; currency: string };

export interface PlanLine {
  variant_id: string;
  product_id: string;
  sku: string;
  name: { en: string; 'zh-Hans': string };
  quantity: number;
  unit_price: Amount;
  /** What the shopper pays per unit, in their currency (CNY in China, AUD/NZD in the reverse corridor). */
  unit_price_shown: Amount;
  tax_class: string;
  /** AU/NZ GST inputs (catalog flags). */
  gst_free: boolean;
  alcohol_or_tobacco: boolean;
  reservation_id: string;
}

export interface PlanOrder {
  merchant: { id: string; name: string };
  /** 1210 bonded and 9610 direct mail into China; `export` from a seller in China to AU/NZ. */
  origin: { location_id: string; kind: 'bonded_warehouse' | 'merchant_warehouse'; mode: OrderMode };
  lines: PlanLine[];
  parcel: { weight_g: number; length_cm: number; width_cm: number; height_cm: number };
  shipping: {
    service_code: string;
    name: string;
    mode: string;
    price: Amount;
    price_shown: Amount;
    estimated_delivery: { earliest: string; latest: string };
    options: {
      service_code: string;
      name: string;
      price: Amount;
      price_shown: Amount;
      estimated_delivery: { earliest: string; latest: string };
    }[];
  };
  tax: {
    regime: string;
    rule: string;
    dutiable: Amount;
    tariff: Amount;
    consumption_tax: Amount;
    vat: Amount;
    tax: Amount;
    /** AU/NZ: the platform's GST registration number, for the receipt. */
    gst_registration?: string | null;
    lines: { variant_id: string; dutiable: Amount; tax: Amount; effective_rate: string }[];
  };
  totals: { goods: Amount; shipping: Amount; tax: Amount; total: Amount };
}

export interface CheckoutPlan {
  orders: PlanOrder[];
  fx: Record<string, { quote_id: string; rate: string; expires_at: string }>;
  /** China only: the buyer's CBEC annual quota. */
  quota: { year: number; limit: Amount; used: Amount; this_checkout: Amount; remaining_after: Amount } | null;
  totals: { goods: Amount; shipping: Amount; tax: Amount; total: Amount };
  /** Once paid: the orders it became, in the order of `orders`. */
  order_ids?: string[];
}

export type Checkout = Omit<typeof checkouts.$inferSelect, 'plan'> & { plan: CheckoutPlan };

export type OrderMode = '1210' | '9610' | 'export';

const cny = (fen: bigint): Amount => ({ amount: fen.toString(), currency: 'CNY' });

/** The checkout's totals: its orders' summed. */
function planTotals(currency: string, orders: readonly PlanOrder[]): CheckoutPlan['totals'] {
  const sum = (k: keyof PlanOrder['totals']) => orders.reduce((a, o) => a + BigInt(o.totals[k].amount), 0n);
  const m = amountIn(currency);
  return { goods: m(sum('goods')), shipping: m(sum('shipping')), tax: m(sum('tax')), total: m(sum('total')) };
}

/** The address in the structure of the shopper's country: Chinese, or Australian / New Zealand. */
export function validateAddressFor(country: 'CN' | 'AU' | 'NZ', input: AddressInput): Address {
  return country === 'CN' ? validateAddress(input) : validateAnzAddress(country, input);
}

export function validateAddress(input: AddressInput): ChinaAddress {
  const at = (f: string) => `address.${f}`;
  if (!CN_PROVINCES[input.region]) {
    throw new AppError('invalid_region', `'${input.region}' is not a province of mainland China (e.g. CN-ZJ)`, { param: at('region') });
  }
  for (const f of ['city', 'district', 'street'] as const) {
    const v = (input[f] ?? '').trim();
    if (!v) throw new AppError('invalid_request', `The address needs a ${f}`, { param: at(f) });
  }
  const recipient = validateRealName(input.recipient);
  if (!recipient.ok) throw new AppError('invalid_name', recipient.message, { param: at('recipient') });
  const mobile = validateChinaMobile(input.mobile);
  if (!mobile.ok) throw new AppError('invalid_mobile', mobile.message, { param: at('mobile') });
  const postal = input.postal_code?.trim() || null;
  if (postal !== null && !/^\d{6}$/.test(postal)) {
    throw new AppError('invalid_request', 'A Chinese postal code has 6 digits', { param: at('postal_code') });
  }
  return {
    country: 'CN',
    region: input.region,
    city: input.city.trim(),
    district: (input.district ?? '').trim(),
    street: input.street.trim(),
    postal_code: postal,
    recipient: recipient.value,
    mobile: mobile.value,
  };
}

/** One parcel per order: the items' gross weights summed, in a cube holding their volume. */
export function parcelFor(
  items: { weightG: number | null; dimensionsMm: { length: number; width: number; height: number } | null; quantity: number }[],
) {
  let weight = 0;
  let volumeMm3 = 0;
  for (const i of items) {
    weight += (i.weightG ?? DEFAULT_ITEM_WEIGHT_G) * i.quantity;
    if (i.dimensionsMm) volumeMm3 += i.dimensionsMm.length * i.dimensionsMm.width * i.dimensionsMm.height * i.quantity;
  }
  // The cube's side in whole millimetres, rounded up (never smaller than the goods), at least 1 cm.
  const sideMm = Math.max(10, Math.ceil(Math.cbrt(volumeMm3)));
  const sideCm = Math.ceil(sideMm) / 10;
  return { weight_g: weight, length_cm: sideCm, width_cm: sideCm, height_cm: sideCm };
}

/**
 * Start a checkout from the shopper's cart: reserve the stock, plan the orders, price shipping
 * and tax, lock the FX quotes. A shopper in China must be verified (the buyer of a CBEC order is
 * a named person), and each line ships from a bonded warehouse when one holds enough (1210,
 * days), else from the merchant's warehouse (9610, by air). A shopper in Australia or New
 * Zealand buys from sellers in China: the goods fly from the seller's warehouse through a China
 * export hub, and the low-value-goods GST is charged at sale.
 */
export async function createCheckout(ctx: Ctx, input: { address: AddressInput }): Promise<Checkout> {
  const shopper = shopperOf(ctx);
  const country = shopper.country;
  const currency = HOME_CURRENCY[country];
  const identity = country === 'CN' ? await getIdentity(ctx, shopper.id) : undefined;
  if (country === 'CN' && !identity) {
    throw new AppError('identity_required', 'Verify your identity (POST /v1/shopper/identity) before checking out');
  }
  const address = validateAddressFor(country, input.address);
  const cart = await getCart(ctx);
  if (!cart.purchasable) {
    const issues = cart.groups.flatMap((g) => g.lines.filter((l) => l.issue).map((l) => ({ variant_id: l.variantId, issue: l.issue })));
    throw new AppError('cart_not_purchasable', cart.groups.length ? 'Some items in your cart cannot be bought now' : 'Your cart is empty', {
      param: 'cart',
      details: { issues },
    });
  }
  const id = newId('checkout');
  const t0 = now(ctx);
  const lines = cart.groups.flatMap((g) => g.lines.map((l) => ({ ...l, merchantName: g.merchantName })));
  const shown = amountIn(currency);

  // Step 1: FX quotes from the shopper's currency to every merchant currency (a lane's price is
  // in its origin's currency: a merchant's own, or CNY from a bonded warehouse or export hub).
  const quotes = new Map<string, FxQuote>();
  const lockQuote = async (ccy: string) => {
    if (ccy !== currency && !quotes.has(ccy)) quotes.set(ccy, await createQuote(ctx, { base: currency, quote: ccy as FxCurrency }));
  };
  for (const l of lines) await lockQuote(l.unitPrice.currency);
  const toShown = (m: { amount: bigint; currency: string }): bigint => {
    if (m.currency === currency) return m.amount;
    const q = quotes.get(m.currency);
    if (!q) throw new AppError('rate_unavailable', `No locked ${currency}/${m.currency} rate`, { param: 'fx' });
    return amountToPay(money(m.amount, m.currency as Currency), currency, q.rate).amount;
  };

  // Step 2: reserve each line where it will ship from (compensated below if a later step fails).
  const reservations: Reservation[] = [];
  try {
    const where = cart.stockPlaces;
    const spots = lines.map((line) => {
      const spot = (where.get(line.variantId) ?? []).find((s) => s.available >= line.quantity);
      if (!spot) {
        throw new AppError('insufficient_stock', `Not enough of ${line.sku} in any one warehouse`, {
          param: 'cart',
          details: { variant_id: line.variantId, requested: line.quantity },
        });
      }
      return spot;
    });
    // All lines in one transaction: all reserved, or none (a line sold out meanwhile).
    reservations.push(
      ...(await reserveAll(
        ctx,
        lines.map((line, i) => ({
          variant_id: line.variantId,
          location_id: spots[i]?.locationId ?? '',
          quantity: line.quantity,
          ttl_seconds: CHECKOUT_TTL_S,
          reference: `checkout:${id}`,
        })),
      )),
    );
    const placed = lines.map((line, i) => ({
      line,
      reservation: reservations[i] as Reservation,
      kind: (spots[i]?.kind ?? 'merchant_warehouse') as 'bonded_warehouse' | 'merchant_warehouse',
    }));

    // Step 3: one order per merchant per origin, each with shipping and tax.
    const groups = new Map<string, typeof placed>();
    for (const p of placed) {
      const key = `${p.line.merchantId}|${p.reservation.locationId}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const quota = identity ? await remainingQuota(ctx, identity.idNumberIndex, t0) : null;
    let usedSoFar = quota?.used.amount ?? 0n;
    const orders: PlanOrder[] = [];
    for (const group of groups.values()) {
      const first = group[0] as (typeof placed)[number];
      const parcel = parcelFor(
        group.map((p) => ({ weightG: p.line.weightG, dimensionsMm: p.line.dimensionsMm, quantity: p.line.quantity })),
      );
      const shipping = await quoteShipping(ctx, {
        origin: { stock_location_id: first.reservation.locationId },
        destination: { country, region: address.region },
        parcels: [parcel],
        at: t0,
      });
      const option = shipping.options[0];
      if (!option) {
        throw new AppError('no_shipping_option', `No shipping reaches ${address.region} from where ${first.line.sku} is stocked`, {
          param: 'address.region',
        });
      }
      for (const o of shipping.options) await lockQuote(o.price.currency);
      const freight = toShown(option.price);
      const planLines: PlanLine[] = group.map((p) => ({
        variant_id: p.line.variantId,
        product_id: p.line.productId,
        sku: p.line.sku,
        name: p.line.name,
        quantity: p.line.quantity,
        unit_price: toApi(money(p.line.unitPrice.amount, p.line.unitPrice.currency as Currency)),
        // A fixed CNY price is charged as the cart and the storefront show it; others convert at the locked quote.
        unit_price_shown: shown(p.line.priceFixed ? p.line.unitPriceShown : toShown(p.line.unitPrice)),
        tax_class: p.line.taxClass,
        gst_free: p.line.gstFree,
        alcohol_or_tobacco: p.line.alcoholOrTobacco,
        reservation_id: p.reservation.id,
      }));
      const priced = orderTax(ctx, country, planLines, freight, usedSoFar);
      usedSoFar += BigInt(priced.tax.dutiable.amount);
      const mode: OrderMode = country !== 'CN' ? 'export' : first.kind === 'bonded_warehouse' ? '1210' : '9610';
      orders.push({
        merchant: { id: first.line.merchantId, name: first.line.merchantName },
        origin: { location_id: first.reservation.locationId, kind: first.kind, mode },
        lines: planLines,
        parcel,
        shipping: {
          service_code: option.serviceCode,
          name: option.name,
          mode: option.mode,
          price: toApi(option.price),
          price_shown: shown(freight),
          estimated_delivery: { earliest: option.estimatedDelivery.earliest, latest: option.estimatedDelivery.latest },
          options: shipping.options.map((o) => ({
            service_code: o.serviceCode,
            name: o.name,
            price: toApi(o.price),
            price_shown: shown(toShown(o.price)),
            estimated_delivery: { earliest: o.estimatedDelivery.earliest, latest: o.estimatedDelivery.latest },
          })),
        },
        ...priced,
      });
    }
    const totals = planTotals(currency, orders);
    const plan: CheckoutPlan = {
      orders,
      fx: Object.fromEntries(
        [...quotes.entries()].map(([ccy, q]) => [ccy, { quote_id: q.id, rate: q.rate, expires_at: q.expiresAt.toISOString() }]),
      ),
      quota: quota && {
        year: quota.year,
        limit: cny(quota.limit.amount),
        used: cny(quota.used.amount),
        this_checkout: cny(usedSoFar - quota.used.amount),
        remaining_after: cny(quota.limit.amount - usedSoFar),
      },
      totals,
    };
    const [row] = await ctx.db
      .insert(checkouts)
      .values({
        id,
        shopperId: shopper.id,
        status: 'open',
        currency,
        address,
        plan: plan as unknown as Record<string, unknown>,
        total: BigInt(totals.total.amount),
        expiresAt: new Date(t0.getTime() + CHECKOUT_TTL_S * 1000),
        createdAt: t0,
        updatedAt: t0,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return asCheckout(row);
  } catch (e) {
    // Compensation: give back what was reserved.
    await releaseAll(
      ctx,
      reservations.map((r) => r.id),
    );
    throw e;
  }
}

async function releaseAll(ctx: Ctx, reservationIds: string[]): Promise<void> {
  for (const rid of reservationIds) {
    await closeReservation(ctx, rid, 'release').catch((err: unknown) => {
      // Already closed (expired by the job meanwhile): nothing is held any more.
      if (!(err instanceof AppError)) throw err;
    });
  }
}

export async function getCheckout(ctx: Ctx, id: string): Promise<Checkout> {
  const shopper = shopperOf(ctx);
  if (!isId('checkout', id)) throw notFound('checkout', id);
  const [row] = await ctx.db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, id), eq(checkouts.shopperId, shopper.id)));
  if (!row) throw notFound('checkout', id);
  return asCheckout(row);
}

/** The stored row with its plan typed (the plan is written only by createCheckout). */
const asCheckout = (row: typeof checkouts.$inferSelect): Checkout => row as unknown as Checkout;

const reservationIds = (c: Checkout) => c.plan.orders.flatMap((o) => o.lines.map((l) => l.reservation_id));

async function close(ctx: Ctx, c: Checkout, status: Exclude<CheckoutStatus, 'open' | 'completed'>): Promise<Checkout | null> {
  const [row] = await inTransaction(ctx, (tx) =>
    tx.db
      .update(checkouts)
      .set({ status, updatedAt: now(tx) })
      .where(and(eq(checkouts.id, c.id), eq(checkouts.status, 'open')))
      .returning(),
  );
  if (!row) return null;
  await releaseAll(ctx, reservationIds(c));
  return asCheckout(row);
}

/** The shopper gives up: the stock goes back at once. */
export async function cancelCheckout(ctx: Ctx, id: string): Promise<Checkout> {
  const c = await getCheckout(ctx, id);
  if (c.status !== 'open') throw new AppError('invalid_state', `The checkout is ${c.status}`, { details: { status: c.status } });
  const closed = await close(ctx, c, 'cancelled');
  if (!closed) throw new AppError('invalid_state', 'The checkout changed meanwhile');
  return closed;
}

/** The job: checkouts past their time are marked expired and their stock released. */
export async function expireCheckouts(ctx: Ctx, batch = 200): Promise<number> {
  const due = await ctx.db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.status, 'open'), lte(checkouts.expiresAt, now(ctx))))
    .limit(batch);
  let n = 0;
  for (const c of due) if (await close(ctx, asCheckout(c), 'expired')) n++;
  return n;
}

/**
 * Choose another shipping option for one order of an open checkout (`order` is its index in
 * `orders`). Its freight changes the dutiable price, so the order's tax, the totals and the
 * quota use are computed again, at the checkout's locked rates.
 */
export async function selectShipping(ctx: Ctx, id: string, input: { order: number; service_code: string }): Promise<Checkout> {
  await getCheckout(ctx, id);
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.db.select().from(checkouts).where(eq(checkouts.id, id)).for('update');
    if (!locked) throw notFound('checkout', id);
    const c = asCheckout(locked);
    if (c.status !== 'open') throw new AppError('invalid_state', `The checkout is ${c.status}`, { details: { status: c.status } });
    if (c.expiresAt <= now(tx)) throw new AppError('invalid_state', 'The checkout has expired', { details: { status: 'expired' } });
    const target = c.plan.orders[input.order];
    if (!target) throw new AppError('invalid_request', `The checkout has ${c.plan.orders.length} orders`, { param: 'order' });
    const option = target.shipping.options.find((o) => o.service_code === input.service_code);
    if (!option) {
      throw new AppError(
        'invalid_request',
        `Order ${input.order} can ship by ${target.shipping.options.map((o) => o.service_code).join(', ')}`,
        {
          param: 'service_code',
        },
      );
    }
    const freight = BigInt(option.price_shown.amount);
    const country = (c.address as Address).country;
    const usedBefore = c.plan.quota
      ? BigInt(c.plan.quota.used.amount) +
        c.plan.orders.reduce((a, o, i) => (i === input.order ? a : a + BigInt(o.tax.dutiable.amount)), 0n)
      : 0n;
    const order: PlanOrder = {
      ...target,
      shipping: { ...target.shipping, ...option, mode: target.shipping.mode, options: target.shipping.options },
      ...orderTax(tx, country, target.lines, freight, usedBefore),
    };
    const orders = c.plan.orders.map((o, i) => (i === input.order ? order : o));
    const totals = planTotals(c.currency, orders);
    const thisCheckout = orders.reduce((a, o) => a + BigInt(o.tax.dutiable.amount), 0n);
    const plan: CheckoutPlan = {
      ...c.plan,
      orders,
      quota: c.plan.quota && {
        ...c.plan.quota,
        this_checkout: cny(thisCheckout),
        remaining_after: cny(BigInt(c.plan.quota.limit.amount) - BigInt(c.plan.quota.used.amount) - thisCheckout),
      },
      totals,
    };
    const [row] = await tx.db
      .update(checkouts)
      .set({ plan: plan as unknown as Record<string, unknown>, total: BigInt(totals.total.amount), updatedAt: now(tx) })
      .where(eq(checkouts.id, id))
      .returning();
    if (!row) throw new Error('update returned nothing');
    return asCheckout(row);
  });
}
