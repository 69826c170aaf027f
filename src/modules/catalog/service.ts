// The catalog (PRODUCT.md M2): a merchant's products with variants, bilingual text,
// customs and tax data, prices and images. A product starts as a draft; activating it
// lists it in its market — China for ANZ brands, Australia and New Zealand for sellers in
// China — only when that market's listing checks (rules.ts) pass, otherwise
// `listing_blocked` with every reason. Archived products stay readable (past orders).
import { inLiveWorld } from '../../kernel/livemode.ts';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inScope, inTransaction, merchantScope, now, tenantOf } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import type { MerchantCountry } from '../merchants/rules.ts';
import { type MerchantCategory, merchantStatuses } from '../merchants/service.ts';
import { type CbecTaxClass, type CustomsUnit, INFANT_FORMULA_TARIFF_LINES, positiveListLine, validateSamrRegistration } from './cbec.ts';
import {
  anzListingIssues,
  type ListingIssue,
  listingIssues,
  listingMarketOf,
  validateExportHsCode,
  validateGtin,
  validateHsCode,
} from './rules.ts';
import {
  type Dimensions,
  type MerchantCurrency,
  type ProductStatus,
  type ProductTexts,
  productImages,
  products,
  productVariants,
} from './schema.ts';

export type Product = typeof products.$inferSelect;
export type Variant = typeof productVariants.$inferSelect;
export type ProductImage = typeof productImages.$inferSelect;
export interface ProductDetail {
  product: Product;
  variants: Variant[];
  images: ProductImage[];
  merchantStatus: string;
  /** `live`, or the test twin's id for a product of the test world (decisions §23): who may buy it. */
  merchantWorld: string;
  /** Where the merchant is: decides the market the product is listed for and its listing checks. */
  merchantCountry: MerchantCountry | 'unknown';
  /** The merchant's trading (or legal) name, for carts and listings. */
  merchantName: string;
}

/** What a cart or a checkout needs of a variant on sale: it, its product, and its merchant's standing. */
export interface VariantForSale {
  variant: Variant;
  product: Pick<Product, 'id' | 'merchantId' | 'status' | 'text'>;
  merchantStatus: string;
  merchantWorld: string;
  merchantCountry: MerchantCountry | 'unknown';
  merchantName: string;
}

/** Variants with their product and merchant in two queries (no images, no sibling variants), by variant id. */
export async function variantsForSale(ctx: Ctx, variantIds: readonly string[]): Promise<Map<string, VariantForSale>> {
  const out = new Map<string, VariantForSale>();
  if (!variantIds.length) return out;
  const rows = await ctx.db
    .select({
      variant: productVariants,
      product: { id: products.id, merchantId: products.merchantId, status: products.status, text: products.text },
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, [...variantIds]));
  const ms = new Map((await merchantStatuses(ctx, [...new Set(rows.map((r) => r.product.merchantId))])).map((m) => [m.id, m]));
  for (const r of rows) {
    const m = ms.get(r.product.merchantId);
    out.set(r.variant.id, {
      ...r,
      merchantStatus: m?.status ?? 'unknown',
      merchantWorld: m?.world ?? 'unknown',
      merchantCountry: m?.country ?? 'unknown',
      merchantName: m?.name ?? '',
    });
  }
  return out;
}

export interface VariantInput {
  sku: string;
  gtin?: string | null | undefined;
  options?: Record<string, string> | undefined;
  hs_code?: string | null | undefined;
  tax_class?: CbecTaxClass | null | undefined;
  declared_unit?: CustomsUnit | null | undefined;
  declared_quantity?: string | null | undefined;
  net_weight_g?: number | null | undefined;
  gross_weight_g?: number | null | undefined;
  dimensions_mm?: Dimensions | null | undefined;
  price: { amount: string; currency: string };
  cny_price?: { amount: string; currency: 'CNY' } | null | undefined;
  /** Australian GST-free goods (e.g. basic food): compliance GstLine.gstFree. */
  gst_free?: boolean | undefined;
  /** Alcohol or tobacco, taxed at the AU/NZ border rather than at sale: compliance GstLine.alcoholOrTobacco. */
  alcohol_or_tobacco?: boolean | undefined;
}

export interface ProductInput {
  brand: string;
  category: MerchantCategory;
  country_of_origin: string;
  text: ProductTexts;
  shelf_life_days?: number | null | undefined;
  samr_registration?: string | null | undefined;
  variants?: VariantInput[] | undefined;
}

