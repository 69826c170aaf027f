// Merchant analytics (issue 9, C6): revenue and orders per China day or ISO week, top products,
// provinces, the conversion funnel (product views → cart lines added → paid order lines), the
// refunds rate and delivery times per lane. Same ground rules as the sales report (reports.ts):
// China calendar days (Asia/Shanghai, UTC+8, no daylight saving), one amount per currency and
// never a sum across currencies, merchants see only their own figures. Grouping happens in SQL
// over the orders' (merchant_id, paid_at) and (merchant_id, delivered_at) indexes.
import { inLiveWorld } from '../../kernel/livemode.ts';
import { and, eq, gte, isNotNull, lt, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import { asSystem, type Ctx, merchantScope } from '../../kernel/context.ts';
import { getProduct } from '../catalog/service.ts';
import { getLocation } from '../inventory/service.ts';
import { flushProductActivity } from './activity.ts';
import { type Amounts, add, addDays, chinaDayStart, NOT_SALES, reportRange } from './reports.ts';
import { orderLines, orders, productDailyActivity } from './schema.ts';

export type Interval = 'day' | 'week';
export interface AnalyticsQuery {
  from?: string | undefined;
  to?: string | undefined;
  merchant_id?: string | undefined;
}
export type Name = { en: string; 'zh-Hans': string };

export interface Scope {
  merchantId: string | null;
  from: string;
  to: string;
}

/** Merchant staff and API keys: their own merchant, always; operators: `merchant_id`, or the whole platform. */
export function analyticsScope(ctx: Ctx, q: AnalyticsQuery): Scope {
  const { from, to } = reportRange(ctx, q);
  const own = merchantScope(ctx);
  return { merchantId: own ?? q.merchant_id ?? null, from, to };
}

/** An instant as China's wall-clock time (a timestamp without zone), whatever the session's time zone. */
const china = (col: SQL | typeof orders.paidAt) => sql`((${col} at time zone 'UTC') + interval '8 hours')`;
const bucketOf = (col: typeof orders.paidAt, interval: Interval) =>
  interval === 'day'
    ? sql<string>`to_char(${china(col)}, 'YYYY-MM-DD')`
    : sql<string>`to_char(date_trunc('week', ${china(col)}), 'YYYY-MM-DD')`;

const DAY_MS = 86_400_000;
/** Monday of the ISO week a day falls in. */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday
  return addDays(day, -((dow + 6) % 7));
}
/** ISO 8601 week of a Monday: `2026-W48` (the week belongs to the year of its Thursday). */
export function isoWeek(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface Bucket {
  /** The first day of the bucket: the day, or the Monday of the week. */
  start: string;
  /** The last day: the day, or the Sunday. */
  end: string;
  /** The ISO week (`2026-W48`); null for days. */
  week: string | null;
}

/** Every bucket from `from` to `to`, oldest first. Weeks are whole ISO weeks; only the range's days are counted in them. */
export function buckets(from: string, to: string, interval: Interval): Bucket[] {
  const out: Bucket[] = [];
  if (interval === 'day') for (let d = from; d <= to; d = addDays(d, 1)) out.push({ start: d, end: d, week: null });
  else for (let d = weekStart(from); d <= to; d = addDays(d, 7)) out.push({ start: d, end: addDays(d, 6), week: isoWeek(d) });
  return out;
}

function paidIn(s: Scope, sales: boolean): SQL[] {
  const where: SQL[] = [
    isNotNull(orders.paidAt),
    gte(orders.paidAt, chinaDayStart(s.from)),
    lt(orders.paidAt, chinaDayStart(addDays(s.to, 1))),
  ];
  if (sales) where.push(notInArray(orders.state, NOT_SALES));
  if (s.merchantId !== null) where.push(eq(orders.merchantId, s.merchantId));
  // The platform's figures are the live world's (decisions §23).
  else where.push(inLiveWorld(orders.merchantId));
  return where;
}
const kept = sql`(${orderLines.quantity} - ${orderLines.returnedQuantity})`;

// --- revenue and orders over time ----------------------------------------------------------

export interface RevenueReport extends Scope {
  interval: Interval;
  orders: number;
  units: number;
  revenue: Amounts;
  buckets: (Bucket & { orders: number; units: number; revenue: Amounts })[];
}

/** Orders paid in the range and not cancelled or refunded in full; revenue = goods kept (as the sales report). */
export async function revenueReport(ctx: Ctx, q: AnalyticsQuery & { interval?: Interval | undefined }): Promise<RevenueReport> {
  const s = analyticsScope(ctx, q);
  const interval = q.interval ?? 'day';
  const bucket = bucketOf(orders.paidAt, interval);
  const rows = await ctx.db
    .select({
      bucket,
      currency: orders.currency,
      orders: sql<string>`count(distinct ${orders.id})::text`,
      units: sql<string>`sum(${kept})::text`,
      revenue: sql<string>`sum(${orderLines.unitPricePaid} * ${kept})::text`,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...paidIn(s, true)))
    .groupBy(bucket, orders.currency);
  const report: RevenueReport = {
    ...s,
    interval,
    orders: 0,
    units: 0,
    revenue: [],
    buckets: buckets(s.from, s.to, interval).map((b) => ({ ...b, orders: 0, units: 0, revenue: [] })),
  };
  const index = new Map(report.buckets.map((b) => [b.start, b]));
  for (const r of rows) {
    const b = index.get(r.bucket);
    if (!b) continue;
    for (const into of [report, b]) {
      into.orders += Number(r.orders);
      into.units += Number(r.units);
      add(into.revenue, BigInt(r.revenue), r.currency);
    }
  }
  return report;
}

// --- products and provinces ----------------------------------------------------------------

export interface ProductRow {
  productId: string;
  name: Name;
  orders: number;
  units: number;
  revenue: Amounts;
}

/** The `limit` products with the most units kept, with their orders and revenue per currency. */
export async function productsReport(ctx: Ctx, q: AnalyticsQuery & { limit?: number | undefined }) {
  const s = analyticsScope(ctx, q);
  const rows = await ctx.db
    .select({
      productId: orderLines.productId,
      currency: orders.currency,
      name: sql<string>`max(${orderLines.name}::text)`,
      orders: sql<string>`count(distinct ${orders.id})::text`,
      units: sql<string>`sum(${kept})::text`,
      revenue: sql<string>`sum(${orderLines.unitPricePaid} * ${kept})::text`,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...paidIn(s, true)))
    .groupBy(orderLines.productId, orders.currency);
  const byId = new Map<string, ProductRow>();
  for (const r of rows) {
    const p = byId.get(r.productId) ?? { productId: r.productId, name: JSON.parse(r.name), orders: 0, units: 0, revenue: [] };
    p.orders += Number(r.orders);
    p.units += Number(r.units);
    add(p.revenue, BigInt(r.revenue), r.currency);
    byId.set(r.productId, p);
  }
  const products = [...byId.values()].sort((a, b) => b.units - a.units || a.productId.localeCompare(b.productId)).slice(0, q.limit ?? 10);
  return { ...s, products };
}

export interface ProvinceRow {
  country: string | null;
  region: string | null;
  orders: number;
  units: number;
  revenue: Amounts;
}

/** Orders by destination region (a province of China, an Australian state, NZ), most orders first. */
export async function provincesReport(ctx: Ctx, q: AnalyticsQuery) {
  const s = analyticsScope(ctx, q);
  const country = sql<string | null>`${orders.address}->>'country'`;
  const region = sql<string | null>`${orders.address}->>'region'`;
  const rows = await ctx.db
    .select({
      country,
      region,
      currency: orders.currency,
      orders: sql<string>`count(distinct ${orders.id})::text`,
      units: sql<string>`sum(${kept})::text`,
      revenue: sql<string>`sum(${orderLines.unitPricePaid} * ${kept})::text`,
    })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...paidIn(s, true)))
    .groupBy(country, region, orders.currency);
  const byKey = new Map<string, ProvinceRow>();
  for (const r of rows) {
    const key = `${r.country}|${r.region}`;
    const g = byKey.get(key) ?? { country: r.country, region: r.region, orders: 0, units: 0, revenue: [] };
    g.orders += Number(r.orders);
    g.units += Number(r.units);
    add(g.revenue, BigInt(r.revenue), r.currency);
    byKey.set(key, g);
  }
  const regions = [...byKey.values()].sort((a, b) => b.orders - a.orders || String(a.region).localeCompare(String(b.region)));
  return { ...s, regions };
}

