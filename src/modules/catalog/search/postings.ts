// The search engine's posting lists and their intersection. Each term's postings are one
// sorted Int32Array packing `docNo << 8 | impact`, where impact is the term's BM25F-style
// weight in that document quantised to a byte (like Lucene norms). Queries intersect the
// required term groups smallest first, over stamped scratch arrays sized to the corpus, so
// the hot loops allocate nothing per posting.

export const FIELDS = 4; // name, brand, category, description
const FIELD_WEIGHT = [4, 3, 2, 1] as const;
/** Typical field lengths in words, for BM25 length normalisation (fixed, so impacts never go stale). */
const FIELD_AVG_LEN = [12, 2, 4, 40] as const;
const K1 = 1.2;
const B = 0.6;
/** Largest possible impact (every field saturated), the top of the byte scale. */
const MAX_IMPACT = FIELD_WEIGHT.reduce((s, w) => s + w * (K1 + 1), 0);
/** Document numbers must fit in the 24 high bits of a posting. */
export const MAX_DOCS = 1 << 23;

/** A required query term: a document must hold at least one of `terms`. */
export interface Group {
  terms: number[];
  weights: number[];
  size: number;
}

/**
 * A term's impact in a document as a byte, from its frequency in each field
 * (`tf[at]` to `tf[at + FIELDS - 1]`, zeroed on the way) and the field lengths in words.
 */
export function impactByte(tf: Uint8Array, at: number, fieldLen: readonly number[]): number {
  let impact = 0;
  for (let f = 0; f < FIELDS; f++) {
    const freq = tf[at + f] as number;
    if (!freq) continue;
    tf[at + f] = 0;
    const norm = 1 - B + (B * (fieldLen[f] as number)) / (FIELD_AVG_LEN[f] as number);
    impact += ((FIELD_WEIGHT[f] as number) * freq * (K1 + 1)) / (freq + K1 * norm);
  }
  return Math.max(1, Math.min(255, Math.round((impact / MAX_IMPACT) * 255)));
}

/**
 * First index at or after `from` whose document number is ≥ `d` in a packed posting list:
 * galloping forward, then binary search, so a run of ascending probes costs O(log gap).
 */
export function seek(p: Int32Array, len: number, from: number, d: number): number {
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

/** Every term's postings, by term number. */
export class PostingLists {
  /** Packed postings; only the first `df[t]` entries of list `t` are in use. */
  readonly lists: Int32Array[] = [];
  /** Documents per term. */
  readonly df: number[] = [];

  /** Makes room for the next term number. */
  addTerm(): void {
    this.lists.push(new Int32Array(2));
    this.df.push(0);
  }

  add(t: number, n: number, impact: number): void {
    let p = this.lists[t] as Int32Array;
    const len = this.df[t] as number;
    if (len === p.length) {
      const bigger = new Int32Array(len < 8 ? len * 2 + 2 : len * 2);
      bigger.set(p);
      p = bigger;
      this.lists[t] = p;
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

  /** Drops document `n` from term `t`'s postings, if it is there. */
  remove(t: number, n: number): void {
    const p = this.lists[t] as Int32Array;
    const len = this.df[t] as number;
    const at = seek(p, len, 0, n);
    if (at >= len || (p[at] as number) >>> 8 !== n) return;
    p.copyWithin(at, at + 1, len);
    this.df[t] = len - 1;
    if (len - 1 === 0) this.lists[t] = new Int32Array(2);
  }

  /** Inverse document frequency of term `t` among `live` documents. */
  idf(t: number, live: number): number {
    const df = this.df[t] as number;
    return Math.log(1 + (live - df + 0.5) / (df + 0.5));
  }
}

/** One query's matching documents (`cand`) and their scores (`score`, by document number). */
export class Candidates {
  private readonly postings: PostingLists;
  private mark = new Int32Array(0);
  private stamp = 0;
  /** The mark the candidates of the last `intersect` carry. */
  private finalMark = 0;
  score = new Float64Array(0);
  private groupScore = new Float64Array(0);
  cand = new Int32Array(0);

  constructor(postings: PostingLists) {
    this.postings = postings;
  }

  /** Sizes the scratch arrays to a new document capacity. */
  resize(cap: number): void {
    this.mark = new Int32Array(cap);
    this.stamp = 0;
    this.score = new Float64Array(cap);
    this.groupScore = new Float64Array(cap);
    this.cand = new Int32Array(cap);
  }

  /**
   * Fills `cand` with the documents (numbered below `docCount`) holding every group, smallest
   * group first, and `score` with their scores; returns how many there are.
   */
  intersect(groups: Group[], docCount: number): number {
    const { lists, df } = this.postings;
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
      const p = lists[t] as Int32Array;
      const len = df[t] as number;
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
      if (n * 8 > docCount) {
        n = 0;
        for (let d = 0; d < docCount; d++) if (mark[d] === base) cand[n++] = d;
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
            const p = lists[t] as Int32Array;
            const at = seek(p, df[t] as number, cursors[a] as number, d);
            cursors[a] = at;
            const v = p[at];
            if (v !== undefined && at < (df[t] as number) && v >>> 8 === d) {
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
          const p = lists[t] as Int32Array;
          const len = df[t] as number;
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

  /** Adds term `t`'s score, times `weight`, to the first `n` candidates of the last `intersect` that hold it. */
  addScore(t: number, weight: number, n: number): void {
    const p = this.postings.lists[t] as Int32Array;
    const len = this.postings.df[t] as number;
    const final = this.finalMark;
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
}
