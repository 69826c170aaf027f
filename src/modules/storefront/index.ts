// The storefront's search index: one in-memory SearchEngine per process, built from the
// database at first use and kept in step with it by polling `changed_at` (database clock)
// of products and merchants. Every search first catches up if the last poll is older than
// FRESH_MS, so a change is searchable within that time in every process, with no broker.
//
// Polls re-read a window of OVERLAP_MS before the previous poll, because a transaction
// that set `changed_at` may commit after a later one: any write transaction shorter than
// the overlap is seen. A full rebuild every REBUILD_MS is the safety net beyond that.
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { type Ctx, type Runtime, systemCtx } from '../../kernel/context.ts';
import { convert, money } from '../../kernel/money.ts';
import { amountToPay } from '../fx/rules.ts';
import { products, productVariants } from '../catalog/schema.ts';
import { SearchEngine, type SearchDoc, type ShipsFrom } from '../catalog/search/engine.ts';
import { stockLevels, stockLocations } from '../inventory/schema.ts';
import { merchants } from '../merchants/schema.ts';

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
 * The CNY price a shopper sees for a variant: its fixed CNY price, or its price at the current
 * customer rate (CNY → merchant currency) computed exactly as a payment computes the charge
 * (fx/rules.ts amountToPay: rounded up to the fen), or, with no rate set, the indicative one.
 */
export function shownCny(
  v: { priceAmount: bigint; priceCurrency: 'AUD' | 'NZD'; cnyPriceAmount: bigint | null },
  rate: string | null,
): bigint {
  if (v.cnyPriceAmount !== null || rate === null) return displayCny(v);
  return amountToPay(money(v.priceAmount, v.priceCurrency), 'CNY', rate).amount;
}

export function displayCny(v: { priceAmount: bigint; priceCurrency: 'AUD' | 'NZD'; cnyPriceAmount: bigint | null }): bigint {
  if (v.cnyPriceAmount !== null) return v.cnyPriceAmount;
  return convert(money(v.priceAmount, v.priceCurrency), 'CNY', INDICATIVE_CNY_RATES[v.priceCurrency], 'half-up').amount;
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
  readonly engine = new SearchEngine();
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
      .select({ id: merchants.id, status: merchants.status })
      .from(merchants)
      .where(since ? gte(merchants.changedAt, since) : undefined);
    // Only approved merchants' products are shown; a suspension hides them at once.
    for (const m of rows) this.engine.setMerchantVisible(m.id, m.status === 'approved');
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
      this.engine.remove(p.id);
      this.#seen.delete(p.id);
    }
    const live = stale.filter((p) => p.status === 'active').map((p) => p.id);
    for (let i = 0; i < live.length; i += 1000) {
      for (const { doc, changedAt } of await buildDocs(ctx, live.slice(i, i + 1000))) {
        this.engine.upsert(doc);
        this.#seen.set(doc.id, changedAt);
      }
    }
    if (!since) {
      const active = new Set(changed.map((p) => p.id));
      for (const id of [...this.#seen.keys()]) {
        if (active.has(id)) continue;
        this.engine.remove(id);
        this.#seen.delete(id);
      }
    }
  }
}

/** Search documents for active products, in three queries. */
export async function buildDocs(ctx: Ctx, ids: string[]): Promise<{ doc: SearchDoc; changedAt: number }[]> {
  if (ids.length === 0) return [];
  const [rows, variants, places] = await Promise.all([
    ctx.db
      .select()
      .from(products)
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
  return rows.map((p) => {
    const prices = variants.filter((v) => v.productId === p.id).map(displayCny);
    const shipsFrom: ShipsFrom[] = [
      ...new Set(
        places.filter((s) => s.productId === p.id).map((s) => (s.kind === 'bonded_warehouse' ? 'bonded' : 'overseas') as ShipsFrom),
      ),
    ];
    const doc: SearchDoc = {
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
      priceCny: prices.length ? Math.min(...prices.map(Number)) : 0,
      createdAt: (p.activatedAt ?? p.createdAt).getTime(),
    };
    return { doc, changedAt: p.changedAt.getTime() };
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
