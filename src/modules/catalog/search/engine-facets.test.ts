// Filters and disjunctive facets of the search engine: on the small bilingual catalogue, and
// against a brute-force count over random catalogues and filters.
import { beforeEach, describe, expect, it } from 'vitest';
import { type SearchDoc, SearchEngine, type SearchQuery } from './engine.ts';
import { catalogueEngine, doc, facet } from './test-catalogue.ts';

let engine: SearchEngine;
beforeEach(() => {
  engine = catalogueEngine();
});

const ids = (q: SearchQuery) => engine.search(q).hits.map((h) => h.id);
const sortedIds = (q: SearchQuery) => ids({ limit: 100, ...q }).sort();

describe('filters and facets', () => {
  it('filters by category, brand, country and where it ships from', () => {
    expect(sortedIds({ category: ['honey'] })).toEqual(['clover', 'manuka']);
    expect(sortedIds({ brand: ['Swisse', 'Aptamil'] })).toEqual(['stage1', 'vitc']);
    expect(sortedIds({ countryOfOrigin: ['nz'] })).toEqual(['goat', 'manuka']);
    expect(sortedIds({ shipsFrom: 'overseas' })).toEqual(['clover', 'stage1', 'vitc']);
    expect(sortedIds({ text: '蜂蜜', shipsFrom: 'bonded' })).toEqual(['kids', 'manuka']);
  });

  it('counts facets over the matched documents', () => {
    const { facets, total } = engine.search({ text: 'honey' });
    expect(total).toBe(3);
    expect(facet(facets.category)).toEqual({ honey: 2, health_supplements: 1 });
    expect(facet(facets.brand)).toEqual({ Comvita: 1, Capilano: 1, 'Healthy Care': 1 });
    expect(facet(facets.countryOfOrigin)).toEqual({ NZ: 1, AU: 2 });
    expect(facet(facets.shipsFrom)).toEqual({ bonded: 2, overseas: 1 });
    expect(facets.price).toEqual({
      min: 8_900,
      max: 29_900,
      buckets: [
        { from: 0, to: 10_000, count: 1 },
        { from: 10_000, to: 20_000, count: 1 },
        { from: 20_000, to: 50_000, count: 1 },
        { from: 50_000, to: 100_000, count: 0 },
        { from: 100_000, to: null, count: 0 },
      ],
    });
  });

  it("counts each facet without its own filter (disjunctive) but with the others'", () => {
    const { facets, total } = engine.search({ brand: ['Comvita'], countryOfOrigin: ['AU'] });
    expect(total).toBe(0);
    // Brand counts ignore the brand filter, apply the country filter.
    expect(facet(facets.brand)).toEqual({ Capilano: 1, Aptamil: 1, Swisse: 1, 'Healthy Care': 1, Comvita: 0 });
    // Country counts ignore the country filter, apply the brand filter.
    expect(facet(facets.countryOfOrigin)).toEqual({ NZ: 1, AU: 0 });
    // Other facets apply both filters.
    expect(facets.category).toEqual([]);

    const honeyOnly = engine.search({ category: ['honey'] });
    expect(facet(honeyOnly.facets.category)).toEqual({ honey: 2, infant_formula: 2, health_supplements: 2 });
    expect(facet(honeyOnly.facets.brand)).toEqual({ Comvita: 1, Capilano: 1 });
    // Price facet ignores the price filter.
    const cheap = engine.search({ priceMax: 10_000 });
    expect(cheap.total).toBe(3);
    expect(cheap.facets.price.max).toBe(31_800);
  });

  it.each<[number | undefined, number | undefined, string[]]>([
    [9_900, 10_000, ['kids', 'vitc']], // both bounds inclusive
    [9_901, 9_999, []],
    [undefined, 8_900, ['clover']],
    [31_800, undefined, ['goat']],
  ])('price from %s to %s fen', (priceMin, priceMax, expected) => {
    expect(sortedIds({ priceMin, priceMax })).toEqual(expected);
  });

  it('lists a selected value even when nothing else matches it', () => {
    expect(facet(engine.search({ text: 'formula', brand: ['Nobody'] }).facets.brand)).toEqual({ Aptamil: 1, Karicare: 1, Nobody: 0 });
  });
});

