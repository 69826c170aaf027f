// Query matching for the search engine: turns an analysed query into required term groups
// (exact words, pinyin readings, completions of an unfinished word, typo corrections, each
// weighted), intersects them over the posting lists and adds the optional bonus terms.
import { type AnalyzedQuery, type LatinQueryToken, PINYIN_PREFIX, splitPinyin } from './analyze.ts';
import type { Candidates, Group, PostingLists } from './postings.ts';
import { maxTypos, type Vocabulary } from './vocabulary.ts';

/** Alternative weights: an exact term outranks a completed prefix, which outranks a typo. */
const W_EXACT = 1;
const W_PREFIX = 0.6;
const W_TYPO = [1, 0.45, 0.3] as const;
/** Optional terms: a whole Chinese or pinyin word, a bigram across Chinese words. */
const W_BONUS = 0.5;
/** Completions and corrections other than the likeliest one. */
const W_LESS_LIKELY = 0.6;
const MAX_QUERY_GROUPS = 32;

export class QueryMatcher {
  private readonly vocab: Vocabulary;
  private readonly postings: PostingLists;
  private readonly candidates: Candidates;
  /** Documents in the index during the current `match`, for idf. */
  private live = 0;

  constructor(vocab: Vocabulary, postings: PostingLists, candidates: Candidates) {
    this.vocab = vocab;
    this.postings = postings;
    this.candidates = candidates;
  }

  /**
   * Fills the candidates' `cand` with the documents (of `live`, numbered below `docCount`)
   * holding every required group and `score` with their scores; returns how many there are.
   */
  match(query: AnalyzedQuery, live: number, docCount: number, corrections: { from: string; to: string }[]): number {
    this.live = live;
    const termIds = this.vocab.ids;
    const groups: Group[] = [];
    const bonus: number[] = [];
    for (const token of query.latin) groups.push(...this.latinGroups(token, corrections, bonus));
    for (const alternatives of query.han) {
      const g: Group = { terms: [], weights: [], size: 0 };
      for (const key of alternatives) this.addAlternative(g, termIds.get(key), W_EXACT);
      groups.push(g);
    }
    if (groups.length > MAX_QUERY_GROUPS) groups.length = MAX_QUERY_GROUPS;
    if (groups.some((g) => g.size === 0)) return 0;
    groups.sort((a, b) => a.size - b.size);
    const n = this.candidates.intersect(groups, docCount);
    for (const key of query.hanBonus) {
      const t = termIds.get(key);
      if (t !== undefined) bonus.push(t);
    }
    for (const t of bonus) if (this.postings.df[t]) this.candidates.addScore(t, W_BONUS * this.idf(t), n);
    return n;
  }

  private idf(t: number): number {
    return this.postings.idf(t, this.live);
  }

  /** Adds term `t` as an alternative of `g`, weighted by `weight` and (by default) its own idf. */
  private addAlternative(g: Group, t: number | undefined, weight: number, idf?: number): void {
    const df = this.postings.df;
    if (t === undefined || !df[t] || g.terms.includes(t)) return;
    g.terms.push(t);
    g.weights.push(weight * (idf ?? this.idf(t)));
    g.size += df[t] as number;
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
    const termIds = this.vocab.ids;
    const df = this.postings.df;
    const g: Group = { terms: [], weights: [], size: 0 };
    this.addAlternative(g, termIds.get(stem), W_EXACT);
    const english = g.terms.length > 0;
    const reading = termIds.get(PINYIN_PREFIX + raw);
    if (!english) {
      const syllables = raw.length > 4 ? splitPinyin(raw) : null;
      if (syllables && syllables.length >= 3) {
        const pairs: Group[] = [];
        for (let i = 0; i + 1 < syllables.length; i++) {
          const pair: Group = { terms: [], weights: [], size: 0 };
          this.addAlternative(pair, termIds.get(PINYIN_PREFIX + syllables[i] + syllables[i + 1]), W_EXACT);
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
      const completions = this.vocab.completions(raw, df);
      this.addGuesses(
        g,
        completions,
        completions.map(() => W_PREFIX),
      );
    }
    if (exact) return [g];
    const k = maxTypos(raw);
    if (k > 0) {
      const neighbours = this.vocab.typoNeighbours(raw, stem, k, df);
      neighbours.sort((a, b) => a[1] - b[1] || (df[b[0]] as number) - (df[a[0]] as number));
      this.addGuesses(
        g,
        neighbours.map((x) => x[0]),
        neighbours.map((x) => W_TYPO[x[1]] as number),
      );
      const best = neighbours[0];
      if (best) corrections.push({ from: raw, to: this.vocab.surface[best[0]] as string });
    }
    if (g.size === 0 && token.prefix && raw.length === 1) return [];
    return [g];
  }
}
