// China CBEC retail import tax and limits (PRODUCT.md "China CBEC retail import"; MOF/GAC/SAT
// 2016 No. 18 §1 (dutiable price = transaction price + freight + insurance), §3 (tariff 0, VAT and
// consumption tax at 70 % within the limits); 2018 No. 49 §1 (RMB 5,000 per transaction, RMB
// 26,000 per calendar year), §2 (a single item over RMB 5,000: taxed in full, counted)).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Currency, money } from '../../kernel/money.ts';
import type { CbecTaxClass } from '../catalog/cbec.ts';
import {
  assessCbecOrder,
  breakDown,
  type CbecAssessment,
  type CbecLine,
  type CbecRefusal,
  chinaYear,
  chinaYearStart,
  compositeRate,
  fractionToDecimal,
  lineTax,
  spread,
  TAX_ROUNDING,
  TaxInputError,
  taxClassOfHsCode,
  taxRatesOf,
} from './rules.ts';

const cny = (fen: bigint | number) => money(BigInt(fen), 'CNY');
const line = (taxClass: CbecTaxClass, unitFen: bigint, quantity = 1, extra: Partial<CbecLine> = {}): CbecLine => ({
  taxClass,
  unitPrice: cny(unitFen),
  quantity,
  ...extra,
});
function ok(r: CbecAssessment | CbecRefusal): CbecAssessment {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r;
}
function refused(r: CbecAssessment | CbecRefusal): CbecRefusal {
  if (r.ok) throw new Error(`expected a refusal, got ${r.regime}`);
  return r;
}

describe('composite rate within the limits: 70 % × (VAT + CT) / (1 − CT) (2016 No. 18 §3; PRODUCT.md)', () => {
  it.each([
    // PRODUCT.md: 13 % VAT goods → 9.1 %
    ['general: 13 % VAT → 9.1 %', 'general', 91n, 1000n, '0.0910'],
    // PRODUCT.md: 9 % VAT goods (natural honey) → 6.3 %
    ['agricultural: 9 % VAT → 6.3 %', 'agricultural', 63n, 1000n, '0.0630'],
    // PRODUCT.md: high-end cosmetics, 15 % CT → 70 % × 0.28 / 0.85 ≈ 23.06 %
    ['high-end cosmetics: 15 % CT → ≈ 23.06 %', 'cosmetics_high_end', 196n, 850n, '0.2306'],
    // wine: 10 % CT → 70 % × 0.23 / 0.90 ≈ 17.89 %
    ['wine: 10 % CT → ≈ 17.89 %', 'wine', 161n, 900n, '0.1789'],
  ] as const)('%s', (_name, taxClass, num, den, shown) => {
    const r = compositeRate(taxRatesOf(taxClass), 'cbec_retail');
    expect(r.numerator * den).toBe(num * r.denominator);
    expect(fractionToDecimal(r)).toBe(shown);
  });
});

