// FX rounding (PRODUCT.md P3: "FX quotes are locked at payment"; every rounding explicit):
// the customer rate after the spread, inverse rates, conversion at a quote.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../kernel/money.ts';
import { amountToPay, convertAt, customerRate, invertRate, normaliseRate } from './rules.ts';

describe('customerRate: mid less the spread, rounded down at 10 decimals', () => {
  it.each([
    ['4.7', 0, '4.7'],
    ['4.7', 50, '4.6765'],
    ['4.6512', 35, '4.63492080'.replace(/0+$/, '')],
    ['0.2150537634', 100, '0.2129032257'],
    ['7.0987', 9999, '0.00070987'],
  ])('mid %s, spread %i bps → %s', (mid, bps, want) => {
    expect(customerRate(mid, bps)).toBe(want);
  });

  it('refuses a spread outside 0–9999 bps', () => {
    expect(() => customerRate('4.7', -1)).toThrow(RangeError);
    expect(() => customerRate('4.7', 10_000)).toThrow(RangeError);
  });

  it('never gives the customer more than mid, nor less than mid × (1 − spread) − 10⁻¹⁰', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 2000 }), (micro, bps) => {
        const mid = (micro / 1_000_000).toFixed(6);
        const r = Number(customerRate(mid, bps));
        const exact = Number(mid) * (1 - bps / 10_000);
        return r <= Number(mid) && r <= exact + 1e-12 && r >= exact - 1e-10 - 1e-12;
      }),
    );
  });
});

describe('invertRate: 1 / rate, half-even at 10 decimals', () => {
  it.each([
    ['4', '0.25'],
    ['4.65', '0.2150537634'],
    ['7.0987', '0.1408708637'],
    ['0.5', '2'],
  ])('1 / %s = %s', (rate, want) => {
    expect(invertRate(rate)).toBe(want);
  });
});

describe('normaliseRate', () => {
  it.each([
    ['4.70', '4.7'],
    ['0007.1', '7.1'],
    ['1', '1'],
  ])('%s → %s', (input, want) => {
    expect(normaliseRate(input)).toBe(want);
  });
  it.each(['0', '-1', '4.7e1', 'abc', ''])('refuses %j', (input) => {
    expect(() => normaliseRate(input)).toThrow();
  });
});

describe('convertAt: half-up to the target minor unit, once', () => {
  it.each([
    ['10000', 'AUD', 'CNY', '4.6765', '46765'],
    ['1', 'AUD', 'CNY', '4.6765', '5'],
    ['19999', 'CNY', 'AUD', '0.2129032257', '4258'],
    ['42253', 'CNY', 'NZD', '0.24', '10141'],
  ] as const)('%s %s → %s at %s = %s', (amount, from, to, rate, want) => {
    expect(convertAt(money(amount, from), to, rate)).toEqual({ amount: BigInt(want), currency: to });
  });
});

describe('amountToPay: price ÷ rate, rounded up to the pay currency (the payment covers the price)', () => {
  it.each([
    // AUD 100.00 at CNY→AUD 0.2121: 471.4757… → 471.48
    [10_000n, 'AUD', '0.2121', 47_148n],
    // exact: AUD 47.00 at 0.2 → CNY 235.00
    [4_700n, 'AUD', '0.2', 23_500n],
    // NZD 0.01 at 0.23 → 0.0434… → CNY 0.05
    [1n, 'NZD', '0.23', 5n],
    // a rate above 1 (USD at CNY→USD 0.1408708637): USD 12.34 → CNY 87.6 (87.5978…) → 87.60
    [1_234n, 'USD', '0.1408708637', 8_760n],
  ] as const)('%s minor %s at %s → CNY %s minor', (amount, currency, rate, want) => {
    expect(amountToPay(money(amount, currency), 'CNY', rate)).toEqual(money(want, 'CNY'));
  });

  it('always covers the price at the rate, by less than one minor unit more than needed', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000_000_000n }), fc.integer({ min: 1, max: 99_999_999 }), (amount, micro) => {
        const rate = (micro / 1_000_000).toFixed(6);
        const paid = amountToPay(money(amount, 'AUD'), 'CNY', rate).amount;
        const scaled = BigInt(micro); // rate × 10⁶
        // paid × rate ≥ amount, and (paid − 1) × rate < amount, in integers
        return paid * scaled >= amount * 1_000_000n && (paid - 1n) * scaled < amount * 1_000_000n;
      }),
    );
  });
});
