// Order-payment rules (PRODUCT.md P3 "FX quotes are locked at payment and kept with the
// payment"; P6 customs payment data in the CEB message formats; issue 4: refunds reverse
// exactly what was moved, escrow is released N = 10 days after delivery).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../kernel/money.ts';
import {
  CHARGE_CURRENCIES,
  type ChargeParts,
  chargeFor,
  chargeWithParts,
  corridorAllows,
  customsAmount,
  customsTime,
  DEFAULT_ESCROW_RELEASE_DAYS,
  isCbecCharge,
  isChargeCurrency,
  partsTotal,
  refundShare,
  releaseDueAt,
  splitRefund,
  taxPayable,
  walletNeedsIdentity,
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

// The reverse flow (PRODUCT.md: "Shopper in Australia / NZ — pay AUD/NZD with GST shown, buy from
// Chinese sellers"): the charge is in AUD/NZD, the merchant settles in CNY, the quote is AUD→CNY
// (base = charge currency). AUD→CNY mid 4.7 less 50 bps = customer rate 4.6765.
describe('the reverse flow: AUD/NZD charges to sellers in China settling in CNY', () => {
  it.each([
    // a CNY price: the shopper pays ⌈19900 / 4.6765⌉ = ⌈4255.32⌉ = AUD 42.56, the merchant is owed CNY 199.00 exactly
    ['CNY price, AUD charge', money(19_900n, 'CNY'), 'AUD', '4.6765', 4_256n, 19_900n],
    // NZD: ⌈8800 / 4.25⌉ = ⌈2070.59⌉ = NZD 20.71
    ['CNY price, NZD charge', money(8_800n, 'CNY'), 'NZD', '4.25', 2_071n, 8_800n],
    // a fixed AUD price: charged as it is, the merchant is owed 42.56 × 4.6765 = 199.03184 → CNY 199.03 (half-up)
    ['fixed AUD price', money(4_256n, 'AUD'), 'AUD', '4.6765', 4_256n, 19_903n],
  ] as const)('chargeFor: %s', (_name, price, chargeCcy, rate, charge, due) => {
    const r = chargeFor(price, chargeCcy, 'CNY', rate);
    expect(r).toEqual({ charge: money(charge, chargeCcy), settlement: money(due, 'CNY') });
  });

  it('chargeWithParts: the goods are the AUD the shopper saw, GST and shipping on top, the merchant owed exactly the CNY price', () => {
    // lines CNY 120.00 + 79.00, each shown at ⌈12000 / 4.6765⌉ = 25.67 and ⌈7900 / 4.6765⌉ = 16.90: AUD 42.57 of goods
    // (one cent more than chargeFor's 42.56 for the total); shipping AUD 8.00; GST 10 % of (42.57 + 8.00) = 5.057 → 5.06
    const r = chargeWithParts(money(19_900n, 'CNY'), 'AUD', 'CNY', '4.6765', { goods: 4_257n, shipping: 800n, tax: 506n });
    expect(r).toEqual({ parts: { goods: 4_257n, shipping: 800n, tax: 506n }, charge: 5_563n, settlement: 19_900n });
    // nothing fixed: chargeFor's goods
    expect(chargeWithParts(money(19_900n, 'CNY'), 'AUD', 'CNY', '4.6765', { goods: null, shipping: 0n, tax: 0n })).toEqual({
      parts: { goods: 4_256n, shipping: 0n, tax: 0n },
      charge: 4_256n,
      settlement: 19_900n,
    });
    // a fixed AUD price is charged as it is
    expect(() => chargeWithParts(money(4_256n, 'AUD'), 'AUD', 'CNY', '4.6765', { goods: 4_257n, shipping: 0n, tax: 0n })).toThrow(
      RangeError,
    );
  });

  it('property: whatever the rate and the goods the shopper saw, a seller in China is owed exactly the CNY price', () => {
    const rate = fc
      .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 9_999 }))
      .map(([whole, frac]) => `${whole}.${String(frac).padStart(4, '0')}`);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 100_000_000n }),
        fc.constantFrom('AUD' as const, 'NZD' as const),
        rate,
        fc.option(fc.bigInt({ min: 1n, max: 100_000_000n }), { nil: null }),
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        (price, ccy, r, goods, shipping, tax) => {
          const out = chargeWithParts(money(price, 'CNY'), ccy, 'CNY', r, { goods, shipping, tax });
          expect(out.settlement).toBe(price);
          expect(out.charge).toBe(out.parts.goods + shipping + tax);
          if (goods !== null) expect(out.parts.goods).toBe(goods);
          // nothing fixed: the goods charge is chargeFor’s for the whole price
          else expect(out.parts.goods).toBe(chargeFor(money(price, 'CNY'), ccy, 'CNY', r).charge.amount);
        },
      ),
    );
  });

  it('refundShare: partial refunds of the AUD goods give back exactly the CNY due in the end', () => {
    // 19900 × 2000 / 4257 = 9349.31 → 9349; the rest (2257) gives back 19900 − 9349 = 10551
    const state = { charged: 4_257n, settlement: 19_900n, refunded: 0n, settlementRefunded: 0n };
    expect(refundShare(state, 2_000n)).toBe(9_349n);
    expect(refundShare({ ...state, refunded: 2_000n, settlementRefunded: 9_349n }, 2_257n)).toBe(10_551n);
  });

  it.each([
    // PRODUCT.md: ANZ brands sell to shoppers in China (CNY → AUD/NZD); shoppers in AU/NZ buy from Chinese sellers (AUD/NZD → CNY)
    ['CNY', 'AUD', true],
    ['CNY', 'NZD', true],
    ['CNY', 'CNY', false], // a shopper in China buying from a seller in China: not cross-border
    ['AUD', 'CNY', true],
    ['NZD', 'CNY', true],
    ['AUD', 'AUD', false], // a domestic Australian sale
    ['AUD', 'NZD', false], // trans-Tasman: not the corridor
    ['NZD', 'NZD', false],
    ['NZD', 'AUD', false],
    ['AUD', 'USD', false],
  ] as const)('corridorAllows: charge %s, settlement %s → %s', (charge, settlement, want) => {
    expect(corridorAllows(charge, settlement)).toBe(want);
  });

  it.each([
    // China CBEC import tax goes to customs (MOF/GAC/SAT 2018 No.49); AU/NZ GST on low-value imports to the ATO / Inland Revenue (X4)
    ['CNY', 'customs_tax_payable:CNY', /China customs/],
    ['AUD', 'gst_payable:AUD', /ATO/],
    ['NZD', 'gst_payable:NZD', /Inland Revenue/],
  ] as const)('taxPayable: %s → %s', (ccy, key, name) => {
    expect(taxPayable(ccy).key).toBe(key);
    expect(taxPayable(ccy).name).toMatch(name);
  });

  it('isCbecCharge / isChargeCurrency: only CNY charges are China CBEC payments (real name, payer = buyer, customs data)', () => {
    expect(CHARGE_CURRENCIES.filter(isCbecCharge)).toEqual(['CNY']);
    expect(CHARGE_CURRENCIES.every(isChargeCurrency)).toBe(true);
    for (const c of ['USD', 'JPY', 'cny', '', null]) expect(isChargeCurrency(c)).toBe(false);
  });

  it.each([
    // X3 real-name checks are China's rule for CBEC payments: shoppers in China only
    ['CN', true],
    ['AU', false],
    ['NZ', false],
  ] as const)('walletNeedsIdentity: a shopper in %s → %s', (country, want) => {
    expect(walletNeedsIdentity(country)).toBe(want);
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