export const LISTING_RULES = {
  onPositiveList: (hs: string) => positiveListLine(hs) !== undefined,
  isInfantFormula: (hs: string) => INFANT_FORMULA_TARIFF_LINES.has(hs.slice(0, 8)),
};

/** A merchant's pricing and settlement currency is its home currency: AUD, NZD, or CNY for a seller in China. */
export const merchantCurrency = (country: string): MerchantCurrency => (country === 'CN' ? 'CNY' : country === 'NZ' ? 'NZD' : 'AUD');

/** The columns a variant input sets, validated; `prefix` goes before error fields (e.g. `variants.2`). */
export function variantColumns(input: Partial<VariantInput>, country: string, prefix: string) {
  const currency = merchantCurrency(country);
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const cols: Partial<typeof productVariants.$inferInsert> = {};
  if (input.sku !== undefined) cols.sku = input.sku;
  if (input.gtin !== undefined) {
    if (input.gtin === null) cols.gtin = null;
    else {
      const r = validateGtin(input.gtin);
      if (!r.ok) throw new AppError('invalid_gtin', r.message, { param: at('gtin'), details: { reason: r.reason } });
      cols.gtin = r.value;
    }
  }
  if (input.hs_code !== undefined) {
    if (input.hs_code === null) cols.hsCode = null;
    else {
      // A seller in China classifies for the AU/NZ import (6–10 digits); ANZ brands for China customs (10).
      const r = country === 'CN' ? validateExportHsCode(input.hs_code) : validateHsCode(input.hs_code);
      if (!r.ok) throw new AppError('invalid_hs_code', r.message, { param: at('hs_code') });
      cols.hsCode = r.value;
    }
  }
  if (input.options !== undefined) cols.options = input.options;
  if (input.tax_class !== undefined) cols.taxClass = input.tax_class;
  if (input.declared_unit !== undefined) cols.declaredUnit = input.declared_unit;
  if (input.declared_quantity !== undefined) cols.declaredQuantity = input.declared_quantity;
  if (input.net_weight_g !== undefined) cols.netWeightG = input.net_weight_g;
  if (input.gross_weight_g !== undefined) cols.grossWeightG = input.gross_weight_g;
  if (input.dimensions_mm !== undefined) cols.dimensionsMm = input.dimensions_mm;
  if (input.price !== undefined) {
    if (input.price.currency !== currency) {
      throw new AppError('currency_mismatch', `Prices are in the merchant's currency, ${currency}`, {
        param: at('price.currency'),
      });
    }
    cols.priceAmount = BigInt(input.price.amount);
    cols.priceCurrency = currency;
  }
  if (input.cny_price !== undefined) {
    if (input.cny_price !== null && currency === 'CNY') {
      throw new AppError('invalid_request', 'A seller in China prices in CNY already: send `price` alone', { param: at('cny_price') });
    }
    cols.cnyPriceAmount = input.cny_price === null ? null : BigInt(input.cny_price.amount);
  }
  if (input.gst_free !== undefined) cols.gstFree = input.gst_free;
  if (input.alcohol_or_tobacco !== undefined) cols.alcoholOrTobacco = input.alcohol_or_tobacco;
  return cols;
}

export function checkWeights(v: { netWeightG: number | null; grossWeightG: number | null }, prefix: string): void {
  if (v.netWeightG != null && v.grossWeightG != null && v.grossWeightG < v.netWeightG) {
    throw new AppError('invalid_request', 'The gross weight includes the packaging: it cannot be below the net weight', {
      param: prefix ? `${prefix}.gross_weight_g` : 'gross_weight_g',
    });
  }
}

export function samr(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null) return input;
  const r = validateSamrRegistration(input);
  if (!r.ok) throw new AppError('invalid_samr_registration', r.message, { param: 'samr_registration' });
  return r.value;
}

/** Unique (merchant, SKU) violations become 409 naming the field instead of a 500. */
async function withSkuCheck<T>(param: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string; constraint?: string }; constraint?: string };
    const code = err.code ?? err.cause?.code;
    const constraint = err.constraint ?? err.cause?.constraint ?? String(e);
    if (code === '23505' && String(constraint).includes('product_variants_sku_idx')) {
      throw new AppError('already_exists', 'Another of your variants already has this SKU', { param });
    }
    throw e;
  }
}

async function merchantOf(
  ctx: Ctx,
  merchantId: string,
): Promise<{ status: string; world: string; country: MerchantCountry; name: string }> {
  const [m] = await merchantStatuses(ctx, [merchantId]);
  if (!m) throw notFound('merchant', merchantId);
  return m;
}

