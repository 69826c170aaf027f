// Result order for the search engine: the four sorts (relevance, price either way, newest)
// and a bounded heap that keeps the best `k` documents of a query in one pass.
import type { SearchQuery } from './types.ts';

const SORTS = { relevance: 0, price_asc: 1, price_desc: 2, newest: 3 } as const;
type SortMode = (typeof SORTS)[keyof typeof SORTS];

/** A query's sort: as asked, else by relevance when there is text and newest first when browsing. */
export function sortModeOf(sort: SearchQuery['sort'], hasText: boolean): SortMode {
  return SORTS[sort ?? (hasText ? 'relevance' : 'newest')] ?? SORTS.relevance;
}

/** The best `k` documents of a query, in a heap whose root is the worst of them. */
export class TopK {
  heap = new Int32Array(0);
  heapSize = 0;
  private sortMode: SortMode = SORTS.relevance;
  private useScore = false;
  private score: Float64Array = new Float64Array(0);
  private docPrice: Float64Array = new Float64Array(0);
  private docCreated: Float64Array = new Float64Array(0);

  /** Empties the heap for a query ranking by `sortMode` over these columns (by document number). */
  reset(sortMode: SortMode, useScore: boolean, score: Float64Array, docPrice: Float64Array, docCreated: Float64Array, k: number): void {
    this.sortMode = sortMode;
    this.useScore = useScore;
    this.score = score;
    this.docPrice = docPrice;
    this.docCreated = docCreated;
    this.heapSize = 0;
    if (this.heap.length < k) this.heap = new Int32Array(k);
  }

  /** Whether document `a` ranks before `b` in the current sort. */
  before(a: number, b: number): boolean {
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
  offer(d: number, k: number): void {
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

  /** Empties the heap: the documents kept, best first. */
  drain(): number[] {
    const ranked: number[] = [];
    while (this.heapSize > 0) ranked.push(this.popWorst());
    ranked.reverse();
    return ranked;
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
}
