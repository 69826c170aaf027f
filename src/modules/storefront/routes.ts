// What shoppers see: bilingual search over listed products of approved merchants, with
// facets, and the product page with prices in the shopper's currency and where it ships from.
// Public. The shopper's market (`country`: CN, AU or NZ) decides what is shown: shoppers in
// China see ANZ brands priced in CNY, shoppers in Australia and New Zealand see sellers in
// China priced in AUD or NZD (the corridor, orders/rules.ts sellsTo).
import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Ctx, now, type Principal } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { ImageOut, imageOut, TextsOut } from '../catalog/routes.ts';
import { products } from '../catalog/schema.ts';
import { details, getProduct, type ProductDetail } from '../catalog/service.ts';
import { customerRateNow } from '../fx/service.ts';
import { availability, availabilityByLocation } from '../inventory/service.ts';
import { AU_STATES, CN_PROVINCES } from '../logistics/rules.ts';
import { quoteShipping } from '../logistics/service.ts';
import { MERCHANT_CATEGORIES, merchantStatuses } from '../merchants/service.ts';
import { countProductView } from '../orders/activity.ts';
import { parcelFor } from '../orders/checkout.ts';
import { sellsTo } from '../orders/rules.ts';
import { oneUnitTax } from '../orders/tax.ts';
import { MARKET_CURRENCY, MARKETS, type Market, shownCny, shownIn, storefrontIndex } from './index.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const shipsFromEnum = z.enum(['bonded', 'overseas']);

const StorefrontVariant = z.object({
  id: z.string(),
  sku: z.string(),
  options: z.record(z.string(), z.string()),
  price: Money.describe('In the merchant’s currency'),
  shown_price: Money.describe(
    'What this shopper pays, in their currency (CNY in China, AUD in Australia, NZD in New Zealand): the price itself in the same currency, ' +
      'else the price at the current customer rate (`shown_fx_rate`), computed as a payment computes it (rounded up); in China a fixed CNY price wins',
  ),
  shown_fx_rate: z
    .string()
    .nullable()
    .describe(
      'The shopper-currency → merchant-currency customer rate of `shown_price` (e.g. AUD → CNY for a seller in China); null when no conversion, ' +
        'for a fixed CNY price, or when no rate is set (then the price is indicative)',
    ),
  cny_price: Money.describe(
    'What a shopper in China pays: the fixed CNY price, or the price at the current customer rate (`fx_rate`), computed as a payment computes it. ' +
      'For a seller in China, its own CNY price',
  ),
  cny_price_fixed: z.boolean(),
  fx_rate: z
    .string()
    .nullable()
    .describe(
      'The CNY → merchant-currency customer rate of `cny_price`; null for a fixed CNY price or a price in CNY, or when no rate is set (then the price is indicative)',
    ),
  available: z.number().int(),
  ships_from: z.array(shipsFromEnum),
});

const StorefrontProduct = z
  .object({
    id: z.string(),
    object: z.literal('storefront_product'),
    merchant: z.object({ id: z.string(), name: z.string() }),
    brand: z.string(),
    category: z.string(),
    country_of_origin: z.string(),
    text: TextsOut,
    images: z.array(ImageOut),
    price_from: Money.describe('The lowest `shown_price`, in the shopper’s currency'),
    ships_from: z
      .array(shipsFromEnum)
      .describe(
        '`bonded`: from a China bonded warehouse (1210, days); `overseas`: from the merchant’s own warehouse (9610 into China, or from a seller’s warehouse in China to Australia and New Zealand)',
      ),
    variants: z.array(StorefrontVariant),
  })
  .meta({ id: 'StorefrontProduct' });
type StorefrontProductOut = z.output<typeof StorefrontProduct>;

