// The search engine's term dictionary: term strings ↔ term numbers, and the Latin and pinyin
// vocabulary behind search-as-you-type completions (bucketed by first characters) and typo
// candidates (bucketed by length, pre-filtered by a character-set mask).
import { editDistance, PINYIN_PREFIX, termKind } from './analyze.ts';

const MAX_PREFIX_EXPANSIONS = 40;
/** Completions looked at before the most frequent are kept: bounds a short prefix's cost. */
const MAX_PREFIX_SCAN = 2000;
const MAX_TYPO_LEN = 24;

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

/** How many edits a typed word may be corrected by: none for numbers and short words. */
export function maxTypos(word: string): number {
  if (/^\d+$/.test(word)) return 0;
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

export class Vocabulary {
  /** Term numbers by term. */
  readonly ids = new Map<string, number>();
  /** Terms by term number. */
  readonly keys: string[] = [];
  /** How a term is shown to the shopper (in corrections), by term number. */
  readonly surface: string[] = [];
  /** The word a Latin or pinyin term is looked up by (without the pinyin prefix); '' for Chinese terms. */
  private readonly vocabKey: string[] = [];
  // Latin and pinyin vocabulary for prefixes (bucketed by first characters) and typos (by length).
  private readonly prefixBuckets = new Map<string, string[]>();
  private readonly typoMasks: Uint32Array[] = [];
  private readonly typoIds: Int32Array[] = [];
  private readonly typoCount: number[] = [];
  private readonly editRows = new Int32Array(3 * (MAX_TYPO_LEN + 1));

  get size(): number {
    return this.keys.length;
  }

  /** Numbers a term the vocabulary does not hold yet and files it for completions and typos. */
  add(term: string, surface: string): number {
    const t = this.keys.length;
    this.ids.set(term, t);
    this.keys.push(term);
    const kind = termKind(term);
    const key = kind === 'latin' ? term : kind === 'pinyin' ? term.slice(PINYIN_PREFIX.length) : '';
    this.vocabKey.push(key);
    this.surface.push(surface || key);
    if (key) {
      // A Latin word and a pinyin reading may share a key (`naifen`): file it once.
      const other = kind === 'latin' ? PINYIN_PREFIX + key : key;
      if (!this.ids.has(other)) this.addToPrefixBuckets(key);
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

  /**
   * Vocabulary words starting with `prefix` (two characters or more) that some document
   * holds (`df`, documents per term number), the most frequent first.
   */
  completions(prefix: string, df: readonly number[]): number[] {
    const bucket = this.prefixBuckets.get(prefix.slice(0, 3)) ?? [];
    const found: number[] = [];
    for (let i = 0; i < bucket.length && found.length < MAX_PREFIX_SCAN; i++) {
      const key = bucket[i] as string;
      if (!key.startsWith(prefix)) continue;
      const latin = this.ids.get(key);
      if (latin !== undefined && df[latin]) found.push(latin);
      const reading = this.ids.get(PINYIN_PREFIX + key);
      if (reading !== undefined && df[reading]) found.push(reading);
    }
    found.sort((a, b) => (df[b] as number) - (df[a] as number));
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
   * Vocabulary words some document holds (`df`) within `max` Damerau-Levenshtein edits of
   * the typed word or its stem, as [term number, edits]. Only words of a near length are
   * looked at, and a 32-bit character-set mask rules out most of them before the edit
   * distance is computed.
   */
  typoNeighbours(raw: string, stem: string, max: number, df: readonly number[]): [number, number][] {
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
        if (!df[t]) continue;
        const key = this.vocabKey[t] as string;
        let d = editDistance(raw, key, max, this.editRows);
        if (d > 1 && stem !== raw) d = Math.min(d, editDistance(stem, key, max, this.editRows));
        if (d > 0 && d <= max) out.push([t, d]);
      }
    }
    return out;
  }
}
