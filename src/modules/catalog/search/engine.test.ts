// The search engine over a small bilingual catalogue: Chinese, English, pinyin and typo
// matching, filters with disjunctive facets, sorts, pagination, and index maintenance
// (upsert, remove, merchant visibility).
import { beforeEach, describe, expect, it } from 'vitest';
import { type SearchDoc, SearchEngine, type SearchQuery } from './engine.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function doc(id: string, over: Partial<SearchDoc> & Pick<SearchDoc, 'name'>): SearchDoc {
  return {
    id,
    merchantId: 'mer_a',
    brand: 'Generic',
    category: 'food_beverage',
    categoryLabels: ['Food & beverage', '食品饮料'],
    description: { en: '', zh: '' },
    countryOfOrigin: 'AU',
    shipsFrom: ['bonded'],
    priceCny: 10_000,
    createdAt: T0,
    ...over,
  };
}

const honey = { category: 'honey', categoryLabels: ['Honey', '蜂蜜'] };
const formula = { category: 'infant_formula', categoryLabels: ['Infant formula', '婴幼儿配方奶粉'] };
const supplements = { category: 'health_supplements', categoryLabels: ['Health supplements', '保健品'] };

/** What each test product differs in: brand, price in fen, days after T0, and any other field. */
const facts = (brand: string, priceCny: number, day: number, more: Partial<SearchDoc> = {}) => ({
  brand,
  priceCny,
  createdAt: T0 + day * DAY,
  ...more,
});

// Six products, ids saying what they are; unless stated: merchant mer_a, from AU, bonded stock.
const CATALOGUE: SearchDoc[] = [
  doc('manuka', {
    ...honey,
    name: { en: 'Manuka Honey UMF 10+ 500g', zh: '麦卢卡蜂蜜 UMF10+ 500克' },
    description: { en: 'Raw honey from New Zealand.', zh: '新西兰原生蜂蜜。' },
    ...facts('Comvita', 29_900, 5, { countryOfOrigin: 'NZ' }),
  }),
  doc('clover', {
    ...honey,
    name: { en: 'Clover Honey 1kg', zh: '三叶草蜂蜜 1公斤' },
    ...facts('Capilano', 8_900, 1, { shipsFrom: ['overseas'] }),
  }),
  doc('stage1', {
    ...formula,
    name: { en: 'Infant Formula Stage 1 900g', zh: '婴儿配方奶粉1段 900克' },
    description: { en: 'For babies from birth.', zh: '适合0-6个月宝宝' },
    ...facts('Aptamil', 25_800, 3, { merchantId: 'mer_b', shipsFrom: ['bonded', 'overseas'] }),
  }),
  doc('goat', {
    ...formula,
    name: { en: 'Goat Milk Formula 800g', zh: '羊奶粉 800克' },
    ...facts('Karicare', 31_800, 4, { merchantId: 'mer_b', countryOfOrigin: 'NZ' }),
  }),
  doc('vitc', {
    ...supplements,
    name: { en: 'Vitamin C 1000mg 150 tablets', zh: '维生素C 150片' },
    description: { en: 'Supports immune health.', zh: '增强免疫力' },
    ...facts('Swisse', 9_900, 2, { shipsFrom: ['overseas'] }),
  }),
  doc('kids', {
    ...supplements,
    name: { en: 'Kids Multivitamins Gummies', zh: '儿童复合维生素软糖' },
    description: { en: 'Tasty vitamins with honey flavour.', zh: '蜂蜜口味' },
    ...facts('Healthy Care', 10_000, 6),
  }),
];

let engine: SearchEngine;
beforeEach(() => {
  engine = new SearchEngine();
  for (const d of CATALOGUE) engine.upsert(d);
});

const ids = (q: SearchQuery) => engine.search(q).hits.map((h) => h.id);
const sortedIds = (q: SearchQuery) => ids({ limit: 100, ...q }).sort();
const facet = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));

