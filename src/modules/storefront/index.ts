// The storefront's search index: in-memory SearchEngines per process — one per market the
// shopper is in (China: ANZ brands' imports; Australia, New Zealand: sellers in China, priced
// in AUD or NZD) — built from the database at first use and kept in step with it by polling
// `changed_at` (database clock) of products and merchants. Every search first catches up if the last poll is older than
// FRESH_MS, so a change is searchable within that time in every process, with no broker.
//
// Polls re-read a window of OVERLAP_MS before the previous poll, because a transaction
// that set `changed_at` may commit after a later one: any write transaction shorter than
// the overlap is seen. A full rebuild every REBUILD_MS is the safety net beyond that.
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { type Ctx, type Runtime, systemCtx } from '../../kernel/context.ts';
import { convert, money } from '../../kernel/money.ts';
import { amountToPay } from '../fx/rules.ts';
import { type MerchantCurrency, products, productVariants } from '../catalog/schema.ts';
import { SearchEngine, type SearchDoc, type ShipsFrom } from '../catalog/search/engine.ts';
import { stockLevels, stockLocations } from '../inventory/schema.ts';
import { merchants } from '../merchants/schema.ts';
import { sellsTo } from '../orders/rules.ts';

export const FRESH_MS = 250;
const OVERLAP_MS = 10_000;
const REBUILD_MS = 10 * 60_000;

/**
 * Indicative CNY per unit of the merchant currencies, for search price facets and sorting
 * of variants without a fixed CNY price. Shoppers pay at the locked FX quote of the
 * payments module (PRODUCT.md M4); these only order and bucket the results.
 */
export const INDICATIVE_CNY_RATES = { AUD: '4.70', NZD: '4.30' } as const;

/**
 * The shopper's market: where they are decides what they see (the corridor, orders/rules.ts
 * sellsTo) and the currency prices are shown in. China sees ANZ brands in CNY; Australia and
 * New Zealand see sellers in China in AUD or NZD.
 */
export const MARKETS = ['CN', 'AU', 'NZ'] as const;
export type Market = (typeof MARKETS)[number];
export const MARKET_CURRENCY = { CN: 'CNY', AU: 'AUD', NZ: 'NZD' } as const satisfies Record<Market, MerchantCurrency>;

type PricedVariant = { priceAmount: bigint; priceCurrency: MerchantCurrency; cnyPriceAmount: bigint | null };

/**
 * The CNY price a shopper sees for a variant: its fixed CNY price, or its price at the current
 * customer rate (CNY → merchant currency) computed exactly as a payment computes the charge
 * (fx/rules.ts amountToPay: rounded up to the fen), or, with no rate set, the indicative one.
 * A variant priced in CNY (a seller in China) shows its own price.
 */
export function shownCny(v: PricedVariant, rate: string | null): bigint {
  if (v.priceCurrency === 'CNY' || v.cnyPriceAmount !== null || rate === null) return displayCny(v);
  return amountToPay(money(v.priceAmount, v.priceCurrency), 'CNY', rate).amount;
}

export function displayCny(v: PricedVariant): bigint {
  if (v.priceCurrency === 'CNY') return v.priceAmount;
  if (v.cnyPriceAmount !== null) return v.cnyPriceAmount;
  return convert(money(v.priceAmount, v.priceCurrency), 'CNY', INDICATIVE_CNY_RATES[v.priceCurrency], 'half-up').amount;
}

/**
 * The AUD or NZD price a shopper in Australia or New Zealand sees: the price itself in the same
 * currency, else the price at the current customer rate (shopper currency → merchant currency,
 * e.g. AUD→CNY for a seller in China), computed as a payment computes the charge (amountToPay:
 * rounded up to the cent); with no rate set, the indicative one.
 */
export function shownAnz(v: PricedVariant, currency: 'AUD' | 'NZD', rate: string | null): bigint {
  if (v.priceCurrency === currency) return v.priceAmount;
  if (rate === null) return displayAnz(v, currency);
  return amountToPay(money(v.priceAmount, v.priceCurrency), currency, rate).amount;
}

