// GST on low-value imported goods (PRODUCT.md): Australia — ATO "GST on low value imported
// goods" from 1 July 2018, LCR 2018/1: 10 % on items of customs value ≤ A$1,000 (freight and
// insurance excluded) sold to consumers, on the price including shipping and insurance; not
// alcohol or tobacco; GST-free goods stay GST-free; over A$1,000 taxed at the border.
// New Zealand — Inland Revenue, from 1 Dec 2019: 15 % on items valued ≤ NZ$1,000 (excluding
// GST, freight and insurance); not alcohol or tobacco; over NZ$1,000 at the border.
import { describe, expect, it } from 'vitest';
import { type Currency, money } from '../../kernel/money.ts';
import { assessGstOrder, GST_ROUNDING, type GstCountry, type GstLine } from './gst-rules.ts';
import { TaxInputError } from './rules.ts';

const CURRENCY: Record<GstCountry, Currency> = { AU: 'AUD', NZ: 'NZD' };

describe('per line: collected at sale up to 1,000 per item, at the border above', () => {
  it.each([
    // LCR 2018/1: A$1,000.00 exactly is low value; 10 % of 1,000.00 + 20.00 shipping + 1.00 insurance = 102.10
    ['AU at A$1,000', 'AU', 100_000n, 1, 'au_lvg_gst', 10_210n],
    // A$1,000.01: over the threshold, taxed at the border, nothing at sale
    ['AU over A$1,000', 'AU', 100_001n, 1, 'border', 0n],
    // just under: 10 % of 999.99 + 21.00 = 102.099 → 102.10 (half-up)
    ['AU just under', 'AU', 99_999n, 1, 'au_lvg_gst', 10_210n],
    // per item, not per order: 10 × A$200 = A$2,000 is still ten low-value items; 10 % of 2,021.00
    ['AU per item', 'AU', 20_000n, 10, 'au_lvg_gst', 20_210n],
    // NZ$1,000.00 exactly: 15 % of 1,021.00 = 153.15
    ['NZ at NZ$1,000', 'NZ', 100_000n, 1, 'nz_lvg_gst', 15_315n],
    ['NZ over NZ$1,000', 'NZ', 100_001n, 1, 'border', 0n],
  ] as const)('%s', (_name, country, unit, quantity, regime, gst) => {
    const c = CURRENCY[country];
    const r = assessGstOrder(country, {
      lines: [{ unitPrice: money(unit, c), quantity }],
      freight: money(2_000n, c),
      insurance: money(100n, c),
    });
    expect(r.lines[0]?.regime).toBe(regime);
    expect(r.gst).toEqual(money(gst, c));
  });

  it('the threshold is the customs value, not the price: a A$1,100 sale of goods valued A$990 is low value', () => {
    const r = assessGstOrder('AU', { lines: [{ unitPrice: money(110_000n, 'AUD'), quantity: 1, customsValue: money(99_000n, 'AUD') }] });
    expect(r.lines[0]?.regime).toBe('au_lvg_gst');
    expect(r.gst).toEqual(money(11_000n, 'AUD'));
  });

  it('alcohol and tobacco go to the border whatever the value (both countries)', () => {
    for (const country of ['AU', 'NZ'] as const) {
      const c = CURRENCY[country];
      const r = assessGstOrder(country, { lines: [{ unitPrice: money(3_000n, c), quantity: 2, alcoholOrTobacco: true }] });
      expect(r.lines[0]?.regime).toBe('border');
      expect(r.gst.amount).toBe(0n);
      expect(r.lines[0]?.rule).toMatch(/alcohol and tobacco/);
    }
  });

  it('AU GST-free goods stay GST-free (GST Act Div 38); New Zealand has no such class', () => {
    const line: GstLine = { unitPrice: money(1_000n, 'AUD'), quantity: 1, gstFree: true };
    const r = assessGstOrder('AU', { lines: [line] });
    expect(r.lines[0]?.regime).toBe('gst_free');
    expect(r.gst.amount).toBe(0n);
    expect(() => assessGstOrder('NZ', { lines: [{ ...line, unitPrice: money(1_000n, 'NZD') }] })).toThrow(TaxInputError);
  });

  it('shipping and insurance are spread over all lines and taxed only on the low-value ones', () => {
    const r = assessGstOrder('AU', {
      lines: [
        { unitPrice: money(50_000n, 'AUD'), quantity: 1 },
        { unitPrice: money(150_000n, 'AUD'), quantity: 1 },
      ],
      freight: money(4_000n, 'AUD'),
    });
    // freight 40.00 by 500 : 1,500 → 10.00 / 30.00; GST 10 % of 510.00 on the first line only
    expect(r.lines.map((l) => [l.regime, l.freight.amount, l.taxable.amount, l.gst.amount])).toEqual([
      ['au_lvg_gst', 1_000n, 51_000n, 5_100n],
      ['border', 3_000n, 0n, 0n],
    ]);
    expect(r.freight).toEqual(money(4_000n, 'AUD'));
  });

  it('rounds each line half-up to the cent (GST_ROUNDING): 10 % of A$0.05 is 0.5 ¢ → 1 ¢; 15 % of NZ$0.03 is 0.45 ¢ → 0', () => {
    expect(GST_ROUNDING).toBe('half-up');
    expect(assessGstOrder('AU', { lines: [{ unitPrice: money(5n, 'AUD'), quantity: 1 }] }).gst.amount).toBe(1n);
    expect(assessGstOrder('NZ', { lines: [{ unitPrice: money(3n, 'NZD'), quantity: 1 }] }).gst.amount).toBe(0n);
  });

  it('refuses amounts in another currency', () => {
    expect(() => assessGstOrder('AU', { lines: [{ unitPrice: money(100n, 'NZD'), quantity: 1 }] })).toThrow(/currency mismatch/);
    expect(() =>
      assessGstOrder('AU', { lines: [{ unitPrice: money(100n, 'AUD'), quantity: 1, customsValue: money(100n, 'NZD') }] }),
    ).toThrow(TaxInputError);
  });
});
