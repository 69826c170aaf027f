// What billing measures in other contexts' tables, and which merchants it bills. These are
// read-only aggregates over a period, kept in this one file so the queries billing depends on
// are easy to find when those tables change (the house rule is services, not tables; an
// aggregate per merchant per month is not a service any of those contexts has).
import { and, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { productImages } from '../catalog/schema.ts';
import { imports } from '../imports/schema.ts';
import { parcels } from '../logistics/shipment-schema.ts';
import { merchants } from '../merchants/schema.ts';
import { orders } from '../orders/schema.ts';
import type { MerchantCountry } from './rules.ts';

export interface Span {
  from: Date;
  to: Date;
}

/** Orders paid in the span (an order exists only once paid) and their goods per charge currency (GMV). */
export async function ordersAndGmv(ctx: Ctx, merchantId: string, span: Span): Promise<{ orders: number; gmv: Record<string, string> }> {
  const rows = await ctx.db
    .select({ currency: orders.currency, n: sql<string>`count(*)::text`, goods: sql<string>`coalesce(sum(${orders.goods}), 0)::text` })
    .from(orders)
    .where(and(eq(orders.merchantId, merchantId), gte(orders.paidAt, span.from), lt(orders.paidAt, span.to)))
    .groupBy(orders.currency);
  const gmv: Record<string, string> = {};
  let n = 0;
  for (const r of rows) {
    n += Number(r.n);
    if (r.goods !== '0') gmv[r.currency] = r.goods;
  }
  return { orders: n, gmv };
}

/** Parcels booked in the span: each is one label (reprints of a label are not new labels). */
export async function labelsBooked(ctx: Ctx, merchantId: string, span: Span): Promise<number> {
  const [r] = await ctx.db
    .select({ n: sql<string>`count(*)::text` })
    .from(parcels)
    .where(and(eq(parcels.merchantId, merchantId), gte(parcels.createdAt, span.from), lt(parcels.createdAt, span.to)));
  return Number(r?.n ?? 0);
}

/**
 * Bytes the merchant stores now: its product images (the uploaded originals) and import files
 * still held (an import keeps its CSV until it has run).
 */
export async function storageBytes(ctx: Ctx, merchantId: string): Promise<number> {
  const [img] = await ctx.db
    .select({ n: sql<string>`coalesce(sum(${productImages.bytes}), 0)::text` })
    .from(productImages)
    .where(eq(productImages.merchantId, merchantId));
  const [csv] = await ctx.db
    .select({ n: sql<string>`coalesce(sum(octet_length(${imports.csv})), 0)::text` })
    .from(imports)
    .where(and(eq(imports.merchantId, merchantId), isNotNull(imports.csv)));
  return Number(img?.n ?? 0) + Number(csv?.n ?? 0);
}

export interface BillableMerchant {
  id: string;
  country: MerchantCountry;
  createdAt: Date;
}

/**
 * The merchants the monthly invoicing job bills: approved or suspended (a suspension is not a
 * cancellation; payouts treat them alike), signed up before the period ended, and not a test-mode
 * twin (`live_merchant_id` set: its usage is the live merchant's test usage, never billed). This
 * is the one place that chooses them.
 */
export async function merchantsToInvoice(ctx: Ctx, periodEnd: Date): Promise<BillableMerchant[]> {
  return ctx.db
    .select({ id: merchants.id, country: merchants.country, createdAt: merchants.createdAt })
    .from(merchants)
    .where(and(inArray(merchants.status, ['approved', 'suspended']), lt(merchants.createdAt, periodEnd), isNull(merchants.liveMerchantId)))
    .orderBy(merchants.id);
}