/** The indicative AUD or NZD price (through CNY at INDICATIVE_CNY_RATES): search facets and sorting only. */
export function displayAnz(v: PricedVariant, currency: 'AUD' | 'NZD'): bigint {
  if (v.priceCurrency === currency) return v.priceAmount;
  const cny = v.priceCurrency === 'CNY' ? v.priceAmount : displayCny({ ...v, cnyPriceAmount: null });
  return amountToPay(money(cny, 'CNY'), currency, INDICATIVE_CNY_RATES[currency]).amount;
}

/** The price a shopper in `market` sees, in its currency (minor units), at `rate` (shopper currency → merchant currency). */
export function shownIn(market: Market, v: PricedVariant, rate: string | null): bigint {
  return market === 'CN' ? shownCny(v, rate) : shownAnz(v, MARKET_CURRENCY[market], rate);
}

/** The indicative price in the market's currency, for search facets, filters and sorting. */
export function displayIn(market: Market, v: PricedVariant): bigint {
  return market === 'CN' ? displayCny(v) : displayAnz(v, MARKET_CURRENCY[market]);
}

export const CATEGORY_LABELS: Record<string, [string, string]> = {
  honey: ['Honey', '蜂蜜'],
  infant_formula: ['Infant formula', '婴儿配方奶粉'],
  health_supplements: ['Vitamins & supplements', '保健品 维生素'],
  skincare_cosmetics: ['Skincare & cosmetics', '护肤 美妆'],
  wine: ['Wine', '葡萄酒'],
  food_beverage: ['Food & snacks', '食品 零食'],
  mother_baby: ['Mother & baby', '母婴'],
};

export class StorefrontIndex {
  /**
   * One engine per market: a product is in the markets its merchant sells to, with its price
   * (the engine's `priceCny` column) in that market's currency — so price filters, facets and
   * sorting work in the currency the shopper sees.
   */
  readonly engines: Readonly<Record<Market, SearchEngine>> = { CN: new SearchEngine(), AU: new SearchEngine(), NZ: new SearchEngine() };
  /** The China market's engine (the storefront's default). */
  get engine(): SearchEngine {
    return this.engines.CN;
  }
  readonly #rt: Runtime;
  /** Database time of the last poll's start; null until built. */
  #since: Date | null = null;
  #builtAt = 0;
  #polledAt = 0;
  #inflight: Promise<void> | null = null;
  /** The indexed products and their changed_at, so overlapping polls skip what they already have. */
  readonly #seen = new Map<string, number>();

  constructor(rt: Runtime) {
    this.#rt = rt;
  }

