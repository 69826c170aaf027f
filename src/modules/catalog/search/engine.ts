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
//
// This file holds the documents and ties the parts together: `vocabulary.ts` (the term
// dictionary, completions, typo candidates), `postings.ts` (posting lists, intersection),
// `query.ts` (query terms to scored candidates), `facets.ts` (filters, facet counts, the
// scan) and `ranking.ts` (sorts, top k). The public types live in `types.ts`.
import { TextAnalyzer } from './analyze.ts';
import { FacetIndex } from './facets.ts';
import { Candidates, FIELDS, impactByte, MAX_DOCS, PostingLists } from './postings.ts';
import { QueryMatcher } from './query.ts';
import { sortModeOf, TopK } from './ranking.ts';
import type { SearchDoc, SearchQuery, SearchResult, ShipsFrom } from './types.ts';
import { Vocabulary } from './vocabulary.ts';

export type { FacetValue, PriceBucket, SearchDoc, SearchQuery, SearchResult, ShipsFrom } from './types.ts';
export { PRICE_BUCKET_BOUNDS } from './types.ts';

const TITLE_FIELD = { pinyin: true, unigrams: true };
const BODY_FIELD = { pinyin: false, unigrams: false };

/** A whole number in [0, max] from an optional query parameter. */
function wholeNumber(value: number | undefined, fallback: number, max: number): number {
  return value === undefined || !Number.isFinite(value) ? fallback : Math.max(0, Math.min(max, Math.floor(value)));
}

export class SearchEngine {
  private readonly analyzer = new TextAnalyzer();
  // Documents, by number.
  private docs: (SearchDoc | undefined)[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly freeNumbers: number[] = [];
  private live = 0;
  /** Filter, facet and sort columns, by document number. */
  private readonly facetIndex = new FacetIndex();
  // Terms and postings, by term number.
  private readonly vocab = new Vocabulary();
  private readonly postings = new PostingLists();
  // Per-query state.
  private readonly candidates = new Candidates(this.postings);
  private readonly matcher = new QueryMatcher(this.vocab, this.postings, this.candidates);
  private readonly top = new TopK();
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
    return this.vocab.size;
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
    this.facetIndex.set(n, stored);
    if (reindex) this.index(n, stored);
  }

  remove(id: string): void {
    const n = this.numbers.get(id);
    if (n === undefined) return;
    this.unindex(n);
    this.numbers.delete(id);
    this.docs[n] = undefined;
    this.facetIndex.alive[n] = 0;
    this.freeNumbers.push(n);
    this.live--;
  }

  /** Hides or shows a merchant's products at once: checked per query, so nothing is re-indexed. */
  setMerchantVisible(merchantId: string, visible: boolean): void {
    this.facetIndex.setMerchantVisible(merchantId, visible);
  }

  search(q: SearchQuery): SearchResult {
    const limit = wholeNumber(q.limit, 20, 1000);
    const offset = wholeNumber(q.offset, 0, Number.MAX_SAFE_INTEGER);
    const corrections: { from: string; to: string }[] = [];
    const analyzed = q.text ? this.analyzer.analyzeQuery(q.text.slice(0, 256)) : undefined;
    const hasText = analyzed !== undefined && analyzed.latin.length + analyzed.han.length > 0;
    let count = -1; // -1: every document is a candidate
    if (analyzed && hasText) count = this.matcher.match(analyzed, this.live, this.docs.length, corrections);
    const { candidates, facetIndex, top } = this;
    const tally = facetIndex.newTally(q);
    // Ranked documents to keep: none when the page is past the end.
    const k = offset >= this.live ? 0 : Math.min(offset + limit, this.live);
    top.reset(sortModeOf(q.sort, hasText), hasText, candidates.score, facetIndex.docPrice, facetIndex.docCreated, k);
    facetIndex.scan(tally, candidates.cand, count, this.docs.length, top, k);
    const ranked = top.drain();
    const score = candidates.score;
    return {
      total: tally.total,
      hits: ranked.slice(offset).map((d) => ({
        id: (this.docs[d] as SearchDoc).id,
        score: hasText ? Math.round((score[d] as number) * 1000) / 1000 : 0,
      })),
      facets: facetIndex.facets(q, tally),
      corrections,
    };
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
    const termIds = this.vocab.ids;
    docTerms.length = 0;
    for (let f = 0; f < FIELDS; f++) {
      fieldTerms.length = 0;
      fieldSurfaces.length = 0;
      this.fieldLen[f] = this.analyzer.analyzeField(texts[f] as string, f < 3 ? TITLE_FIELD : BODY_FIELD, fieldTerms, fieldSurfaces);
      for (let i = 0; i < fieldTerms.length; i++) {
        const term = fieldTerms[i] as string;
        let t = termIds.get(term);
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
    for (const t of this.docTerms) this.postings.add(t, n, impactByte(docTf, t * FIELDS, fieldLen));
  }

  private unindex(n: number): void {
    const doc = this.docs[n];
    if (!doc) return;
    this.analyzeDoc(doc, false);
    for (const t of this.docTerms) {
      this.docTf.fill(0, t * FIELDS, t * FIELDS + FIELDS);
      this.postings.remove(t, n);
    }
  }

  private termNumber(term: string, surface: string): number {
    const known = this.vocab.ids.get(term);
    if (known !== undefined) return known;
    const t = this.vocab.add(term, surface);
    this.postings.addTerm();
    if ((t + 1) * FIELDS > this.docTf.length) {
      const bigger = new Uint8Array(this.docTf.length * 2);
      bigger.set(this.docTf);
      this.docTf = bigger;
    }
    return t;
  }

  private ensureDocCapacity(min: number): void {
    const have = this.facetIndex.capacity;
    if (have >= min) return;
    const cap = Math.max(min, have * 2, 1024);
    this.facetIndex.grow(cap);
    this.candidates.resize(cap);
  }
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
