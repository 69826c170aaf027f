// The search engine over a small bilingual catalogue: Chinese, English, pinyin and typo
// matching, sorts, pagination, and index maintenance (upsert, remove, merchant visibility).
// Filters and facets are in engine-facets.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchDoc, SearchEngine, SearchQuery } from './engine.ts';
import { CATALOGUE, catalogueEngine, DAY, doc, facet, T0 } from './test-catalogue.ts';

let engine: SearchEngine;
beforeEach(() => {
  engine = catalogueEngine();
});

const ids = (q: SearchQuery) => engine.search(q).hits.map((h) => h.id);
const sortedIds = (q: SearchQuery) => ids({ limit: 100, ...q }).sort();

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