  /** Catch up with the database unless the last poll is fresher than `maxAgeMs`. */
  ensureFresh(maxAgeMs = FRESH_MS): Promise<void> {
    if (Date.now() - this.#polledAt < maxAgeMs) return Promise.resolve();
    this.#inflight ??= this.#poll().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  async #poll(): Promise<void> {
    const ctx = systemCtx(this.#rt, 'storefront-index');
    const started = Date.now();
    const [clock] = await ctx.db.select({ now: sql<Date>`clock_timestamp()` }).from(sql`(select 1) as one`);
    const dbNow = new Date(clock?.now ?? Date.now());
    const rebuild = this.#since === null || started - this.#builtAt > REBUILD_MS;
    const since = rebuild || this.#since === null ? null : new Date(this.#since.getTime() - OVERLAP_MS);
    await this.#syncMerchants(ctx, since);
    await this.#syncProducts(ctx, since);
    if (rebuild) this.#builtAt = started;
    this.#since = dbNow;
    this.#polledAt = Date.now();
  }

  async #syncMerchants(ctx: Ctx, since: Date | null): Promise<void> {
    const rows = await ctx.db
      .select({ id: merchants.id, status: merchants.status, liveMerchantId: merchants.liveMerchantId })
      .from(merchants)
      .where(since ? gte(merchants.changedAt, since) : undefined);
    // Only approved merchants' products are shown; a suspension hides them at once. A test
    // twin's never are: the test world has no storefront (decisions §23).
    for (const m of rows)
      for (const market of MARKETS) this.engines[market].setMerchantVisible(m.id, m.status === 'approved' && m.liveMerchantId === null);
  }

  /** Incremental with `since`; a full pass without (all active products), which also drops strays. */
  async #syncProducts(ctx: Ctx, since: Date | null): Promise<void> {
    const changed = await ctx.db
      .select({ id: products.id, status: products.status, changedAt: products.changedAt })
      .from(products)
      .where(since ? gte(products.changedAt, since) : eq(products.status, 'active'));
    const stale = changed.filter((p) => this.#seen.get(p.id) !== p.changedAt.getTime());
    for (const p of stale) {
      if (p.status === 'active') continue;
      this.#remove(p.id);
    }
    const live = stale.filter((p) => p.status === 'active').map((p) => p.id);
    for (let i = 0; i < live.length; i += 1000) {
      for (const { id, docs, changedAt } of await buildDocs(ctx, live.slice(i, i + 1000))) {
        for (const market of MARKETS) {
          const doc = docs[market];
          if (doc) this.engines[market].upsert(doc);
          else this.engines[market].remove(id);
        }
        this.#seen.set(id, changedAt);
      }
    }
    if (!since) {
      const active = new Set(changed.map((p) => p.id));
      for (const id of [...this.#seen.keys()]) {
        if (active.has(id)) continue;
        this.#remove(id);
      }
    }
  }

  #remove(id: string): void {
    for (const market of MARKETS) this.engines[market].remove(id);
    this.#seen.delete(id);
  }
}

/**
 * Search documents for active products, in three queries: one per market the product's
 * merchant sells to (none for a merchant outside the corridor), priced in that market's currency.
 */
export async function buildDocs(
  ctx: Ctx,
  ids: string[],
): Promise<{ id: string; docs: Partial<Record<Market, SearchDoc>>; changedAt: number }[]> {
  if (ids.length === 0) return [];
  const [rows, variants, places] = await Promise.all([
    ctx.db
      .select({ product: products, merchantCountry: merchants.country })
      .from(products)
      .innerJoin(merchants, eq(merchants.id, products.merchantId))
      .where(and(inArray(products.id, ids), eq(products.status, 'active'))),
    ctx.db
      .select({
        productId: productVariants.productId,
        priceAmount: productVariants.priceAmount,
        priceCurrency: productVariants.priceCurrency,
        cnyPriceAmount: productVariants.cnyPriceAmount,
      })
      .from(productVariants)
      .where(inArray(productVariants.productId, ids)),
    ctx.db
      .selectDistinct({ productId: stockLevels.productId, kind: stockLocations.kind })
      .from(stockLevels)
      .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
      .where(inArray(stockLevels.productId, ids)),
  ]);
  return rows.map(({ product: p, merchantCountry }) => {
    const own = variants.filter((v) => v.productId === p.id);
    const shipsFrom: ShipsFrom[] = [
      ...new Set(
        places.filter((s) => s.productId === p.id).map((s) => (s.kind === 'bonded_warehouse' ? 'bonded' : 'overseas') as ShipsFrom),
      ),
    ];
    const base: Omit<SearchDoc, 'priceCny'> = {
      id: p.id,
      merchantId: p.merchantId,
      name: { en: p.text.en?.name ?? '', zh: p.text['zh-Hans']?.name ?? '' },
      brand: p.brand,
      category: p.category,
      categoryLabels: CATEGORY_LABELS[p.category] ?? [p.category],
      description: {
        en: [p.text.en?.subtitle, p.text.en?.description].filter(Boolean).join(' '),
        zh: [p.text['zh-Hans']?.subtitle, p.text['zh-Hans']?.description].filter(Boolean).join(' '),
      },
      countryOfOrigin: p.countryOfOrigin,
      shipsFrom,
      createdAt: (p.activatedAt ?? p.createdAt).getTime(),
    };
    const docs: Partial<Record<Market, SearchDoc>> = {};
    for (const market of MARKETS) {
      if (!sellsTo(merchantCountry, market)) continue;
      const prices = own.map((v) => Number(displayIn(market, v)));
      // `priceCny` holds the lowest price in the market's currency (minor units): fen in China, cents in AU/NZ.
      docs[market] = { ...base, priceCny: prices.length ? Math.min(...prices) : 0 };
    }
    return { id: p.id, docs, changedAt: p.changedAt.getTime() };
  });
}

const indexes = new WeakMap<Runtime, StorefrontIndex>();

/** The process's index for this runtime (one database). */
export function storefrontIndex(rt: Runtime): StorefrontIndex {
  let idx = indexes.get(rt);
  if (!idx) {
    idx = new StorefrontIndex(rt);
    indexes.set(rt, idx);
  }
  return idx;
}
