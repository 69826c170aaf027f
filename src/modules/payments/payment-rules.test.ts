// Order-payment rules (PRODUCT.md P3 "FX quotes are locked at payment and kept with the
// payment"; P6 customs payment data in the CEB message formats; issue 4: refunds reverse
// exactly what was moved, escrow is released N = 10 days after delivery).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../kernel/money.ts';
import { chargeFor, customsAmount, customsTime, DEFAULT_ESCROW_RELEASE_DAYS, refundShare, releaseDueAt } from './payment-rules.ts';

describe('chargeFor: the charge and the merchant’s due at a locked quote', () => {
  it.each([
    // priced in AUD, CNY→AUD customer rate 0.2121: the shopper pays 471.48 (rounded up), the merchant is owed 100.00
    ['AUD price', money(10_000n, 'AUD'), 'AUD', '0.2121', 47_148n, 10_000n],
    // priced in NZD
    ['NZD price', money(2_599n, 'NZD'), 'NZD', '0.2299', 11_305n, 2_599n],
    // a fixed CNY price: the shopper pays it, the merchant is owed 199.00 × 0.2121 = 42.2079 → 42.21 (half-up)
    ['fixed CNY price', money(19_900n, 'CNY'), 'AUD', '0.2121', 19_900n, 4_221n],
    // half-up exactly at the half: 0.50 × 0.21 = 0.105 → 0.11
    ['CNY price, tie', money(50n, 'CNY'), 'AUD', '0.21', 50n, 11n],
  ] as const)('%s', (_name, price, settlement, rate, charge, due) => {
    const r = chargeFor(price, 'CNY', settlement, rate);
    expect(r.charge).toEqual(money(charge, 'CNY'));
    expect(r.settlement).toEqual(money(due, settlement));
  });

  it('needs no rate when nothing is converted', () => {
    expect(chargeFor(money(500n, 'CNY'), 'CNY', 'CNY', null)).toEqual({ charge: money(500n, 'CNY'), settlement: money(500n, 'CNY') });
  });

  it('refuses a price in a third currency, and a conversion without a rate', () => {
    expect(() => chargeFor(money(500n, 'USD'), 'CNY', 'AUD', '0.2')).toThrow(RangeError);
    expect(() => chargeFor(money(500n, 'AUD'), 'CNY', 'AUD', null)).toThrow(RangeError);
  });
});

describe('refundShare: refunds give back the merchant’s due in proportion, on the running total', () => {
  it.each([
    // charge 471.48 CNY for 100.00 AUD; refund 100.00 CNY → 100 × 10000 / 47148 = 21.2098… → 21.21
    ['a partial refund', { charged: 47_148n, settlement: 10_000n, refunded: 0n, settlementRefunded: 0n }, 10_000n, 2_121n],
    // the rest after it: everything left of the due
    ['the rest', { charged: 47_148n, settlement: 10_000n, refunded: 10_000n, settlementRefunded: 2_121n }, 37_148n, 7_879n],
    // a whole refund at once
    ['all at once', { charged: 47_148n, settlement: 10_000n, refunded: 0n, settlementRefunded: 0n }, 47_148n, 10_000n],
    // one fen of 3: 1 × 1 / 3 = 0.33 → 0; the next fen takes it to 0.67 → 1
    ['rounding on the running total', { charged: 3n, settlement: 1n, refunded: 1n, settlementRefunded: 0n }, 1n, 1n],
  ] as const)('%s', (_name, state, amount, want) => {
    expect(refundShare(state, amount)).toBe(want);
  });

  it('refuses a refund beyond the charge and a non-positive one', () => {
    const s = { charged: 100n, settlement: 20n, refunded: 90n, settlementRefunded: 18n };
    expect(() => refundShare(s, 11n)).toThrow(RangeError);
    expect(() => refundShare(s, 0n)).toThrow(RangeError);
  });

  it('any sequence of partial refunds adding up to the charge gives back exactly the due, each share ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (charged, settlement, weights) => {
          const total = weights.reduce((a, b) => a + b, 0);
          let refunded = 0n;
          let settlementRefunded = 0n;
          let given = 0n;
          for (const [i, w] of weights.entries()) {
            const amount = i === weights.length - 1 ? charged - refunded : (charged * BigInt(w)) / BigInt(total);
            if (amount <= 0n) continue;
            const share = refundShare({ charged, settlement, refunded, settlementRefunded }, amount);
            if (share < 0n) return false;
            refunded += amount;
            settlementRefunded += share;
            given += share;
          }
          return refunded === charged && given === settlement;
        },
      ),
    );
  });
});

describe('escrow release', () => {
  it('is due the configured number of days after delivery (default 10)', () => {
    expect(DEFAULT_ESCROW_RELEASE_DAYS).toBe(10);
    expect(releaseDueAt(new Date('2026-11-01T09:30:00Z'), 10).toISOString()).toBe('2026-11-11T09:30:00.000Z');
    expect(releaseDueAt(new Date('2026-11-01T09:30:00Z'), 0).toISOString()).toBe('2026-11-01T09:30:00.000Z');
  });
});

describe('customs payment record formats (CEB messages)', () => {
  it.each([
    ['UTC midday is 20:00 in China', '2026-11-25T12:00:00Z', '20261125200000'],
    ['UTC evening is the next day in China', '2026-12-31T16:30:05Z', '20270101003005'],
    ['no daylight saving in summer', '2026-07-01T00:00:00Z', '20260701080000'],
  ])('%s', (_name, iso, want) => {
    expect(customsTime(new Date(iso))).toBe(want);
  });

  it('writes amounts as decimal yuan with two places', () => {
    expect(customsAmount(money(123_450n, 'CNY'))).toBe('1234.50');
    expect(customsAmount(money(5n, 'CNY'))).toBe('0.05');
  });
});
