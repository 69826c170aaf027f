// The shopper's cart (issue 5, "Carts and checkout"): lines from several merchants, shown
// grouped by merchant with prices in the shopper's currency at the current FX rate — the same
// computation a payment makes (storefront/index.ts shownCny) — and what stock is available.
// Nothing is reserved here: stock is reserved when the checkout starts.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import type { Currency } from '../../kernel/money.ts';
import { variantsForSale } from '../catalog/service.ts';
import { amountToPay } from '../fx/rules.ts';
import { customerRateNow } from '../fx/service.ts';
import { availabilityByLocation } from '../inventory/service.ts';
import { HOME_CURRENCY, shopperOf } from '../payments/wallets.ts';
import { shownCny } from '../storefront/index.ts';
import { countCartAdd } from './activity.ts';
import { sellsTo } from './rules.ts';
import { amountIn, orderTax } from './tax.ts';
import { cartLines, carts } from './schema.ts';

export const MAX_CART_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

/** unavailable: off sale, or no rate to price it; not_sold_to_you: outside the corridor (rules.ts sellsTo). */
export type LineIssue = 'unavailable' | 'insufficient_stock' | 'not_sold_to_you';

export interface CartLineView {
  variantId: string;
  productId: string;
  merchantId: string;
  sku: string;
  name: { en: string; 'zh-Hans': string };
  options: Record<string, string>;
  quantity: number;
  /** The catalog price in the merchant's currency. */
  unitPrice: { amount: bigint; currency: string };
  /** What the shopper pays per unit, in their currency (before tax and shipping). */
  unitPriceShown: bigint;
  /** The merchant fixed this CNY price (catalog `cny_price`): the checkout charges it as it is, not a conversion. */
  priceFixed: boolean;
  lineTotalShown: bigint;
  /** The import tax (China) or GST (AU/NZ) on this line's goods; the shipping's share is added at checkout. Null when it cannot be sold as it is. */
  tax: bigint | null;
  available: number;
  issue: LineIssue | null;
  taxClass: string;
  gstFree: boolean;
  alcoholOrTobacco: boolean;
  /** For the checkout's parcel. */
  weightG: number | null;
  dimensionsMm: { length: number; width: number; height: number } | null;
}

export interface CartGroup {
  merchantId: string;
  merchantName: string;
  lines: CartLineView[];
  subtotal: bigint;
  tax: bigint;
  /** Why the tax could not be estimated (e.g. over the RMB 5,000 order limit): the checkout will refuse it as it is. */
  taxNotice: string | null;
}

export interface CartView {
  id: string | null;
  currency: string;
  groups: CartGroup[];
  subtotal: bigint;
  /** The lines' tax summed, and goods with tax: what the cart costs before shipping. */
  tax: bigint;
  totalWithTax: bigint;
  purchasable: boolean;
  updatedAt: Date | null;
  /** Where each line's stock is, per location: what the checkout reserves from (read once with the cart). */
  stockPlaces: Awaited<ReturnType<typeof availabilityByLocation>>;
}

async function cartOf(ctx: Ctx, shopperId: string) {
  const [row] = await ctx.db.select().from(carts).where(eq(carts.shopperId, shopperId));
  return row;
}