describe('text matching', () => {
  it.each<[string, string[]]>([
    ['奶粉', ['goat', 'stage1']], // a word inside 婴儿配方奶粉 and 羊奶粉
    ['蜂蜜', ['clover', 'kids', 'manuka']], // inside 麦卢卡蜂蜜; 蜂蜜口味 in a description
    ['麦卢卡蜂蜜', ['manuka']],
    ['婴儿奶粉', ['stage1']], // both words present, not adjacent
    ['羊奶粉', ['goat']],
    ['维生素', ['kids', 'vitc']],
    ['manuka hony', ['manuka']], // typo, one edit
    ['MANUKA Honey', ['manuka']],
    ['naifen', ['goat', 'stage1']], // pinyin of 奶粉
    ['fengmi', ['clover', 'manuka']], // pinyin indexes titles only
    ['yangnaifen', ['goat']], // pinyin typed as one word: yang/nai/fen
    ['mailuka', ['manuka']], // 麦卢卡, one word though segmented per character
    ['vitamins', ['kids', 'vitc']], // stemming: vitamin ↔ vitamins
    ['vitamin', ['kids', 'vitc']],
    ['comvita 蜂蜜', ['manuka']], // mixed scripts
    ['900g', ['stage1']],
    ['formula 900', ['stage1']],
    ['manu', ['manuka']], // unfinished last word completes
    ['swisse', ['vitc']], // brand field
    ['formula', ['goat', 'stage1']],
  ])('%s → %j', (text, expected) => {
    expect(sortedIds({ text })).toEqual(expected);
  });

  it('needs every query word (AND)', () => {
    expect(sortedIds({ text: 'honey formula' })).toEqual([]);
    expect(sortedIds({ text: 'clover honey' })).toEqual(['clover']);
  });

  it('returns total 0 and no hits when nothing matches', () => {
    const r = engine.search({ text: 'xylophone' });
    expect(r.total).toBe(0);
    expect(r.hits).toEqual([]);
    expect(r.facets.brand).toEqual([]);
    expect(r.facets.price.min).toBeNull();
  });

  it('reports corrections for "did you mean"', () => {
    expect(engine.search({ text: 'manuka hony' }).corrections).toEqual([{ from: 'hony', to: 'honey' }]);
    expect(engine.search({ text: 'manuka honey' }).corrections).toEqual([]);
  });

  it('allows no typo in words under four letters, two from eight', () => {
    expect(sortedIds({ text: 'kidz ' })).toEqual(['kids']); // 4 letters: one edit
    expect(sortedIds({ text: 'kid ' })).toEqual(['kids']); // the stem itself, exact
    expect(sortedIds({ text: 'kis ' })).toEqual([]); // 3 letters: exact only
    expect(sortedIds({ text: 'gumiess ' })).toEqual([]); // 7 letters, two edits: too many
    expect(sortedIds({ text: 'mulitvitamns ' })).toEqual(['kids']); // 12 letters, two edits
  });

  it('ranks a name match above a description match, and a whole Chinese word above a part of one', () => {
    expect(ids({ text: 'honey' })).toEqual(['manuka', 'clover', 'kids']);
    expect(ids({ text: '奶粉' })).toEqual(['stage1', 'goat']); // 婴儿/配方/奶粉 has the word; 羊奶粉 only contains it
  });

  it('ranks exact words above completions, completions above nothing', () => {
    engine.upsert(doc('honeycomb', { name: { en: 'Honeycomb Frame', zh: '' }, createdAt: T0 + 9 * DAY }));
    const hits = ids({ text: 'honey' });
    expect(hits).toContain('honeycomb');
    expect(hits.indexOf('honeycomb')).toBeGreaterThan(hits.indexOf('manuka'));
    expect(ids({ text: 'honey ' })).not.toContain('honeycomb'); // a finished word does not complete
  });

  it('matches pinyin whatever the segmenter did with the Chinese', () => {
    engine.upsert(doc('fishoil', { name: { en: 'Fish Oil', zh: '深海鱼油' } })); // segmented 深海鱼/油
    expect(ids({ text: 'yuyou' })).toEqual(['fishoil']);
    expect(ids({ text: 'shenhaiyuyou' })).toEqual(['fishoil']);
  });

  it('ignores an unfinished one-letter last word, but not a finished one', () => {
    expect(sortedIds({ text: 'formula 9' })).toEqual(sortedIds({ text: 'formula' }));
    expect(sortedIds({ text: 'vitamin c' })).toEqual(['vitc']);
    expect(sortedIds({ text: 'formula 9 ' })).toEqual([]);
  });

  it('finds a one-character query in titles', () => {
    expect(sortedIds({ text: '羊' })).toEqual(['goat']);
  });
});

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

describe('sorting and pagination', () => {
  it.each<[SearchQuery['sort'], string[]]>([
    ['price_asc', ['clover', 'vitc', 'kids', 'stage1', 'manuka', 'goat']],
    ['price_desc', ['goat', 'manuka', 'stage1', 'kids', 'vitc', 'clover']],
    ['newest', ['kids', 'manuka', 'goat', 'stage1', 'vitc', 'clover']],
  ])('%s', (sort, expected) => {
    expect(ids({ sort })).toEqual(expected);
  });

  it('browses newest first by default, and ranks by relevance when there is text', () => {
    expect(ids({})).toEqual(ids({ sort: 'newest' }));
    const hits = engine.search({ text: 'honey' }).hits;
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(ids({ text: 'honey', sort: 'price_asc' })).toEqual(['clover', 'kids', 'manuka']);
  });

  it('breaks relevance ties by newest', () => {
    engine.upsert({ ...(engine.get('clover') as SearchDoc), id: 'clover2', createdAt: T0 + 10 * DAY });
    expect(ids({ text: 'clover' })).toEqual(['clover2', 'clover']);
  });

  it('pages with limit and offset', () => {
    const all = ids({ sort: 'price_asc', limit: 100 });
    expect(ids({ sort: 'price_asc', limit: 2 })).toEqual(all.slice(0, 2));
    expect(ids({ sort: 'price_asc', limit: 2, offset: 2 })).toEqual(all.slice(2, 4));
    expect(ids({ sort: 'price_asc', limit: 10, offset: 5 })).toEqual(all.slice(5));
    const page = engine.search({ sort: 'price_asc', limit: 2, offset: 100 });
    expect(page.total).toBe(6);
    expect(page.hits).toEqual([]);
    expect(engine.search({ limit: 0 }).hits).toEqual([]);
  });
});

