/**
 * Money as integer minor units (fen, cents, yen) in a `bigint`.
 *
 * Why bigint and not number: a float cannot hold 0.1 exactly, so sums of
 * prices drift and customs documents (which must agree to the fen across
 * order, payment and waybill) stop matching. Integers in a `number` would be
 * exact only up to 2^53, and products like amount × rate numerator leave that
 * range quickly; bigint never overflows and never rounds unless we say so.
 * Every place that loses precision (tax, FX, splitting) takes an explicit
 * RoundingMode, so the choice is visible at the call site.
 */

export type Currency = 'CNY' | 'AUD' | 'NZD' | 'USD' | 'JPY';

/**
 * Minor-unit exponent per ISO 4217. JPY is not traded on the platform; it is
 * here so the exponent-0 path (and conversion across exponents) is exercised.
 */
export const CURRENCIES: Readonly<Record<Currency, number>> = Object.freeze({
  CNY: 2,
  AUD: 2,
  NZD: 2,
  USD: 2,
  JPY: 0,
});

export interface Money {
  readonly amount: bigint;
  readonly currency: Currency;
}

/** The wire shape from docs/api.md; the amount is a string because JSON numbers are doubles. */
export interface ApiMoney {
  readonly amount: string;
  readonly currency: Currency;
}

/**
 * half-up / half-down / half-even decide only exact ties; "up" and "half-up"
 * mean away from zero and "down" means toward zero, for either sign, so
 * rounding a refund gives the negation of rounding the charge.
 */
export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up' | 'half-down';

const ROUNDING_MODES: ReadonlySet<string> = new Set(['half-up', 'half-even', 'down', 'up', 'half-down']);

export type MoneyErrorCode =
  | 'currency_mismatch'
  | 'unsupported_currency'
  | 'invalid_amount'
  | 'invalid_rate'
  | 'invalid_rounding_mode'
  | 'invalid_allocation'
  | 'division_by_zero';

