// Validation of a CSV import (docs/api.md "Import and export"): parse, map each record to the
// catalog's API inputs (columns.ts), validate them with the catalog's own schemas and checks,
// and build the plan of rows to write with the errors (row, field, code, message). Reads only.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { type Ctx, now } from '../../kernel/context.ts';
import { AppError, isAppError, notFound } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { productsById, variantsBySku, variantsOfProducts } from '../catalog/bulk.ts';
import { productFields, texts, variantInput, variantPatch } from '../catalog/inputs.ts';
import type { products, productVariants } from '../catalog/schema.ts';
import {
  checkWeights,
  merchantCurrency,
  type Product,
  type ProductDetail,
  productListingIssues,
  samr,
  type Variant,
  variantColumns,
} from '../catalog/service.ts';
import { type OnHandTarget, ownLocations, stockSnapshot } from '../inventory/bulk.ts';
import { merchantStatuses } from '../merchants/service.ts';
import {
  CellError,
  type Cells,
  cellsOf,
  columnOf,
  hasProductFields,
  productPatchOf,
  readHeader,
  variantPatchOf,
  wholeNumber,
} from './columns.ts';
import type { ImportRowError, ImportSummary } from './schema.ts';

/** Progress is reported every this many rows. */
const PROGRESS_EVERY = 2_000;

// ---------------------------------------------------------------------------
// Validation: records → a plan of rows to write, and the errors
// ---------------------------------------------------------------------------

export interface Plan {
  products: (typeof products.$inferInsert)[];
  variants: (typeof productVariants.$inferInsert)[];
  stock: OnHandTarget[];
  /** Products this import creates. */
  newProducts: Set<string>;
  summary: ImportSummary;
}

export interface Validated {
  total: number;
  errors: ImportRowError[];
  /** Rows with at least one error. */
  badRows: Set<number>;
  /** SKUs that were known when validated (updates). */
  updatedSkus: Set<string>;
  plan: Plan;
}

interface RowState {
  row: number;
  cells: Cells;
  handle: string;
  stock: { field: string; locationId: string; value: string }[];
}

const productSchema = z.object(productFields);
const productPatchSchema = z.object(productFields).partial();

function zodErrors(row: number, e: z.ZodError): ImportRowError[] {
  return e.issues.map((i) => ({ row, field: columnOf(i.path), code: 'invalid_request', message: i.message }));
}

function asRowError(row: number, e: unknown): ImportRowError {
  if (e instanceof CellError) return { row, field: e.field, code: 'invalid_request', message: e.message };
  if (isAppError(e)) return { row, field: columnOf(e.param), code: e.code, message: e.message };
  throw e;
}

/**
 * Parse and validate `csv` for `merchantId`, the way the API would validate each product and
 * variant. `onProgress(rowsDone)` is called every few thousand rows.
 */
