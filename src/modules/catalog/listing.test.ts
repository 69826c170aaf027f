// The listing checks for China (PRODUCT.md "China CBEC retail import"; MOF/GAC/SAT 2018
// No. 49 §2: only goods on the positive list; infant formula needs its SAMR registration),
// run against the shipped positive list (cbec.ts, data/cbec-positive-list.json).
import { describe, expect, it } from 'vitest';
import { POSITIVE_LIST, validateSamrRegistration } from './cbec.ts';
import { type AnzListingCandidate, anzListingIssues, type ListingCandidate, listingIssues, listingMarketOf } from './rules.ts';
import { LISTING_RULES } from './service.ts';

const variant = { hsCode: '0409000000', taxClass: 'agricultural', netWeightG: 250, grossWeightG: 420 };
const listable: ListingCandidate = {
  merchantStatus: 'approved',
  text: {
    en: { name: 'Manuka Honey', description: 'Raw honey.' },
    'zh-Hans': { name: '麦卢卡蜂蜜', description: '天然蜂蜜。' },
  },
  samrRegistration: null,
  variants: [variant],
};
const codes = (c: ListingCandidate) => listingIssues(c, LISTING_RULES).map((i) => `${i.code} ${i.param}`);

describe('listingIssues', () => {
  it('a complete product of an approved merchant with a positive-list HS code has none', () => {
    expect(codes(listable)).toEqual([]);
  });

  it.each<[string, Partial<ListingCandidate>, string[]]>([
    ['merchant not approved', { merchantStatus: 'suspended' }, ['merchant_not_approved merchant']],
    ['no Chinese text', { text: { en: listable.text.en } }, ['missing_text text.zh-Hans.name', 'missing_text text.zh-Hans.description']],
    [
      'ingredients in English only',
      { text: { ...listable.text, en: { name: 'M', description: 'D', ingredients: 'Honey' } } },
      ['missing_text text.zh-Hans.ingredients'],
    ],
    ['no variants', { variants: [] }, ['no_variants variants']],
    [
      'medicaments, not on the list (3004.90.90)',
      { variants: [{ ...variant, hsCode: '3004909099' }] },
      ['not_on_positive_list variants.0.hs_code'],
    ],
    ['no HS code', { variants: [{ ...variant, hsCode: null }] }, ['missing_hs_code variants.0.hs_code']],
    ['no tax class', { variants: [{ ...variant, taxClass: null }] }, ['missing_tax_class variants.0.tax_class']],
    ['no gross weight', { variants: [{ ...variant, grossWeightG: null }] }, ['missing_weight variants.0.gross_weight_g']],
    [
      'infant formula (1901.10.10) without SAMR registration',
      { variants: [{ ...variant, hsCode: '1901101000' }] },
      ['missing_samr_registration samr_registration'],
    ],
    [
      'infant formula with its SAMR registration',
      { variants: [{ ...variant, hsCode: '1901101000' }], samrRegistration: '国食注字YP20180001' },
      [],
    ],
  ])('%s', (_what, change, want) => {
    expect(codes({ ...listable, ...change })).toEqual(want);
  });

  it('reports every problem at once, in a stable order', () => {
    const all = codes({
      ...listable,
      merchantStatus: 'applied',
      text: {},
      variants: [{ hsCode: '1901101000', taxClass: null, netWeightG: null, grossWeightG: null }],
    });
    expect(all).toEqual([
      'merchant_not_approved merchant',
      'missing_text text.en.name',
      'missing_text text.en.description',
      'missing_text text.zh-Hans.name',
      'missing_text text.zh-Hans.description',
      'missing_tax_class variants.0.tax_class',
      'missing_weight variants.0.gross_weight_g',
      'missing_samr_registration samr_registration',
    ]);
  });
});

describe('the positive list shipped as data', () => {
  it('names its source and covers the tariff lines of every merchant category', () => {
    expect(POSITIVE_LIST.source).toContain('2022 No. 7');
    const lines = new Set(POSITIVE_LIST.lines.map((l) => l.tariff_line));
    // honey, infant formula, supplements, skincare, wine, snacks, baby care
    for (const line of ['04090000', '19011010', '21069090', '33049900', '22042100', '19053100', '96190000']) expect(lines).toContain(line);
    for (const l of POSITIVE_LIST.lines) expect(l.tariff_line).toMatch(/^\d{8}$/);
  });

  it.each([
    ['国食注字YP20180001', true],
    ['国食注字 yp 2016 0012', true],
    ['YP20180001', false],
    ['国食注字YP2018001', false],
  ])('SAMR registration %s → %s', (input, ok) => {
    expect(validateSamrRegistration(input).ok).toBe(ok);
  });
});

// A seller in China lists for shoppers in Australia and New Zealand (PRODUCT.md: "shoppers in
// Australia and New Zealand … buy from Chinese sellers"). The CBEC import rules govern imports
// into China, so none of them apply; the AU/NZ side needs the goods classified (HS code, at least
// the 6-digit subheading) and weighed, and English text for shoppers who browse in English.
describe('anzListingIssues — sellers in China', () => {
  const anzVariant = { hsCode: '090210', netWeightG: 100, grossWeightG: null };
  const tea: AnzListingCandidate = {
    merchantStatus: 'approved',
    text: { en: { name: 'Longjing Green Tea', description: 'Spring-picked West Lake Longjing.' } },
    variants: [anzVariant],
  };
  const anz = (c: AnzListingCandidate) => anzListingIssues(c).map((i) => `${i.code} ${i.param}`);

  it('the market follows the merchant: CN merchants list for ANZ, AU and NZ merchants for China', () => {
    expect([listingMarketOf('CN'), listingMarketOf('AU'), listingMarketOf('NZ')]).toEqual(['ANZ', 'CN', 'CN']);
  });

  it('English text, an HS code and a weight are enough: no Chinese text, tax class, positive list or SAMR number', () => {
    expect(anz(tea)).toEqual([]);
    // The same product fails every CBEC check, which do not apply to it.
    expect(codes({ ...tea, samrRegistration: null, variants: [{ ...anzVariant, taxClass: null }] })).toContain(
      'not_on_positive_list variants.0.hs_code',
    );
  });

  it.each<[string, Partial<AnzListingCandidate>, string[]]>([
    ['merchant not approved', { merchantStatus: 'applied' }, ['merchant_not_approved merchant']],
    [
      'no English text',
      { text: { 'zh-Hans': { name: '西湖龙井', description: '明前龙井。' } } },
      ['missing_text text.en.name', 'missing_text text.en.description'],
    ],
    ['no variants', { variants: [] }, ['no_variants variants']],
    ['no HS code', { variants: [{ ...anzVariant, hsCode: null }] }, ['missing_hs_code variants.0.hs_code']],
    [
      'an HS code shorter than the 6-digit subheading',
      { variants: [{ ...anzVariant, hsCode: '0902' }] },
      ['missing_hs_code variants.0.hs_code'],
    ],
    ['neither net nor gross weight', { variants: [{ ...anzVariant, netWeightG: null }] }, ['missing_weight variants.0.net_weight_g']],
    ['gross weight alone', { variants: [{ ...anzVariant, netWeightG: null, grossWeightG: 180 }] }, []],
    ['a 10-digit China export code', { variants: [{ ...anzVariant, hsCode: '8504409999' }] }, []],
  ])('%s', (_what, change, want) => {
    expect(anz({ ...tea, ...change })).toEqual(want);
  });
});