/** The cart as the shopper sees it now: every line priced at today's rate, with its stock. */
export async function getCart(ctx: Ctx): Promise<CartView> {
  const shopper = shopperOf(ctx);
  const currency = HOME_CURRENCY[shopper.country];
  // The cart and its lines in one query (a cart without lines comes back as one row with no line).
  const rows = await ctx.db
    .select({ cart: carts, line: cartLines })
    .from(carts)
    .leftJoin(cartLines, eq(cartLines.cartId, carts.id))
    .where(eq(carts.shopperId, shopper.id))
    .orderBy(cartLines.addedAt);
  const cart = rows[0]?.cart;
  const lines = rows.flatMap((r) => (r.line ? [r.line] : []));
  if (!cart || !lines.length) {
    return {
      id: cart?.id ?? null,
      currency,
      groups: [],
      subtotal: 0n,
      tax: 0n,
      totalWithTax: 0n,
      purchasable: false,
      updatedAt: cart?.updatedAt ?? null,
      stockPlaces: new Map(),
    };
  }
  const variantIds = lines.map((l) => l.variantId);
  const found = await variantsForSale(ctx, variantIds);
  const stockPlaces = await availabilityByLocation(ctx, variantIds);
  const rates: Record<string, string | null> = {};
  for (const c of new Set([...found.values()].map((d) => d.variant.priceCurrency))) {
    rates[c] = await rateFor(ctx, currency, c);
  }
  const groups = new Map<string, CartView['groups'][number]>();
  for (const line of lines) {
    const d = found.get(line.variantId);
    if (!d) continue; // a variant deleted from the catalog drops out of the cart
    const v = d.variant;
    const merchant = { status: d.merchantStatus, country: d.merchantCountry, name: d.merchantName };
    const available = (stockPlaces.get(v.id) ?? []).reduce((a, place) => a + place.available, 0);
    const rate = rates[v.priceCurrency] ?? null;
    const unit =
      currency === 'CNY' && v.priceCurrency !== 'CNY'
        ? shownCny({ ...v, priceCurrency: v.priceCurrency }, rate)
        : sameOrConverted(v, currency, rate);
    const listed = d.product.status === 'active' && merchant.status === 'approved' && d.merchantWorld === shopper.world && unit !== null;
    const sold = sellsTo(merchant.country, shopper.country);
    const view: CartLineView = {
      variantId: v.id,
      productId: d.product.id,
      merchantId: d.product.merchantId,
      sku: v.sku,
      name: productName(d),
      options: v.options,
      quantity: line.quantity,
      unitPrice: { amount: v.priceAmount, currency: v.priceCurrency },
      unitPriceShown: unit ?? 0n,
      priceFixed: currency === 'CNY' && v.priceCurrency !== 'CNY' && v.cnyPriceAmount !== null,
      lineTotalShown: (unit ?? 0n) * BigInt(line.quantity),
      tax: null,
      taxClass: v.taxClass ?? 'general',
      gstFree: v.gstFree,
      alcoholOrTobacco: v.alcoholOrTobacco,
      weightG: v.grossWeightG ?? v.netWeightG,
      dimensionsMm: v.dimensionsMm,
      available,
      issue: !sold ? 'not_sold_to_you' : !listed ? 'unavailable' : available < line.quantity ? 'insufficient_stock' : null,
    };
    const g = groups.get(view.merchantId) ?? {
      merchantId: view.merchantId,
      merchantName: merchant.name,
      lines: [],
      subtotal: 0n,
      tax: 0n,
      taxNotice: null,
    };
    g.lines.push(view);
    g.subtotal += view.lineTotalShown;
    groups.set(view.merchantId, g);
  }
  const all = [...groups.values()];
  for (const g of all) estimateTax(ctx, shopper.country, g);
  const subtotal = all.reduce((a, g) => a + g.subtotal, 0n);
  const tax = all.reduce((a, g) => a + g.tax, 0n);
  return {
    id: cart.id,
    currency,
    groups: all,
    subtotal,
    tax,
    totalWithTax: subtotal + tax,
    purchasable: all.length > 0 && all.every((g) => g.lines.every((l) => l.issue === null)),
    updatedAt: cart.updatedAt,
    stockPlaces,
  };
}

/**
 * Put `quantity` of a variant in the cart (0 takes it out). Only listed products of approved
 * merchants go in; more than is in stock may sit in the cart (shown with its issue) but
 * cannot be checked out.
 */
export async function setCartLine(ctx: Ctx, variantId: string, quantity: number): Promise<CartView> {
  const shopper = shopperOf(ctx);
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_LINE_QUANTITY) {
    throw new AppError('invalid_request', `A quantity is a whole number from 0 to ${MAX_LINE_QUANTITY}`, { param: 'quantity' });
  }
  if (!isId('variant', variantId)) throw notFound('variant', variantId);
  let product: { id: string; merchantId: string } | undefined;
  if (quantity > 0) {
    const d = (await variantsForSale(ctx, [variantId])).get(variantId);
    product = d?.product;
    if (d?.product.status !== 'active' || d.merchantStatus !== 'approved' || d.merchantWorld !== shopper.world) {
      throw new AppError('not_found', `No listed product has variant '${variantId}'`, { param: 'variant_id' });
    }
    if (!sellsTo(d.merchantCountry, shopper.country)) {
      throw new AppError('not_sold_to_you', CORRIDOR_MESSAGE[shopper.country], { param: 'variant_id' });
    }
  }
  let added = false;
  await inTransaction(ctx, async (tx) => {
    const t = now(tx);
    // Made or touched in one statement, which also locks it: concurrent changes of one cart apply one after the other.
    const [cart] = await tx.db
      .insert(carts)
      .values({ id: newId('cart'), shopperId: shopper.id, createdAt: t, updatedAt: t })
      .onConflictDoUpdate({ target: carts.shopperId, set: { updatedAt: t } })
      .returning();
    if (!cart) throw new Error('cart neither created nor found');
    if (quantity === 0) {
      await tx.db.delete(cartLines).where(and(eq(cartLines.cartId, cart.id), eq(cartLines.variantId, variantId)));
    } else {
      const lines = await tx.db.select({ variantId: cartLines.variantId }).from(cartLines).where(eq(cartLines.cartId, cart.id));
      if (lines.length >= MAX_CART_LINES && !lines.some((l) => l.variantId === variantId)) {
        throw new AppError('invalid_request', `A cart holds at most ${MAX_CART_LINES} different items`, { param: 'variant_id' });
      }
      // `xmax = 0`: the row was inserted, not updated (a new line, for the funnel).
      const [line] = await tx.db
        .insert(cartLines)
        .values({ cartId: cart.id, variantId, quantity, addedAt: t })
        .onConflictDoUpdate({ target: [cartLines.cartId, cartLines.variantId], set: { quantity } })
        .returning({ added: sql<boolean>`(xmax = 0)` });
      added = line?.added === true;
    }
  });
  if (added && product) countCartAdd(ctx, product.id, product.merchantId);
  return getCart(ctx);
}

