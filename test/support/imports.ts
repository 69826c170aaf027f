// CSV files for the import tests and the bench: a listable honey product per row, optionally
// with bad rows and a stock column.
import { stringify } from 'csv-stringify/sync';

export const HEADER = [
  'handle',
  'brand',
  'category',
  'country_of_origin',
  'name_en',
  'description_en',
  'name_zh',
  'description_zh',
  'shelf_life_days',
  'sku',
  'gtin',
  'options',
  'hs_code',
  'tax_class',
  'declared_unit',
  'declared_quantity',
  'net_weight_g',
  'gross_weight_g',
  'price',
];

export function honeyRow(sku: string, overrides: Record<string, string> = {}, handle = ''): Record<string, string> {
  return {
    handle,
    brand: 'Manuka Bay',
    category: 'honey',
    country_of_origin: 'NZ',
    name_en: `Manuka Honey ${sku}`,
    description_en: 'Raw monofloral manuka honey from the East Cape.',
    name_zh: `麦卢卡蜂蜜 ${sku}`,
    description_zh: '来自新西兰东角的天然单花麦卢卡蜂蜜。',
    shelf_life_days: '1095',
    sku,
    gtin: '9400000000016',
    options: 'size=250g',
    hs_code: '0409000000',
    tax_class: 'agricultural',
    declared_unit: '035',
    declared_quantity: '0.25',
    net_weight_g: '250',
    gross_weight_g: '420',
    price: '39.90',
    ...overrides,
  };
}

/** A CSV of `rows` (objects keyed by column) with the given columns. */
export function csvOf(rows: readonly Record<string, string>[], columns: readonly string[] = HEADER): string {
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]);
}

/** A parsed CSV, as objects keyed by the header. */
export async function readCsv(text: string): Promise<Record<string, string>[]> {
  const { parse } = await import('csv-parse/sync');
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}