const TaxEstimate = z
  .object({
    regime: z
      .string()
      .describe(
        'China: `cbec_retail` (cross-border e-commerce: 70 % of VAT and consumption tax, no tariff) or `general_trade` (one indivisible item over RMB 5,000, taxed in full); ' +
          'Australia / New Zealand: `au_lvg_gst` / `nz_lvg_gst` (GST collected at sale), `gst_free` (Australia, GST-free goods) or `border` (over 1,000, or alcohol or tobacco: not collected at sale)',
      ),
    rule: z.string().describe('The rule applied, cited'),
    vat: Money.nullable().describe('China: the import VAT; null in Australia and New Zealand'),
    consumption_tax: Money.nullable().describe('China: the consumption tax; null in Australia and New Zealand'),
    tariff: Money.nullable().describe('China: the tariff (none under `cbec_retail`); null in Australia and New Zealand'),
    gst: Money.nullable().describe(
      'Australia / New Zealand: the GST collected at sale (zero when none, see `gst_none_reason`); null in China',
    ),
    gst_none_reason: z
      .enum(['gst_free', 'over_threshold', 'alcohol_or_tobacco'])
      .nullable()
      .describe(
        'Australia / New Zealand, when no GST is collected at sale: GST-free goods, an item over 1,000 (the border collects it), or alcohol or tobacco (the border); else null',
      ),
    gst_registration: z.string().nullable().describe('Australia / New Zealand: the platform’s GST registration number; null in China'),
    tax: Money.describe('All the tax on one unit'),
    effective_rate: z
      .string()
      .describe(
        'The rate of tax on the price, as a decimal: China the composite CBEC rate (e.g. `0.091`), Australia / New Zealand the GST rate (`0.1`, `0.15`); `0` when none',
      ),
    price_with_tax: Money.describe('`shown_price` + `tax`: what one unit costs before shipping'),
  })
  .describe(
    'The tax on ONE unit bought on its own, before shipping, by the rules the cart and the checkout use; shipping’s share of the tax is added at checkout',
  );

const DeliveryOption = z.object({
  ships_from: shipsFromEnum.describe('`bonded`: a China bonded warehouse; `overseas`: the merchant’s own warehouse'),
  mode: z
    .string()
    .describe(
      'The lane’s customs mode: `1210` (bonded), `9610` (direct mail into China), `export` (from China to Australia / New Zealand)',
    ),
  service_code: z.string(),
  name: z.string().describe('The shipping service'),
  transit_days: z.object({ min: z.number().int(), max: z.number().int() }),
  estimated_delivery: z
    .object({
      earliest: z.string().describe('YYYY-MM-DD'),
      latest: z.string().describe('YYYY-MM-DD'),
      time_zone: z.string().describe('The destination’s time zone the dates are in (e.g. Asia/Shanghai)'),
    })
    .describe('If handed over today'),
});

const StorefrontPageVariant = StorefrontVariant.extend({
  tax_estimate: TaxEstimate.nullable(),
  tax_notice: z
    .string()
    .nullable()
    .describe('Why `tax_estimate` is null: the rules refuse one unit on its own as it is (the checkout would refuse it too); else null'),
  delivery: z
    .array(DeliveryOption)
    .describe(
      'For each place this variant is in stock (bonded warehouses first), the cheapest shipping option for one unit to `region`; places no lane serves are left out',
    ),
});

const StorefrontProductPage = StorefrontProduct.extend({
  region: z.string().describe('The delivery region the estimates are for (the `region` asked for, else the country’s default)'),
  variants: z.array(StorefrontPageVariant),
}).meta({ id: 'StorefrontProductPage' });
type StorefrontPageVariantOut = z.output<typeof StorefrontPageVariant>;

/** Where delivery is estimated to when no `region` is given. */
const DEFAULT_REGION: Record<Market, string> = { CN: 'CN-SH', AU: 'AU-NSW', NZ: 'NZ' };

/** The delivery region for a shopper in `market`, validated as the checkout validates an address's region. */
function regionFor(market: Market, asked: string | undefined): string {
  const region = asked ?? DEFAULT_REGION[market];
  const ok = market === 'CN' ? !!CN_PROVINCES[region] : market === 'AU' ? !!AU_STATES[region] : region === 'NZ';
  if (!ok) {
    const message =
      market === 'CN'
        ? `'${region}' is not a province of mainland China (e.g. CN-ZJ)`
        : market === 'AU'
          ? `'${region}' is not an Australian state or territory (e.g. AU-VIC)`
          : 'New Zealand has region NZ';
    throw new AppError('invalid_region', message, { param: 'region' });
  }
  return region;
}

/**
 * A product page's additions per variant: the tax on one unit (orders/tax.ts, as the cart
 * estimates it) and, from each place it is in stock, the cheapest shipping to `region`.
 */
