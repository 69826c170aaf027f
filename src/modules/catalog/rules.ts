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