/** Errors carry a stable `code` so the HTTP layer can map them once. */
export class MoneyError extends Error {
  override readonly name: string = 'MoneyError';
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export class CurrencyMismatchError extends MoneyError {
  override readonly name: string = 'CurrencyMismatchError';
  readonly expected: Currency;
  readonly actual: Currency;

  constructor(expected: Currency, actual: Currency) {
    super('currency_mismatch', `currency mismatch: expected ${expected}, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

export function isCurrency(s: unknown): s is Currency {
  return typeof s === 'string' && Object.hasOwn(CURRENCIES, s);
}

function assertCurrency(currency: unknown): asserts currency is Currency {
  if (!isCurrency(currency)) {
    throw new MoneyError('unsupported_currency', `unsupported currency: ${String(currency)}`);
  }
}

export function minorUnits(currency: Currency): number {
  assertCurrency(currency);
  return CURRENCIES[currency];
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

const INTEGER = /^-?\d+$/;

// For error messages about untrusted input; JSON.stringify throws on bigint.
function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
}

/**
 * Amount in minor units. A number is accepted only when it is a safe integer:
 * silently truncating 12.5 or accepting 2^53 + 1 (already rounded by the time
 * we see it) would hide a units bug (major passed where minor was meant).
 */
export function money(amount: bigint | number | string, currency: Currency): Money {
  assertCurrency(currency);
  if (typeof amount === 'bigint') return { amount, currency };
  if (typeof amount === 'number') {
    if (!Number.isSafeInteger(amount)) {
      throw new MoneyError('invalid_amount', `amount must be a safe integer of minor units, got ${amount}`);
    }
    return { amount: BigInt(amount), currency };
  }
  if (typeof amount === 'string' && INTEGER.test(amount)) {
    return { amount: BigInt(amount), currency };
  }
  throw new MoneyError('invalid_amount', `amount must be an integer of minor units, got ${describe(amount)}`);
}

export function zero(currency: Currency): Money {
  return money(0n, currency);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a major-unit decimal ("12.34") exactly. More fraction digits than
 * the currency has are rejected rather than rounded: such input means the
 * caller computed something it should have rounded itself, with a mode.
 */
export function fromDecimal(s: string, currency: Currency): Money {
  assertCurrency(currency);
  const match = typeof s === 'string' ? DECIMAL.exec(s) : null;
  if (!match) {
    throw new MoneyError('invalid_amount', `not a decimal amount: ${describe(s)}`);
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const exponent = CURRENCIES[currency];
  if (fraction.length > exponent) {
    throw new MoneyError('invalid_amount', `${currency} has ${exponent} decimal places, got ${JSON.stringify(s)}`);
  }
  const magnitude = BigInt(whole) * pow10(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  return { amount: sign === '-' ? -magnitude : magnitude, currency };
}

/** Always exactly the currency's number of decimals, as customs documents want ("12.30", "-0.05", "1200"). */
export function toDecimal(m: Money): string {
  const exponent = minorUnits(m.currency);
  const negative = m.amount < 0n;
  const digits = (negative ? -m.amount : m.amount).toString();
  if (exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(exponent + 1, '0');
  const whole = padded.slice(0, -exponent);
  const fraction = padded.slice(-exponent);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

export function negate(m: Money): Money {
  return { amount: -m.amount, currency: m.currency };
}

export function abs(m: Money): Money {
  return m.amount < 0n ? negate(m) : m;
}

/** The currency is explicit so that an empty list still has one. */
export function sum(list: readonly Money[], currency: Currency): Money {
  let total = zero(currency);
  for (const m of list) total = add(total, m);
  return total;
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function equals(a: Money, b: Money): boolean {
  return compare(a, b) === 0;
}

export function isZero(m: Money): boolean {
  return m.amount === 0n;
}

export function isNegative(m: Money): boolean {
  return m.amount < 0n;
}

export function max(first: Money, ...rest: readonly Money[]): Money {
  let best = first;
  for (const m of rest) if (compare(m, best) > 0) best = m;
  return best;
}

export function min(first: Money, ...rest: readonly Money[]): Money {
  let best = first;
  for (const m of rest) if (compare(m, best) < 0) best = m;
  return best;
}

/**
 * numerator / denominator rounded to an integer. BigInt division truncates
 * toward zero, so the quotient is already "down"; the remainder's size
 * relative to half the denominator decides the other modes. Comparing
 * 2·|r| with |d| keeps everything in integers.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (!ROUNDING_MODES.has(mode)) {
    throw new MoneyError('invalid_rounding_mode', `unknown rounding mode: ${String(mode)}`);
  }
  if (denominator === 0n) throw new MoneyError('division_by_zero', 'division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const awayFromZero = quotient + (numerator < 0n ? -1n : 1n);
  if (mode === 'down') return quotient;
  if (mode === 'up') return awayFromZero;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  if (twiceRemainder < denominator) return quotient;
  if (twiceRemainder > denominator) return awayFromZero;
  if (mode === 'half-up') return awayFromZero;
  if (mode === 'half-down') return quotient;
  return quotient % 2n === 0n ? quotient : awayFromZero;
}

export interface Rate {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const RATE = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Rates arrive as decimal strings ("0.091", "4.7321") so that they are exact:
 * the number 0.091 is really 0.09099999999999999. Exponent notation is
 * rejected because it is what String(someFloat) produces, i.e. a sign that a
 * float got involved upstream.
 */
export function parseRate(rate: string | bigint): Rate {
  if (typeof rate === 'bigint') return { numerator: rate, denominator: 1n };
  const match = typeof rate === 'string' ? RATE.exec(rate) : null;
  if (!match) {
    throw new MoneyError(
      'invalid_rate',
      `rate must be a plain decimal string such as "0.091" (no exponent, no spaces), got ${describe(rate)}`,
    );
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { numerator: sign === '-' ? -magnitude : magnitude, denominator: pow10(fraction.length) };
}

/** m × rate, rounded once at the end (never per step) with the given mode. */
export function multiply(m: Money, rate: string | bigint, rounding: RoundingMode): Money {
  const { numerator, denominator } = parseRate(rate);
  return { amount: divideRounded(m.amount * numerator, denominator, rounding), currency: m.currency };
}

/**
 * FX conversion. `rate` is how many major units of `toCurrency` one major
 * unit of `m.currency` buys (the way quotes are written: AUD→CNY "4.7321").
 * Working in minor units: to = from × rate × 10^toExp / 10^fromExp, all in
 * one fraction so the only rounding is the final one.
 */
export function convert(m: Money, toCurrency: Currency, rate: string, rounding: RoundingMode): Money {
  assertCurrency(toCurrency);
  const { numerator, denominator } = parseRate(rate);
  if (numerator <= 0n) {
    throw new MoneyError('invalid_rate', `an exchange rate must be positive, got ${String(rate)}`);
  }
  const amount = divideRounded(m.amount * numerator * pow10(CURRENCIES[toCurrency]), denominator * pow10(minorUnits(m.currency)), rounding);
  return { amount, currency: toCurrency };
}

/**
 * Splits `total` in proportion to `weights` so that the parts add up to the
 * total exactly (a discount spread over order lines, a payment split between
 * merchants). Rounding each share on its own can lose or invent a fen, which
 * breaks the ledger and the customs three-document match. Largest remainder
 * (Hamilton's method): every part gets the floor of its exact share, then the
 * minor units left over go one each to the parts with the largest fractional
 * remainders, ties to the earlier index so the result is deterministic. Each
 * part is then within one minor unit of its exact share, and a zero weight
 * always gets zero.
 */
export function allocate(total: Money, weights: readonly bigint[]): Money[] {
  if (weights.length === 0) {
    throw new MoneyError('invalid_allocation', 'allocate needs at least one weight');
  }
  let weightSum = 0n;
  for (const w of weights) {
    if (typeof w !== 'bigint' || w < 0n) {
      throw new MoneyError('invalid_allocation', `weights must be non-negative bigints, got ${String(w)}`);
    }
    weightSum += w;
  }
  if (weightSum === 0n) {
    throw new MoneyError('invalid_allocation', 'at least one weight must be positive');
  }

  // Allocate the magnitude and negate afterwards, so a refund splits as the
  // mirror image of the charge it reverses.
  const negative = total.amount < 0n;
  const magnitude = negative ? -total.amount : total.amount;

  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let allocated = 0n;
  for (const w of weights) {
    const share = magnitude * w;
    parts.push(share / weightSum);
    remainders.push(share % weightSum);
    allocated += share / weightSum;
  }

  // leftover < number of non-zero remainders, since their sum is leftover × weightSum
  // and each is below weightSum; so every extra unit lands on a distinct part.
  const leftover = Number(magnitude - allocated);
  const order = weights.map((_, i) => i);
  order.sort((i, j) => {
    const ri = remainders[i] ?? 0n;
    const rj = remainders[j] ?? 0n;
    return ri > rj ? -1 : ri < rj ? 1 : i - j;
  });
  for (let k = 0; k < leftover; k++) {
    const index = order[k] as number;
    parts[index] = (parts[index] ?? 0n) + 1n;
  }

  return parts.map((p) => ({ amount: negative ? -p : p, currency: total.currency }));
}

/** n parts differing by at most one minor unit, the larger ones first. */
export function allocateEvenly(total: Money, n: number): Money[] {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new MoneyError('invalid_allocation', `allocateEvenly needs a positive integer count, got ${n}`);
  }
  return allocate(total, new Array<bigint>(n).fill(1n));
}

export function toApi(m: Money): ApiMoney {
  return { amount: m.amount.toString(), currency: m.currency };
}

/**
 * Validates untrusted input. A JSON number amount is refused rather than
 * converted: past 2^53 it has already been rounded by JSON.parse.
 */
export function fromApi(obj: unknown): Money {
  if (typeof obj !== 'object' || obj === null) {
    throw new MoneyError('invalid_amount', 'money must be an object { amount, currency }');
  }
  const { amount, currency } = obj as { amount?: unknown; currency?: unknown };
  assertCurrency(currency);
  if (typeof amount !== 'string' || !INTEGER.test(amount)) {
    throw new MoneyError('invalid_amount', `amount must be a string of integer minor units such as "1234", got ${describe(amount)}`);
  }
  return { amount: BigInt(amount), currency };
}
