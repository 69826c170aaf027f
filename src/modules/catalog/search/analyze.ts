// Text analysis for catalog search: turns bilingual (Simplified Chinese + English) product
// text and shopper queries into index terms. One analyser serves both sides so a query and
// a document always agree on what a term is.
//
// Term kinds share one key space, told apart by a leading character that Latin terms (only
// letters and digits) never start with:
//   `honei`, `900g`   Latin word (Porter stem) or number, as is
//   `奶粉`            a Chinese word (a segmented word, or a run of single-character segments)
//   `^奶粉`           a Chinese character bigram: found whatever the segmenter did with the text
//   `_茶`             a single Chinese character (title fields, and one-character runs)
//   `~naifen`         toneless pinyin of two adjacent characters or of a longer word (title fields)
import { pinyin } from 'pinyin-pro';
import { stemmer } from 'stemmer';

export const BIGRAM_PREFIX = '^';
export const UNIGRAM_PREFIX = '_';
export const PINYIN_PREFIX = '~';

export type TermKind = 'latin' | 'pinyin' | 'han' | 'bigram' | 'unigram';

/** Function words that carry no meaning in a product search. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from in into is it its of on or s the this that to with'.split(' '),
);

const SEGMENTER = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
/** Letters and digits outside ASCII and Han: the slow path of `charClass`. */
const OTHER_WORD_CHAR = /^[\p{L}\p{N}]/u;
const NEEDS_DIACRITIC_STRIP = /[\u00c0-\u024f\u1e00-\u1eff]|[\u0300-\u036f]/;
const LETTERS_ONLY = /^[a-z]+$/;
const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)[a-z]+$/;
/** Pinyin is built for whole words of this many characters or fewer; longer runs are rare and noisy. */
const MAX_PINYIN_CHARS = 12;
/** Memo tables are cleared when they reach this size, so a long-lived analyser stays bounded. */
const MEMO_LIMIT = 50_000;

/** NFKC (full-width → half-width), lower case, Latin diacritics removed (`Mānuka` → `manuka`). */
export function normalize(text: string): string {
  const s = text.normalize('NFKC').toLowerCase();
  if (!NEEDS_DIACRITIC_STRIP.test(s)) return s;
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

const NOT_WORD = 0;
const WORD = 1;
const HAN = 2;

function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    cp === 0x3005 ||
    cp === 0x3007
  );
}

/** What the character at `i` is: Han, another letter or digit, or a separator. */
function charClass(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? WORD : NOT_WORD;
  const cp = c >= 0xd800 && c <= 0xdbff ? (s.codePointAt(i) as number) : c;
  if (isHan(cp)) return HAN;
  return OTHER_WORD_CHAR.test(s.slice(i, i + (cp > 0xffff ? 2 : 1))) ? WORD : NOT_WORD;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Splits normalised text into Han runs and runs of other letters and digits (a decimal
 * point between digits stays inside: `2.5kg`). Appends to `tokens`, with `han` saying which
 * are Han runs; a hand-written scanner, several times faster than a Unicode regex here.
 */
export function tokenize(s: string, tokens: string[], han: boolean[]): void {
  let i = 0;
  const n = s.length;
  while (i < n) {
    const cls = charClass(s, i);
    if (cls === NOT_WORD) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const step = s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff ? 2 : 1;
      if (charClass(s, i) !== cls) {
        const decimal = cls === WORD && s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1));
        if (!decimal) break;
      }
      i += step;
    }
    tokens.push(s.slice(start, i));
    han.push(cls === HAN);
  }
}

/** Whether normalised text ends inside a word (a query still being typed). */
function endsInWord(s: string): boolean {
  return s.length > 0 && charClass(s, s.length - 1) === WORD;
}

/** Toneless Mandarin syllables (ü written v as on a keyboard, and u as pinyin-pro strips it). */
const PINYIN_SYLLABLES: ReadonlySet<string> = new Set(
  `a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang
  chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de
  dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan
  gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan
  huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua
  kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun luo
  lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang
  niao nie nin ning niu nong nou nu nuan nue nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi
  qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san
  sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su
  suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo
  wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai
  zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
  zi zong zou zu zuan zui zun zuo`.split(/\s+/),
);