export async function validateImport(
  ctx: Ctx,
  merchantId: string,
  csv: string,
  onProgress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<Validated> {
  const errors: ImportRowError[] = [];
  const badRows = new Set<number>();
  const fail = (e: ImportRowError) => {
    errors.push(e);
    badRows.add(e.row);
  };
  const t = now(ctx);
  const summary: ImportSummary = {
    products_created: 0,
    products_updated: 0,
    variants_created: 0,
    variants_updated: 0,
    stock_levels_set: 0,
  };
  const empty = (total: number): Validated => ({
    total,
    errors,
    badRows,
    updatedSkus: new Set(),
    plan: { products: [], variants: [], stock: [], newProducts: new Set(), summary },
  });

  let records: string[][];
  try {
    // Blank lines are kept (and skipped below) so row numbers stay those a spreadsheet shows.
    records = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  } catch (e) {
    const err = e as { message: string; lines?: number };
    fail({ row: err.lines ?? 1, field: 'file', code: 'invalid_csv', message: err.message });
    return empty(0);
  }
  const [headerCells, ...body] = records;
  if (!headerCells) {
    fail({ row: 1, field: 'file', code: 'invalid_csv', message: 'The file has no header row' });
    return empty(0);
  }
  const total = body.length;
  const { header, errors: headerErrors } = readHeader(headerCells);
  headerErrors.forEach(fail);
  const [merchant] = await merchantStatuses(ctx, [merchantId]);
  if (!merchant) throw notFound('merchant', merchantId);
  const currency = merchantCurrency(merchant.country);
  const locations = await ownLocations(ctx, merchantId);
  const stockColumns = header.stock.map((s) => {
    const loc = locations.find((l) => l.id === s.location) ?? locations.filter((l) => l.name === s.location);
    const one = Array.isArray(loc) ? (loc.length === 1 ? loc[0] : undefined) : loc;
    if (!one) {
      fail({
        row: 1,
        field: s.header,
        code: 'invalid_csv',
        message: `'${s.location}' is not one of your warehouses (by id, or by a name only one of them has)`,
      });
    }
    return { ...s, locationId: one?.id ?? '' };
  });
  if (errors.length) return empty(total);

  // Rows, SKUs seen once, handles.
  const rows: RowState[] = [];
  const skuRow = new Map<string, number>();
  for (const [i, record] of body.entries()) {
    const row = i + 2;
    if (record.every((c) => !c.trim())) continue;
    const cells = cellsOf(header, record);
    const stock = stockColumns
      .map((s) => ({ field: s.header, locationId: s.locationId, value: (record[s.index] ?? '').trim() }))
      .filter((s) => s.value !== '');
    const state: RowState = { row, cells, handle: cells.handle ?? cells.sku ?? `row ${row}`, stock };
    rows.push(state);
    if (!cells.sku) {
      fail({ row, field: 'sku', code: 'invalid_request', message: 'Every row needs a SKU' });
      continue;
    }
    const first = skuRow.get(cells.sku);
    if (first !== undefined) {
      fail({ row, field: 'sku', code: 'already_exists', message: `SKU '${cells.sku}' is already on row ${first}` });
      continue;
    }
    skuRow.set(cells.sku, row);
  }

  const existingVariants = await variantsBySku(ctx, merchantId, [...skuRow.keys()]);
  const handleIds = [...new Set(rows.map((r) => r.handle))].filter((h) => h.startsWith('prd_') && isId('product', h));
  const existingProducts = await productsById(ctx, merchantId, [...handleIds, ...[...existingVariants.values()].map((v) => v.productId)]);
  const siblings = new Map<string, Variant[]>();
  for (const v of await variantsOfProducts(ctx, [...existingProducts.keys()])) {
    siblings.set(v.productId, [...(siblings.get(v.productId) ?? []), v]);
  }
  const snapshot = await stockSnapshot(
    ctx,
    [...existingVariants.values()].map((v) => v.id),
  );

  // Group rows into products by handle, in file order.
  const groups = new Map<string, RowState[]>();
  for (const r of rows) groups.set(r.handle, [...(groups.get(r.handle) ?? []), r]);

  /** Per product touched: the merged product row, its variants after the import, the rows that touched it. */
  const touched = new Map<string, { product: Product; isNew: boolean; variants: Map<string, Variant>; rows: Set<number> }>();
  const productTouch = (p: Product, isNew: boolean) => {
    let e = touched.get(p.id);
    if (!e) {
      e = { product: p, isNew, variants: new Map((siblings.get(p.id) ?? []).map((v) => [v.sku, v])), rows: new Set() };
      touched.set(p.id, e);
    }
    return e;
  };
  const nextPosition = new Map<string, number>();
  const stockTargets: { row: number; target: OnHandTarget }[] = [];
  let done = 0;

  for (const [handle, group] of groups) {
    // Which product: a handle naming one of the merchant's products, else the product of the first known SKU, else a new one.
    const known = group.map((r) => existingVariants.get(r.cells.sku ?? '')).find((v) => v !== undefined);
    const existing = existingProducts.get(handle) ?? (known ? existingProducts.get(known.productId) : undefined);
    const lead = group.find((r) => hasProductFields(r.cells)) ?? group[0];
    if (!lead) continue;
    let product: Product | undefined;
    let productError = false;
    try {
      const patch = productPatchOf(lead.cells);
      if (existing) {
        if (existing.status === 'archived') throw new AppError('invalid_state', 'An archived product cannot be changed');
        const parsed = productPatchSchema.safeParse(patch);
        if (!parsed.success) throw parsed.error;
        const p = parsed.data;
        const text = { ...existing.text };
        for (const [locale, fields] of Object.entries(p.text ?? {})) {
          text[locale as keyof typeof text] = { ...text[locale as keyof typeof text], ...fields } as never;
        }
        const mergedText = texts.safeParse(text);
        if (!mergedText.success) throw mergedText.error;
        const samrValue = samr(p.samr_registration);
        product = {
          ...existing,
          ...(p.brand !== undefined ? { brand: p.brand } : {}),
          ...(p.category !== undefined ? { category: p.category } : {}),
          ...(p.country_of_origin !== undefined ? { countryOfOrigin: p.country_of_origin } : {}),
          ...(p.shelf_life_days !== undefined ? { shelfLifeDays: p.shelf_life_days } : {}),
          ...(samrValue !== undefined ? { samrRegistration: samrValue } : {}),
          text: mergedText.data,
          updatedAt: t,
        };
      } else {
        const parsed = productSchema.safeParse(patch);
        if (!parsed.success) throw parsed.error;
        const p = parsed.data;
        product = {
          id: newId('product'),
          merchantId,
          status: 'draft',
          brand: p.brand,
          category: p.category,
          text: p.text,
          countryOfOrigin: p.country_of_origin,
          shelfLifeDays: p.shelf_life_days ?? null,
          samrRegistration: samr(p.samr_registration) ?? null,
          createdAt: t,
          updatedAt: t,
          activatedAt: null,
          archivedAt: null,
          changedAt: t,
        };
      }
    } catch (e) {
      productError = true;
      if (e instanceof z.ZodError) zodErrors(lead.row, e).forEach(fail);
      else fail(asRowError(lead.row, e));
    }
    for (const r of group) {
      done++;
      if (done % PROGRESS_EVERY === 0) await onProgress(done, total);
      if (badRows.has(r.row) && r !== lead) continue;
      if (productError || !product) {
        if (r !== lead) {
          fail({ row: r.row, field: 'handle', code: 'invalid_request', message: `The product of this row has errors (row ${lead.row})` });
        }
        continue;
      }
      if (badRows.has(r.row)) continue;
      const sku = r.cells.sku as string;
      const current = existingVariants.get(sku);
      // A known SKU updates its variant, in whatever product it is.
      const owner = !current || current.productId === product.id ? product : (existingProducts.get(current.productId) ?? product);
      if (current && owner.status === 'archived') {
        fail({ row: r.row, field: 'sku', code: 'invalid_state', message: 'The product of this SKU is archived: it cannot be changed' });
        continue;
      }
      const entry = productTouch(owner, !existing && owner === product);
      try {
        const patch = variantPatchOf(r.cells, currency);
        const parsed = (current ? variantPatch : variantInput).safeParse(patch);
        if (!parsed.success) throw parsed.error;
        const cols = variantColumns(parsed.data, merchant.country, '');
        let variant: Variant;
        if (current) {
          variant = { ...current, ...cols, updatedAt: t } as Variant;
        } else {
          const position = nextPosition.get(owner.id) ?? Math.max(-1, ...(siblings.get(owner.id) ?? []).map((v) => v.position)) + 1;
          nextPosition.set(owner.id, position + 1);
          variant = {
            id: newId('variant'),
            productId: owner.id,
            merchantId,
            sku,
            gtin: null,
            options: {},
            position,
            hsCode: null,
            taxClass: null,
            declaredUnit: null,
            declaredQuantity: null,
            netWeightG: null,
            grossWeightG: null,
            dimensionsMm: null,
            priceAmount: 0n,
            priceCurrency: currency,
            cnyPriceAmount: null,
            gstFree: false,
            alcoholOrTobacco: false,
            createdAt: t,
            updatedAt: t,
            ...cols,
          } as Variant;
        }
        checkWeights(variant, '');
        const targets: OnHandTarget[] = [];
        for (const s of r.stock) {
          let onHand: number;
          try {
            onHand = wholeNumber(s.field, s.value);
          } catch (e) {
            fail(asRowError(r.row, e));
            continue;
          }
          const level = snapshot.get(`${variant.id} ${s.locationId}`);
          if (level && onHand < level.reserved) {
            fail({
              row: r.row,
              field: s.field,
              code: 'insufficient_stock',
              message: `${level.reserved} units are reserved for orders: on hand cannot go below them`,
            });
            continue;
          }
          targets.push({ merchantId, productId: owner.id, variantId: variant.id, locationId: s.locationId, onHand });
        }
        if (badRows.has(r.row)) continue;
        entry.variants.set(sku, variant);
        entry.rows.add(r.row);
        for (const target of targets) stockTargets.push({ row: r.row, target });
      } catch (e) {
        if (e instanceof z.ZodError) zodErrors(r.row, e).forEach(fail);
        else fail(asRowError(r.row, e));
      }
    }
  }

  // A listed product must stay listable (service.ts assertStillListable): checked on the result.
  for (const e of touched.values()) {
    if (e.product.status !== 'active') continue;
    const detail: ProductDetail = {
      product: e.product,
      variants: [...e.variants.values()].sort((a, b) => a.position - b.position),
      images: [],
      merchantStatus: merchant.status,
      merchantWorld: merchant.world,
      merchantCountry: merchant.country,
      merchantName: merchant.name,
    };
    const issues = productListingIssues(detail).filter((i) => i.code !== 'merchant_not_approved');
    if (!issues.length) continue;
    for (const row of e.rows) {
      for (const i of issues)
        fail({ row, field: columnOf(i.param.replace(/^variants\.\d+\./, '')), code: 'listing_blocked', message: i.message });
    }
    e.rows.clear();
  }
  await onProgress(total, total);

  // The plan: what the good rows write. A new product is written only with at least one good variant.
  const plan: Plan = { products: [], variants: [], stock: [], newProducts: new Set(), summary };
  for (const e of touched.values()) {
    const goodRows = [...e.rows].filter((r) => !badRows.has(r));
    if (!goodRows.length) continue;
    plan.products.push(e.product);
    if (e.isNew) {
      summary.products_created++;
      plan.newProducts.add(e.product.id);
    } else summary.products_updated++;
    for (const v of e.variants.values()) {
      const fromFile = skuRow.get(v.sku);
      if (fromFile === undefined || badRows.has(fromFile)) continue;
      plan.variants.push(v);
      if (existingVariants.has(v.sku)) summary.variants_updated++;
      else summary.variants_created++;
    }
  }
  for (const s of stockTargets) if (!badRows.has(s.row)) plan.stock.push(s.target);
  summary.stock_levels_set = plan.stock.length;
  errors.sort((a, b) => a.row - b.row);
  return { total, errors, badRows, updatedSkus: new Set(existingVariants.keys()), plan };
}