// --- the funnel --------------------------------------------------------------------------

export interface FunnelRow {
  productId: string;
  name: Name | null;
  views: number;
  carts: number;
  orders: number;
}
export const FUNNEL_PRODUCTS = 20;
const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * Views (product pages served), carts (new cart lines) and orders (order lines paid, whatever
 * happened to the order afterwards) per product over the range's China days.
 */
export async function funnelReport(ctx: Ctx, q: AnalyticsQuery) {
  const s = analyticsScope(ctx, q);
  await flushProductActivity(ctx.rt);
  const a = productDailyActivity;
  const activityWhere: SQL[] = [gte(a.day, s.from), lte(a.day, s.to)];
  if (s.merchantId !== null) activityWhere.push(eq(a.merchantId, s.merchantId));
  else activityWhere.push(inLiveWorld(a.merchantId));
  const activity = await ctx.db
    .select({ productId: a.productId, views: sql<string>`sum(${a.views})::text`, carts: sql<string>`sum(${a.cartAdds})::text` })
    .from(a)
    .where(and(...activityWhere))
    .groupBy(a.productId);
  const ordered = await ctx.db
    .select({ productId: orderLines.productId, name: sql<string>`max(${orderLines.name}::text)`, lines: sql<string>`count(*)::text` })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...paidIn(s, false)))
    .groupBy(orderLines.productId);
  const byId = new Map<string, FunnelRow>();
  const row = (productId: string) => {
    const r = byId.get(productId) ?? { productId, name: null, views: 0, carts: 0, orders: 0 };
    byId.set(productId, r);
    return r;
  };
  for (const x of activity) Object.assign(row(x.productId), { views: Number(x.views), carts: Number(x.carts) });
  for (const x of ordered) Object.assign(row(x.productId), { name: JSON.parse(x.name), orders: Number(x.lines) });
  const all = [...byId.values()];
  const total = (k: 'views' | 'carts' | 'orders') => all.reduce((n, r) => n + r[k], 0);
  const views = total('views');
  const carts = total('carts');
  const orderCount = total('orders');
  const products = all
    .sort((x, y) => y.views - x.views || y.orders - x.orders || x.productId.localeCompare(y.productId))
    .slice(0, FUNNEL_PRODUCTS);
  // Products viewed but never ordered in the range: their names from the catalog.
  for (const p of products.filter((r) => !r.name)) {
    const d = await getProduct(asSystem(ctx, 'analytics'), p.productId).catch(() => null);
    const text = d?.product.text as Record<string, { name?: string }> | undefined;
    if (text) p.name = { en: text.en?.name ?? '', 'zh-Hans': text['zh-Hans']?.name ?? '' };
  }
  return {
    ...s,
    views,
    carts,
    orders: orderCount,
    rates: { view_to_cart: ratio(carts, views), cart_to_order: ratio(orderCount, carts), view_to_order: ratio(orderCount, views) },
    products,
  };
}

