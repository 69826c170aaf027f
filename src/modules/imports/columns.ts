// The CSV column set of product imports and exports, and the mapping of one record to the
// API's own inputs (catalog ProductInput / VariantInput). Pure: no I/O. The values are then
// validated by the catalog's own schemas and checks (imports/service.ts), never here twice.
import type { ImportRowError } from './schema.ts';

/** Product columns: read from the first row of each product (rows sharing a `handle`). */
export const PRODUCT_COLUMNS = [
  'handle',
  'brand',
  'category',
  'country_of_origin',
  'name_en',
  'subtitle_en',
  'description_en',
  'ingredients_en',
  'usage_en',
  'name_zh',
  'subtitle_zh',
  'description_zh',
  'ingredients_zh',
  'usage_zh',
  'shelf_life_days',
  'samr_registration',
] as const;

/** Variant columns: one row per variant. */
export const VARIANT_COLUMNS = [
  'sku',
  'gtin',
  'options',
  'hs_code',
  'tax_class',
  'declared_unit',
  'declared_quantity',
  'net_weight_g',
  'gross_weight_g',
  'length_mm',
  'width_mm',
  'height_mm',
  'currency',
  'price',
  'cny_price',
  'gst_free',
  'alcohol_or_tobacco',
] as const;

/** Written by the export, ignored by the import (a product's status changes through activate/archive). */
export const READ_ONLY_COLUMNS = ['status'] as const;

export const IMPORT_COLUMNS = [...PRODUCT_COLUMNS, ...VARIANT_COLUMNS] as const;
export type Column = (typeof IMPORT_COLUMNS)[number];
/** `stock:<location id or name>`: the on-hand count at one of the merchant's warehouses. */
export const STOCK_PREFIX = 'stock:';

const KNOWN = new Set<string>([...IMPORT_COLUMNS, ...READ_ONLY_COLUMNS]);

export interface Header {
  /** Index of each known column in the record. */
  index: Partial<Record<Column, number>>;
  /** The stock columns: header text and index. */
  stock: { header: string; location: string; index: number }[];
}

/** The header's problems (unknown or repeated columns, no `sku`), as file errors on row 1. */
export function readHeader(cells: readonly string[]): { header: Header; errors: ImportRowError[] } {
  const header: Header = { index: {}, stock: [] };
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  cells.forEach((raw, i) => {
    const name = raw.trim();
    if (seen.has(name)) errors.push({ row: 1, field: name, code: 'invalid_csv', message: `The column '${name}' appears twice` });
    seen.add(name);
    if (name.startsWith(STOCK_PREFIX) && name.length > STOCK_PREFIX.length) {
      header.stock.push({ header: name, location: name.slice(STOCK_PREFIX.length).trim(), index: i });
    } else if (KNOWN.has(name)) {
      if ((IMPORT_COLUMNS as readonly string[]).includes(name)) header.index[name as Column] = i;
    } else {
      errors.push({ row: 1, field: name || `column ${i + 1}`, code: 'invalid_csv', message: `Unknown column '${name}'` });
    }
  });
  if (header.index.sku === undefined) errors.push({ row: 1, field: 'sku', code: 'invalid_csv', message: 'The `sku` column is required' });
  return { header, errors };
}

export type Cells = Partial<Record<Column, string>>;

/** The non-empty cells of a record, trimmed, by column. */
export function cellsOf(header: Header, record: readonly string[]): Cells {
  const out: Cells = {};
  for (const [name, i] of Object.entries(header.index) as [Column, number][]) {
    const v = record[i]?.trim();
    if (v) out[name] = v;
  }
  return out;
}

export class CellError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** "45.00" → "4500": prices in the file are decimal amounts in major units (2 minor units: CNY, AUD, NZD). */
export function minorUnits(field: string, value: string): string {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw new CellError(field, `'${value}' is not an amount such as 45.00`);
  const minor = BigInt(m[1] ?? '0') * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return minor.toString();
}