async function pageExtras(
  ctx: Ctx,
  market: Market,
  region: string,
  d: ProductDetail,
  out: StorefrontProductOut,
): Promise<StorefrontPageVariantOut[]> {
  const places = await availabilityByLocation(
    ctx,
    d.variants.map((v) => v.id),
  );
  const at = now(ctx);
  return Promise.all(
    out.variants.map(async (shown, i) => {
      const v = d.variants[i] as ProductDetail['variants'][number];
      let tax_estimate: StorefrontPageVariantOut['tax_estimate'] = null;
      let tax_notice: string | null = null;
      try {
        const tax = oneUnitTax(ctx, market, {
          variant_id: v.id,
          unit_price_shown: shown.shown_price,
          tax_class: v.taxClass ?? 'general',
          gst_free: v.gstFree,
          alcohol_or_tobacco: v.alcoholOrTobacco,
        });
        const amount = BigInt(tax.tax.amount);
        const currency = shown.shown_price.currency;
        const cn = market === 'CN';
        tax_estimate = {
          regime: tax.regime,
          rule: tax.rule,
          vat: cn ? tax.vat : null,
          consumption_tax: cn ? tax.consumption_tax : null,
          tariff: cn ? tax.tariff : null,
          gst: cn ? null : tax.tax,
          gst_none_reason:
            cn || amount > 0n
              ? null
              : tax.regime === 'gst_free'
                ? 'gst_free'
                : v.alcoholOrTobacco
                  ? 'alcohol_or_tobacco'
                  : tax.regime === 'border'
                    ? 'over_threshold'
                    : null,
          gst_registration: cn ? null : (tax.gst_registration ?? null),
          tax: tax.tax,
          effective_rate: tax.lines[0]?.effective_rate ?? '0',
          price_with_tax: { amount: (BigInt(shown.shown_price.amount) + amount).toString(), currency },
        };
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        tax_notice = e.message;
      }
      const parcel = parcelFor([{ weightG: v.grossWeightG ?? v.netWeightG, dimensionsMm: v.dimensionsMm, quantity: 1 }]);
      const delivery: StorefrontPageVariantOut['delivery'] = [];
      for (const place of places.get(v.id) ?? []) {
        if (place.available <= 0) continue;
        let option: Awaited<ReturnType<typeof quoteShipping>>['options'][number] | undefined;
        try {
          option = (
            await quoteShipping(ctx, {
              origin: { stock_location_id: place.locationId },
              destination: { country: market, region },
              parcels: [parcel],
              at,
            })
          ).options[0];
        } catch (e) {
          if (!(e instanceof AppError)) throw e; // no hub or node serves this place: left out
        }
        if (!option) continue;
        const entry = {
          ships_from: place.kind === 'bonded_warehouse' ? ('bonded' as const) : ('overseas' as const),
          mode: option.mode,
          service_code: option.serviceCode,
          name: option.name,
          transit_days: option.transitDays,
          estimated_delivery: {
            earliest: option.estimatedDelivery.earliest,
            latest: option.estimatedDelivery.latest,
            time_zone: option.estimatedDelivery.timeZone,
          },
        };
        // Two warehouses of one kind shipping the same way show once.
        if (!delivery.some((o) => JSON.stringify(o) === JSON.stringify(entry))) delivery.push(entry);
      }
      return { ...shown, tax_estimate, tax_notice, delivery };
    }),
  );
}

const Facet = z.array(z.object({ value: z.string(), count: z.number().int() }));

const marketQuery = z
  .enum(MARKETS)
  .optional()
  .describe(
    'The shopper’s country: `CN` (the default) shows ANZ brands in CNY; `AU` or `NZ` shows sellers in China in AUD or NZD. ' +
      'Without it, a signed-in shopper’s own country is used.',
  );

/** The market shown: the `country` asked for, else the signed-in shopper's country, else China (the storefront's default). */
function marketOf(principal: Principal, asked: Market | undefined): Market {
  return asked ?? (principal.kind === 'shopper' ? principal.country : 'CN');
}