/** Mark the product changed (database clock) so search indexes pick it up; inventory calls it when stock places change. */
export async function touch(ctx: Ctx, productId: string): Promise<void> {
  await ctx.db
    .update(products)
    .set({ updatedAt: now(ctx), changedAt: sql`clock_timestamp()` })
    .where(eq(products.id, productId));
}

export async function createProduct(ctx: Ctx, input: ProductInput): Promise<ProductDetail> {
  const merchantId = tenantOf(ctx);
  const variants = input.variants ?? [];
  const skus = new Set<string>();
  variants.forEach((v, i) => {
    if (skus.has(v.sku)) throw new AppError('already_exists', `SKU '${v.sku}' appears twice`, { param: `variants.${i}.sku` });
    skus.add(v.sku);
  });
  const samrRegistration = samr(input.samr_registration) ?? null;
  return inTransaction(ctx, async (tx) => {
    const m = await merchantOf(tx, merchantId);
    const currency = merchantCurrency(m.country);
    const t = now(tx);
    const id = newId('product');
    await tx.db.insert(products).values({
      id,
      merchantId,
      status: 'draft',
      brand: input.brand,
      category: input.category,
      text: input.text,
      countryOfOrigin: input.country_of_origin,
      shelfLifeDays: input.shelf_life_days ?? null,
      samrRegistration,
      createdAt: t,
      updatedAt: t,
    });
    for (const [i, v] of variants.entries()) {
      const cols = variantColumns(v, m.country, `variants.${i}`);
      checkWeights({ netWeightG: cols.netWeightG ?? null, grossWeightG: cols.grossWeightG ?? null }, `variants.${i}`);
      await withSkuCheck(`variants.${i}.sku`, () =>
        tx.db.insert(productVariants).values({
          ...cols,
          id: newId('variant'),
          productId: id,
          merchantId,
          sku: v.sku,
          position: i,
          priceAmount: BigInt(v.price.amount),
          priceCurrency: currency,
          createdAt: t,
          updatedAt: t,
        }),
      );
    }
    await recordAudit(tx, {
      action: 'product.created',
      objectType: 'product',
      objectId: id,
      merchantId,
      data: { variants: variants.length },
    });
    return loadDetail(tx, id);
  });
}

async function loadDetail(ctx: Ctx, id: string, lock = false): Promise<ProductDetail> {
  const q = ctx.db.select().from(products).where(eq(products.id, id));
  const [product] = lock ? await q.for('update') : await q;
  if (!product) throw notFound('product', id);
  // One after the other: inside a transaction the queries share one connection.
  const variants = await ctx.db
    .select()
    .from(productVariants)
    .where(eq(productVariants.productId, id))
    .orderBy(asc(productVariants.position), asc(productVariants.id));
  const images = await ctx.db
    .select()
    .from(productImages)
    .where(eq(productImages.productId, id))
    .orderBy(asc(productImages.position), asc(productImages.id));
  const m = await merchantOf(ctx, product.merchantId);
  return {
    product,
    variants,
    images,
    merchantStatus: m.status,
    merchantWorld: m.world,
    merchantCountry: m.country,
    merchantName: m.name,
  };
}

/** A product the principal may see: merchants only their own (another's is a 404), operators any. */
export async function getProduct(ctx: Ctx, id: string, opts: { lock?: boolean } = {}): Promise<ProductDetail> {
  if (!isId('product', id)) throw notFound('product', id);
  const detail = await loadDetail(ctx, id, opts.lock);
  if (!inScope(ctx, detail.product.merchantId)) throw notFound('product', id);
  return detail;
}

/** What stops the product being listed in its merchant's market (rules.ts listingIssues / anzListingIssues). */
export function productListingIssues(d: ProductDetail): ListingIssue[] {
  if (listingMarketOf(d.merchantCountry) === 'ANZ') {
    return anzListingIssues({ merchantStatus: d.merchantStatus, text: d.product.text, variants: d.variants });
  }
  return listingIssues(
    {
      merchantStatus: d.merchantStatus,
      text: d.product.text,
      samrRegistration: d.product.samrRegistration,
      variants: d.variants,
    },
    LISTING_RULES,
  );
}

function assertEditable(d: ProductDetail): void {
  if (d.product.status === 'archived') {
    throw new AppError('invalid_state', 'An archived product cannot be changed', { details: { status: 'archived' } });
  }
}

/** An active product must stay listable: a change that would break a listing check is refused. */
function assertStillListable(d: ProductDetail): void {
  if (d.product.status !== 'active') return;
  const issues = productListingIssues(d).filter((i) => i.code !== 'merchant_not_approved');
  if (issues.length) throw listingBlocked(issues, 'This change would make the listed product fail its listing checks');
}