describe('index maintenance', () => {
  it('upsert replaces the old text: old words stop matching', () => {
    const old = engine.get('clover') as SearchDoc;
    engine.upsert({ ...old, name: { en: 'Wildflower Nectar 1kg', zh: '百花蜜 1公斤' } });
    expect(engine.size).toBe(6);
    expect(ids({ text: 'clover' })).toEqual([]);
    expect(ids({ text: '三叶草' })).toEqual([]);
    expect(ids({ text: 'wildflower' })).toEqual(['clover']);
    expect(ids({ text: '百花' })).toEqual(['clover']);
    expect(engine.get('clover')?.name.en).toBe('Wildflower Nectar 1kg');
  });

  it('upsert updates filters and facets, with or without new text', () => {
    engine.upsert({ ...(engine.get('clover') as SearchDoc), brand: 'Beeline', priceCny: 50_000 });
    expect(facet(engine.search({ category: ['honey'] }).facets.brand)).toEqual({ Comvita: 1, Beeline: 1 });
    expect(ids({ sort: 'price_desc', limit: 1 })).toEqual(['clover']);
    engine.upsert({ ...(engine.get('clover') as SearchDoc), countryOfOrigin: 'NZ', shipsFrom: ['bonded'], createdAt: T0 + 9 * DAY });
    expect(sortedIds({ text: 'clover', countryOfOrigin: ['NZ'], shipsFrom: 'bonded' })).toEqual(['clover']);
    expect(ids({ limit: 1 })).toEqual(['clover']);
  });

  it('is not affected by later changes to the caller’s object', () => {
    const mine = doc('mine', { name: { en: 'Lavender Soap', zh: '' } });
    engine.upsert(mine);
    mine.name.en = 'Rose Soap';
    expect(ids({ text: 'lavender' })).toEqual(['mine']);
    engine.remove('mine');
    expect(ids({ text: 'lavender' })).toEqual([]);
    expect(ids({ text: 'soap' })).toEqual([]);
    engine.upsert(mine);
    expect(() => {
      (engine.get('mine') as SearchDoc).name.en = 'Tulip Soap';
    }).toThrow(TypeError); // what `get` returns is frozen
  });

  it('remove drops a document from hits, facets and size', () => {
    engine.remove('manuka');
    engine.remove('no-such-id');
    expect(engine.size).toBe(5);
    expect(engine.get('manuka')).toBeUndefined();
    expect(ids({ text: 'manuka' })).toEqual([]);
    expect(facet(engine.search({}).facets.brand).Comvita).toBeUndefined();
    engine.upsert(CATALOGUE[0] as SearchDoc); // its number is reused
    expect(ids({ text: 'manuka' })).toEqual(['manuka']);
  });

  it('hides a suspended merchant at once and shows it again, in hits and facets', () => {
    const before = engine.search({ text: '奶粉' });
    expect(before.total).toBe(2);
    engine.setMerchantVisible('mer_b', false);
    const hidden = engine.search({ text: '奶粉' });
    expect(hidden.total).toBe(0);
    expect(hidden.facets.brand).toEqual([]);
    expect(facet(engine.search({}).facets.category)).toEqual({ honey: 2, health_supplements: 2 });
    expect(engine.get('goat')).toBeDefined(); // still indexed, just not shown
    engine.setMerchantVisible('mer_b', true);
    expect(engine.search({ text: '奶粉' })).toEqual(before);
  });

  it('applies visibility set before a merchant has products', () => {
    engine.setMerchantVisible('mer_new', false);
    engine.upsert(doc('late', { merchantId: 'mer_new', name: { en: 'Late Arrival', zh: '' } }));
    expect(ids({ text: 'late arrival' })).toEqual([]);
    engine.setMerchantVisible('mer_new', true);
    expect(ids({ text: 'late arrival' })).toEqual(['late']);
  });

  it('stays consistent through many upserts and removes', () => {
    for (let i = 0; i < 300; i++) engine.upsert(doc(`bulk${i % 50}`, { name: { en: `Bulk Item ${i}`, zh: `批量商品${i}` }, priceCny: i }));
    for (let i = 0; i < 25; i++) engine.remove(`bulk${i}`);
    expect(engine.size).toBe(6 + 25);
    expect(engine.search({ text: 'bulk' }).total).toBe(25);
    expect(engine.search({ text: '批量' }).total).toBe(25);
    expect(ids({ text: 'bulk 299' })).toEqual(['bulk49']);
    expect(ids({ text: 'bulk 10' })).toEqual([]); // replaced by 260, then removed
  });
});