/** `nüer` is typed `nuer` or `nver`: both spellings are indexed. */
function pinyinSpellings(key: string): string[] {
  return key.includes('ü') ? [key.replace(/ü/g, 'u'), key.replace(/ü/g, 'v')] : [key];
}

/**
 * Splits toneless pinyin typed without spaces into syllables, the fewest possible
 * (`yishengjun` → yi/sheng/jun, `xian` → xian), or null when it is not pinyin.
 */
export function splitPinyin(word: string): string[] | null {
  const n = word.length;
  if (n === 0 || n > 60) return null;
  // best[i]: fewest syllables covering word[0..i), with the start of the last one.
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === Number.POSITIVE_INFINITY) continue;
    for (let len = 1; len <= 6 && i + len <= n; len++) {
      if (!PINYIN_SYLLABLES.has(word.slice(i, i + len))) continue;
      if ((best[i] as number) + 1 < (best[i + len] as number)) {
        best[i + len] = (best[i] as number) + 1;
        from[i + len] = i;
      }
    }
  }
  if (best[n] === Number.POSITIVE_INFINITY) return null;
  const out: string[] = [];
  for (let end = n; end > 0; end = from[end] as number) out.push(word.slice(from[end] as number, end));
  return out.reverse();
}

export function termKind(term: string): TermKind {
  switch (term[0]) {
    case PINYIN_PREFIX:
      return 'pinyin';
    case BIGRAM_PREFIX:
      return 'bigram';
    case UNIGRAM_PREFIX:
      return 'unigram';
  }
  return isHan(term.codePointAt(0) ?? 0) ? 'han' : 'latin';
}

/**
 * Segments a Han run into words, merging consecutive single-character segments into one
 * chunk: the segmenter splits transliterated brand names character by character
 * (麦卢卡 → 麦/卢/卡, 康维他 → 康/维/他), and the merged chunk is the useful unit.
 */
export function hanChunks(run: string): string[] {
  const chunks: string[] = [];
  let singles = '';
  for (const { segment } of SEGMENTER.segment(run)) {
    if (segment.length === 1 || (segment.length === 2 && segment.codePointAt(0) !== segment.charCodeAt(0))) {
      singles += segment;
      continue;
    }
    if (singles) chunks.push(singles);
    singles = '';
    chunks.push(segment);
  }
  if (singles) chunks.push(singles);
  return chunks;
}

export interface FieldOptions {
  /** Index the pinyin of Chinese words (title fields: name, brand, category). */
  pinyin: boolean;
  /** Index every Chinese character on its own, so a one-character query (茶) finds 绿茶. */
  unigrams: boolean;
}

export interface LatinQueryToken {
  /** Normalised as typed: looked up as pinyin, and as the prefix of a word being typed. */
  raw: string;
  /** Porter stem: looked up as a Latin term. */
  stem: string;
  /** The last token of a query that does not end in a space may be an unfinished word. */
  prefix: boolean;
}

export interface AnalyzedQuery {
  latin: LatinQueryToken[];
  /** Required Chinese terms, each a list of alternatives (a document needs one of each list). */
  han: string[][];
  /** Optional Chinese terms that raise the score: whole words and bigrams across word boundaries. */
  hanBonus: string[];
}

/**
 * Holds the memo tables (stems, pinyin) that make indexing 100k documents affordable; the
 * results never depend on what is memoised, so one document always analyses the same way.
 */
export class TextAnalyzer {
  private readonly stems = new Map<string, string>();
  private readonly pinyins = new Map<string, string[]>();
  private readonly chunks = new Map<string, string[]>();
  private readonly tokens: string[] = [];
  private readonly tokenIsHan: boolean[] = [];

  stem(word: string): string {
    let s = this.stems.get(word);
    if (s === undefined) {
      if (this.stems.size >= MEMO_LIMIT) this.stems.clear();
      s = LETTERS_ONLY.test(word) ? stemmer(word) : word;
      this.stems.set(word, s);
    }
    return s;
  }

