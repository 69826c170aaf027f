// The public shapes of the in-memory product search: the documents it indexes, the queries it
// answers and the results it returns. `engine.ts` re-exports all of them.

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