// --- refunds -----------------------------------------------------------------------------

export interface RefundBucket {
  orders: number;
  refundedOrders: number;
  paid: Amounts;
  refunded: Amounts;
}

/**
 * Over orders paid in the range (a cohort: a refund counts against the order's paid day), any
 * state they are in now: how many had money back, and the amounts paid (goods, shipping and tax)
 * and refunded, per currency.
 */
export async function refundsReport(ctx: Ctx, q: AnalyticsQuery & { interval?: Interval | undefined }) {
  const s = analyticsScope(ctx, q);
  const interval = q.interval ?? 'day';
  const bucket = bucketOf(orders.paidAt, interval);
  const rows = await ctx.db
    .select({
      bucket,
      currency: orders.currency,
      orders: sql<string>`count(*)::text`,
      refundedOrders: sql<string>`(count(*) filter (where ${orders.refunded} > 0))::text`,
      paid: sql<string>`sum(${orders.total})::text`,
      refunded: sql<string>`sum(${orders.refunded})::text`,
    })
    .from(orders)
    .where(and(...paidIn(s, false)))
    .groupBy(bucket, orders.currency);
  const totals: RefundBucket = { orders: 0, refundedOrders: 0, paid: [], refunded: [] };
  const list = buckets(s.from, s.to, interval).map(
    (b) => ({ ...b, orders: 0, refundedOrders: 0, paid: [], refunded: [] }) as Bucket & RefundBucket,
  );
  const index = new Map(list.map((b) => [b.start, b]));
  for (const r of rows) {
    const b = index.get(r.bucket);
    if (!b) continue;
    for (const into of [totals, b]) {
      into.orders += Number(r.orders);
      into.refundedOrders += Number(r.refundedOrders);
      add(into.paid, BigInt(r.paid), r.currency);
      add(into.refunded, BigInt(r.refunded), r.currency);
    }
  }
  return { ...s, interval, totals, buckets: list };
}

