// CSV exports of a merchant's products (the import's own columns: an export re-imports as
// it is), stock levels and orders. Each is an async generator of CSV text, page by page
// through the owning contexts' services, so a large catalog streams without being held in
// memory.
import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../kernel/context.ts';
import { listProducts } from '../catalog/service.ts';
import { stockSnapshot, ownLocations, visibleLocations } from '../inventory/bulk.ts';
import type { OrderState } from '../orders/rules.ts';
import { listOrders } from '../orders/service.ts';
import { formatMinor as formatMinorUnits, formatOptions, IMPORT_COLUMNS, STOCK_PREFIX } from './columns.ts';

const PAGE = 100;
const line = (cells: readonly unknown[]) => stringify([cells.map((c) => (c === null || c === undefined ? '' : String(c)))]);

/** Every product of the merchant, newest first, a page at a time (the ctx acts for that merchant). */
async function* productPages(ctx: Ctx, merchantId: string) {
  let after: string | undefined;
  for (;;) {
    const page = await listProducts(ctx, { merchantId }, { limit: PAGE, starting_after: after });
    if (page.data.length) yield page.data;
    const last = page.data.at(-1);
    if (!page.hasMore || !last) return;
    after = last.product.id;
  }
}

export const PRODUCT_EXPORT_COLUMNS = [...IMPORT_COLUMNS, 'status'] as const;

/** One row per variant, the import's columns, `handle` = the product id, `stock:<location id>` per own warehouse. */
export async function* exportProducts(ctx: Ctx, merchantId: string): AsyncGenerator<string> {
  const locations = await ownLocations(ctx, merchantId);
  yield line([...PRODUCT_EXPORT_COLUMNS, ...locations.map((l) => `${STOCK_PREFIX}${l.id}`)]);
  for await (const list of productPages(ctx, merchantId)) {
    const stock = await stockSnapshot(
      ctx,
      list.flatMap((d) => d.variants.map((v) => v.id)),
    );
    let out = '';
    for (const d of list) {
      const p = d.product;
      const en = p.text.en;
      const zh = p.text['zh-Hans'];
      for (const v of d.variants) {
        const row: Record<(typeof PRODUCT_EXPORT_COLUMNS)[number], unknown> = {
          handle: p.id,
          brand: p.brand,
          category: p.category,
          country_of_origin: p.countryOfOrigin,
          name_en: en?.name,
          subtitle_en: en?.subtitle,
          description_en: en?.description,
          ingredients_en: en?.ingredients,
          usage_en: en?.usage,
          name_zh: zh?.name,
          subtitle_zh: zh?.subtitle,
          description_zh: zh?.description,
          ingredients_zh: zh?.ingredients,
          usage_zh: zh?.usage,
          shelf_life_days: p.shelfLifeDays,
          samr_registration: p.samrRegistration,
          sku: v.sku,
          gtin: v.gtin,
          options: formatOptions(v.options),
          hs_code: v.hsCode,
          tax_class: v.taxClass,
          declared_unit: v.declaredUnit,
          declared_quantity: v.declaredQuantity,
          net_weight_g: v.netWeightG,
          gross_weight_g: v.grossWeightG,
          length_mm: v.dimensionsMm?.length,
          width_mm: v.dimensionsMm?.width,
          height_mm: v.dimensionsMm?.height,
          currency: v.priceCurrency,
          price: formatMinorUnits(v.priceAmount),
          cny_price: v.cnyPriceAmount === null ? null : formatMinorUnits(v.cnyPriceAmount),
          gst_free: v.gstFree,
          alcohol_or_tobacco: v.alcoholOrTobacco,
          status: p.status,
        };
        out += line([...PRODUCT_EXPORT_COLUMNS.map((c) => row[c]), ...locations.map((l) => stock.get(`${v.id} ${l.id}`)?.onHand ?? '')]);
      }
    }
    yield out;
  }
}

export const STOCK_EXPORT_COLUMNS = [
  'sku',
  'handle',
  'location_id',
  'location_name',
  'location_kind',
  'on_hand',
  'reserved',
  'available',
] as const;

/** One row per stock level of the merchant's variants, in its own and bonded warehouses. */
export async function* exportStock(ctx: Ctx, merchantId: string): AsyncGenerator<string> {
  const locations = new Map((await visibleLocations(ctx, merchantId)).map((l) => [l.id, l]));
  yield line(STOCK_EXPORT_COLUMNS);
  for await (const list of productPages(ctx, merchantId)) {
    const variants = list.flatMap((d) => d.variants);
    const stock = await stockSnapshot(
      ctx,
      variants.map((v) => v.id),
    );
    let out = '';
    for (const v of variants) {
      for (const loc of locations.values()) {
        const s = stock.get(`${v.id} ${loc.id}`);
        if (!s) continue;
        out += line([v.sku, v.productId, loc.id, loc.name, loc.kind, s.onHand, s.reserved, s.onHand - s.reserved]);
      }
    }
    if (out) yield out;
  }
}

export const ORDER_EXPORT_COLUMNS = [
  'order_id',
  'created_at',
  'paid_at',
  'state',
  'customs_mode',
  'origin_location_id',
  'currency',
  'goods',
  'shipping',
  'tax',
  'total',
  'refunded',
  'line_no',
  'sku',
  'name',
  'quantity',
  'unit_price_paid',
] as const;

export interface OrderExportFilter {
  state?: OrderState | undefined;
  created_from?: Date | undefined;
  created_to?: Date | undefined;
}

/** One row per order line, newest order first; amounts in major units of the order's currency. */
export async function* exportOrders(ctx: Ctx, filter: OrderExportFilter): AsyncGenerator<string> {
  yield line(ORDER_EXPORT_COLUMNS);
  let after: string | undefined;
  for (;;) {
    const page = await listOrders(ctx, filter, { limit: PAGE, starting_after: after });
    let out = '';
    for (const o of page.data) {
      for (const l of o.lines) {
        out += line([
          o.id,
          o.createdAt.toISOString(),
          o.paidAt?.toISOString(),
          o.state,
          o.customsMode,
          o.originLocationId,
          o.currency,
          formatMinorUnits(o.goods),
          formatMinorUnits(o.shipping),
          formatMinorUnits(o.tax),
          formatMinorUnits(o.total),
          formatMinorUnits(o.refunded),
          l.lineNo,
          l.sku,
          l.name.en,
          l.quantity,
          formatMinorUnits(l.unitPricePaid),
        ]);
      }
    }
    if (out) yield out;
    const last = page.data.at(-1);
    if (!page.hasMore || !last) return;
    after = last.id;
  }
}

/** Read a whole export into one string (tests, small files). */
export async function collect(gen: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const part of gen) s += part;
  return s;
}
