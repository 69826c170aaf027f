// Pure catalog rules: product identifiers (GS1 GTIN) and the China HS code
// required on every cross-border declaration line. No I/O.
// The GS1 check digit lives here, with the GTIN, because it is a GS1 rule;
// merchants/rules.ts imports it for the NZBN (a GS1 GLN) so there is exactly
// one implementation.

type Failure<R extends string> = { ok: false; reason: R; message: string };

// ---------------------------------------------------------------------------
// GS1 mod-10 check digit — GS1 General Specifications §7.9.1
// ---------------------------------------------------------------------------

// The longest GS1 key with a mod-10 check digit is the 18-digit SSCC.
const GS1_MAX_BODY_LENGTH = 17;

/**
 * The GS1 mod-10 check digit for `digitsWithoutCheck` (GS1 General
 * Specifications §7.9.1). Weights 3 and 1 alternate starting from the
 * RIGHTMOST digit of the body, so the same function serves GTIN-8/12/13/14
 * and GLN: counted from the left, a 13-digit key's body gets 1,3,1,3… while a
 * 14-digit key's body gets 3,1,3,1…. Zero-padding the body on the left
 * therefore never changes the result.
 * Throws when the body is not 1–17 ASCII digits: that is a caller bug.
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!new RegExp(`^\\d{1,${GS1_MAX_BODY_LENGTH}}$`).test(digitsWithoutCheck)) {
    throw new TypeError(`gs1CheckDigit expects 1–${GS1_MAX_BODY_LENGTH} digits`);
  }
  let sum = 0;
  const last = digitsWithoutCheck.length - 1;
  for (let i = 0; i <= last; i++) {
    const digit = digitsWithoutCheck.charCodeAt(i) - 48;
    sum += (last - i) % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

// ---------------------------------------------------------------------------
// GTIN
// ---------------------------------------------------------------------------

export type GtinKind = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';

const GTIN_KINDS: Readonly<Record<number, GtinKind>> = { 8: 'GTIN-8', 12: 'GTIN-12', 13: 'GTIN-13', 14: 'GTIN-14' };

export type GtinFailureReason = 'format' | 'checksum';

export type GtinResult = { ok: true; value: string; kind: GtinKind } | Failure<GtinFailureReason>;

/**
 * Validates a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) or GTIN-14.
 * The value is kept at its own length rather than padded to 14 digits, so it
 * matches what is printed under the barcode.
 */
export function validateGtin(input: string): GtinResult {
  // Spaces appear when people copy the human-readable line under a barcode.
  const value = input.replace(/\s/g, '');
  const kind = GTIN_KINDS[value.length];
  if (kind === undefined || !/^\d+$/.test(value)) {
    return { ok: false, reason: 'format', message: 'A GTIN has 8, 12, 13 or 14 digits.' };
  }
  if (gs1CheckDigit(value.slice(0, -1)) !== Number(value.slice(-1))) {
    return {
      ok: false,
      reason: 'checksum',
      message: 'The GTIN check digit does not match (GS1 General Specifications §7.9.1).',
    };
  }
  return { ok: true, value, kind };
}

// ---------------------------------------------------------------------------
// China HS code
// ---------------------------------------------------------------------------

export type HsCodeFailureReason = 'format';

export type HsCodeResult = { ok: true; value: string } | Failure<HsCodeFailureReason>;

/**
 * Validates a China customs commodity code: the 6-digit international HS
 * heading plus China's national subdivisions, 10 digits in all. Dots and
 * spaces are stripped because tariff books print codes as `6109.1000.00`.
 */
export function validateHsCode(input: string): HsCodeResult {
  const value = input.replace(/[\s.]/g, '');
  if (!/^\d{10}$/.test(value)) {
    return { ok: false, reason: 'format', message: 'A China HS code has exactly 10 digits.' };
  }
  return { ok: true, value };
}

