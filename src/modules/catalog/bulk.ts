// Many products and variants at once, for the CSV import (src/modules/imports): reads by SKU
// and product id, and multi-row upserts, so 50,000 rows cost a few hundred statements rather
// than several round trips each. Validation stays where the API has it (inputs.ts and the
// column checks of service.ts); this file only reads and writes.
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { anyText, type BulkType, unnestInsert } from '../../kernel/db/unnest.ts';
import { products, productVariants } from './schema.ts';
import type { Product, Variant } from './service.ts';

/** Statement size: rows per multi-row statement, well under PostgreSQL's 65,535 parameters. */
const CHUNK = 1000;
/** Rows per unnest statement: one array parameter per column, so the row count is not bounded by parameters. */
export const BULK_CHUNK = 5000;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A merchant's variants among `skus`, by SKU. */
export async function variantsBySku(ctx: Ctx, merchantId: string, skus: readonly string[]): Promise<Map<string, Variant>> {
  const out = new Map<string, Variant>();
  for (const part of chunks([...new Set(skus)], 5000)) {
    const rows = await ctx.db
      .select()
      .from(productVariants)
      .where(and(eq(productVariants.merchantId, merchantId), anyText(productVariants.sku, part)));
    for (const v of rows) out.set(v.sku, v);
  }
  return out;
}

/** A merchant's products among `ids`, by id (others' ids are simply absent). */
export async function productsById(ctx: Ctx, merchantId: string, ids: readonly string[]): Promise<Map<string, Product>> {
  const out = new Map<string, Product>();
  for (const part of chunks([...new Set(ids)], 5000)) {
    const rows = await ctx.db
      .select()
      .from(products)
      .where(and(eq(products.merchantId, merchantId), anyText(products.id, part)));
    for (const p of rows) out.set(p.id, p);
  }
  return out;
}

/** Every variant of these products (to check an active product stays listable, and to number new variants). */
export async function variantsOfProducts(ctx: Ctx, productIds: readonly string[]): Promise<Variant[]> {
  const out: Variant[] = [];
  for (const part of chunks([...new Set(productIds)], 5000)) {
    out.push(...(await ctx.db.select().from(productVariants).where(anyText(productVariants.productId, part))));
  }
  return out;
}

const PRODUCT_COLUMNS = [
  ['id', 'text'],
  ['merchant_id', 'text'],
  ['status', 'text'],
  ['brand', 'text'],
  ['category', 'text'],
  ['text', 'jsonb'],
  ['country_of_origin', 'text'],
  ['shelf_life_days', 'int'],
  ['samr_registration', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const satisfies readonly (readonly [string, BulkType])[];

const set = (columns: readonly string[]) => columns.map((c) => `"${c}" = excluded."${c}"`).join(', ');

/** Insert new products and overwrite the editable columns of existing ones (by id), marking them changed. */
export async function upsertProducts(ctx: Ctx, rows: readonly (typeof products.$inferInsert)[]): Promise<void> {
  for (const part of chunks(rows, BULK_CHUNK)) {
    await ctx.db.execute(
      unnestInsert(
        'products',
        PRODUCT_COLUMNS,
        part.map((p) => [
          p.id,
          p.merchantId,
          p.status,
          p.brand,
          p.category,
          p.text,
          p.countryOfOrigin,
          p.shelfLifeDays ?? null,
          p.samrRegistration ?? null,
          p.createdAt,
          p.updatedAt,
        ]),
        {
          extra: [['changed_at', 'clock_timestamp()']],
          tail: `on conflict (id) do update set ${set(['brand', 'category', 'text', 'country_of_origin', 'shelf_life_days', 'samr_registration', 'updated_at'])}, changed_at = clock_timestamp()`,
        },
      ),
    );
  }
}

const VARIANT_COLUMNS = [
  ['id', 'text'],
  ['product_id', 'text'],
  ['merchant_id', 'text'],
  ['sku', 'text'],
  ['gtin', 'text'],
  ['options', 'jsonb'],
  ['position', 'int'],
  ['hs_code', 'text'],
  ['tax_class', 'text'],
  ['declared_unit', 'text'],
  ['declared_quantity', 'text'],
  ['net_weight_g', 'int'],
  ['gross_weight_g', 'int'],
  ['dimensions_mm', 'jsonb'],
  ['price_amount', 'bigint'],
  ['price_currency', 'text'],
  ['cny_price_amount', 'bigint'],
  ['gst_free', 'bool'],
  ['alcohol_or_tobacco', 'bool'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const satisfies readonly (readonly [string, BulkType])[];

const VARIANT_EDITABLE = [
  'gtin',
  'options',
  'hs_code',
  'tax_class',
  'declared_unit',
  'declared_quantity',
  'net_weight_g',
  'gross_weight_g',
  'dimensions_mm',
  'price_amount',
  'cny_price_amount',
  'gst_free',
  'alcohol_or_tobacco',
  'updated_at',
];

/** Insert new variants and overwrite the editable columns of existing ones (by merchant and SKU). */
export async function upsertVariants(ctx: Ctx, rows: readonly (typeof productVariants.$inferInsert)[]): Promise<void> {
  for (const part of chunks(rows, BULK_CHUNK)) {
    await ctx.db.execute(
      unnestInsert(
        'product_variants',
        VARIANT_COLUMNS,
        part.map((v) => [
          v.id,
          v.productId,
          v.merchantId,
          v.sku,
          v.gtin ?? null,
          v.options ?? {},
          v.position ?? 0,
          v.hsCode ?? null,
          v.taxClass ?? null,
          v.declaredUnit ?? null,
          v.declaredQuantity ?? null,
          v.netWeightG ?? null,
          v.grossWeightG ?? null,
          v.dimensionsMm ?? null,
          v.priceAmount,
          v.priceCurrency,
          v.cnyPriceAmount ?? null,
          v.gstFree ?? false,
          v.alcoholOrTobacco ?? false,
          v.createdAt,
          v.updatedAt,
        ]),
        { tail: `on conflict (merchant_id, sku) do update set ${set(VARIANT_EDITABLE)}` },
      ),
    );
  }
}

/** Mark products changed (database clock) so the search indexes pick them up: `touch` for many. */
export async function touchMany(ctx: Ctx, productIds: readonly string[], at: Date): Promise<void> {
  for (const part of chunks([...new Set(productIds)], 5000)) {
    await ctx.db.update(products).set({ updatedAt: at, changedAt: sql`clock_timestamp()` }).where(anyText(products.id, part));
  }
}
