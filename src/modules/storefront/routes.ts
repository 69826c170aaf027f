// What shoppers see: bilingual search over listed products of approved merchants, with
// facets, and the product page with prices in the shopper's currency and where it ships from.
// Public. The shopper's market (`country`: CN, AU or NZ) decides what is shown: shoppers in
// China see ANZ brands priced in CNY, shoppers in Australia and New Zealand see sellers in
// China priced in AUD or NZD (the corridor, orders/rules.ts sellsTo).
import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx, Principal } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { ImageOut, imageOut, TextsOut } from '../catalog/routes.ts';
import { products } from '../catalog/schema.ts';
import { details, getProduct, type ProductDetail } from '../catalog/service.ts';
import { customerRateNow } from '../fx/service.ts';
import { availability } from '../inventory/service.ts';
import { MERCHANT_CATEGORIES, merchantStatuses } from '../merchants/service.ts';
import { sellsTo } from '../orders/rules.ts';
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
          'Prices in the shopper’s currency.',
        params: z.object({ id: z.string().max(64) }),
        querystring: z.object({ country: marketQuery }),
        response: { 200: StorefrontProduct },
      },
    },
    async (req) => {
      const market = marketOf(req.ctx.principal, req.query.country);
      const d = await getProduct(req.ctx, req.params.id);
      if (!listed(d, market)) throw notFound('product', req.params.id);
      const [out] = await present(req.ctx, market, [d]);
      if (!out) throw notFound('product', req.params.id);
      return out;
    },
  );
}

const listed = (d: ProductDetail, market: Market) =>
  d.product.status === 'active' && d.merchantStatus === 'approved' && sellsTo(d.merchantCountry, market);

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