/**
 * Validates the HS code of goods a seller in China exports to consumers in Australia or New
 * Zealand: at least the 6-digit subheading of the WCO Harmonized System (the part every
 * country shares; the AU and NZ tariffs classify on it), up to the 10 digits of a China export
 * code with its national subdivisions. Dots and spaces are stripped as above.
 */
export function validateExportHsCode(input: string): HsCodeResult {
  const value = input.replace(/[\s.]/g, '');
  if (!/^\d{6,10}$/.test(value)) {
    return { ok: false, reason: 'format', message: 'An HS code has 6 to 10 digits (the 6-digit Harmonized System subheading at least).' };
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------
// Listing checks — what must be true before a product is listed for China
// (PRODUCT.md M2 and "China CBEC retail import"; issue 3)
// ---------------------------------------------------------------------------

export type ListingIssueCode =
  | 'missing_text'
  | 'no_variants'
  | 'missing_hs_code'
  | 'not_on_positive_list'
  | 'missing_tax_class'
  | 'missing_samr_registration'
  | 'missing_weight'
  | 'merchant_not_approved';

export interface ListingIssue {
  code: ListingIssueCode;
  /** The offending field as a dot path, e.g. `variants.1.hs_code` or `text.zh-Hans.description`. */
  param: string;
  message: string;
}

export interface ListingCandidate {
  merchantStatus: string;
  text: Partial<
    Record<
      'en' | 'zh-Hans',
      {
        name?: string | undefined;
        subtitle?: string | undefined;
        description?: string | undefined;
        ingredients?: string | undefined;
        usage?: string | undefined;
      }
    >
  >;
  samrRegistration: string | null;
  variants: readonly { hsCode: string | null; taxClass: string | null; netWeightG: number | null; grossWeightG: number | null }[];
}

export interface ListingRules {
  /** The positive-list line of a 10-digit HS code, if any (cbec.ts). */
  onPositiveList(hsCode: string): boolean;
  /** Whether a 10-digit HS code is infant formula, which needs a SAMR registration. */
  isInfantFormula(hsCode: string): boolean;
}

const LISTING_LOCALES = ['en', 'zh-Hans'] as const;
const OPTIONAL_TEXT_FIELDS = ['subtitle', 'ingredients', 'usage'] as const;

/**
 * The market a product is listed for, by where its merchant is: ANZ brands sell to shoppers in
 * China (CBEC imports: `listingIssues`), sellers in China to shoppers in Australia and New
 * Zealand (`anzListingIssues`).
 */
export type ListingMarket = 'CN' | 'ANZ';

export const listingMarketOf = (merchantCountry: string): ListingMarket => (merchantCountry === 'CN' ? 'ANZ' : 'CN');

export interface AnzListingCandidate {
  merchantStatus: string;
  text: ListingCandidate['text'];
  variants: readonly { hsCode: string | null; netWeightG: number | null; grossWeightG: number | null }[];
}

/**
 * Everything that stops a seller in China from listing a product for shoppers in Australia and
 * New Zealand; empty when it may be listed. None of the CBEC import rules apply (positive list,
 * CBEC tax class, SAMR registration: they govern imports into China). What the AU/NZ side needs
 * instead: a name and description in English (shoppers there browse in English; PRODUCT.md),
 * at least one variant, and per variant an HS code of at least 6 digits (the import declaration
 * and the GST regime are decided by classification) and its net or gross weight (the waybill).
 * Whether goods are GST-free or alcohol/tobacco (ATO LCR 2018/1; Inland Revenue) is a flag on
 * the variant that defaults to false, so it never blocks a listing.
 */
export function anzListingIssues(p: AnzListingCandidate): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (p.merchantStatus !== 'approved') {
    issues.push({ code: 'merchant_not_approved', param: 'merchant', message: `The merchant is ${p.merchantStatus}, not approved` });
  }
  for (const field of ['name', 'description'] as const) {
    if (!p.text.en?.[field]?.trim()) {
      issues.push({
        code: 'missing_text',
        param: `text.en.${field}`,
        message: `The ${field} in en is required to list in Australia and New Zealand`,
      });
    }
  }
  if (p.variants.length === 0) issues.push({ code: 'no_variants', param: 'variants', message: 'A product needs at least one variant' });
  p.variants.forEach((v, i) => {
    if (!v.hsCode || validateExportHsCode(v.hsCode).ok === false) {
      issues.push({
        code: 'missing_hs_code',
        param: `variants.${i}.hs_code`,
        message: 'An HS code of at least 6 digits is required to list in Australia and New Zealand',
      });
    }
    if (!v.netWeightG && !v.grossWeightG) {
      issues.push({ code: 'missing_weight', param: `variants.${i}.net_weight_g`, message: 'A net or gross weight is required' });
    }
  });
  return issues;
}

/**
 * Everything that stops a product from being listed for China, in a stable order; empty
 * when it may be listed. The rules: name and description in both English and Simplified
 * Chinese, and any optional text given in one language given in the other too (shoppers
 * in China read zh-Hans, customs and merchants en); at least one variant; every variant
 * has an HS code whose tariff line is on the CBEC positive list (MOF et al. 2018 No. 49 §2;
 * list of 2022 No. 7), a CBEC tax class and its weights (declared on the waybill); infant
 * formula carries a SAMR formula registration number; the merchant is approved.
 */
export function listingIssues(p: ListingCandidate, rules: ListingRules): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (p.merchantStatus !== 'approved') {
    issues.push({ code: 'merchant_not_approved', param: 'merchant', message: `The merchant is ${p.merchantStatus}, not approved` });
  }
  for (const locale of LISTING_LOCALES) {
    for (const field of ['name', 'description'] as const) {
      if (!p.text[locale]?.[field]?.trim()) {
        issues.push({
          code: 'missing_text',
          param: `text.${locale}.${field}`,
          message: `The ${field} in ${locale} is required to list in China`,
        });
      }
    }
  }
  for (const field of OPTIONAL_TEXT_FIELDS) {
    const given = LISTING_LOCALES.filter((l) => p.text[l]?.[field]?.trim());
    const missing = LISTING_LOCALES.filter((l) => !given.includes(l));
    if (given.length > 0 && missing[0]) {
      issues.push({
        code: 'missing_text',
        param: `text.${missing[0]}.${field}`,
        message: `The ${field} is given in ${given[0]} but not in ${missing[0]}`,
      });
    }
  }
  if (p.variants.length === 0) issues.push({ code: 'no_variants', param: 'variants', message: 'A product needs at least one variant' });
  let formula = false;
  p.variants.forEach((v, i) => {
    if (!v.hsCode) {
      issues.push({ code: 'missing_hs_code', param: `variants.${i}.hs_code`, message: 'A China HS code is required to list in China' });
    } else {
      if (!rules.onPositiveList(v.hsCode)) {
        issues.push({
          code: 'not_on_positive_list',
          param: `variants.${i}.hs_code`,
          message: `HS code ${v.hsCode} (tariff line ${v.hsCode.slice(0, 8)}) is not on the CBEC retail import positive list`,
        });
      }
      if (rules.isInfantFormula(v.hsCode)) formula = true;
    }
    if (!v.taxClass) issues.push({ code: 'missing_tax_class', param: `variants.${i}.tax_class`, message: 'A CBEC tax class is required' });
    if (!v.netWeightG || !v.grossWeightG) {
      issues.push({ code: 'missing_weight', param: `variants.${i}.gross_weight_g`, message: 'Net and gross weight are required' });
    }
  });
  if (formula && !p.samrRegistration) {
    issues.push({
      code: 'missing_samr_registration',
      param: 'samr_registration',
      message: 'Infant formula needs its SAMR formula registration number (国食注字YP…) to be sold in China',
    });
  }
  return issues;
}