/** refunded / paid, in one currency, to 4 decimal places; null when nothing was paid. */
export function amountRate(paid: Amounts, refunded: Amounts, currency: string): number | null {
  const p = paid.find((a) => a.currency === currency)?.amount ?? 0n;
  const r = refunded.find((a) => a.currency === currency)?.amount ?? 0n;
  return p > 0n ? Number((r * 10_000n) / p) / 10_000 : null;
}
export const orderRate = (b: { orders: number; refundedOrders: number }) => ratio(b.refundedOrders, b.orders);

// --- delivery times ----------------------------------------------------------------------

export interface LaneTimes {
  serviceCode: string | null;
  serviceName: string | null;
  originLocationId: string;
  originName: string | null;
  originKind: string;
  destinationCountry: string | null;
  orders: number;
  paidToDelivered: { averageHours: number; p50Hours: number };
  shippedToDelivered: { averageHours: number; p50Hours: number } | null;
}

const hours = (v: string | null) => (v === null ? null : Math.round(Number(v) / 360) / 10);

/**
 * Orders delivered in the range (by `delivered_at`), per lane: the shipping service, from its
 * origin (warehouse) to its destination country. Hours from payment and from hand-over to the
 * carrier to delivery: the mean and the median (p50).
 */
export async function deliveryReport(ctx: Ctx, q: AnalyticsQuery) {
  const s = analyticsScope(ctx, q);
  const where: SQL[] = [
    isNotNull(orders.deliveredAt),
    gte(orders.deliveredAt, chinaDayStart(s.from)),
    lt(orders.deliveredAt, chinaDayStart(addDays(s.to, 1))),
  ];
  if (s.merchantId !== null) where.push(eq(orders.merchantId, s.merchantId));
  else where.push(inLiveWorld(orders.merchantId));
  const service = sql<string | null>`${orders.shippingDetail}->>'service_code'`;
  const country = sql<string | null>`${orders.address}->>'country'`;
  const fromPaid = sql`extract(epoch from (${orders.deliveredAt} - ${orders.paidAt}))`;
  const fromShipped = sql`extract(epoch from (${orders.deliveredAt} - ${orders.shippedAt}))`;
  const rows = await ctx.db
    .select({
      service,
      name: sql<string | null>`max(${orders.shippingDetail}->>'name')`,
      origin: orders.originLocationId,
      originKind: orders.originKind,
      country,
      orders: sql<string>`count(*)::text`,
      paidAvg: sql<string | null>`avg(${fromPaid})::text`,
      paidP50: sql<string | null>`(percentile_cont(0.5) within group (order by ${fromPaid}))::text`,
      shippedAvg: sql<string | null>`(avg(${fromShipped}) filter (where ${orders.shippedAt} is not null))::text`,
      shippedP50: sql<
        string | null
      >`(percentile_cont(0.5) within group (order by ${fromShipped}) filter (where ${orders.shippedAt} is not null))::text`,
    })
    .from(orders)
    .where(and(...where))
    .groupBy(service, orders.originLocationId, orders.originKind, country);
  const lanes: LaneTimes[] = [];
  for (const r of rows) {
    const loc = await getLocation(asSystem(ctx, 'analytics'), r.origin).catch(() => null);
    lanes.push({
      serviceCode: r.service,
      serviceName: r.name,
      originLocationId: r.origin,
      originName: loc?.name ?? null,
      originKind: r.originKind,
      destinationCountry: r.country,
      orders: Number(r.orders),
      paidToDelivered: { averageHours: hours(r.paidAvg) ?? 0, p50Hours: hours(r.paidP50) ?? 0 },
      shippedToDelivered: r.shippedAvg === null ? null : { averageHours: hours(r.shippedAvg) ?? 0, p50Hours: hours(r.shippedP50) ?? 0 },
    });
  }
  lanes.sort((a, b) => b.orders - a.orders || String(a.serviceCode).localeCompare(String(b.serviceCode)));
  return { ...s, lanes };
}