describe('facets against a brute-force count', () => {
  it('agrees on random catalogues and filters', () => {
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const [cats, brands, countries] = [
      ['a', 'b', 'c'],
      ['X', 'Y', 'Z', 'W'],
      ['AU', 'NZ'],
    ];
    const big = new SearchEngine();
    const docs: SearchDoc[] = [];
    for (let i = 0; i < 300; i++) {
      const d = doc(`d${i}`, {
        name: { en: pick(['red', 'blue']), zh: '' },
        merchantId: pick(['m1', 'm2', 'm3']),
        category: pick(cats),
        brand: pick(brands),
        countryOfOrigin: pick(countries),
        shipsFrom: pick([['bonded'], ['overseas'], ['bonded', 'overseas']] as SearchDoc['shipsFrom'][]),
        priceCny: Math.floor(rand() * 150_000),
      });
      docs.push(d);
      big.upsert(d);
    }
    big.setMerchantVisible('m3', false);
    for (let round = 0; round < 40; round++) {
      const q: SearchQuery = { limit: 1000 };
      if (rand() < 0.5) q.text = pick(['red', 'blue']);
      if (rand() < 0.5) q.category = [pick(cats)];
      if (rand() < 0.5) q.brand = [pick(brands), pick(brands)];
      if (rand() < 0.5) q.countryOfOrigin = [pick(countries)];
      if (rand() < 0.5) q.shipsFrom = pick(['bonded', 'overseas'] as const);
      if (rand() < 0.5) [q.priceMin, q.priceMax] = [30_000, 90_000];
      const passes = (d: SearchDoc, except: string) =>
        d.merchantId !== 'm3' &&
        (!q.text || d.name.en === q.text) &&
        (except === 'category' || !q.category || q.category.includes(d.category)) &&
        (except === 'brand' || !q.brand || q.brand.includes(d.brand)) &&
        (except === 'country' || !q.countryOfOrigin || q.countryOfOrigin.includes(d.countryOfOrigin)) &&
        (except === 'ships' || !q.shipsFrom || d.shipsFrom.includes(q.shipsFrom)) &&
        (except === 'price' || q.priceMin === undefined || (d.priceCny >= q.priceMin && d.priceCny <= (q.priceMax as number)));
      const count = (except: string, key: (d: SearchDoc) => string[]) => {
        const out: Record<string, number> = {};
        for (const d of docs) if (passes(d, except)) for (const k of key(d)) out[k] = (out[k] ?? 0) + 1;
        return out;
      };
      const r = big.search(q);
      const hits = docs.filter((d) => passes(d, ''));
      expect(r.total).toBe(hits.length);
      expect(r.hits.map((h) => h.id).sort()).toEqual(hits.map((d) => d.id).sort());
      const nonZero = (values: { value: string; count: number }[]) => facet(values.filter((v) => v.count > 0));
      expect(nonZero(r.facets.category)).toEqual(count('category', (d) => [d.category]));
      expect(nonZero(r.facets.brand)).toEqual(count('brand', (d) => [d.brand]));
      expect(nonZero(r.facets.countryOfOrigin)).toEqual(count('country', (d) => [d.countryOfOrigin]));
      expect(nonZero(r.facets.shipsFrom)).toEqual(count('ships', (d) => d.shipsFrom));
      const prices = docs.filter((d) => passes(d, 'price')).map((d) => d.priceCny);
      expect(r.facets.price.min).toBe(prices.length ? Math.min(...prices) : null);
      expect(r.facets.price.max).toBe(prices.length ? Math.max(...prices) : null);
      expect(r.facets.price.buckets.reduce((s, b) => s + b.count, 0)).toBe(prices.length);
    }
  });
});