async function present(ctx: Ctx, market: Market, list: ProductDetail[]): Promise<StorefrontProductOut[]> {
  const variantIds = list.flatMap((d) => d.variants.map((v) => v.id));
  const currency = MARKET_CURRENCY[market];
  const currencies = [...new Set(list.flatMap((d) => d.variants.map((v) => v.priceCurrency)))].filter((c) => c !== currency);
  const [stock, names, ...found] = await Promise.all([
    availability(ctx, variantIds),
    merchantStatuses(ctx, [...new Set(list.map((d) => d.product.merchantId))]),
    // The customer rate shopper currency → merchant currency, as a payment would lock it.
    ...currencies.map((c) => customerRateNow(ctx, currency, c)),
  ]);
  const nameOf = new Map(names.map((m) => [m.id, m.name]));
  const rates = new Map(currencies.map((c, i) => [c as string, found[i] ?? null]));
  const rateOf = (v: ProductDetail['variants'][number]) => rates.get(v.priceCurrency) ?? null;
  const shown = (v: ProductDetail['variants'][number]) => shownIn(market, v, rateOf(v));
  return list.map((d) => {
    const variants = d.variants.map((v) => {
      const s = stock.get(v.id) ?? { merchant_warehouse: 0, bonded_warehouse: 0 };
      const ships: ('bonded' | 'overseas')[] = [];
      if (s.bonded_warehouse > 0) ships.push('bonded');
      if (s.merchant_warehouse > 0) ships.push('overseas');
      // In China a fixed CNY price is charged as it is; a price in CNY needs no rate anywhere.
      const converted = v.priceCurrency !== currency && !(market === 'CN' && v.cnyPriceAmount !== null);
      const cnyFixed = v.cnyPriceAmount !== null || v.priceCurrency === 'CNY';
      return {
        id: v.id,
        sku: v.sku,
        options: v.options,
        price: { amount: v.priceAmount.toString(), currency: v.priceCurrency },
        shown_price: { amount: shown(v).toString(), currency },
        shown_fx_rate: converted ? rateOf(v) : null,
        cny_price: { amount: (market === 'CN' ? shown(v) : shownCny(v, null)).toString(), currency: 'CNY' },
        cny_price_fixed: cnyFixed,
        fx_rate: cnyFixed || market !== 'CN' ? null : rateOf(v),
        available: s.bonded_warehouse + s.merchant_warehouse,
        ships_from: ships,
      };
    });
    const from = d.variants.map(shown).reduce<bigint | null>((a, b) => (a === null || b < a ? b : a), null) ?? 0n;
    return {
      id: d.product.id,
      object: 'storefront_product' as const,
      merchant: { id: d.product.merchantId, name: nameOf.get(d.product.merchantId) ?? '' },
      brand: d.product.brand,
      category: d.product.category,
      country_of_origin: d.product.countryOfOrigin,
      text: d.product.text as z.output<typeof TextsOut>,
      images: d.images.map(imageOut),
      price_from: { amount: from.toString(), currency },
      ships_from: [...new Set(variants.flatMap((v) => v.ships_from))],
      variants,
    };
  });
}