function listingBlocked(issues: ListingIssue[], lead: string): AppError {
  return new AppError('listing_blocked', `${lead}: ${issues.map((i) => i.message).join('; ')}`, {
    param: issues[0]?.param,
    details: { issues },
  });
}

export interface ProductPatch {
  brand?: string | undefined;
  category?: MerchantCategory | undefined;
  country_of_origin?: string | undefined;
  text?: ProductTexts | undefined;
  shelf_life_days?: number | null | undefined;
  samr_registration?: string | null | undefined;
}

export async function updateProduct(ctx: Ctx, id: string, patch: ProductPatch): Promise<ProductDetail> {
  const samrRegistration = samr(patch.samr_registration);
  return inTransaction(ctx, async (tx) => {
    const before = await getProduct(tx, id, { lock: true });
    assertEditable(before);
    const set: Partial<typeof products.$inferInsert> = {};
    if (patch.brand !== undefined) set.brand = patch.brand;
    if (patch.category !== undefined) set.category = patch.category;
    if (patch.country_of_origin !== undefined) set.countryOfOrigin = patch.country_of_origin;
    // Text merges per locale: sending `zh-Hans` alone leaves the English as it was.
    if (patch.text !== undefined) set.text = { ...before.product.text, ...patch.text };
    if (patch.shelf_life_days !== undefined) set.shelfLifeDays = patch.shelf_life_days;
    if (samrRegistration !== undefined) set.samrRegistration = samrRegistration;
    await tx.db
      .update(products)
      .set({ ...set, updatedAt: now(tx), changedAt: sql`clock_timestamp()` })
      .where(eq(products.id, id));
    const after = await loadDetail(tx, id);
    assertStillListable(after);
    await recordAudit(tx, {
      action: 'product.updated',
      objectType: 'product',
      objectId: id,
      merchantId: after.product.merchantId,
      data: { fields: Object.keys(patch) },
    });
    return after;
  });
}

export async function addVariant(ctx: Ctx, productId: string, input: VariantInput): Promise<ProductDetail> {
  return inTransaction(ctx, async (tx) => {
    const d = await getProduct(tx, productId, { lock: true });
    assertEditable(d);
    const m = await merchantOf(tx, d.product.merchantId);
    const cols = variantColumns(input, m.country, '');
    checkWeights({ netWeightG: cols.netWeightG ?? null, grossWeightG: cols.grossWeightG ?? null }, '');
    const t = now(tx);
    const position = d.variants.reduce((max, v) => Math.max(max, v.position + 1), 0);
    const id = newId('variant');
    await withSkuCheck('sku', () =>
      tx.db.insert(productVariants).values({
        ...cols,
        id,
        productId,
        merchantId: d.product.merchantId,
        sku: input.sku,
        position,
        priceAmount: BigInt(input.price.amount),
        priceCurrency: merchantCurrency(m.country),
        createdAt: t,
        updatedAt: t,
      }),
    );
    await touch(tx, productId);
    const after = await loadDetail(tx, productId);
    assertStillListable(after);
    await recordAudit(tx, { action: 'variant.created', objectType: 'variant', objectId: id, merchantId: d.product.merchantId });
    return after;
  });
}

export async function getVariant(ctx: Ctx, id: string): Promise<Variant> {
  if (!isId('variant', id)) throw notFound('variant', id);
  const [v] = await ctx.db.select().from(productVariants).where(eq(productVariants.id, id));
  if (!v || !inScope(ctx, v.merchantId)) throw notFound('variant', id);
  return v;
}

export async function updateVariant(ctx: Ctx, id: string, patch: Partial<VariantInput>): Promise<ProductDetail> {
  return inTransaction(ctx, async (tx) => {
    const v = await getVariant(tx, id);
    const d = await getProduct(tx, v.productId, { lock: true });
    assertEditable(d);
    const m = await merchantOf(tx, v.merchantId);
    const cols = variantColumns(patch, m.country, '');
    // A field sent as null clears it: only fields not sent keep their stored value.
    checkWeights(
      {
        netWeightG: 'netWeightG' in cols ? (cols.netWeightG ?? null) : v.netWeightG,
        grossWeightG: 'grossWeightG' in cols ? (cols.grossWeightG ?? null) : v.grossWeightG,
      },
      '',
    );
    await withSkuCheck('sku', () =>
      tx.db
        .update(productVariants)
        .set({ ...cols, updatedAt: now(tx) })
        .where(eq(productVariants.id, id)),
    );
    await touch(tx, v.productId);
    const after = await loadDetail(tx, v.productId);
    assertStillListable(after);
    await recordAudit(tx, {
      action: 'variant.updated',
      objectType: 'variant',
      objectId: id,
      merchantId: v.merchantId,
      data: { fields: Object.keys(patch) },
    });
    return after;
  });
}

