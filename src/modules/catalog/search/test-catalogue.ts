// The small bilingual catalogue the search engine tests run against: six products (honey,
// infant formula, supplements) differing in brand, price, age, origin, stock and merchant,
// and helpers to build more documents and read facets.
import { type SearchDoc, SearchEngine } from './engine.ts';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 1);

export function doc(id: string, over: Partial<SearchDoc> & Pick<SearchDoc, 'name'>): SearchDoc {
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
export const CATALOGUE: SearchDoc[] = [
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

/** A fresh engine holding the catalogue. */
export function catalogueEngine(): SearchEngine {
  const engine = new SearchEngine();
  for (const d of CATALOGUE) engine.upsert(d);
  return engine;
}

/** Facet values as `{ value: count }`. */
export const facet = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));