describe('tax of one line (2016 No. 18 §3: CT on the CT-inclusive price, VAT on price + CT; each rounded once, half-up)', () => {
  it.each([
    // RMB 100.00 of honey: 6.3 % → 6.30
    ['agricultural RMB 100', 'agricultural', 'cbec_retail', 10_000n, { tariff: 0n, consumptionTax: 0n, vat: 630n }],
    // RMB 100.00 of formula: 9.1 % → 9.10
    ['general RMB 100', 'general', 'cbec_retail', 10_000n, { tariff: 0n, consumptionTax: 0n, vat: 910n }],
    // RMB 100.00 of high-end cream: CT 100 × 0.15/0.85 × 0.7 = 12.3529 → 12.35; VAT 100/0.85 × 0.13 × 0.7 = 10.7059 → 10.71; 23.06
    ['high-end cosmetics RMB 100', 'cosmetics_high_end', 'cbec_retail', 10_000n, { tariff: 0n, consumptionTax: 1235n, vat: 1071n }],
    // RMB 100.00 of wine: CT 100 × 0.1/0.9 × 0.7 = 7.7778 → 7.78; VAT 100/0.9 × 0.13 × 0.7 = 10.1111 → 10.11
    ['wine RMB 100', 'wine', 'cbec_retail', 10_000n, { tariff: 0n, consumptionTax: 778n, vat: 1011n }],
    // 2018 No. 49 §2, general trade, in full: RMB 6,000 high-end cosmetics, tariff 1 % = 60.00;
    // CT 6,060 × 0.15/0.85 = 1,069.4118 → 1,069.41; VAT 6,060/0.85 × 0.13 = 926.8235 → 926.82
    [
      'high-end cosmetics RMB 6,000, in full',
      'cosmetics_high_end',
      'general_trade',
      600_000n,
      { tariff: 6_000n, consumptionTax: 106_941n, vat: 92_682n },
    ],
    // general trade RMB 5,000.01 of supplements: tariff 12 % = 600.0012 → 600.00; VAT 5,600.0112 × 0.13 = 728.0015 → 728.00
    ['general RMB 5,000.01, in full', 'general', 'general_trade', 500_001n, { tariff: 60_000n, consumptionTax: 0n, vat: 72_800n }],
  ] as const)('%s', (_name, taxClass, regime, dutiable, want) => {
    expect(lineTax(dutiable, taxRatesOf(taxClass), regime)).toEqual(want);
  });

  it('rounds half-up: RMB 15.00 at 9.1 % is 1.365 → 1.37 (half-even would give 1.36), the mode named TAX_ROUNDING', () => {
    expect(TAX_ROUNDING).toBe('half-up');
    expect(lineTax(1_500n, taxRatesOf('general'), 'cbec_retail').vat).toBe(137n);
    // just under the half: RMB 14.99 × 0.091 = 1.36409 → 1.36
    expect(lineTax(1_499n, taxRatesOf('general'), 'cbec_retail').vat).toBe(136n);
  });

  it('the general-trade composite rate: tariff + (1 + tariff) × (VAT + CT) / (1 − CT) (2018 No. 49 §2)', () => {
    // 0.01 + 1.01 × 0.28 / 0.85 = 0.342706…
    expect(fractionToDecimal(compositeRate(taxRatesOf('cosmetics_high_end'), 'general_trade'))).toBe('0.3427');
    // 0.12 + 1.12 × 0.13 = 0.2656
    expect(fractionToDecimal(compositeRate(taxRatesOf('general'), 'general_trade'))).toBe('0.2656');
  });

  it('every line tax is within one fen per tax of the exact composite rate', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 50_000_000n }),
        fc.constantFrom<CbecTaxClass>('general', 'agricultural', 'cosmetics_high_end', 'wine'),
        fc.constantFrom('cbec_retail' as const, 'general_trade' as const),
        (d, cls, regime) => {
          const t = lineTax(d, taxRatesOf(cls), regime);
          const r = compositeRate(taxRatesOf(cls), regime);
          const total = t.tariff + t.consumptionTax + t.vat;
          // |total − d × rate| ≤ 1.5 fen (three half-fen roundings), in integers
          const diff = total * r.denominator * 2n - d * r.numerator * 2n;
          expect(diff <= 3n * r.denominator && diff >= -3n * r.denominator).toBe(true);
        },
      ),
    );
  });
});

