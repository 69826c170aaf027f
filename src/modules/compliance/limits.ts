// The CBEC retail-import limits (PRODUCT.md; MOF/GAC/SAT 2018 No. 49 §1), in fen. A file of
// their own, without imports, because the table schema (schema.ts) builds its CHECK from them and
// drizzle-kit loads the schema files outside the application.

/** RMB 5,000 of dutiable price per transaction. */
export const CBEC_TRANSACTION_LIMIT = 500_000n;
/** RMB 26,000 of dutiable price per buyer per calendar year (China time). */
export const CBEC_ANNUAL_LIMIT = 2_600_000n;
