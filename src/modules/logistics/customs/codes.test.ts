// Code tables (customs parameter set JGS-20) and the value formats of the CEB messages: amounts are
// decimal yuan with two places (PRODUCT.md "Amounts are decimal yuan with up to 2 places"), made from
// fen by integer arithmetic; weights are kilograms; times are China time (UTC+8).
import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaTimestamp,
  chinaTimestampMs,
  customsCountryCode,
  customsCurrencyCode,
  customsUnitCode,
  fenToYuan,
  gramsToKg,
  parseChinaTimestamp,
} from './codes.ts';

describe('fen → yuan', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [10n, '0.10'],
    [99n, '0.99'],
    [100n, '1.00'],
    [12345n, '123.45'],
    [500000n, '5000.00'],
    [2600000n, '26000.00'],
    [123456789012345678901n, '1234567890123456789.01'],
  ])('%s fen is "%s"', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
  });

  it('a negative amount is a programming error', () => {
    expect(() => fenToYuan(-1n)).toThrow(RangeError);
  });
});

describe('grams → kilograms', () => {
  it.each([
    [0, '0'],
    [1, '0.001'],
    [250n, '0.25'],
    [850, '0.85'],
    [1000, '1'],
    [1980n, '1.98'],
    [30_000, '30'],
    [123_456_789n, '123456.789'],
  ])('%s g is "%s" kg', (g, kg) => {
    expect(gramsToKg(g)).toBe(kg);
  });

  it('fractions of a gram and negative weights are refused', () => {
    expect(() => gramsToKg(1.5)).toThrow(RangeError);
    expect(() => gramsToKg(-1n)).toThrow(RangeError);
  });
});

describe('China time', () => {
  it('formats in UTC+8 and reads back', () => {
    const at = new Date('2024-12-31T16:00:00.042Z');
    expect(chinaTimestamp(at)).toBe('20250101000000');
    expect(chinaTimestampMs(at)).toBe('20250101000000042');
    expect(chinaDate(at)).toBe('20250101');
    expect(parseChinaTimestamp('20250101000000042').toISOString()).toBe(at.toISOString());
    expect(parseChinaTimestamp('20250101000000').toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(() => parseChinaTimestamp('2025-01-01')).toThrow(RangeError);
  });
});

describe('customs codes', () => {
  it('countries: AU 601, NZ 609, CN 142 (PRODUCT.md), and the common origins', () => {
    expect(customsCountryCode('AU')).toBe('601');
    expect(customsCountryCode('nz')).toBe('609');
    expect(customsCountryCode('CN')).toBe('142');
    expect(['US', 'JP', 'KR', 'GB', 'DE', 'FR'].map(customsCountryCode)).toEqual(['502', '116', '133', '303', '304', '305']);
    expect(() => customsCountryCode('ZZ')).toThrow(RangeError);
  });

  it('currencies: CNY 142, AUD 601, NZD 609, USD 502 (PRODUCT.md)', () => {
    expect(['CNY', 'AUD', 'NZD', 'USD'].map(customsCurrencyCode)).toEqual(['142', '601', '609', '502']);
    expect(() => customsCurrencyCode('XXX')).toThrow(RangeError);
  });

  it('units: 件 011, 个 007, 瓶 142, 盒 140, 千克 035', () => {
    expect(['件', '个', '瓶', '盒', '千克'].map(customsUnitCode)).toEqual(['011', '007', '142', '140', '035']);
    expect(() => customsUnitCode('坨')).toThrow(RangeError);
  });
});