describe('limits on the dutiable price (2018 No. 49 §1–2)', () => {
  // RMB 5,000 per transaction: at the limit allowed, one fen over refused, unless one indivisible item.
  it.each([
    ['just under RMB 5,000', [line('general', 499_999n)], 'cbec_retail'],
    ['at RMB 5,000', [line('general', 250_000n, 2)], 'cbec_retail'],
    ['RMB 5,000.01 in two units', [line('general', 250_000n, 1), line('general', 250_001n, 1)], 'order_limit_exceeded'],
    ['RMB 5,000.01, one item not flagged indivisible', [line('general', 500_001n)], 'order_limit_exceeded'],
    ['RMB 5,000.01, one indivisible item → in full', [line('general', 500_001n, 1, { indivisible: true })], 'general_trade'],
    ['RMB 6,000 of two indivisible units', [line('general', 300_000n, 2, { indivisible: true })], 'order_limit_exceeded'],
    [
      'an indivisible item and another line',
      [line('general', 500_001n, 1, { indivisible: true }), line('agricultural', 100n)],
      'order_limit_exceeded',
    ],
    ['RMB 26,000 indivisible item → in full', [line('general', 2_600_000n, 1, { indivisible: true })], 'general_trade'],
    ['RMB 26,000.01 indivisible item → past the year', [line('general', 2_600_001n, 1, { indivisible: true })], 'annual_quota_exceeded'],
  ] as const)('%s', (_name, lines, want) => {
    const r = assessCbecOrder({ lines });
    expect(r.ok ? r.regime : r.code).toBe(want);
  });

  it('counts freight and insurance: RMB 4,990 of goods + RMB 10.01 freight is over RMB 5,000 (2016 No. 18 §1)', () => {
    const r = refused(assessCbecOrder({ lines: [line('general', 499_000n)], freight: cny(1_001n) }));
    expect(r.code).toBe('order_limit_exceeded');
    expect(r.dutiable).toEqual(cny(500_001n));
    expect(r.limit).toEqual(cny(500_000n));
  });

  it('counts seller discounts off: RMB 5,100 less a RMB 100 seller discount is at the limit', () => {
    const r = ok(assessCbecOrder({ lines: [line('general', 255_000n, 2)], discount: cny(10_000n) }));
    expect(r.dutiable).toEqual(cny(500_000n));
    expect(r.regime).toBe('cbec_retail');
  });

  // RMB 26,000 per calendar year: the order must fit in what is left.
  it.each([
    ['fits exactly', 2_100_000n, 500_000n, 'cbec_retail', null],
    ['one fen short', 2_100_001n, 500_000n, 'annual_quota_exceeded', 499_999n],
    ['nothing left', 2_600_000n, 1n, 'annual_quota_exceeded', 0n],
    ['indivisible item fits the year', 2_000_000n, 600_000n, 'general_trade', null],
    ['indivisible item does not', 2_000_001n, 600_000n, 'annual_quota_exceeded', 599_999n],
  ] as const)('annual: %s', (_name, used, price, want, remaining) => {
    const r = assessCbecOrder({ lines: [line('general', price, 1, { indivisible: true })] }, { annualUsed: cny(used) });
    expect(r.ok ? r.regime : r.code).toBe(want);
    if (!r.ok) expect(r.remaining).toEqual(cny(remaining ?? 0n));
    else expect(r.annualUsedAfter).toEqual(cny(used + price));
  });

  it('the general-trade path charges all three taxes in full on the item', () => {
    const r = ok(assessCbecOrder({ lines: [line('cosmetics_high_end', 600_000n, 1, { indivisible: true })] }));
    expect(r.rule).toMatch(/2018 No\. 49 §2/);
    expect([r.tariff, r.consumptionTax, r.vat, r.tax]).toEqual([cny(6_000n), cny(106_941n), cny(92_682n), cny(205_623n)]);
  });
});

