// The product editor's form state, its checks (the server's Zod rules mirrored, and the pure
// GTIN / HS code rules of src/modules/catalog/rules.ts imported as they are) and the API bodies.
import { validateExportHsCode, validateGtin, validateHsCode } from '../../../src/modules/catalog/rules.ts';
import type { Schemas } from '../../shared/api/client';
import { minorDigits, parseAmount, toDecimalString } from '../../shared/money';
import type { FieldErrors, useRules } from '../components/forms';

export const LOCALES = ['en', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];
export const TEXT_FIELDS = ['name', 'subtitle', 'description', 'ingredients', 'usage'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
/** The server's limits (catalog/routes.ts `text`). */
export const TEXT_MAX: Record<TextField, number> = { name: 200, subtitle: 300, description: 5000, ingredients: 5000, usage: 5000 };
/** merchants/service.ts MERCHANT_CATEGORIES. */
export const CATEGORIES = [
  'honey',
  'infant_formula',
  'health_supplements',
  'skincare_cosmetics',
  'wine',
  'food_beverage',
  'mother_baby',
] as const;

export interface VariantDraft {
  id?: string;
  sku: string;
  gtin: string;
  option_name: string;
  option_value: string;
  hs_code: string;
  tax_class: string;
  declared_unit: string;
  declared_quantity: string;
  net_weight_g: string;
  gross_weight_g: string;
  price: string;
  cny_price: string;
}

export interface Draft {
  brand: string;
  category: string;
  country_of_origin: string;
  shelf_life_days: string;
  samr_registration: string;
  text: Record<Locale, Record<TextField, string>>;
  variants: VariantDraft[];
}

const emptyText = (): Record<TextField, string> => ({ name: '', subtitle: '', description: '', ingredients: '', usage: '' });

export const emptyVariant = (): VariantDraft => ({
  sku: '',
  gtin: '',
  option_name: '',
  option_value: '',
  hs_code: '',
  tax_class: '',
  declared_unit: '',
  declared_quantity: '',
  net_weight_g: '',
  gross_weight_g: '',
  price: '',
  cny_price: '',
});

export const emptyDraft = (country: string): Draft => ({
  brand: '',
  category: 'honey',
  country_of_origin: country,
  shelf_life_days: '',
  samr_registration: '',
  text: { en: emptyText(), 'zh-Hans': emptyText() },
  variants: [emptyVariant()],
});

const decimal = (m: { amount: string; currency: string } | null | undefined) =>
  m ? toDecimalString(m.amount, minorDigits(m.currency)) : '';

export function draftOf(p: Schemas['Product']): Draft {
  const text = { en: emptyText(), 'zh-Hans': emptyText() };
  for (const l of LOCALES) for (const f of TEXT_FIELDS) text[l][f] = p.text[l]?.[f] ?? '';
  return {
    brand: p.brand,
    category: p.category,
    country_of_origin: p.country_of_origin,
    shelf_life_days: p.shelf_life_days?.toString() ?? '',
    samr_registration: p.samr_registration ?? '',
    text,
    variants: p.variants.map((v) => {
      const [option_name = '', option_value = ''] = Object.entries(v.options)[0] ?? [];
      return {
        id: v.id,
        sku: v.sku,
        gtin: v.gtin ?? '',
        option_name,
        option_value,
        hs_code: v.hs_code ?? '',
        tax_class: v.tax_class ?? '',
        declared_unit: v.declared_unit ?? '',
        declared_quantity: v.declared_quantity ?? '',
        net_weight_g: v.net_weight_g?.toString() ?? '',
        gross_weight_g: v.gross_weight_g?.toString() ?? '',
        price: decimal(v.price),
        cny_price: decimal(v.cny_price),
      };
    }),
  };
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
const DECLARED_QUANTITY = /^\d{1,7}(\.\d{1,4})?$/;
const POSITIVE_MINOR = /^[1-9]\d{0,11}$/;

function intOrError(text: string, min: number, max: number): number | null | 'bad' {
  const s = text.trim();
  if (!s) return null;
  if (!/^\d{1,9}$/.test(s)) return 'bad';
  const n = Number(s);
  return n < min || n > max ? 'bad' : n;
}

/** Checks the draft as the server would; returns the errors by API `param` and the bodies. */
export function checkDraft(d: Draft, opts: { currency: string; chinaSeller: boolean }, rules: ReturnType<typeof useRules>) {
  const errs: FieldErrors = {};
  if (!d.brand.trim()) errs.brand = rules.required();
  else if (d.brand.trim().length > 100) errs.brand = rules.tooLong(100);
  if (!/^[A-Z]{2}$/.test(d.country_of_origin)) errs.country_of_origin = rules.country();
  const shelf = intOrError(d.shelf_life_days, 1, 3650);
  if (shelf === 'bad') errs.shelf_life_days = rules.range(1, 3650);
  if (d.samr_registration.length > 40) errs.samr_registration = rules.tooLong(40);

  const text: Partial<Record<Locale, Record<string, string>>> = {};
  for (const l of LOCALES) {
    const t = d.text[l];
    const given = TEXT_FIELDS.some((f) => t[f].trim());
    if (!given) continue;
    const out: Record<string, string> = {};
    for (const f of TEXT_FIELDS) {
      const v = t[f].trim();
      if (v.length > TEXT_MAX[f]) errs[`text.${l}.${f}`] = rules.tooLong(TEXT_MAX[f]);
      if (v) out[f] = v;
    }
    // A locale's text needs its name once any of it is given (the server's `name: min(1)`).
    if (!out.name) errs[`text.${l}.name`] = rules.required();
    text[l] = out;
  }

  const variants = d.variants.map((v, i) => {
    const at = (f: string) => `variants.${i}.${f}`;
    const body: Record<string, unknown> = {};
    const sku = v.sku.trim();
    if (!sku) errs[at('sku')] = rules.required();
    else if (sku.length > 64 || !SKU.test(sku)) errs[at('sku')] = rules.sku();
    body.sku = sku;
    if (v.gtin.trim()) {
      const g = validateGtin(v.gtin);
      if (!g.ok) errs[at('gtin')] = rules.gtin();
      else body.gtin = g.value;
    } else if (v.id) body.gtin = null;
    if (v.option_name.trim() || v.option_value.trim()) {
      const name = v.option_name.trim();
      const value = v.option_value.trim();
      if (!name || name.length > 40) errs[at('options')] = name ? rules.tooLong(40) : rules.required();
      else if (!value || value.length > 100) errs[at('options')] = value ? rules.tooLong(100) : rules.required();
      else body.options = { [name]: value };
    } else body.options = {};
    if (v.hs_code.trim()) {
      const h = opts.chinaSeller ? validateExportHsCode(v.hs_code) : validateHsCode(v.hs_code);
      if (!h.ok) errs[at('hs_code')] = opts.chinaSeller ? rules.hsCodeExport() : rules.hsCode();
      else body.hs_code = h.value;
    } else if (v.id) body.hs_code = null;
    if (v.tax_class) body.tax_class = v.tax_class;
    else if (v.id) body.tax_class = null;
    if (v.declared_unit) body.declared_unit = v.declared_unit;
    else if (v.id) body.declared_unit = null;
    if (v.declared_quantity.trim()) {
      if (!DECLARED_QUANTITY.test(v.declared_quantity.trim())) errs[at('declared_quantity')] = rules.decimal();
      else body.declared_quantity = v.declared_quantity.trim();
    } else if (v.id) body.declared_quantity = null;
    for (const f of ['net_weight_g', 'gross_weight_g'] as const) {
      const n = intOrError(v[f], 1, 100_000);
      if (n === 'bad') errs[at(f)] = rules.range(1, 100_000);
      else if (n !== null) body[f] = n;
      else if (v.id) body[f] = null;
    }
    const price = parseAmount(v.price, opts.currency);
    if (!v.price.trim()) errs[at('price')] = rules.required();
    else if (price === null || !POSITIVE_MINOR.test(price)) errs[at('price')] = rules.amount();
    else body.price = { amount: price, currency: opts.currency };
    if (!opts.chinaSeller && v.cny_price.trim()) {
      const cny = parseAmount(v.cny_price, 'CNY');
      if (cny === null || !POSITIVE_MINOR.test(cny)) errs[at('cny_price')] = rules.amount();
      else body.cny_price = { amount: cny, currency: 'CNY' };
    } else if (!opts.chinaSeller && v.id) body.cny_price = null;
    return body;
  });

  const product: Record<string, unknown> = {
    brand: d.brand.trim(),
    category: d.category,
    country_of_origin: d.country_of_origin,
    text,
    shelf_life_days: shelf === 'bad' ? undefined : shelf,
    samr_registration: d.samr_registration.trim() || null,
  };
  return { errs, product, variants };
}

/** Every field an API `param` may name in this form. */
export function draftFields(d: Draft): string[] {
  const f = ['brand', 'category', 'country_of_origin', 'shelf_life_days', 'samr_registration', 'text', 'variants'];
  for (const l of LOCALES) for (const t of TEXT_FIELDS) f.push(`text.${l}.${t}`);
  d.variants.forEach((_, i) => {
    for (const k of Object.keys(emptyVariant())) f.push(`variants.${i}.${k}`);
    f.push(`variants.${i}.options`, `variants.${i}.price.amount`, `variants.${i}.cny_price.amount`);
  });
  return f;
}
