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

const honey = ['Honey', '蜂蜜'];
const formula = ['Infant formula', '婴幼儿配方奶粉'];
const supplements = ['Health supplements', '保健品'];

const CATALOGUE: SearchDoc[] = [
  doc('manuka', {
    name: { en: 'Manuka Honey UMF 10+ 500g', zh: '麦卢卡蜂蜜 UMF10+ 500克' },
    brand: 'Comvita',
    category: 'honey',
    categoryLabels: honey,
    countryOfOrigin: 'NZ',
    description: { en: 'Raw honey from New Zealand.', zh: '新西兰原生蜂蜜。' },
    priceCny: 29_900,
    createdAt: T0 + 5 * DAY,
  }),
  doc('clover', {
    name: { en: 'Clover Honey 1kg', zh: '三叶草蜂蜜 1公斤' },
    brand: 'Capilano',
    category: 'honey',
    categoryLabels: honey,
    shipsFrom: ['overseas'],
    priceCny: 8_900,
    createdAt: T0 + 1 * DAY,
  }),
  doc('stage1', {
    merchantId: 'mer_b',
    name: { en: 'Infant Formula Stage 1 900g', zh: '婴儿配方奶粉1段 900克' },
    brand: 'Aptamil',
    category: 'infant_formula',
    categoryLabels: formula,
    description: { en: 'For babies from birth.', zh: '适合0-6个月宝宝' },
    shipsFrom: ['bonded', 'overseas'],
    priceCny: 25_800,
    createdAt: T0 + 3 * DAY,
  }),
  doc('goat', {
    merchantId: 'mer_b',
    name: { en: 'Goat Milk Formula 800g', zh: '羊奶粉 800克' },
    brand: 'Karicare',
    category: 'infant_formula',
    categoryLabels: formula,
    countryOfOrigin: 'NZ',
    priceCny: 31_800,
    createdAt: T0 + 4 * DAY,
  }),
  doc('vitc', {
    name: { en: 'Vitamin C 1000mg 150 tablets', zh: '维生素C 150片' },
    brand: 'Swisse',
    category: 'health_supplements',
    categoryLabels: supplements,
    description: { en: 'Supports immune health.', zh: '增强免疫力' },
    shipsFrom: ['overseas'],
    priceCny: 9_900,
    createdAt: T0 + 2 * DAY,
  }),
  doc('kids', {
    name: { en: 'Kids Multivitamins Gummies', zh: '儿童复合维生素软糖' },
    brand: 'Healthy Care',
    category: 'health_supplements',
    categoryLabels: supplements,
    description: { en: 'Tasty vitamins with honey flavour.', zh: '蜂蜜口味' },
    priceCny: 10_000,
    createdAt: T0 + 6 * DAY,
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

  it('ranks a name match above a description match', () => {
    expect(ids({ text: 'honey' })).toEqual(['manuka', 'clover', 'kids']);
  });

  it('ranks exact words above completions, completions above nothing', () => {
    engine.upsert(doc('honeycomb', { name: { en: 'Honeycomb Frame', zh: '' }, createdAt: T0 + 9 * DAY }));
    const hits = ids({ text: 'honey' });
    expect(hits).toContain('honeycomb');
    expect(hits.indexOf('honeycomb')).toBeGreaterThan(hits.indexOf('manuka'));
    expect(ids({ text: 'honey ' })).not.toContain('honeycomb'); // a finished word does not complete
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

  it('upsert updates filters and facets', () => {
    engine.upsert({ ...(engine.get('clover') as SearchDoc), brand: 'Beeline', priceCny: 50_000 });
    expect(facet(engine.search({ category: ['honey'] }).facets.brand)).toEqual({ Comvita: 1, Beeline: 1 });
    expect(ids({ sort: 'price_desc', limit: 1 })).toEqual(['clover']);
  });

  it('is not affected by later changes to the caller’s object', () => {
    const mine = doc('mine', { name: { en: 'Lavender Soap', zh: '' } });
    engine.upsert(mine);
    mine.name.en = 'Rose Soap';
    expect(ids({ text: 'lavender' })).toEqual(['mine']);
    engine.remove('mine');
    expect(ids({ text: 'lavender' })).toEqual([]);
    expect(ids({ text: 'soap' })).toEqual([]);
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