export async function clearCart(ctx: Ctx): Promise<CartView> {
  const shopper = shopperOf(ctx);
  const cart = await cartOf(ctx, shopper.id);
  if (cart) {
    await inTransaction(ctx, async (tx) => {
      await tx.db.delete(cartLines).where(eq(cartLines.cartId, cart.id));
      await tx.db
        .update(carts)
        .set({ updatedAt: now(tx) })
        .where(eq(carts.id, cart.id));
    });
  }
  return getCart(ctx);
}

/**
 * Each line's tax as if the merchant's lines were one order with no shipping yet (the checkout
 * adds the shipping's share and may split by origin): the same rules as the checkout
 * (tax.ts orderTax). A merchant's lines that the CBEC limits refuse as one order carry no
 * estimate but a notice.
 */
function estimateTax(ctx: Ctx, country: 'CN' | 'AU' | 'NZ', g: CartGroup): void {
  const sellable = g.lines.filter((l) => l.issue !== 'not_sold_to_you' && l.issue !== 'unavailable');
  if (!sellable.length) return;
  const shown = amountIn(HOME_CURRENCY[country]);
  try {
    const { tax } = orderTax(
      ctx,
      country,
      sellable.map((l) => ({
        variant_id: l.variantId,
        product_id: l.productId,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unit_price: { amount: l.unitPrice.amount.toString(), currency: l.unitPrice.currency },
        unit_price_shown: shown(l.unitPriceShown),
        tax_class: l.taxClass,
        gst_free: l.gstFree,
        alcohol_or_tobacco: l.alcoholOrTobacco,
        reservation_id: '',
      })),
      0n,
      0n,
    );
    sellable.forEach((l, i) => {
      l.tax = BigInt(tax.lines[i]?.tax.amount ?? '0');
    });
    g.tax = BigInt(tax.tax.amount);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    g.taxNotice = e.message;
  }
}

/** After a checkout is paid: the items bought leave the cart (items added since stay). */
export async function removeBought(ctx: Ctx, shopperId: string, variantIds: readonly string[]): Promise<void> {
  if (!variantIds.length) return;
  const cart = ctx.db.select({ id: carts.id }).from(carts).where(eq(carts.shopperId, shopperId));
  await ctx.db.delete(cartLines).where(and(inArray(cartLines.cartId, cart), inArray(cartLines.variantId, [...variantIds])));
}

function productName(d: { product: { text: unknown } }): { en: string; 'zh-Hans': string } {
  const text = d.product.text as Record<string, { name?: string }>;
  return { en: text.en?.name ?? '', 'zh-Hans': text['zh-Hans']?.name ?? text.en?.name ?? '' };
}

/** The customer rate from the shopper's currency to a merchant's (null when the same or unset). */
async function rateFor(ctx: Ctx, shopperCurrency: string, merchantCurrency: string): Promise<string | null> {
  if (shopperCurrency === merchantCurrency) return null;
  return customerRateNow(ctx, shopperCurrency as 'CNY' | 'AUD' | 'NZD', merchantCurrency as 'CNY' | 'AUD' | 'NZD');
}

/** The price itself in the same currency, else converted as a payment would; null when there is no rate to convert at. */
function sameOrConverted(v: { priceAmount: bigint; priceCurrency: string }, currency: string, rate: string | null): bigint | null {
  if (v.priceCurrency === currency) return v.priceAmount;
  if (rate === null) return null;
  return amountToPay({ amount: v.priceAmount, currency: v.priceCurrency as Currency }, currency as Currency, rate).amount;
}

const CORRIDOR_MESSAGE: Record<'CN' | 'AU' | 'NZ', string> = {
  CN: 'Shoppers in China buy from Australian and New Zealand merchants',
  AU: 'Shoppers in Australia buy from sellers in China',
  NZ: 'Shoppers in New Zealand buy from sellers in China',
};
