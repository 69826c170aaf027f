// Text analysis for catalog search: normalisation, tokens, Chinese bigrams and words,
// pinyin, stemming, query plans, pinyin splitting and the bounded edit distance.
import { describe, expect, it } from 'vitest';
import {
  BIGRAM_PREFIX,
  editDistance,
  hanChunks,
  normalize,
  PINYIN_PREFIX,
  splitPinyin,
  TextAnalyzer,
  termKind,
  tokenize,
  UNIGRAM_PREFIX,
} from './analyze.ts';

const analyzer = new TextAnalyzer();
const title = { pinyin: true, unigrams: true };
const body = { pinyin: false, unigrams: false };

function fieldTerms(text: string, options = title): string[] {
  const terms: string[] = [];
  analyzer.analyzeField(text, options, terms, []);
  return terms;
}

describe('normalize', () => {
  it.each([
    ['Mānuka Honey', 'manuka honey'],
    ['ＡＢＣ１２３', 'abc123'], // full-width → half-width (NFKC)
    ['Crème Brûlée', 'creme brulee'],
    ['蜂蜜　500ｇ', '蜂蜜 500g'], // ideographic space and full-width letters
    ['KŌWHAI', 'kowhai'],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  it.each([
    ['comvita 麦卢卡蜂蜜 500g', ['comvita', '麦卢卡蜂蜜', '500g'], [false, true, false]],
    ['a2奶粉', ['a2', '奶粉'], [false, true]],
    ['2.5kg, 维生素c片', ['2.5kg', '维生素', 'c', '片'], [false, true, false, true]],
    ["bellamy's organic", ['bellamy', 's', 'organic'], [false, false, false]],
    ['！！！', [], []],
  ])('%s', (input, tokens, han) => {
    const out: string[] = [];
    const isHan: boolean[] = [];
    tokenize(input, out, isHan);
    expect(out).toEqual(tokens);
    expect(isHan).toEqual(han);
  });
});

describe('termKind', () => {
  it.each([
    ['honei', 'latin'],
    ['900g', 'latin'],
    ['奶粉', 'han'],
    [`${BIGRAM_PREFIX}奶粉`, 'bigram'],
    [`${UNIGRAM_PREFIX}茶`, 'unigram'],
    [`${PINYIN_PREFIX}naifen`, 'pinyin'],
  ])('%s is %s', (term, kind) => {
    expect(termKind(term)).toBe(kind);
  });
});

describe('analyzeField', () => {
  it('stems English words and drops stop words', () => {
    expect(fieldTerms('The Vitamins for Kids', body)).toEqual(['vitamin', 'kid']);
    expect(fieldTerms('vitamin', body)).toEqual(fieldTerms('vitamins', body));
  });

  it('keeps numbers with units, and the number alone', () => {
    expect(fieldTerms('900g tin', body)).toEqual(['900g', '900', 'tin']);
    expect(fieldTerms('2.5kg', body)).toEqual(['2.5kg', '2.5']);
  });

  it('indexes every bigram of a Han run, whatever the segmentation', () => {
    const terms = fieldTerms('婴儿配方奶粉', body);
    for (const bigram of ['婴儿', '儿配', '配方', '方奶', '奶粉']) expect(terms).toContain(BIGRAM_PREFIX + bigram);
    expect(terms).toContain('奶粉'); // a segmented word
    expect(terms.some((t) => t.startsWith(UNIGRAM_PREFIX))).toBe(false); // body fields: no single characters
    expect(terms.some((t) => t.startsWith(PINYIN_PREFIX))).toBe(false); // body fields: no pinyin
  });

  it('indexes single characters and pinyin in title fields', () => {
    const terms = fieldTerms('婴儿配方奶粉');
    expect(terms).toContain(`${UNIGRAM_PREFIX}奶`);
    for (const p of ['yinger', 'peifang', 'naifen', 'fangnai']) expect(terms).toContain(PINYIN_PREFIX + p);
  });

  it('merges single-character segments of transliterated names into one word', () => {
    expect(hanChunks('麦卢卡蜂蜜')).toEqual(['麦卢卡', '蜂蜜']);
    const terms = fieldTerms('麦卢卡蜂蜜');
    expect(terms).toContain('麦卢卡');
    expect(terms).toContain(`${PINYIN_PREFIX}mailuka`);
  });

  it('spells ü both ways in pinyin', () => {
    const terms = fieldTerms('女儿红');
    expect(terms).toContain(`${PINYIN_PREFIX}nuer`);
    expect(terms).toContain(`${PINYIN_PREFIX}nver`);
  });

  it('indexes a one-character run on its own', () => {
    expect(fieldTerms('维生素C 片', body)).toContain(`${UNIGRAM_PREFIX}片`);
  });

  it('returns the field length in words', () => {
    expect(analyzer.analyzeField('Manuka Honey 婴儿配方奶粉', body, [], [])).toBe(5);
  });

  it('reports the surface word of Latin terms for "did you mean"', () => {
    const terms: string[] = [];
    const surfaces: string[] = [];
    analyzer.analyzeField('Honey 蜂蜜', body, terms, surfaces);
    expect(surfaces[terms.indexOf('honei')]).toBe('honey');
    expect(surfaces[terms.indexOf(`${BIGRAM_PREFIX}蜂蜜`)]).toBe('');
  });
});

describe('analyzeQuery', () => {
  it('requires the bigrams of each Chinese word, and scores the words themselves', () => {
    expect(analyzer.analyzeQuery('奶粉')).toEqual({ latin: [], han: [[`${BIGRAM_PREFIX}奶粉`]], hanBonus: ['奶粉'] });
  });

  it('does not require bigrams across word boundaries (澳洲奶粉 finds 澳洲进口奶粉)', () => {
    const q = analyzer.analyzeQuery('澳洲奶粉');
    expect(q.han).toEqual([[`${BIGRAM_PREFIX}澳洲`], [`${BIGRAM_PREFIX}奶粉`]]);
    expect(q.hanBonus).toContain(`${BIGRAM_PREFIX}洲奶`);
  });

  it('ties a lone character to its neighbour', () => {
    expect(analyzer.analyzeQuery('羊奶粉').han).toEqual([[`${BIGRAM_PREFIX}羊奶`], [`${BIGRAM_PREFIX}奶粉`]]);
  });

  it('looks a one-character query up as a single character', () => {
    expect(analyzer.analyzeQuery('茶').han).toEqual([[`${UNIGRAM_PREFIX}茶`]]);
  });

  it.each([
    ['manuka hony', [false, true]],
    ['manuka hony ', [false, false]],
    ['manu', [true]],
    ['honey 蜂蜜', [false]],
  ])('marks only an unfinished last word as a prefix: %j', (text, prefixes) => {
    expect(analyzer.analyzeQuery(text).latin.map((t) => t.prefix)).toEqual(prefixes);
  });

  it('keeps the raw word for pinyin and the stem for English', () => {
    expect(analyzer.analyzeQuery('Vitamins naifen').latin).toEqual([
      { raw: 'vitamins', stem: 'vitamin', prefix: false },
      { raw: 'naifen', stem: 'naifen', prefix: true },
    ]);
  });

  it('drops stop words', () => {
    expect(analyzer.analyzeQuery('the honey for kids').latin.map((t) => t.raw)).toEqual(['honey', 'kids']);
  });
});

describe('splitPinyin', () => {
  it.each([
    ['naifen', ['nai', 'fen']],
    ['yishengjun', ['yi', 'sheng', 'jun']],
    ['xian', ['xian']],
    ['yingerpeifangnaifen', ['ying', 'er', 'pei', 'fang', 'nai', 'fen']],
    ['nver', ['nv', 'er']],
    ['honey', null],
    ['vitamin', null],
  ])('%s → %j', (word, syllables) => {
    expect(splitPinyin(word)).toEqual(syllables);
  });
});

describe('editDistance', () => {
  it.each([
    ['honey', 'honey', 2, 0],
    ['hony', 'honey', 2, 1], // deletion
    ['honeey', 'honey', 2, 1], // insertion
    ['hanoy', 'honey', 2, 2], // two substitutions
    ['hoeny', 'honey', 2, 1], // adjacent transposition counts once
    ['vitamn', 'vitamin', 1, 1],
    ['formla', 'formula', 1, 1],
    ['honey', 'money', 1, 1],
    ['abcdef', 'fedcba', 2, 3], // beyond the bound: max + 1
    ['a', 'abcd', 2, 3],
    ['', 'ab', 2, 2],
  ])('%s ↔ %s (max %i) = %i', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
    expect(editDistance(b, a, max, new Int32Array(64))).toBe(expected);
  });
});
