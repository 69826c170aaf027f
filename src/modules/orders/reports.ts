// The sales report of the merchant console's dashboard: revenue per day, top products and orders
// by destination province, over paid orders. Days are China's calendar days (Asia/Shanghai, UTC+8
// all year: China has kept no daylight saving time since 1991), because the buyers and the
// platform's market are there. Money is never added across currencies: every figure is a list
// with one amount per currency the orders were paid in (CNY from shoppers in China, AUD or NZD
// from shoppers in Australia and New Zealand).
//
// What counts: orders paid in the range (by `paid_at`), but not those cancelled or refunded in
// full. An order's revenue is what its buyer paid for the goods that were kept: each line's price
// paid per unit times its units less the units returned. Shipping and the import tax (or GST) are
// not the merchant's sales and are left out.
import { inLiveWorld } from '../../kernel/livemode.ts';
import { and, eq, gte, isNotNull, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import { type Ctx, merchantScope, now } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { OrderState } from './rules.ts';
import { orderLines, orders } from './schema.ts';

export const REPORT_TIME_ZONE = 'Asia/Shanghai' as const;
/** Asia/Shanghai's offset from UTC, in milliseconds (constant: no daylight saving time). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
export const DEFAULT_REPORT_DAYS = 30;
export const MAX_REPORT_DAYS = 366;
export const TOP_PRODUCTS = 10;
/** States whose orders are not sales: never paid, or refunded in full. */
export const NOT_SALES: OrderState[] = ['pending_payment', 'cancelled', 'refunded'];

export type Amounts = { amount: bigint; currency: string }[];

export interface ProductSales {
  productId: string;
  name: { en: string; 'zh-Hans': string };
  units: number;
  revenue: Amounts;
}

export interface SalesReport {
  merchantId: string | null;
  from: string;
  to: string;
  orders: number;
  units: number;
  revenue: Amounts;
  days: { date: string; orders: number; units: number; revenue: Amounts }[];
  topByUnits: ProductSales[];
  topByRevenue: { currency: string; products: ProductSales[] }[];
  regions: { country: string | null; region: string | null; orders: number; units: number; revenue: Amounts }[];
}

/** The China calendar day (YYYY-MM-DD) an instant falls on. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar day begins. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * The report's days: `to` defaults to today in China, `from` to 29 days before `to` (30 days in
 * all); both inclusive. Refused: `from` after `to`, or more than 366 days.
 */
export function reportRange(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }): { from: string; to: string } {
  const to = q.to ?? chinaDay(now(ctx));
  const from = q.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) throw new AppError('invalid_request', `'from' (${from}) is after 'to' (${to})`, { param: 'from' });
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_REPORT_DAYS) {
    throw new AppError('invalid_request', `A report covers at most ${MAX_REPORT_DAYS} days (asked for ${days})`, { param: 'to' });
  }
  return { from, to };
}

/** Adds `amount` of `currency` into a list kept sorted by currency. */
export function add(list: Amounts, amount: bigint, currency: string): void {
  const hit = list.find((a) => a.currency === currency);
  if (hit) hit.amount += amount;
  else {
    list.push({ amount, currency });
    list.sort((a, b) => a.currency.localeCompare(b.currency));
  }
}

/**
 * A merchant's sales (merchant staff and API keys: always their own; operators: one merchant's
 * with `merchant`, else the whole platform's) from `from` to `to`, China days.
 */
export async function salesReport(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; merchant?: string | undefined },
): Promise<SalesReport> {
  const { from, to } = reportRange(ctx, q);
  const scope = merchantScope(ctx);
  const merchantId = scope ?? (ctx.principal.kind === 'operator' || ctx.principal.kind === 'system' ? (q.merchant ?? null) : null);
  const where: SQL[] = [
    isNotNull(orders.paidAt),
    gte(orders.paidAt, chinaDayStart(from)),
    lt(orders.paidAt, chinaDayStart(addDays(to, 1))),
    notInArray(orders.state, NOT_SALES),
  ];
  if (merchantId !== null) where.push(eq(orders.merchantId, merchantId));
  // The platform's figures are the live world's: test sales never count (decisions §23).
  if (scope === undefined) where.push(inLiveWorld(orders.merchantId));
  const kept = sql`(${orderLines.quantity} - ${orderLines.returnedQuantity})`;

  // One row per order (its kept units and revenue), one per product and currency.
  const perOrder = await ctx.db
    .select({
      paidAt: orders.paidAt,
      currency: orders.currency,
      address: orders.address,
      units: sql<string>`sum(${kept})::text`,
      revenue: sql<string>`sum(${orderLines.unitPricePaid} * ${kept})::text`,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...where))
    .groupBy(orders.id);
  const perProduct = await ctx.db
    .select({
      productId: orderLines.productId,
      currency: orders.currency,
      name: sql<string>`max(${orderLines.name}::text)`,
      units: sql<string>`sum(${kept})::text`,
      revenue: sql<string>`sum(${orderLines.unitPricePaid} * ${kept})::text`,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...where))
    .groupBy(orderLines.productId, orders.currency);

  const days: SalesReport['days'] = [];
  const dayIndex = new Map<string, number>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    dayIndex.set(d, days.length);
    days.push({ date: d, orders: 0, units: 0, revenue: [] });
  }
  const report: SalesReport = {
    merchantId,
    from,
    to,
    orders: 0,
    units: 0,
    revenue: [],
    days,
    topByUnits: [],
    topByRevenue: [],
    regions: [],
  };
  const regions = new Map<string, SalesReport['regions'][number]>();
  for (const o of perOrder) {
    if (!o.paidAt) continue;
    const units = Number(o.units);
    const revenue = BigInt(o.revenue);
    const day = days[dayIndex.get(chinaDay(o.paidAt)) ?? -1];
    if (!day) continue;
    for (const bucket of [report, day]) {
      bucket.orders += 1;
      bucket.units += units;
      add(bucket.revenue, revenue, o.currency);
    }
    const country = o.address.country ?? null;
    const region = o.address.region ?? null;
    const key = `${country}|${region}`;
    const r = regions.get(key) ?? { country, region, orders: 0, units: 0, revenue: [] };
    r.orders += 1;
    r.units += units;
    add(r.revenue, revenue, o.currency);
    regions.set(key, r);
  }
  report.regions = [...regions.values()].sort((a, b) => b.orders - a.orders || String(a.region).localeCompare(String(b.region)));

  const products = new Map<string, ProductSales>();
  for (const row of perProduct) {
    const p = products.get(row.productId) ?? { productId: row.productId, name: JSON.parse(row.name), units: 0, revenue: [] };
    p.units += Number(row.units);
    add(p.revenue, BigInt(row.revenue), row.currency);
    products.set(row.productId, p);
  }
  const all = [...products.values()];
  const revenueIn = (p: ProductSales, currency: string) => p.revenue.find((a) => a.currency === currency)?.amount ?? 0n;
  report.topByUnits = [...all].sort((a, b) => b.units - a.units || a.productId.localeCompare(b.productId)).slice(0, TOP_PRODUCTS);
  report.topByRevenue = report.revenue.map(({ currency }) => ({
    currency,
    products: all
      .filter((p) => revenueIn(p, currency) > 0n)
      .sort((a, b) => {
        const d = revenueIn(b, currency) - revenueIn(a, currency);
        return d > 0n ? 1 : d < 0n ? -1 : a.productId.localeCompare(b.productId);
      })
      .slice(0, TOP_PRODUCTS),
  }));
  return report;
}