/** draft → active, only when every listing check passes; otherwise `listing_blocked` and it stays a draft. */
export async function activateProduct(ctx: Ctx, id: string): Promise<ProductDetail> {
  return inTransaction(ctx, async (tx) => {
    const d = await getProduct(tx, id, { lock: true });
    if (d.product.status !== 'draft') {
      throw new AppError('invalid_state', `Only a draft can be activated; this product is ${d.product.status}`, {
        details: { status: d.product.status },
      });
    }
    const issues = productListingIssues(d);
    const market = listingMarketOf(d.merchantCountry) === 'ANZ' ? 'Australia and New Zealand' : 'China';
    if (issues.length) throw listingBlocked(issues, `The product cannot be listed for ${market}`);
    await setStatus(tx, d, 'active');
    return loadDetail(tx, id);
  });
}

/** draft | active → archived: off the storefront for good, still readable on past orders. */
export async function archiveProduct(ctx: Ctx, id: string): Promise<ProductDetail> {
  return inTransaction(ctx, async (tx) => {
    const d = await getProduct(tx, id, { lock: true });
    if (d.product.status === 'archived')
      throw new AppError('invalid_state', 'The product is already archived', { details: { status: 'archived' } });
    await setStatus(tx, d, 'archived');
    return loadDetail(tx, id);
  });
}

async function setStatus(ctx: Ctx, d: ProductDetail, to: ProductStatus): Promise<void> {
  const t = now(ctx);
  await ctx.db
    .update(products)
    .set({
      status: to,
      updatedAt: t,
      changedAt: sql`clock_timestamp()`,
      ...(to === 'active' ? { activatedAt: t } : {}),
      ...(to === 'archived' ? { archivedAt: t } : {}),
    })
    .where(eq(products.id, d.product.id));
  await recordAudit(ctx, {
    action: to === 'active' ? 'product.activated' : 'product.archived',
    objectType: 'product',
    objectId: d.product.id,
    merchantId: d.product.merchantId,
    data: { from: d.product.status, to },
  });
}

export interface ProductFilter {
  status?: ProductStatus | undefined;
  merchantId?: string | undefined;
}

/** Merchants list their own products; operators any merchant's (filter by merchant_id). */
export async function listProducts(ctx: Ctx, filter: ProductFilter, q: ListQuery): Promise<Page<ProductDetail>> {
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope) where.push(eq(products.merchantId, scope));
  else if (filter.merchantId) where.push(eq(products.merchantId, filter.merchantId));
  if (!scope) where.push(inLiveWorld(products.merchantId));
  if (filter.status) where.push(eq(products.status, filter.status));
  const page = await listPage<typeof products, Product>(
    ctx.db,
    products,
    products.id,
    where.length ? and(...where) : undefined,
    q,
    'product',
  );
  return { data: await details(ctx, page.data), hasMore: page.hasMore };
}

/** Variants, images and merchant status for many products in three queries. */
export async function details(ctx: Ctx, list: Product[]): Promise<ProductDetail[]> {
  if (list.length === 0) return [];
  const ids = list.map((p) => p.id);
  const merchantIds = [...new Set(list.map((p) => p.merchantId))];
  // Sequential: `ctx` may be a transaction, whose queries share one connection.
  const variants = await ctx.db
    .select()
    .from(productVariants)
    .where(inArray(productVariants.productId, ids))
    .orderBy(asc(productVariants.position));
  const images = await ctx.db
    .select()
    .from(productImages)
    .where(inArray(productImages.productId, ids))
    .orderBy(asc(productImages.position));
  const ms = new Map((await merchantStatuses(ctx, merchantIds)).map((m) => [m.id, m]));
  return list.map((product) => ({
    product,
    variants: variants.filter((v) => v.productId === product.id),
    images: images.filter((i) => i.productId === product.id),
    merchantStatus: ms.get(product.merchantId)?.status ?? 'unknown',
    merchantWorld: ms.get(product.merchantId)?.world ?? 'unknown',
    merchantCountry: ms.get(product.merchantId)?.country ?? 'unknown',
    merchantName: ms.get(product.merchantId)?.name ?? '',
  }));
}
