// Filters and disjunctive facets for the search engine: the per-document columns queries
// filter, count and sort on (merchant, brand, facet signature, price, creation time), the
// one pass over a query's candidates that applies the filters, tallies every facet and
// feeds the top-k heap, and the facet lists of the result.
import type { TopK } from './ranking.ts';
import { type FacetValue, PRICE_BUCKET_BOUNDS, type SearchDoc, type SearchQuery, type SearchResult, type ShipsFrom } from './types.ts';

const SHIPS_BIT: Record<ShipsFrom, number> = { bonded: 1, overseas: 2 };

/** One query's filters and facet tallies, in one fixed shape so the scan loop stays monomorphic. */
export interface Tally {
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

/** The filter, facet and sort columns of the indexed documents, by document number. */
export class FacetIndex {
  alive = new Uint8Array(0);
  private docMerchant = new Int32Array(0);
  private docBrand = new Int32Array(0);
  private docSignature = new Int32Array(0);
  docPrice = new Float64Array(0);
  docCreated = new Float64Array(0);
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

  /** How many document numbers the columns have room for. */
  get capacity(): number {
    return this.alive.length;
  }

  /** Grows the columns to `cap` document numbers. */
  grow(cap: number): void {
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
  }

  /** Records document `n` as `doc` (which is within capacity) and marks it alive. */
  set(n: number, doc: SearchDoc): void {
    this.alive[n] = 1;
    this.docMerchant[n] = this.merchantNumber(doc.merchantId);
    this.docBrand[n] = this.brands.intern(doc.brand);
    this.docPrice[n] = doc.priceCny;
    let bucket = PRICE_BUCKET_BOUNDS.length - 1;
    while (bucket > 0 && doc.priceCny < (PRICE_BUCKET_BOUNDS[bucket] as number)) bucket--;
    this.docSignature[n] = this.signature(
      this.categories.intern(doc.category),
      this.countries.intern(doc.countryOfOrigin.toUpperCase()),
      doc.shipsFrom.reduce((m, s) => m | SHIPS_BIT[s], 0),
      bucket,
    );
    this.docCreated[n] = doc.createdAt;
  }

  setMerchantVisible(merchantId: string, visible: boolean): void {
    this.merchantVisible[this.merchantNumber(merchantId)] = visible ? 1 : 0;
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

  /** Normalises a query's filters into the fixed shape `scan` reads. */
  newTally(q: SearchQuery): Tally {
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
   * The one pass over the candidates (the first `count` of `cand`, or every document number
   * below `docCount` when `count` < 0): visibility, filters, facet tallies and the top `k`
   * into `top`. A facet counts the documents that fail no filter but its own, which makes
   * it disjunctive: `signatureCount` keeps, per signature, the documents failing nothing
   * (slot 0) and those failing exactly one filter (its slot).
   */
  scan(t: Tally, cand: Int32Array, count: number, docCount: number, top: TopK, k: number): void {
    const { alive, docMerchant, merchantVisible, docSignature, docBrand, docPrice } = this;
    const { signatureFail, brandSel, priceFiltered, priceMin, priceMax, signatureCount, brandCount } = t;
    const brandFiltered = brandSel.length > 0;
    const all = count < 0;
    const end = all ? docCount : count;
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
        if (k > 0 && (top.heapSize < k || top.before(d, top.heap[0] as number))) top.offer(d, k);
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

  /** The facets of a result, from a tally `scan` filled. */
  facets(q: SearchQuery, t: Tally): SearchResult['facets'] {
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
    };
  }
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