export function formatMinor(amount: bigint): string {
  const neg = amount < 0n;
  const a = neg ? -amount : amount;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

export function wholeNumber(field: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new CellError(field, `'${value}' is not a whole number`);
  return Number(value);
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
export function flag(field: string, value: string): boolean {
  const v = value.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new CellError(field, `'${value}' is not true or false`);
}

/** "size=900g; flavour=plain" → { size: '900g', flavour: 'plain' }. */
export function parseOptions(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 1) throw new CellError('options', `'${part.trim()}' is not name=value`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export const formatOptions = (o: Record<string, string>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

const TEXT_FIELDS = ['name', 'subtitle', 'description', 'ingredients', 'usage'] as const;
const LOCALE_SUFFIX = { en: 'en', 'zh-Hans': 'zh' } as const;

/** The product fields a record gives, in the API's shape (`text` per locale, only what is given). */
export function productPatchOf(c: Cells): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.brand !== undefined) out.brand = c.brand;
  if (c.category !== undefined) out.category = c.category;
  if (c.country_of_origin !== undefined) out.country_of_origin = c.country_of_origin;
  const text: Record<string, Record<string, string>> = {};
  for (const [locale, suffix] of Object.entries(LOCALE_SUFFIX)) {
    for (const f of TEXT_FIELDS) {
      const v = c[`${f}_${suffix}` as Column];
      if (v !== undefined) text[locale] = { ...text[locale], [f]: v };
    }
  }
  if (Object.keys(text).length) out.text = text;
  if (c.shelf_life_days !== undefined) out.shelf_life_days = wholeNumber('shelf_life_days', c.shelf_life_days);
  if (c.samr_registration !== undefined) out.samr_registration = c.samr_registration;
  return out;
}

export const hasProductFields = (c: Cells): boolean => PRODUCT_COLUMNS.some((k) => k !== 'handle' && c[k] !== undefined);

/** The variant fields a record gives, in the API's shape; `currency` is the merchant's unless the file says otherwise. */
export function variantPatchOf(c: Cells, merchantCurrency: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.sku !== undefined) out.sku = c.sku;
  if (c.gtin !== undefined) out.gtin = c.gtin;
  if (c.options !== undefined) out.options = parseOptions(c.options);
  if (c.hs_code !== undefined) out.hs_code = c.hs_code;
  if (c.tax_class !== undefined) out.tax_class = c.tax_class;
  if (c.declared_unit !== undefined) out.declared_unit = c.declared_unit;
  if (c.declared_quantity !== undefined) out.declared_quantity = c.declared_quantity;
  if (c.net_weight_g !== undefined) out.net_weight_g = wholeNumber('net_weight_g', c.net_weight_g);
  if (c.gross_weight_g !== undefined) out.gross_weight_g = wholeNumber('gross_weight_g', c.gross_weight_g);
  const dims = [c.length_mm, c.width_mm, c.height_mm];
  if (dims.some((d) => d !== undefined)) {
    if (dims.some((d) => d === undefined)) throw new CellError('length_mm', 'Give length_mm, width_mm and height_mm together');
    out.dimensions_mm = {
      length: wholeNumber('length_mm', c.length_mm as string),
      width: wholeNumber('width_mm', c.width_mm as string),
      height: wholeNumber('height_mm', c.height_mm as string),
    };
  }
  if (c.price !== undefined) out.price = { amount: minorUnits('price', c.price), currency: c.currency ?? merchantCurrency };
  if (c.cny_price !== undefined) out.cny_price = { amount: minorUnits('cny_price', c.cny_price), currency: 'CNY' };
  if (c.gst_free !== undefined) out.gst_free = flag('gst_free', c.gst_free);
  if (c.alcohol_or_tobacco !== undefined) out.alcohol_or_tobacco = flag('alcohol_or_tobacco', c.alcohol_or_tobacco);
  return out;
}

/** The CSV column of an input path (a Zod issue path or an AppError param), e.g. text.zh-Hans.name → name_zh. */
export function columnOf(path: readonly PropertyKey[] | string | undefined): string {
  const parts = typeof path === 'string' ? path.split('.') : (path ?? []).map(String);
  const [a, b, c] = parts;
  if (a === 'text' && b && c) return `${c}_${LOCALE_SUFFIX[b as keyof typeof LOCALE_SUFFIX] ?? b}`;
  if (a === 'text') return 'name_en';
  if (a === 'dimensions_mm') return `${b ?? 'length'}_mm`;
  if (a === 'price' && b === 'currency') return 'currency';
  if (a === 'price' || a === 'cny_price') return a;
  return a ?? 'file';
}