  /** `hanChunks`, memoised: segmenting costs ~10 µs a call, and catalogue text repeats its phrases. */
  chunksOf(run: string): string[] {
    let c = this.chunks.get(run);
    if (c === undefined) {
      if (this.chunks.size >= MEMO_LIMIT) this.chunks.clear();
      c = hanChunks(run);
      this.chunks.set(run, c);
    }
    return c;
  }

  /**
   * Toneless pinyin syllables of a Han run, one per character, read in context (pinyin-pro
   * resolves most polyphones from their neighbours); `ü` is kept for `pinyinSpellings`.
   */
  syllablesOf(run: string): string[] {
    let p = this.pinyins.get(run);
    if (p === undefined) {
      if (this.pinyins.size >= MEMO_LIMIT) this.pinyins.clear();
      const chars = Array.from(run);
      let syllables = pinyin(run, { toneType: 'none', type: 'array' });
      if (syllables.length !== chars.length) syllables = chars.map((c) => pinyin(c, { toneType: 'none', type: 'array' })[0] ?? '');
      p = syllables.map((x) => x.toLowerCase().replace(/[^a-zü]/g, ''));
      this.pinyins.set(run, p);
    }
    return p;
  }

  /**
   * Appends the terms of one field's text to `terms` (repeats kept: they are term
   * frequencies) and, in `surfaces`, the word each Latin term came from (for "did you
   * mean"; '' for other kinds). Returns the field length in words.
   */
  analyzeField(text: string, options: FieldOptions, terms: string[], surfaces: string[]): number {
    const tokens = this.tokens;
    const han = this.tokenIsHan;
    tokens.length = 0;
    han.length = 0;
    tokenize(normalize(text), tokens, han);
    let length = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (han[i]) {
        length += this.addHanRun(token, options, terms, surfaces);
        continue;
      }
      if (STOP_WORDS.has(token)) continue;
      length++;
      terms.push(this.stem(token));
      surfaces.push(token);
      if (isDigit(token.charCodeAt(0))) {
        const unit = NUMBER_WITH_UNIT.exec(token);
        if (unit) {
          terms.push(unit[1] as string);
          surfaces.push(unit[1] as string);
        }
      }
    }
    return length;
  }

  private addHanRun(run: string, options: FieldOptions, terms: string[], surfaces: string[]): number {
    const chars = Array.from(run);
    if (chars.length === 1 || options.unigrams) {
      for (const c of chars) {
        terms.push(UNIGRAM_PREFIX + c);
        surfaces.push('');
      }
    }
    for (let i = 0; i + 1 < chars.length; i++) {
      terms.push(BIGRAM_PREFIX + chars[i] + chars[i + 1]);
      surfaces.push('');
    }
    if (chars.length === 1) return 1;
    const chunks = this.chunksOf(run);
    for (const chunk of chunks) {
      if (chunk.length === 1 || (chunk.length === 2 && chunk.codePointAt(0) !== chunk.charCodeAt(0))) continue;
      terms.push(chunk);
      surfaces.push('');
    }
    if (options.pinyin) this.addPinyin(chars, chunks, terms, surfaces);
    return chunks.length;
  }

  /**
   * Pinyin of a title run: each word of three or more characters (麦卢卡 → mailuka) and each
   * pair of adjacent characters (so 鱼油 is `yuyou` even where the segmenter split 深海鱼/油).
   * Longer pinyin queries are split into syllables and matched as consecutive pairs
   * (yingerpeifangnaifen → yinger + erpei + …), the pinyin counterpart of Chinese bigrams.
   */
  private addPinyin(chars: string[], chunks: string[], terms: string[], surfaces: string[]): void {
    const syllables = this.syllablesOf(chars.join(''));
    const push = (key: string) => {
      if (!key) return;
      for (const spelling of pinyinSpellings(key)) {
        terms.push(PINYIN_PREFIX + spelling);
        surfaces.push(spelling);
      }
    };
    let at = 0;
    for (const chunk of chunks) {
      const n = Array.from(chunk).length;
      if (n > 2 && n <= MAX_PINYIN_CHARS) push(syllables.slice(at, at + n).join(''));
      at += n;
    }
    for (let i = 0; i + 1 < syllables.length; i++) push((syllables[i] as string) + syllables[i + 1]);
  }

  /**
   * Analyses a shopper's query. Latin tokens are left for the engine to resolve against its
   * vocabulary (stem, pinyin, prefix, typos). A Chinese run is segmented into chunks; each
   * chunk must be present as all of its bigrams (so 奶粉 finds 婴儿配方奶粉 and 澳洲奶粉 finds
   * 澳洲进口奶粉), a lone character is tied to its neighbour as a bigram (羊/奶粉 needs 羊奶),
   * and the chunks themselves plus the bigrams between them only add to the score.
   */
  analyzeQuery(text: string): AnalyzedQuery {
    const normalized = normalize(text);
    const latin: LatinQueryToken[] = [];
    const han: string[][] = [];
    const hanBonus: string[] = [];
    const required = new Set<string>();
    const bonus = new Set<string>();
    const require = (alternatives: string[]) => {
      const key = alternatives.join('|');
      if (required.has(key)) return;
      required.add(key);
      han.push(alternatives);
    };
    const addBonus = (term: string) => {
      if (bonus.has(term)) return;
      bonus.add(term);
      hanBonus.push(term);
    };
    const tokens: string[] = [];
    const isHanRun: boolean[] = [];
    tokenize(normalized, tokens, isHanRun);
    for (let i = 0; i < tokens.length; i++) {
      const run = tokens[i] as string;
      if (!isHanRun[i]) {
        if (STOP_WORDS.has(run)) continue;
        // The last word of a query that does not end in a separator may be unfinished.
        latin.push({ raw: run, stem: this.stem(run), prefix: i === tokens.length - 1 && endsInWord(normalized) });
        continue;
      }
      const chars = Array.from(run);
      if (chars.length === 1) {
        require([UNIGRAM_PREFIX + run]);
        continue;
      }
      const chunks = this.chunksOf(run).map((c) => Array.from(c));
      for (let c = 0; c < chunks.length; c++) {
        const chunk = chunks[c] as string[];
        if (chunk.length === 1) {
          const next = chunks[c + 1];
          const prev = chunks[c - 1];
          if (next) require([BIGRAM_PREFIX + chunk[0] + next[0]]);
          else if (prev) require([BIGRAM_PREFIX + prev[prev.length - 1] + chunk[0]]);
          continue;
        }
        for (let j = 0; j + 1 < chunk.length; j++) require([BIGRAM_PREFIX + chunk[j] + chunk[j + 1]]);
        addBonus(chunk.join(''));
        const next = chunks[c + 1];
        if (next && next.length > 1) addBonus(BIGRAM_PREFIX + chunk[chunk.length - 1] + next[0]);
      }
    }
    return { latin, han, hanBonus };
  }
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: adjacent transpositions count
 * as one edit), computed only as far as `max`: returns `max + 1` as soon as the distance
 * is known to exceed it. Works on UTF-16 units, which is exact for the Latin and pinyin
 * terms it is used on.
 */
export function editDistance(a: string, b: string, max: number, scratch?: Int32Array): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  // Three rows in one array (offsets rotate); a caller looping over many words passes
  // `scratch` (≥ 3 × (b.length + 1)) to spare the allocation.
  const w = lb + 1;
  const rows = scratch && scratch.length >= 3 * w ? scratch : new Int32Array(3 * w);
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= lb; j++) rows[prev + j] = j;
  for (let i = 1; i <= la; i++) {
    rows[cur] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(
        (rows[prev + j] as number) + 1,
        (rows[cur + j - 1] as number) + 1,
        (rows[prev + j - 1] as number) + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, (rows[prev2 + j - 2] as number) + 1);
      rows[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = rows[prev + lb] as number;
  return d > max ? max + 1 : d;
}
