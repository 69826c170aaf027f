// The row mapping of CSV imports (docs/api.md "Import and export"): header reading, cell
// conversions, and the mapping of a record to the catalog API's own input shape.
import { describe, expect, it } from 'vitest';
import {
  CellError,
  cellsOf,
  columnOf,
  flag,
  formatMinor,
  formatOptions,
  hasProductFields,
  minorUnits,
  parseOptions,
  productPatchOf,
  readHeader,
  variantPatchOf,
} from './columns.ts';

describe('readHeader', () => {
  it('indexes known columns and stock columns; unknown, repeated and missing sku are file errors on row 1', () => {
    const { header, errors } = readHeader(['sku', 'price', 'stock:Auckland DC', 'status']);
    expect(header.index).toEqual({ sku: 0, price: 1 });
    expect(header.stock).toEqual([{ header: 'stock:Auckland DC', location: 'Auckland DC', index: 2 }]);
    expect(errors).toEqual([]);
    const bad = readHeader(['price', 'price', 'colour']).errors;
    expect(bad.map((e) => [e.row, e.field, e.code])).toEqual([
      [1, 'price', 'invalid_csv'],
      [1, 'colour', 'invalid_csv'],
      [1, 'sku', 'invalid_csv'],
    ]);
  });
});

describe('cells', () => {
  it.each([
    ['45', '4500'],
    ['45.5', '4550'],
    ['45.05', '4505'],
    ['0.99', '99'],
    ['1234567890.12', '123456789012'],
  ])('price %s → %s minor units (2-decimal currencies: PRODUCT.md "Currencies")', (v, minor) => {
    expect(minorUnits('price', v)).toBe(minor);
    expect(formatMinor(BigInt(minor))).toBe(Number(v).toFixed(2));
  });

  it.each(['45.123', '-1', '1,000', '$4', 'abc', ''])('price %j is refused with its column', (v) => {
    expect(() => minorUnits('price', v)).toThrow(CellError);
    try {
      minorUnits('cny_price', v);
    } catch (e) {
      expect((e as CellError).field).toBe('cny_price');
    }
  });

  it('flags and options', () => {
    expect(['true', 'YES', 'y', '1'].map((v) => flag('gst_free', v))).toEqual([true, true, true, true]);
    expect(['false', 'No', '0'].map((v) => flag('gst_free', v))).toEqual([false, false, false]);
    expect(() => flag('gst_free', 'maybe')).toThrow(CellError);
    expect(parseOptions('size=900g; flavour = plain')).toEqual({ size: '900g', flavour: 'plain' });
    expect(formatOptions({ size: '900g', flavour: 'plain' })).toBe('size=900g; flavour=plain');
    expect(() => parseOptions('900g')).toThrow(CellError);
  });
});

describe('mapping a record to the API inputs', () => {
  const { header } = readHeader([
    'handle',
    'brand',
    'name_en',
    'name_zh',
    'description_zh',
    'sku',
    'price',
    'length_mm',
    'width_mm',
    'height_mm',
  ]);

  it('product fields: text per locale, only what is given', () => {
    const cells = cellsOf(header, ['h1', ' Manuka Bay ', 'Honey', '', '蜂蜜', 'SKU-1', '39.90', '', '', '']);
    expect(cells).toEqual({ handle: 'h1', brand: 'Manuka Bay', name_en: 'Honey', description_zh: '蜂蜜', sku: 'SKU-1', price: '39.90' });
    expect(hasProductFields(cells)).toBe(true);
    expect(productPatchOf(cells)).toEqual({ brand: 'Manuka Bay', text: { en: { name: 'Honey' }, 'zh-Hans': { description: '蜂蜜' } } });
    expect(hasProductFields({ handle: 'h1', sku: 'X' })).toBe(false);
  });

  it('variant fields: price in the merchant currency unless the file says otherwise; dimensions together', () => {
    expect(variantPatchOf({ sku: 'S', price: '39.90' }, 'NZD')).toEqual({ sku: 'S', price: { amount: '3990', currency: 'NZD' } });
    expect(variantPatchOf({ sku: 'S', price: '1', currency: 'AUD' }, 'NZD')).toMatchObject({ price: { currency: 'AUD' } });
    expect(variantPatchOf({ sku: 'S', length_mm: '70', width_mm: '70', height_mm: '95' }, 'AUD')).toEqual({
      sku: 'S',
      dimensions_mm: { length: 70, width: 70, height: 95 },
    });
    expect(() => variantPatchOf({ sku: 'S', length_mm: '70' }, 'AUD')).toThrow('together');
    expect(() => variantPatchOf({ sku: 'S', net_weight_g: '2.5' }, 'AUD')).toThrow(CellError);
  });

  it.each([
    [['text', 'zh-Hans', 'name'], 'name_zh'],
    [['text', 'en', 'description'], 'description_en'],
    [['price', 'amount'], 'price'],
    [['price', 'currency'], 'currency'],
    [['dimensions_mm', 'width'], 'width_mm'],
    ['hs_code', 'hs_code'],
    [undefined, 'file'],
  ] as const)('an error at %j is reported on column %s', (path, column) => {
    expect(columnOf(path as never)).toBe(column);
  });
});
