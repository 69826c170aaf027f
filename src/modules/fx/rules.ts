// Pure FX rules (PRODUCT.md P3): rates as exact decimal strings, the customer rate after
// the platform's spread, inverse rates, and conversion at a quote. Every rounding is named
// here and tested. No I/O.
import { CURRENCIES, convert, type Currency, divideRounded, type Money, parseRate } from '../../kernel/money.ts';

export const FX_CURRENCIES = ['CNY', 'AUD', 'NZD', 'USD'] as const;
export type FxCurrency = (typeof FX_CURRENCIES)[number];

/** Rates are kept to 10 decimal places. */
export const RATE_DECIMALS = 10;
const SCALE = 10n ** BigInt(RATE_DECIMALS);

function toDecimal(numerator: bigint, denominator: bigint, mode: 'down' | 'half-even'): string {
  // numerator / denominator to RATE_DECIMALS places, positive values only.
  const scaled = numerator * SCALE;
  let q = scaled / denominator;
  const r = scaled % denominator;
  if (mode === 'half-even' && (2n * r > denominator || (2n * r === denominator && q % 2n === 1n))) q += 1n;
  const s = q.toString().padStart(RATE_DECIMALS + 1, '0');
  const whole = s.slice(0, -RATE_DECIMALS);
  const frac = s.slice(-RATE_DECIMALS).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** A rate written as a decimal string, checked positive and normalised ("4.70" → "4.7"). */
export function normaliseRate(rate: string): string {
  const { numerator, denominator } = parseRate(rate);
  if (numerator <= 0n) throw new RangeError('a rate must be positive');
  return toDecimal(numerator, denominator, 'half-even');
}

/**
 * The rate a customer gets converting base → quote: the mid rate less the spread, so the
 * customer receives `spread_bps` basis points less of the quote currency than at mid.
 * Rounded DOWN at 10 decimal places (never in the customer's favour by more than the
 * spread, never against them beyond it by more than 10⁻¹⁰).
 */
export function customerRate(mid: string, spreadBps: number): string {
  if (!Number.isInteger(spreadBps) || spreadBps < 0 || spreadBps >= 10_000) throw new RangeError('spread must be 0–9999 bps');
  const { numerator, denominator } = parseRate(mid);
  return toDecimal(numerator * BigInt(10_000 - spreadBps), denominator * 10_000n, 'down');
}

/** 1 / rate, half-even at 10 decimal places: CNY→AUD from an AUD→CNY rate. */
export function invertRate(rate: string): string {
  const { numerator, denominator } = parseRate(rate);
  if (numerator <= 0n) throw new RangeError('a rate must be positive');
  return toDecimal(denominator, numerator, 'half-even');
}

/**
 * Convert at a quote's rate. Rounding: half-up to the target currency's minor unit, once,
 * at the end (kernel money.convert works in one fraction).
 */
export function convertAt(amount: Money, to: Currency, rate: string): Money {
  return convert(amount, to, rate, 'half-up');
}

/**
 * What to pay in `payCurrency` to buy `price` at `rate` (payCurrency → price currency, e.g. a
 * CNY→AUD customer rate): price ÷ rate, rounded UP to the pay currency's minor unit, so the
 * amount paid always covers the price at the quoted rate (the platform never funds a
 * rounding shortfall; the shopper pays at most one fen more than the exact quotient).
 */
export function amountToPay(price: Money, payCurrency: Currency, rate: string): Money {
  const { numerator, denominator } = parseRate(rate);
  if (numerator <= 0n) throw new RangeError('a rate must be positive');
  const payExp = 10n ** BigInt(CURRENCIES[payCurrency]);
  const priceExp = 10n ** BigInt(CURRENCIES[price.currency]);
  return { amount: divideRounded(price.amount * denominator * payExp, numerator * priceExp, 'up'), currency: payCurrency };
}
