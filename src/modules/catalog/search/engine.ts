// In-memory bilingual product search for the storefront: full-text (Chinese, English,
// pinyin, typos, search-as-you-type), filters, disjunctive facets and sorts over the whole
// catalogue in a few milliseconds. Pure data structure: the catalog service feeds it
// documents and keeps it current; nothing here does I/O.
//
// Layout, chosen for speed at 100k+ documents: documents get small integer numbers; each
// term's postings are one sorted Int32Array packing `docNo << 8 | impact`, where impact is
// the term's BM25F-style weight in that document quantised to a byte (like Lucene norms).
// Queries intersect the required term groups smallest first, over stamped scratch arrays
// sized to the corpus, so the hot loops allocate nothing per posting.
import { type AnalyzedQuery, editDistance, type LatinQueryToken, PINYIN_PREFIX, splitPinyin, TextAnalyzer, termKind } from './analyze.ts';

export type ShipsFrom = 'bonded' | 'overseas';

export interface SearchDoc {
  id: string;
  merchantId: string;
  name: { en: string; zh: string };
  brand: string;
  category: string;
  categoryLabels: string[];
  description: { en: string; zh: string };
  countryOfOrigin: string;
  shipsFrom: ShipsFrom[];
  /** Integer fen: the lowest variant price. */
  priceCny: number;
  /** Epoch ms. */
  createdAt: number;
}

export interface SearchQuery {
  text?: string;
  category?: string[];
  brand?: string[];
  countryOfOrigin?: string[];
  shipsFrom?: ShipsFrom;
  /** Fen, inclusive. */
  priceMin?: number;
  priceMax?: number;
  sort?: 'relevance' | 'price_asc' | 'price_desc' | 'newest';
  limit?: number;
  offset?: number;
  /** Most values returned per facet (selected values are always included); default 50. */
  facetLimit?: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface PriceBucket {
  /** Fen, inclusive. */
  from: number;
  /** Fen, exclusive; null for the open-ended top bucket. */
  to: number | null;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: { id: string; score: number }[];
  facets: {
    category: FacetValue[];
    brand: FacetValue[];
    countryOfOrigin: FacetValue[];
    shipsFrom: FacetValue[];
    price: { min: number | null; max: number | null; buckets: PriceBucket[] };
  };
  /** What the query was understood as, e.g. corrected terms, for "did you mean". */
  corrections: { from: string; to: string }[];
}

/** Price facet ranges in fen: under ¥100, ¥100–200, ¥200–500, ¥500–1000, ¥1000 and up. */
export const PRICE_BUCKET_BOUNDS = [0, 10_000, 20_000, 50_000, 100_000] as const;

const FIELDS = 4; // name, brand, category, description
const FIELD_WEIGHT = [4, 3, 2, 1] as const;
/** Typical field lengths in words, for BM25 length normalisation (fixed, so impacts never go stale). */
const FIELD_AVG_LEN = [12, 2, 4, 40] as const;
const TITLE_FIELD = { pinyin: true, unigrams: true };
const BODY_FIELD = { pinyin: false, unigrams: false };
const K1 = 1.2;
const B = 0.6;
/** Largest possible impact (every field saturated), the top of the byte scale. */
const MAX_IMPACT = FIELD_WEIGHT.reduce((s, w) => s + w * (K1 + 1), 0);
const MAX_DOCS = 1 << 23;
/** Alternative weights: an exact term outranks a completed prefix, which outranks a typo. */
const W_EXACT = 1;
const W_PREFIX = 0.6;
const W_TYPO = [1, 0.45, 0.3] as const;
/** Optional terms: a whole Chinese or pinyin word, a bigram across Chinese words. */
const W_BONUS = 0.5;
/** Completions and corrections other than the likeliest one. */
const W_LESS_LIKELY = 0.6;
const MAX_PREFIX_EXPANSIONS = 40;
/** Completions looked at before the most frequent are kept: bounds a short prefix's cost. */
const MAX_PREFIX_SCAN = 2000;
const MAX_QUERY_GROUPS = 32;
const MAX_TYPO_LEN = 24;
const SHIPS_BIT: Record<ShipsFrom, number> = { bonded: 1, overseas: 2 };
const SORTS = { relevance: 0, price_asc: 1, price_desc: 2, newest: 3 } as const;
type SortMode = (typeof SORTS)[keyof typeof SORTS];

/** A required query term: a document must hold at least one of `terms`. */
interface Group {
  terms: number[];
  weights: number[];
  size: number;
}

/** One query's filters and facet tallies, in one fixed shape so the scan loop stays monomorphic. */
interface Tally {
  /** Per facet signature, which of the category, country and ships-from filters it fails. */
  signatureFail: Uint8Array;
  /** Selected brands by brand number; empty when brands are not filtered. */
  brandSel: Uint8Array;
  shipsSel: number;
  priceFiltered: boolean;
  priceMin: number;
  priceMax: number;
  total: number;
  /** SLOTS counters per signature: documents failing no filter, then failing only category, country, ships, price. */
  signatureCount: Int32Array;
  brandCount: Int32Array;
  /** Over the documents that pass every filter but price. */
  priceLo: number;
  priceHi: number;
}

const FAIL_CATEGORY = 1;
const FAIL_BRAND = 2;
const FAIL_COUNTRY = 4;
const FAIL_SHIPS = 8;
const FAIL_PRICE = 16;
const SLOT_CATEGORY = 1;
const SLOT_COUNTRY = 2;
const SLOT_SHIPS = 3;
const SLOT_PRICE = 4;
const SLOTS = 5;
/** The signature slot of a document failing exactly one filter; 0 for any other failure. */
const SLOT_OF_FAIL = Uint8Array.from({ length: 32 }, (_, fail) =>
  fail === FAIL_CATEGORY
    ? SLOT_CATEGORY
    : fail === FAIL_COUNTRY
      ? SLOT_COUNTRY
      : fail === FAIL_SHIPS
        ? SLOT_SHIPS
        : fail === FAIL_PRICE
          ? SLOT_PRICE
          : 0,
);

/** Strings ↔ small integers for facet values and merchants. */
class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The set of characters in a word folded to 32 bits: k edits change at most 2k bits, a cheap typo pre-filter. */
function charMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + ((c - 48) % 6) : c % 32);
  }
  return m;
}