const csv = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .optional();

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.get(
    '/v1/storefront/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['storefront'],
        summary: 'Search the storefront',
        description:
          'Chinese, English or pinyin: `奶粉` finds 婴儿配方奶粉, `manuka hony` finds Manuka Honey, `naifen` finds 奶粉. ' +
          'Only listed products of approved merchants that sell to the shopper’s country appear (`country`: shoppers in China see ANZ brands, ' +
          'shoppers in Australia and New Zealand see sellers in China); changes show within a second. Facet counts ignore their own filter. ' +
          'Prices, price filters and price facets are in the minor units of the shopper’s currency: fen (CNY) in China, cents (AUD, NZD) in Australia and New Zealand; ' +
          'filters and facets use indicative rates, `shown_price` the current one.',
        querystring: z.object({
          country: marketQuery,
          q: z.string().max(200).optional(),
          category: csv.describe(`Comma-separated: ${MERCHANT_CATEGORIES.join(', ')}`),
          brand: csv,
          country_of_origin: csv,
          ships_from: shipsFromEnum.optional(),
          price_min: z.coerce.number().int().min(0).optional().describe('Minor units of the shopper’s currency (fen in China)'),
          price_max: z.coerce.number().int().min(0).optional().describe('Minor units of the shopper’s currency (fen in China)'),
          sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest']).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
          offset: z.coerce.number().int().min(0).max(10_000).default(0),
        }),
        response: {
          200: z.object({
            object: z.literal('search_result'),
            country: z.enum(MARKETS).describe('The shopper’s country the results are for'),
            currency: z.string().describe('The currency of prices, price filters and facets'),
            total: z.number().int(),
            data: z.array(StorefrontProduct),
            has_more: z.boolean(),
            facets: z.object({
              category: Facet,
              brand: Facet,
              country_of_origin: Facet,
              ships_from: Facet,
              price: z.object({
                min: z.number().nullable(),
                max: z.number().nullable(),
                buckets: z.array(z.object({ from: z.number(), to: z.number().nullable(), count: z.number().int() })),
              }),
            }),
            corrections: z.array(z.object({ from: z.string(), to: z.string() })).describe('Typos the search corrected'),
          }),
        },
      },
    },
    async (req) => {
      const index = storefrontIndex(req.ctx.rt);
      await index.ensureFresh();
      const q = req.query;
      const market = marketOf(req.ctx.principal, q.country);
      const result = index.engines[market].search({
        text: q.q,
        category: q.category,
        brand: q.brand,
        countryOfOrigin: q.country_of_origin,
        shipsFrom: q.ships_from,
        priceMin: q.price_min,
        priceMax: q.price_max,
        sort: q.sort,
        limit: q.limit,
        offset: q.offset,
      });
      const ids = result.hits.map((h) => h.id);
      const loaded = await details(req.ctx, ids.length ? await loadProducts(req.ctx, ids) : []);
      const byId = new Map(loaded.map((d) => [d.product.id, d]));
      // Between the index and the database a product may just have left: skip it.
      const ordered = ids.map((id) => byId.get(id)).filter((d): d is ProductDetail => !!d && listed(d, market));
      return {
        object: 'search_result' as const,
        country: market,
        currency: MARKET_CURRENCY[market],
        total: result.total,
        data: await present(req.ctx, market, ordered),
        has_more: q.offset + result.hits.length < result.total,
        facets: {
          category: result.facets.category,
          brand: result.facets.brand,
          country_of_origin: result.facets.countryOfOrigin,
          ships_from: result.facets.shipsFrom,
          price: result.facets.price,
        },
        corrections: result.corrections,
      };
    },
  );

  app.get(
    '/v1/storefront/products/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['storefront'],
        summary: 'A product page',
        description:
          'Only a listed product of an approved merchant that sells to the shopper’s country (`country`, as in search); anything else is 404. ' +
          'Prices in the shopper’s currency. Each variant carries `tax_estimate`: the tax on one unit bought on its own, before shipping, ' +
          'by the rules the cart and the checkout use (China: CBEC import VAT, consumption tax and tariff; Australia / New Zealand: GST at sale) ' +
          'and `price_with_tax`; shipping’s share of the tax is added at checkout (China’s CBEC tax is on goods + freight). ' +
          'And `delivery`: from each place the variant is in stock, the cheapest shipping for one unit to `region`, with the delivery dates if handed over today.',
        params: z.object({ id: z.string().max(64) }),
        querystring: z.object({
          country: marketQuery,
          region: z
            .string()
            .max(16)
            .optional()
            .describe(
              'Where delivery is estimated to, a region of the shopper’s country as in a checkout address: a province of mainland China (e.g. `CN-ZJ`), ' +
                'an Australian state or territory (e.g. `AU-VIC`) or `NZ`. Default: `CN-SH`, `AU-NSW`, `NZ`. Another country’s region is `invalid_region`.',
            ),
        }),
        response: { 200: StorefrontProductPage },
      },
    },
    async (req) => {
      const market = marketOf(req.ctx.principal, req.query.country);
      const region = regionFor(market, req.query.region);
      const d = await getProduct(req.ctx, req.params.id);
      if (!listed(d, market)) throw notFound('product', req.params.id);
      const [out] = await present(req.ctx, market, [d]);
      if (!out) throw notFound('product', req.params.id);
      // The funnel's first step (orders/activity.ts): counted in memory, written in batches.
      countProductView(req.ctx, d.product.id, d.product.merchantId);
      return { ...out, region, variants: await pageExtras(req.ctx, market, region, d, out) };
    },
  );
}

const listed = (d: ProductDetail, market: Market) =>
  d.product.status === 'active' && d.merchantStatus === 'approved' && d.merchantWorld === 'live' && sellsTo(d.merchantCountry, market);

function loadProducts(ctx: Ctx, ids: string[]) {
  return ctx.db.select().from(products).where(inArray(products.id, ids));
}

export const storefrontModule: HttpModule = {
  name: 'storefront',
  tag: {
    name: 'storefront',
    description: 'What shoppers browse: search with facets and product pages, for shoppers in China, Australia and New Zealand',
  },
  routes,
};
