// The catalog: products (bilingual text, brand, category, origin), their variants (SKU,
// GTIN, customs and tax data, prices) and images. `changed_at` is set from the database
// clock on every change so search indexes in every process can follow changes (sync.ts).
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CbecTaxClass, CustomsUnit } from './cbec.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** The currency a merchant prices and is settled in: its home currency. */
export type MerchantCurrency = 'AUD' | 'NZD' | 'CNY';

export const LOCALES = ['en', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];

export interface ProductText {
  name: string;
  subtitle?: string | undefined;
  description?: string | undefined;
  ingredients?: string | undefined;
  usage?: string | undefined;
}
export type ProductTexts = Partial<Record<Locale, ProductText>>;

export interface Dimensions {
  length: number;
  width: number;
  height: number;
}

export const products = pgTable(
  'products',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    status: text('status').notNull().$type<ProductStatus>(),
    brand: text('brand').notNull(),
    category: text('category').notNull(),
    text: jsonb('text').notNull().$type<ProductTexts>(),
    countryOfOrigin: text('country_of_origin').notNull(),
    shelfLifeDays: integer('shelf_life_days'),
    /** SAMR infant-formula registration (国食注字YP…); required to list formula. */
    samrRegistration: text('samr_registration'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    activatedAt: ts('activated_at'),
    archivedAt: ts('archived_at'),
    /** Database time of the last change to the product, its variants, images or stock places. */
    changedAt: ts('changed_at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    index('products_merchant_idx').on(t.merchantId, t.id),
    index('products_status_idx').on(t.status, t.id),
    index('products_changed_idx').on(t.changedAt),
  ],
);

export const productVariants = pgTable(
  'product_variants',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    merchantId: text('merchant_id').notNull(),
    sku: text('sku').notNull(),
    gtin: text('gtin'),
    options: jsonb('options').notNull().$type<Record<string, string>>().default({}),
    position: integer('position').notNull().default(0),
    /**
     * HS code. Sellers from ANZ give the 10-digit China code (its first 8 digits must be on the
     * CBEC positive list to list); sellers from China give 6–10 digits (international heading
     * plus any national subdivision) for the AU/NZ import declaration.
     */
    hsCode: text('hs_code'),
    taxClass: text('tax_class').$type<CbecTaxClass>(),
    declaredUnit: text('declared_unit').$type<CustomsUnit>(),
    /** Decimal quantity in the declared unit per unit sold, e.g. '0.9' (kg). */
    declaredQuantity: text('declared_quantity'),
    netWeightG: integer('net_weight_g'),
    grossWeightG: integer('gross_weight_g'),
    dimensionsMm: jsonb('dimensions_mm').$type<Dimensions>(),
    priceAmount: bigint('price_amount', { mode: 'bigint' }).notNull(),
    priceCurrency: text('price_currency').notNull().$type<MerchantCurrency>(),
    /** A fixed price in fen for Chinese shoppers; otherwise converted at the day's rate. */
    cnyPriceAmount: bigint('cny_price_amount', { mode: 'bigint' }),
    /** GST-free in Australia (A New Tax System (GST) Act 1999 Div 38, e.g. basic food): compliance GstLine.gstFree. */
    gstFree: boolean('gst_free').notNull().default(false),
    /** Alcohol or tobacco: outside the AU/NZ low-value GST regime, taxed at the border (GstLine.alcoholOrTobacco). */
    alcoholOrTobacco: boolean('alcohol_or_tobacco').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('product_variants_sku_idx').on(t.merchantId, t.sku),
    index('product_variants_product_idx').on(t.productId, t.position),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    merchantId: text('merchant_id').notNull(),
    position: integer('position').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    alt: jsonb('alt').notNull().$type<Partial<Record<Locale, string>>>().default({}),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);