function growInt32(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2, 16));
  b.set(a);
  return b;
}

/** A whole number in [0, max] from an optional query parameter. */
function wholeNumber(value: number | undefined, fallback: number, max: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.max(0, Math.min(max, Math.floor(value)));
}

function maxTypos(word: string): number {
  if (/^\d+$/.test(word)) return 0;
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

export class SearchEngine {
  private readonly analyzer = new TextAnalyzer();
  // Documents, by number.
  private docs: (SearchDoc | undefined)[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly freeNumbers: number[] = [];
  private live = 0;
  private alive = new Uint8Array(0);
  private docMerchant = new Int32Array(0);
  private docBrand = new Int32Array(0);
  private docSignature = new Int32Array(0);
  private docPrice = new Float64Array(0);
  private docCreated = new Float64Array(0);
  /**
   * Facet signatures: each distinct (category, country, ships-from, price bucket) a document
   * can have gets a number, so the scan counts one signature per document instead of four
   * facets, and works the facets out from the few signatures afterwards.
   */
  private readonly signatures = new Map<number, number>();
  private readonly sigCategory: number[] = [];
  private readonly sigCountry: number[] = [];
  private readonly sigShips: number[] = [];
  private readonly sigBucket: number[] = [];
  private readonly merchants = new Interner();
  private merchantVisible = new Uint8Array(16);
  private readonly categories = new Interner();
  private readonly brands = new Interner();
  private readonly countries = new Interner();
  // Terms and postings, by term number.
  private readonly termIds = new Map<string, number>();
  private readonly termKeys: string[] = [];
  private readonly termSurface: string[] = [];
  /** The word a Latin or pinyin term is looked up by (without the pinyin prefix); '' for Chinese terms. */
  private readonly vocabKey: string[] = [];
  private readonly postings: Int32Array[] = [];
  private readonly df: number[] = [];
  // Latin and pinyin vocabulary for prefixes (bucketed by first characters) and typos (by length).
  private readonly prefixBuckets = new Map<string, string[]>();
  private readonly typoMasks: Uint32Array[] = [];
  private readonly typoIds: Int32Array[] = [];
  private readonly typoCount: number[] = [];
  // Per-query scratch, sized to the document capacity.
  private mark = new Int32Array(0);
  private stamp = 0;
  private finalMark = 0;
  private useScore = false;
  private score = new Float64Array(0);
  private groupScore = new Float64Array(0);
  private cand = new Int32Array(0);
  private heap = new Int32Array(0);
  private heapSize = 0;
  private readonly editRows = new Int32Array(3 * (MAX_TYPO_LEN + 1));
  private sortMode: SortMode = SORTS.relevance;
  // Indexing scratch.
  private readonly fieldTerms: string[] = [];
  private readonly fieldSurfaces: string[] = [];
  private readonly docTerms: number[] = [];
  private docTf = new Uint8Array(1024);
  private readonly fieldLen = [0, 0, 0, 0];

  get size(): number {
    return this.live;
  }

  get vocabularySize(): number {
    return this.termKeys.length;
  }

  get(id: string): SearchDoc | undefined {
    const n = this.numbers.get(id);
    return n === undefined ? undefined : this.docs[n];
  }

  upsert(doc: SearchDoc): void {
    let n = this.numbers.get(doc.id);
    const old = n === undefined ? undefined : this.docs[n];
    // Same searchable text (a periodic full re-sync, a price or stock change): keep the postings.
    const reindex = !old || !sameText(old, doc);
    if (n !== undefined) {
      if (reindex) this.unindex(n);
    } else {
      n = this.freeNumbers.pop() ?? this.docs.length;
      if (n >= MAX_DOCS) throw new Error(`search index is full (${MAX_DOCS} documents)`);
      this.numbers.set(doc.id, n);
      this.live++;
      this.ensureDocCapacity(n + 1);
    }
    // A frozen copy: the postings must be derivable again from exactly what was indexed,
    // whatever the caller later does with its object or with what `get` returns.
    const stored: SearchDoc = Object.freeze({
      ...doc,
      name: Object.freeze({ ...doc.name }),
      description: Object.freeze({ ...doc.description }),
      categoryLabels: Object.freeze([...doc.categoryLabels]) as string[],
      shipsFrom: Object.freeze([...doc.shipsFrom]) as ShipsFrom[],
    });
    this.docs[n] = stored;
    this.alive[n] = 1;
    this.docMerchant[n] = this.merchantNumber(stored.merchantId);
    this.docBrand[n] = this.brands.intern(stored.brand);
    this.docPrice[n] = stored.priceCny;
    let bucket = PRICE_BUCKET_BOUNDS.length - 1;
    while (bucket > 0 && stored.priceCny < (PRICE_BUCKET_BOUNDS[bucket] as number)) bucket--;
    this.docSignature[n] = this.signature(
      this.categories.intern(stored.category),
      this.countries.intern(stored.countryOfOrigin.toUpperCase()),
      stored.shipsFrom.reduce((m, s) => m | SHIPS_BIT[s], 0),
      bucket,
    );
    this.docCreated[n] = stored.createdAt;
    if (reindex) this.index(n, stored);
  }

  remove(id: string): void {
    const n = this.numbers.get(id);
    if (n === undefined) return;
    this.unindex(n);
    this.numbers.delete(id);
    this.docs[n] = undefined;
    this.alive[n] = 0;
    this.freeNumbers.push(n);
    this.live--;
  }

  /** Hides or shows a merchant's products at once: checked per query, so nothing is re-indexed. */
  setMerchantVisible(merchantId: string, visible: boolean): void {
    this.merchantVisible[this.merchantNumber(merchantId)] = visible ? 1 : 0;
  }

  search(q: SearchQuery): SearchResult {
    const limit = wholeNumber(q.limit, 20, 1000);
    const offset = wholeNumber(q.offset, 0, Number.MAX_SAFE_INTEGER);
    const corrections: { from: string; to: string }[] = [];
    const analyzed = q.text ? this.analyzer.analyzeQuery(q.text.slice(0, 256)) : undefined;
    const hasText = analyzed !== undefined && analyzed.latin.length + analyzed.han.length > 0;
    let count = -1; // -1: every document is a candidate
    if (analyzed && hasText) count = this.match(analyzed, corrections);
    this.sortMode = SORTS[q.sort ?? (hasText ? 'relevance' : 'newest')] ?? SORTS.relevance;
    this.useScore = hasText;
    const tally = this.newTally(q);
    // Ranked documents to keep: none when the page is past the end.
    const k = offset >= this.live ? 0 : Math.min(offset + limit, this.live);
    this.heapSize = 0;
    if (this.heap.length < k) this.heap = new Int32Array(k);
    this.scan(tally, count, k);
    return this.result(q, tally, offset, corrections);
  }

  // --- matching -----------------------------------------------------------------------------

  /** Fills `cand` with the documents holding every required group and `score` with their scores. */
  private match(query: AnalyzedQuery, corrections: { from: string; to: string }[]): number {
    const groups: Group[] = [];
    const bonus: number[] = [];
    for (const token of query.latin) groups.push(...this.latinGroups(token, corrections, bonus));
    for (const alternatives of query.han) {
      const g: Group = { terms: [], weights: [], size: 0 };
      for (const key of alternatives) this.addAlternative(g, this.termIds.get(key), W_EXACT);
      groups.push(g);
    }
    if (groups.length > MAX_QUERY_GROUPS) groups.length = MAX_QUERY_GROUPS;
    if (groups.some((g) => g.size === 0)) return 0;
    groups.sort((a, b) => a.size - b.size);
    const n = this.intersect(groups);
    const final = this.finalMark;
    for (const key of query.hanBonus) {
      const t = this.termIds.get(key);
      if (t !== undefined) bonus.push(t);
    }
    for (const t of bonus) if (this.df[t]) this.addScore(t, W_BONUS * this.idf(t), final, n);
    return n;
  }

  /** Adds term `t` as an alternative of `g`, weighted by `weight` and (by default) its own idf. */
  private addAlternative(g: Group, t: number | undefined, weight: number, idf?: number): void {
    if (t === undefined || !this.df[t] || g.terms.includes(t)) return;
    g.terms.push(t);
    g.weights.push(weight * (idf ?? this.idf(t)));
    g.size += this.df[t] as number;
  }

  /**
   * Completions or corrections of a typed word, likeliest first. All share the likeliest
   * one's idf, so a rare word one edit away cannot outrank the word the shopper meant; the
   * likeliest also gets full weight.
   */
  private addGuesses(g: Group, terms: number[], weights: number[]): void {
    const idf = terms.length > 0 ? this.idf(terms[0] as number) : 0;
    for (let i = 0; i < terms.length; i++) this.addAlternative(g, terms[i], (weights[i] as number) * (i === 0 ? 1 : W_LESS_LIKELY), idf);
  }

  /**
   * A Latin-script query word: its stem, its pinyin reading, completions when it may be
   * unfinished. Pinyin of three syllables or more that is not an English word is matched as
   * its consecutive syllable pairs, one group each (yangnaifen → yangnai + naifen: found
   * however the segmenter cut the Chinese), the whole word only adding to the score. An
   * unknown word falls back to its typo neighbours; an unfinished one-letter word is ignored.
   */
  private latinGroups(token: LatinQueryToken, corrections: { from: string; to: string }[], bonus: number[]): Group[] {
    const { raw, stem } = token;
    const g: Group = { terms: [], weights: [], size: 0 };
    this.addAlternative(g, this.termIds.get(stem), W_EXACT);
    const english = g.terms.length > 0;
    const reading = this.termIds.get(PINYIN_PREFIX + raw);
    if (!english) {
      const syllables = raw.length > 4 ? splitPinyin(raw) : null;
      if (syllables && syllables.length >= 3) {
        const pairs: Group[] = [];
        for (let i = 0; i + 1 < syllables.length; i++) {
          const pair: Group = { terms: [], weights: [], size: 0 };
          this.addAlternative(pair, this.termIds.get(PINYIN_PREFIX + syllables[i] + syllables[i + 1]), W_EXACT);
          if (pair.size === 0) break;
          pairs.push(pair);
        }
        if (pairs.length === syllables.length - 1) {
          if (reading !== undefined) bonus.push(reading);
          return pairs;
        }
      }
    }
    this.addAlternative(g, reading, W_EXACT);
    const exact = g.terms.length > 0;
    if (token.prefix && raw.length >= 2) {
      const completions = this.completions(raw);
      this.addGuesses(
        g,
        completions,
        completions.map(() => W_PREFIX),
      );
    }
    if (exact) return [g];
    const k = maxTypos(raw);
    if (k > 0) {
      const neighbours = this.typoNeighbours(raw, stem, k);
      neighbours.sort((a, b) => a[1] - b[1] || (this.df[b[0]] as number) - (this.df[a[0]] as number));
      this.addGuesses(
        g,
        neighbours.map((x) => x[0]),
        neighbours.map((x) => W_TYPO[x[1]] as number),
      );
      const best = neighbours[0];
      if (best) corrections.push({ from: raw, to: this.termSurface[best[0]] as string });
    }
    if (g.size === 0 && token.prefix && raw.length === 1) return [];
    return [g];
  }

  private intersect(groups: Group[]): number {
    const mark = this.mark;
    const score = this.score;
    const gs = this.groupScore;
    const cand = this.cand;
    if (this.stamp > 0x40000000) {
      mark.fill(0);
      this.stamp = 0;
    }
    const base = this.stamp + 1;
    this.stamp += groups.length;
    this.finalMark = this.stamp;
    const unit = MAX_IMPACT / 255;
    // The smallest group: the union of its alternatives' postings.
    let n = 0;
    const first = groups[0] as Group;
    for (let a = 0; a < first.terms.length; a++) {
      const t = first.terms[a] as number;
      const p = this.postings[t] as Int32Array;
      const len = this.df[t] as number;
      const w = (first.weights[a] as number) * unit;
      for (let i = 0; i < len; i++) {
        const v = p[i] as number;
        const d = v >>> 8;
        const s = (v & 255) * w;
        if (mark[d] !== base) {
          mark[d] = base;
          score[d] = s;
          cand[n++] = d;
        } else if (s > (score[d] as number)) score[d] = s;
      }
    }
    // Later steps probe posting lists in document order. A large union is re-read from the
    // marks (already in order) rather than sorted.
    if (first.terms.length > 1) {
      if (n * 8 > this.docs.length) {
        n = 0;
        for (let d = 0; d < this.docs.length; d++) if (mark[d] === base) cand[n++] = d;
      } else cand.subarray(0, n).sort();
    }
    // Every other group narrows the candidates: probing when they are few, scanning otherwise.
    for (let gi = 1; gi < groups.length && n > 0; gi++) {
      const g = groups[gi] as Group;
      const need = base + gi - 1;
      const next = need + 1;
      if (n * 12 * g.terms.length < g.size) {
        const cursors = new Array<number>(g.terms.length).fill(0);
        let m = 0;
        for (let i = 0; i < n; i++) {
          const d = cand[i] as number;
          let best = -1;
          for (let a = 0; a < g.terms.length; a++) {
            const t = g.terms[a] as number;
            const p = this.postings[t] as Int32Array;
            const at = seek(p, this.df[t] as number, cursors[a] as number, d);
            cursors[a] = at;
            const v = p[at];
            if (v !== undefined && at < (this.df[t] as number) && v >>> 8 === d) {
              const s = (v & 255) * (g.weights[a] as number) * unit;
              if (s > best) best = s;
            }
          }
          if (best >= 0) {
            mark[d] = next;
            score[d] = (score[d] as number) + best;
            cand[m++] = d;
          }
        }
        n = m;
      } else {
        for (let a = 0; a < g.terms.length; a++) {
          const t = g.terms[a] as number;
          const p = this.postings[t] as Int32Array;
          const len = this.df[t] as number;
          const w = (g.weights[a] as number) * unit;
          for (let i = 0; i < len; i++) {
            const v = p[i] as number;
            const d = v >>> 8;
            const mk = mark[d];
            if (mk === need) {
              mark[d] = next;
              gs[d] = (v & 255) * w;
            } else if (mk === next) {
              const s = (v & 255) * w;
              if (s > (gs[d] as number)) gs[d] = s;
            }
          }
        }
        let m = 0;
        for (let i = 0; i < n; i++) {
          const d = cand[i] as number;
          if (mark[d] === next) {
            score[d] = (score[d] as number) + (gs[d] as number);
            cand[m++] = d;
          }
        }
        n = m;
      }
    }
    return n;
  }

  /** Adds a term's score to the candidates that hold it (candidates carry mark `final`). */
  private addScore(t: number, weight: number, final: number, n: number): void {
    const p = this.postings[t] as Int32Array;
    const len = this.df[t] as number;
    const w = (weight * MAX_IMPACT) / 255;
    if (n * 12 < len) {
      let at = 0;
      for (let i = 0; i < n; i++) {
        const d = this.cand[i] as number;
        at = seek(p, len, at, d);
        const v = p[at];
        if (at < len && v !== undefined && v >>> 8 === d) this.score[d] = (this.score[d] as number) + (v & 255) * w;
      }
      return;
    }
    for (let i = 0; i < len; i++) {
      const v = p[i] as number;
      const d = v >>> 8;
      if (this.mark[d] === final) this.score[d] = (this.score[d] as number) + (v & 255) * w;
    }
  }

  private idf(t: number): number {
    const df = this.df[t] as number;
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** Vocabulary words starting with `prefix` (two characters or more), the most frequent first. */
  private completions(prefix: string): number[] {
    const bucket = this.prefixBuckets.get(prefix.slice(0, 3)) ?? [];
    const found: number[] = [];
    for (let i = 0; i < bucket.length && found.length < MAX_PREFIX_SCAN; i++) {
      const key = bucket[i] as string;
      if (!key.startsWith(prefix)) continue;
      const latin = this.termIds.get(key);
      if (latin !== undefined && this.df[latin]) found.push(latin);
      const reading = this.termIds.get(PINYIN_PREFIX + key);
      if (reading !== undefined && this.df[reading]) found.push(reading);
    }
    found.sort((a, b) => (this.df[b] as number) - (this.df[a] as number));
    return found.length > MAX_PREFIX_EXPANSIONS ? found.slice(0, MAX_PREFIX_EXPANSIONS) : found;
  }

  /** Files a new vocabulary word under its first two and first three characters, for `completions`. */
  private addToPrefixBuckets(key: string): void {
    for (const len of [2, 3]) {
      if (key.length < len) continue;
      const head = key.slice(0, len);
      const bucket = this.prefixBuckets.get(head);
      if (bucket) bucket.push(key);
      else this.prefixBuckets.set(head, [key]);
    }
  }

  /**
   * Vocabulary words within `max` Damerau-Levenshtein edits of the typed word or its stem.
   * Only words of a near length are looked at, and a 32-bit character-set mask rules out
   * most of them before the edit distance is computed.
   */
  private typoNeighbours(raw: string, stem: string, max: number): [number, number][] {
    const out: [number, number][] = [];
    const mRaw = charMask(raw);
    const mStem = charMask(stem);
    const limit = 2 * max;
    const from = Math.max(1, Math.min(raw.length, stem.length) - max);
    const to = Math.min(MAX_TYPO_LEN, Math.max(raw.length, stem.length) + max);
    for (let len = from; len <= to; len++) {
      const masks = this.typoMasks[len];
      const ids = this.typoIds[len];
      if (!masks || !ids) continue;
      const count = this.typoCount[len] as number;
      for (let i = 0; i < count; i++) {
        const m = masks[i] as number;
        if (popcount(m ^ mRaw) > limit && popcount(m ^ mStem) > limit) continue;
        const t = ids[i] as number;
        if (!this.df[t]) continue;
        const key = this.vocabKey[t] as string;
        let d = editDistance(raw, key, max, this.editRows);
        if (d > 1 && stem !== raw) d = Math.min(d, editDistance(stem, key, max, this.editRows));
        if (d > 0 && d <= max) out.push([t, d]);
      }
    }
    return out;
  }

  // --- filters, facets, ranking ------------------------------------------------------------------

  /** Normalises a query's filters into the fixed shape `scan` reads. */
  private newTally(q: SearchQuery): Tally {
    const countries = q.countryOfOrigin?.map((c) => c.toUpperCase());
    const categorySel = selection(q.category, this.categories);
    const countrySel = selection(countries, this.countries);
    const shipsSel = q.shipsFrom ? SHIPS_BIT[q.shipsFrom] : 0;
    // Which of the category, country and ships-from filters each signature fails.
    const signatureFail = new Uint8Array(this.sigCategory.length);
    for (let g = 0; g < signatureFail.length; g++) {
      let fail = 0;
      if (categorySel.length && !categorySel[this.sigCategory[g] as number]) fail |= FAIL_CATEGORY;
      if (countrySel.length && !countrySel[this.sigCountry[g] as number]) fail |= FAIL_COUNTRY;
      if (shipsSel && !((this.sigShips[g] as number) & shipsSel)) fail |= FAIL_SHIPS;
      signatureFail[g] = fail;
    }
    return {
      signatureFail,
      brandSel: selection(q.brand, this.brands),
      shipsSel,
      priceFiltered: q.priceMin !== undefined || q.priceMax !== undefined,
      priceMin: q.priceMin ?? Number.NEGATIVE_INFINITY,
      priceMax: q.priceMax ?? Number.POSITIVE_INFINITY,
      total: 0,
      signatureCount: new Int32Array(signatureFail.length * SLOTS),
      brandCount: new Int32Array(this.brands.values.length),
      priceLo: Number.POSITIVE_INFINITY,
      priceHi: Number.NEGATIVE_INFINITY,
    };
  }

  /**
   * The one pass over the candidates (every document when `count` < 0): visibility,
   * filters, facet tallies and the top `k`. A facet counts the documents that fail no
   * filter but its own, which makes it disjunctive: `signatureCount` keeps, per signature,
   * the documents failing nothing (slot 0) and those failing exactly one filter (its slot).
   */
  private scan(t: Tally, count: number, k: number): void {
    const { alive, docMerchant, merchantVisible, docSignature, docBrand, docPrice, cand } = this;
    const { signatureFail, brandSel, priceFiltered, priceMin, priceMax, signatureCount, brandCount } = t;
    const brandFiltered = brandSel.length > 0;
    const all = count < 0;
    const end = all ? this.docs.length : count;
    let total = 0;
    let priceLo = Number.POSITIVE_INFINITY;
    let priceHi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < end; i++) {
      const d = all ? i : (cand[i] as number);
      if (alive[d] === 0 || merchantVisible[docMerchant[d] as number] === 0) continue;
      const sig = docSignature[d] as number;
      const brand = docBrand[d] as number;
      const price = docPrice[d] as number;
      let fail = signatureFail[sig] as number;
      if (brandFiltered && brandSel[brand] === 0) fail |= FAIL_BRAND;
      if (priceFiltered && (price < priceMin || price > priceMax)) fail |= FAIL_PRICE;
      if (fail === 0) {
        total++;
        if (k > 0 && (this.heapSize < k || this.before(d, this.heap[0] as number))) this.offer(d, k);
        signatureCount[sig * SLOTS] = (signatureCount[sig * SLOTS] as number) + 1;
        brandCount[brand] = (brandCount[brand] as number) + 1;
      } else if (fail === FAIL_BRAND) {
        brandCount[brand] = (brandCount[brand] as number) + 1;
        continue;
      } else {
        const slot = SLOT_OF_FAIL[fail] as number;
        if (slot === 0) continue;
        signatureCount[sig * SLOTS + slot] = (signatureCount[sig * SLOTS + slot] as number) + 1;
        if (fail !== FAIL_PRICE) continue;
      }
      if (price < priceLo) priceLo = price;
      if (price > priceHi) priceHi = price;
    }
    t.total = total;
    t.priceLo = priceLo;
    t.priceHi = priceHi;
  }

  private result(q: SearchQuery, t: Tally, offset: number, corrections: { from: string; to: string }[]): SearchResult {
    const ranked: number[] = [];
    while (this.heapSize > 0) ranked.push(this.popWorst());
    ranked.reverse();
    // Facets from signatures: each facet adds the documents that failed only its own filter.
    const categoryCount = new Int32Array(this.categories.values.length);
    const countryCount = new Int32Array(this.countries.values.length);
    const bucketCount = new Int32Array(PRICE_BUCKET_BOUNDS.length);
    let bonded = 0;
    let overseas = 0;
    const counts = t.signatureCount;
    for (let g = 0; g < t.signatureFail.length; g++) {
      const hits = counts[g * SLOTS] as number;
      const category = this.sigCategory[g] as number;
      const country = this.sigCountry[g] as number;
      const bucket = this.sigBucket[g] as number;
      const ships = this.sigShips[g] as number;
      categoryCount[category] = (categoryCount[category] as number) + hits + (counts[g * SLOTS + SLOT_CATEGORY] as number);
      countryCount[country] = (countryCount[country] as number) + hits + (counts[g * SLOTS + SLOT_COUNTRY] as number);
      bucketCount[bucket] = (bucketCount[bucket] as number) + hits + (counts[g * SLOTS + SLOT_PRICE] as number);
      const shipping = hits + (counts[g * SLOTS + SLOT_SHIPS] as number);
      if (ships & 1) bonded += shipping;
      if (ships & 2) overseas += shipping;
    }
    const facetLimit = Math.max(1, q.facetLimit ?? 50);
    const shipsFacet: FacetValue[] = [];
    if (bonded || t.shipsSel === 1) shipsFacet.push({ value: 'bonded', count: bonded });
    if (overseas || t.shipsSel === 2) shipsFacet.push({ value: 'overseas', count: overseas });
    shipsFacet.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    return {
      total: t.total,
      hits: ranked.slice(offset).map((d) => ({
        id: (this.docs[d] as SearchDoc).id,
        score: this.useScore ? Math.round((this.score[d] as number) * 1000) / 1000 : 0,
      })),
      facets: {
        category: facetValues(categoryCount, this.categories, q.category, facetLimit),
        brand: facetValues(t.brandCount, this.brands, q.brand, facetLimit),
        countryOfOrigin: facetValues(
          countryCount,
          this.countries,
          q.countryOfOrigin?.map((c) => c.toUpperCase()),
          facetLimit,
        ),
        shipsFrom: shipsFacet,
        price: {
          min: t.priceLo === Number.POSITIVE_INFINITY ? null : t.priceLo,
          max: t.priceHi === Number.NEGATIVE_INFINITY ? null : t.priceHi,
          buckets: PRICE_BUCKET_BOUNDS.map((from, b) => ({
            from,
            to: PRICE_BUCKET_BOUNDS[b + 1] ?? null,
            count: bucketCount[b] as number,
          })),
        },
      },
      corrections,
    };
  }

  /** Whether document `a` ranks before `b` in the current sort. */
  private before(a: number, b: number): boolean {
    const mode = this.sortMode;
    if (mode === SORTS.price_asc || mode === SORTS.price_desc) {
      const pa = this.docPrice[a] as number;
      const pb = this.docPrice[b] as number;
      if (pa !== pb) return mode === SORTS.price_asc ? pa < pb : pa > pb;
    }
    if (this.useScore && mode !== SORTS.newest) {
      const sa = this.score[a] as number;
      const sb = this.score[b] as number;
      if (sa !== sb) return sa > sb;
    }
    const ca = this.docCreated[a] as number;
    const cb = this.docCreated[b] as number;
    if (ca !== cb) return ca > cb;
    if (this.useScore && mode === SORTS.newest) {
      const sa = this.score[a] as number;
      const sb = this.score[b] as number;
      if (sa !== sb) return sa > sb;
    }
    return a < b;
  }

  /** Keeps the best `k` documents in a heap whose root is the worst of them. */
  private offer(d: number, k: number): void {
    const heap = this.heap;
    if (this.heapSize < k) {
      let i = this.heapSize++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = heap[parent] as number;
        if (!this.before(p, d)) break;
        heap[i] = p;
        i = parent;
      }
      heap[i] = d;
    } else if (this.before(d, heap[0] as number)) {
      this.siftDown(d);
    }
  }

  private popWorst(): number {
    const heap = this.heap;
    const top = heap[0] as number;
    const last = heap[--this.heapSize] as number;
    if (this.heapSize > 0) this.siftDown(last);
    return top;
  }

  private siftDown(d: number): void {
    const heap = this.heap;
    const size = this.heapSize;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && this.before(heap[c] as number, heap[c + 1] as number)) c++;
      const child = heap[c] as number;
      if (!this.before(d, child)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = d;
  }

  // --- indexing ----------------------------------------------------------------------------------

  /**
   * Puts the numbers of a document's terms into `docTerms` and their frequencies into
   * `docTf` (a byte per field), creating unseen terms when `create`; field lengths go to `fieldLen`.
   */
  private analyzeDoc(doc: SearchDoc, create: boolean): void {
    const texts = [
      `${doc.name.en}\n${doc.name.zh}`,
      doc.brand,
      `${doc.categoryLabels.join('\n')}\n${doc.category}`,
      `${doc.description.en}\n${doc.description.zh}`,
    ];
    const { fieldTerms, fieldSurfaces, docTerms } = this;
    docTerms.length = 0;
    for (let f = 0; f < FIELDS; f++) {
      fieldTerms.length = 0;
      fieldSurfaces.length = 0;
      this.fieldLen[f] = this.analyzer.analyzeField(texts[f] as string, f < 3 ? TITLE_FIELD : BODY_FIELD, fieldTerms, fieldSurfaces);
      for (let i = 0; i < fieldTerms.length; i++) {
        const term = fieldTerms[i] as string;
        let t = this.termIds.get(term);
        if (t === undefined) {
          if (!create) continue;
          t = this.termNumber(term, fieldSurfaces[i] as string);
        }
        const docTf = this.docTf;
        const at = t * FIELDS;
        if (!docTf[at] && !docTf[at + 1] && !docTf[at + 2] && !docTf[at + 3]) docTerms.push(t);
        if ((docTf[at + f] as number) < 255) docTf[at + f] = (docTf[at + f] as number) + 1;
      }
    }
  }

  private index(n: number, doc: SearchDoc): void {
    this.analyzeDoc(doc, true);
    const { docTf, fieldLen } = this;
    for (const t of this.docTerms) {
      let impact = 0;
      for (let f = 0; f < FIELDS; f++) {
        const freq = docTf[t * FIELDS + f] as number;
        if (!freq) continue;
        docTf[t * FIELDS + f] = 0;
        const norm = 1 - B + (B * (fieldLen[f] as number)) / (FIELD_AVG_LEN[f] as number);
        impact += ((FIELD_WEIGHT[f] as number) * freq * (K1 + 1)) / (freq + K1 * norm);
      }
      this.addPosting(t, n, Math.max(1, Math.min(255, Math.round((impact / MAX_IMPACT) * 255))));
    }
  }

  private unindex(n: number): void {
    const doc = this.docs[n];
    if (!doc) return;
    this.analyzeDoc(doc, false);
    for (const t of this.docTerms) {
      this.docTf.fill(0, t * FIELDS, t * FIELDS + FIELDS);
      const p = this.postings[t] as Int32Array;
      const len = this.df[t] as number;
      const at = seek(p, len, 0, n);
      if (at >= len || (p[at] as number) >>> 8 !== n) continue;
      p.copyWithin(at, at + 1, len);
      this.df[t] = len - 1;
      if (len - 1 === 0) this.postings[t] = new Int32Array(2);
    }
  }

  private addPosting(t: number, n: number, impact: number): void {
    let p = this.postings[t] as Int32Array;
    const len = this.df[t] as number;
    if (len === p.length) {
      const bigger = new Int32Array(len < 8 ? len * 2 + 2 : len * 2);
      bigger.set(p);
      p = bigger;
      this.postings[t] = p;
    }
    const v = (n << 8) | impact;
    if (len === 0 || (p[len - 1] as number) >>> 8 < n) p[len] = v;
    else {
      const at = seek(p, len, 0, n);
      p.copyWithin(at + 1, at, len);
      p[at] = v;
    }
    this.df[t] = len + 1;
  }

  private termNumber(term: string, surface: string): number {
    let t = this.termIds.get(term);
    if (t !== undefined) return t;
    t = this.termKeys.length;
    this.termIds.set(term, t);
    this.termKeys.push(term);
    this.postings.push(new Int32Array(2));
    this.df.push(0);
    if ((t + 1) * FIELDS > this.docTf.length) {
      const bigger = new Uint8Array(this.docTf.length * 2);
      bigger.set(this.docTf);
      this.docTf = bigger;
    }
    const kind = termKind(term);
    const key = kind === 'latin' ? term : kind === 'pinyin' ? term.slice(PINYIN_PREFIX.length) : '';
    this.vocabKey.push(key);
    this.termSurface.push(surface || key);
    if (key) {
      // A Latin word and a pinyin reading may share a key (`naifen`): file it once.
      const other = kind === 'latin' ? PINYIN_PREFIX + key : key;
      if (!this.termIds.has(other)) this.addToPrefixBuckets(key);
      const len = key.length;
      if (len <= MAX_TYPO_LEN) {
        let count = this.typoCount[len] ?? 0;
        let masks = this.typoMasks[len] ?? new Uint32Array(64);
        let ids = this.typoIds[len] ?? new Int32Array(64);
        if (count === masks.length) {
          const m2 = new Uint32Array(count * 2);
          m2.set(masks);
          masks = m2;
          ids = growInt32(ids, count * 2);
        }
        masks[count] = charMask(key);
        ids[count] = t;
        this.typoMasks[len] = masks;
        this.typoIds[len] = ids;
        this.typoCount[len] = ++count;
      }
    }
    return t;
  }

  private ensureDocCapacity(min: number): void {
    if (this.alive.length >= min) return;
    const cap = Math.max(min, this.alive.length * 2, 1024);
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.alive = grow(this.alive, (c) => new Uint8Array(c));
    this.docMerchant = grow(this.docMerchant, (c) => new Int32Array(c));
    this.docBrand = grow(this.docBrand, (c) => new Int32Array(c));
    this.docSignature = grow(this.docSignature, (c) => new Int32Array(c));
    this.docPrice = grow(this.docPrice, (c) => new Float64Array(c));
    this.docCreated = grow(this.docCreated, (c) => new Float64Array(c));
    this.mark = new Int32Array(cap);
    this.stamp = 0;
    this.score = new Float64Array(cap);
    this.groupScore = new Float64Array(cap);
    this.cand = new Int32Array(cap);
  }

  private signature(category: number, country: number, ships: number, bucket: number): number {
    const key = ((category * 65536 + country) * 4 + ships) * 8 + bucket;
    let sig = this.signatures.get(key);
    if (sig === undefined) {
      sig = this.sigCategory.length;
      this.signatures.set(key, sig);
      this.sigCategory.push(category);
      this.sigCountry.push(country);
      this.sigShips.push(ships);
      this.sigBucket.push(bucket);
    }
    return sig;
  }

  private merchantNumber(merchantId: string): number {
    const known = this.merchants.ids.get(merchantId);
    if (known !== undefined) return known;
    const m = this.merchants.intern(merchantId);
    if (m >= this.merchantVisible.length) {
      const bigger = new Uint8Array(this.merchantVisible.length * 2);
      bigger.set(this.merchantVisible);
      this.merchantVisible = bigger;
    }
    this.merchantVisible[m] = 1;
    return m;
  }
}

/**
 * First index at or after `from` whose document number is ≥ `d` in a packed posting list:
 * galloping forward, then binary search, so a run of ascending probes costs O(log gap).
 */
function seek(p: Int32Array, len: number, from: number, d: number): number {
  const target = d * 256;
  let lo = from;
  if (lo >= len || (p[lo] as number) >= target) return lo;
  let step = 1;
  let hi = lo + 1;
  while (hi < len && (p[hi] as number) < target) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  if (hi > len) hi = len;
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((p[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether two versions of a document index the same terms. */
function sameText(a: SearchDoc, b: SearchDoc): boolean {
  return (
    a.name.en === b.name.en &&
    a.name.zh === b.name.zh &&
    a.brand === b.brand &&
    a.category === b.category &&
    a.description.en === b.description.en &&
    a.description.zh === b.description.zh &&
    a.categoryLabels.length === b.categoryLabels.length &&
    a.categoryLabels.every((label, i) => label === b.categoryLabels[i])
  );
}

/** The facet's selected values as a lookup by value number (empty when the facet is not filtered). */
function selection(values: string[] | undefined, interner: Interner): Uint8Array {
  if (!values || values.length === 0) return new Uint8Array(0);
  const sel = new Uint8Array(interner.values.length + 1);
  for (const v of values) {
    const id = interner.ids.get(v);
    if (id !== undefined) sel[id] = 1;
  }
  return sel;
}

function facetValues(counts: Int32Array, interner: Interner, selected: string[] | undefined, limit: number): FacetValue[] {
  const out: FacetValue[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]) out.push({ value: interner.values[i] as string, count: counts[i] as number });
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  if (out.length > limit) out.length = limit;
  // A selected value stays listed (with its count, maybe 0) so the shopper can unselect it.
  for (const v of selected ?? []) {
    if (out.some((f) => f.value === v)) continue;
    const id = interner.ids.get(v);
    out.push({ value: v, count: id === undefined ? 0 : (counts[id] ?? 0) });
  }
  return out;
}