describe('freight, insurance and discounts spread over lines (2016 No. 18 §1: dutiable price per line)', () => {
  it('in proportion to the goods, to the fen', () => {
    const parts = breakDown(
      [
        { unitPrice: cny(10_000n), quantity: 1 },
        { unitPrice: cny(10_000n), quantity: 2 },
      ],
      { freight: cny(1_000n), insurance: cny(1n) },
      'CNY',
    );
    // 10.00 of freight over 100 : 200 → 3.33 / 6.67 (largest remainder); 0.01 insurance → the larger remainder
    expect(parts.map((p) => [p.freight.amount, p.insurance.amount, p.dutiable.amount])).toEqual([
      [333n, 0n, 10_333n],
      [667n, 1n, 20_668n],
    ]);
  });

  it('the order discount by goods after the line discounts; freight over free goods evenly', () => {
    const parts = breakDown(
      [
        { unitPrice: cny(3_000n), quantity: 1, discount: cny(1_000n) },
        { unitPrice: cny(2_000n), quantity: 1 },
      ],
      { discount: cny(1_001n) },
      'CNY',
    );
    expect(parts.map((p) => [p.discount.amount, p.goods.amount])).toEqual([
      [1_501n, 1_499n],
      [500n, 1_500n],
    ]);
    expect(spread(cny(5n), [0n, 0n])).toEqual([cny(3n), cny(2n)]);
  });

  it('refuses what cannot be: a discount above the goods, a negative freight, another currency, no lines', () => {
    expect(() => breakDown([{ unitPrice: cny(100n), quantity: 1, discount: cny(101n) }], {}, 'CNY')).toThrow(TaxInputError);
    expect(() => breakDown([{ unitPrice: cny(100n), quantity: 1 }], { discount: cny(101n) }, 'CNY')).toThrow(TaxInputError);
    expect(() => breakDown([{ unitPrice: cny(100n), quantity: 1 }], { freight: cny(-1n) }, 'CNY')).toThrow(TaxInputError);
    expect(() => breakDown([{ unitPrice: cny(100n), quantity: 0 }], {}, 'CNY')).toThrow(TaxInputError);
    expect(() => breakDown([{ unitPrice: money(100n, 'AUD'), quantity: 1 }], {}, 'CNY')).toThrow(/currency mismatch/);
    expect(() => breakDown([], {}, 'CNY')).toThrow(TaxInputError);
  });

  it('property: never loses or creates a cent of freight, insurance or discount', () => {
    const amount = fc.bigInt({ min: 0n, max: 10_000_000n });
    fc.assert(
      fc.property(
        fc.array(fc.record({ unit: amount, quantity: fc.integer({ min: 1, max: 20 }), off: fc.integer({ min: 0, max: 100 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        amount,
        amount,
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<Currency>('CNY', 'AUD', 'JPY'),
        (raw, freight, insurance, orderOffPct, currency) => {
          const m = (a: bigint) => money(a, currency);
          const lines = raw.map((l) => ({
            unitPrice: m(l.unit),
            quantity: l.quantity,
            discount: m((l.unit * BigInt(l.quantity) * BigInt(l.off)) / 100n),
          }));
          const afterLines = lines.reduce((a, l) => a + l.unitPrice.amount * BigInt(l.quantity) - l.discount.amount, 0n);
          const orderDiscount = (afterLines * BigInt(orderOffPct)) / 100n;
          const parts = breakDown(lines, { freight: m(freight), insurance: m(insurance), discount: m(orderDiscount) }, currency);
          const total = (f: (p: (typeof parts)[number]) => bigint) => parts.reduce((a, p) => a + f(p), 0n);
          expect(total((p) => p.freight.amount)).toBe(freight);
          expect(total((p) => p.insurance.amount)).toBe(insurance);
          const lineDiscounts = lines.reduce((a, l) => a + l.discount.amount, 0n);
          expect(total((p) => p.discount.amount)).toBe(lineDiscounts + orderDiscount);
          const gross = lines.reduce((a, l) => a + l.unitPrice.amount * BigInt(l.quantity), 0n);
          expect(total((p) => p.dutiable.amount)).toBe(gross - lineDiscounts - orderDiscount + freight + insurance);
          for (const p of parts) {
            for (const x of [p.freight, p.insurance, p.goods, p.discount]) expect(x.amount >= 0n).toBe(true);
            expect(p.dutiable.amount).toBe(p.goods.amount + p.freight.amount + p.insurance.amount);
            expect(p.goods.amount).toBe(p.gross.amount - p.discount.amount);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the calendar year of the annual limit is China’s (UTC+8, no daylight saving)', () => {
  it.each([
    ['2026-12-31T15:59:59.999Z', 2026],
    ['2026-12-31T16:00:00.000Z', 2027],
    ['2026-01-01T00:00:00.000Z', 2026],
    ['2025-12-31T16:00:00.000Z', 2026],
    ['2026-07-01T12:00:00.000Z', 2026],
  ])('%s is in %i', (at, year) => {
    expect(chinaYear(new Date(at))).toBe(year);
  });

  it('starts at midnight Beijing time', () => {
    expect(chinaYearStart(2027).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('tax class of an HS code', () => {
  it.each([
    ['0409000000', 'agricultural'], // natural honey: 9 % VAT
    ['0802620000', 'agricultural'], // raw macadamias
    ['1901101000', 'general'], // infant formula
    ['2106909090', 'general'], // supplements
    ['2204210000', 'wine'],
    ['3304990099', undefined], // skin care: high-end or not depends on the price per ml
    ['8471300000', undefined],
  ] as const)('%s → %s', (hs, want) => {
    expect(taxClassOfHsCode(hs)).toBe(want);
  });
});
