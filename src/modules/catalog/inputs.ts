// The input schemas of the catalog's write routes: one source of validation for the HTTP API
// and for the CSV import (src/modules/imports), so a row is held to exactly what the API
// would accept.
import { z } from 'zod';
import { MERCHANT_CATEGORIES } from '../merchants/service.ts';
import { CBEC_TAX_CLASS_CODES, CUSTOMS_UNIT_CODES } from './cbec.ts';

export const amount = z
  .string()
  .regex(/^[1-9]\d{0,11}$/, 'a positive whole number of minor units, as a string, e.g. "4500" for 45.00')
  .describe('Minor units as a string (docs/api.md)');

export const text = z.object({
  name: z.string().trim().min(1).max(200),
  subtitle: z.string().trim().max(300).optional(),
  description: z.string().trim().max(5000).optional(),
  ingredients: z.string().trim().max(5000).optional(),
  usage: z.string().trim().max(5000).optional(),
});
export const texts = z
  .object({ en: text.optional(), 'zh-Hans': text.optional() })
  .describe('Product text per locale. Both `en` and `zh-Hans` (name and description) are needed before listing for China.');
export const dimensions = z.object({
  length: z.number().int().min(1).max(5000),
  width: z.number().int().min(1).max(5000),
  height: z.number().int().min(1).max(5000),
});
export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as AU')
  .describe('ISO 3166 alpha-2');

export const variantFields = {
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, 'letters, digits and . _ - / only')
    .describe('Unique among the merchant’s variants'),
  gtin: z.string().max(20).nullable().optional().describe('GTIN-8/12/13/14 (EAN/UPC barcode), check digit validated'),
  options: z.record(z.string().trim().min(1).max(40), z.string().trim().min(1).max(100)).optional().describe('e.g. { "size": "900g" }'),
  hs_code: z
    .string()
    .max(20)
    .nullable()
    .optional()
    .describe('HS code: the 10-digit China code for ANZ merchants; 6–10 digits (the HS subheading at least) for merchants in China'),
  tax_class: z.enum(CBEC_TAX_CLASS_CODES).nullable().optional().describe('CBEC tax class: its statutory VAT and consumption-tax rates'),
  declared_unit: z.enum(CUSTOMS_UNIT_CODES).nullable().optional().describe('China customs unit code for the declaration'),
  declared_quantity: z
    .string()
    .regex(/^\d{1,7}(\.\d{1,4})?$/, 'a decimal number such as 0.9')
    .nullable()
    .optional()
    .describe('Quantity in the declared unit per unit sold'),
  net_weight_g: z.number().int().min(1).max(100_000).nullable().optional(),
  gross_weight_g: z.number().int().min(1).max(100_000).nullable().optional(),
  dimensions_mm: dimensions.nullable().optional(),
  price: z.object({ amount, currency: z.string().describe("The merchant's currency: AUD, NZD, or CNY for a merchant in China") }),
  cny_price: z
    .object({ amount, currency: z.literal('CNY') })
    .nullable()
    .optional()
    .describe('A fixed price for shoppers in China (ANZ merchants only: a merchant in China prices in CNY already)'),
  gst_free: z
    .boolean()
    .optional()
    .describe(
      'GST-free goods in Australia (e.g. basic food): no GST is charged at sale to shoppers in Australia. Default false. For sellers in China.',
    ),
  alcohol_or_tobacco: z
    .boolean()
    .optional()
    .describe(
      'Alcohol or tobacco: outside the AU/NZ low-value GST regime, taxed at the border rather than at sale. Default false. For sellers in China.',
    ),
};
export const variantInput = z.object(variantFields);
export const variantPatch = z.object(variantFields).partial();

export const productFields = {
  brand: z.string().trim().min(1).max(100),
  category: z.enum(MERCHANT_CATEGORIES),
  country_of_origin: country,
  text: texts,
  shelf_life_days: z.number().int().min(1).max(3650).nullable().optional(),
  samr_registration: z.string().max(40).nullable().optional().describe('SAMR infant-formula registration, e.g. 国食注字YP20180001'),
};
