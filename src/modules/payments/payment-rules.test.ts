// Order-payment rules (PRODUCT.md P3 "FX quotes are locked at payment and kept with the
// payment"; P6 customs payment data in the CEB message formats; issue 4: refunds reverse
// exactly what was moved, escrow is released N = 10 days after delivery).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../kernel/money.ts';
import {
  type ChargeParts,
  chargeFor,
  chargeWithParts,
  customsAmount,
  customsTime,
  DEFAULT_ESCROW_RELEASE_DAYS,
  partsTotal,
  refundShare,
  releaseDueAt,
  splitRefund,
} from './payment-rules.ts';

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

describe('chargeWithParts: one intent per order, goods fixed by the checkout, shipping and tax on top (CNY)', () => {
  it.each([
    // AUD 100.00 whose lines the shopper saw at CNY 472.40 (each rounded up): charged 472.40 + 20.00 + 43.30, owed AUD 100.00 exactly
    ['AUD price, goods fixed', money(10_000n, 'AUD'), '0.2121', 47_240n, 2_000n, 4_330n, 47_240n, 53_570n, 10_000n],
    // nothing fixed: the goods charge is chargeFor's (⌈10000 / 0.2121⌉ = 47148), no shipping or tax — as without parts
    ['AUD price, nothing fixed', money(10_000n, 'AUD'), '0.2121', null, 0n, 0n, 47_148n, 47_148n, 10_000n],
    // a fixed CNY price is the goods charge itself; the merchant's due is its half-up conversion (199.00 × 0.2121 → 42.21)
    ['CNY price', money(19_900n, 'CNY'), '0.2121', 19_900n, 1_500n, 1_800n, 19_900n, 23_200n, 4_221n],
  ] as const)('%s', (_name, price, rate, fixedGoods, shipping, tax, goods, charge, settlement) => {
    const r = chargeWithParts(price, 'CNY', 'AUD', rate, { goods: fixedGoods, shipping, tax });
    expect(r).toEqual({ parts: { goods, shipping, tax }, charge, settlement });
  });

  it('refuses a CNY price whose goods charge is not the price', () => {
    expect(() => chargeWithParts(money(19_900n, 'CNY'), 'CNY', 'AUD', '0.2121', { goods: 19_901n, shipping: 0n, tax: 0n })).toThrow(
      RangeError,
    );
  });
});

describe('splitRefund: a refund naming no parts takes each part in proportion to what is left, goods first', () => {
  it.each([
    // everything left: every part in full
    ['everything', { goods: 47_237n, shipping: 2_000n, tax: 4_823n }, 54_060n, { goods: 47_237n, shipping: 2_000n, tax: 4_823n }],
    // goods = ½-up(10000 × 5000 / 11910 = 4198.15) = 4198; rest 802; tax = ½-up(910 × 802 / 1910 = 382.09) = 382; shipping 420
    ['a part of each', { goods: 10_000n, shipping: 1_000n, tax: 910n }, 5_000n, { goods: 4_198n, shipping: 420n, tax: 382n }],
    // only goods left (shipping and tax refunded already): all of it is goods
    ['goods only left', { goods: 500n, shipping: 0n, tax: 0n }, 200n, { goods: 200n, shipping: 0n, tax: 0n }],
    // no goods left: tax = ½-up(100 × 200 / 400) = 50, shipping the rest
    ['no goods left', { goods: 0n, shipping: 300n, tax: 100n }, 200n, { goods: 0n, shipping: 150n, tax: 50n }],
    // ties round half up: goods ½-up(2 × 3 / 4 = 1.5) = 2, then tax ½-up(1 × 1 / 2 = 0.5) = 1, shipping 0
    ['ties round up, goods then tax', { goods: 2n, shipping: 1n, tax: 1n }, 3n, { goods: 2n, shipping: 0n, tax: 1n }],
    // one fen of three equal parts: goods ½-up(⅓) = 0, tax ½-up(½) = 1
    ['one fen', { goods: 1n, shipping: 1n, tax: 1n }, 1n, { goods: 0n, shipping: 0n, tax: 1n }],
  ] as const)('%s', (_name, left, amount, want) => {
    expect(splitRefund(left, amount)).toEqual(want);
  });

  it('refuses a non-positive refund, one beyond what is left, and a negative part left', () => {
    const left = { goods: 100n, shipping: 10n, tax: 5n };
    expect(() => splitRefund(left, 0n)).toThrow(RangeError);
    expect(() => splitRefund(left, 116n)).toThrow(RangeError);
    expect(() => splitRefund({ goods: 100n, shipping: -1n, tax: 5n }, 10n)).toThrow(RangeError);
  });

  const part = fc.bigInt({ min: 0n, max: 100_000_000n });
  const left = fc.record({ goods: part, shipping: part, tax: part }).filter((l) => partsTotal(l) > 0n) as fc.Arbitrary<ChargeParts>;

  it('each part is within what is left of it and the parts sum exactly to the amount', () => {
    fc.assert(
      fc.property(
        left.chain((l) => fc.tuple(fc.constant(l), fc.bigInt({ min: 1n, max: partsTotal(l) }))),
        ([l, amount]) => {
          const r = splitRefund(l, amount);
          return (
            partsTotal(r) === amount &&
            r.goods >= 0n &&
            r.goods <= l.goods &&
            r.shipping >= 0n &&
            r.shipping <= l.shipping &&
            r.tax >= 0n &&
            r.tax <= l.tax
          );
        },
      ),
    );
  });

  it('refunds split in any sequence that adds up to the charge give the merchant back exactly the settlement', () => {
    fc.assert(
      fc.property(
        left.filter((l) => l.goods > 0n),
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (charged, settlement, weights) => {
          let l = { ...charged };
          let goodsRefunded = 0n;
          let settlementRefunded = 0n;
          for (const [i, w] of weights.entries()) {
            const total = partsTotal(l);
            const amount = i === weights.length - 1 ? total : (total * BigInt(w)) / 1000n;
            if (amount <= 0n) continue;
            const r = splitRefund(l, amount);
            if (r.goods > 0n) {
              const share = refundShare({ charged: charged.goods, settlement, refunded: goodsRefunded, settlementRefunded }, r.goods);
              if (share < 0n) return false;
              settlementRefunded += share;
            }
            goodsRefunded += r.goods;
            l = { goods: l.goods - r.goods, shipping: l.shipping - r.shipping, tax: l.tax - r.tax };
          }
          return partsTotal(l) === 0n && settlementRefunded === settlement;
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
