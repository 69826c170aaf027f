// HTTP for merchant analytics (analytics.ts): /v1/reports/{revenue,products,provinces,funnel,
// refunds,delivery-times}, each as JSON or, with `format=csv`, a CSV file (analytics-csv.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { typed } from '../../kernel/http/server.ts';
import type { Runtime } from '../../kernel/context.ts';
import { flushProductActivity } from './activity.ts';
import { type Cell, currenciesOf, decimalIn, toCsv } from './analytics-csv.ts';
import {
  amountRate,
  deliveryReport,
  FUNNEL_PRODUCTS,
  funnelReport,
  orderRate,
  productsReport,
  provincesReport,
  refundsReport,
  revenueReport,
} from './analytics.ts';
import { type Amounts, MAX_REPORT_DAYS, REPORT_TIME_ZONE } from './reports.ts';

const access = { merchant: 'any', apiKey: 'orders:read', operator: 'any' } as const;
const Money = z.object({ amount: z.string(), currency: z.string() });
const AmountsOut = z.array(Money).describe('One amount per currency (never added across currencies), by currency');
const Name = z.object({ en: z.string(), 'zh-Hans': z.string() });
const day = z.iso.date().describe('A calendar day in China (Asia/Shanghai), YYYY-MM-DD');
const Rate = z.number().nullable().describe('A ratio from 0 to 1, to 4 decimal places; null when its denominator is 0');

const common = {
  from: day.optional().describe('First day, inclusive; default 29 days before `to`'),
  to: day.optional().describe('Last day, inclusive; default today in China'),
  merchant_id: z.string().max(64).optional().describe('Operators: one merchant’s figures (default: the whole platform)'),
  format: z.enum(['json', 'csv']).default('json').describe('`csv`: the same figures as a CSV file'),
};
const interval = z.enum(['day', 'week']).default('day').describe('`week`: ISO weeks, Monday to Sunday in China');

const Head = {
  merchant: z.string().nullable().describe('Whose figures; null for an operator’s report of the whole platform'),
  from: z.string(),
  to: z.string(),
  time_zone: z.literal(REPORT_TIME_ZONE),
};
const BucketOut = { start: z.string(), end: z.string(), week: z.string().nullable().describe('ISO week, e.g. 2026-W48; null for days') };

const RANGE_DOC =
  `The range is China calendar days (Asia/Shanghai), at most ${MAX_REPORT_DAYS}; \`invalid_request\` (\`param\`: \`from\` or \`to\`) otherwise. ` +
  'Merchants and API keys with `orders:read` see their own figures; operators the platform’s, or one merchant’s with `merchant_id`. ' +
  '`format=csv` gives the same figures as a CSV (UTF-8 with a byte order mark, one revenue column per currency, decimals).';

const money = (list: Amounts) => list.map((a) => ({ amount: a.amount.toString(), currency: a.currency }));
const head = (r: { merchantId: string | null; from: string; to: string }) => ({
  merchant: r.merchantId,
  from: r.from,
  to: r.to,
  time_zone: REPORT_TIME_ZONE,
});

function sendCsv(reply: FastifyReply, name: string, r: { merchantId: string | null; from: string; to: string }, csv: string) {
  return reply
    .header('content-disposition', `attachment; filename="${name}-${r.merchantId ?? 'platform'}-${r.from}_${r.to}.csv"`)
    .type('text/csv; charset=utf-8')
    .send(csv as never);
}

export function analyticsRoutes(root: FastifyInstance, rt: Runtime): void {
  const app = typed(root);
  root.addHook('onClose', () => flushProductActivity(rt));
  const schema = (summary: string, description: string, query: z.ZodRawShape, out: z.ZodType) => ({
    tags: ['orders'],
    summary,
    description: `${description} ${RANGE_DOC}`,
    querystring: z.object({ ...common, ...query }),
    produces: ['application/json', 'text/csv'],
    response: { 200: out },
  });

  app.get(
    '/v1/reports/revenue',
    {
      config: { access },
      schema: schema(
        'Revenue and orders per day or week',
        'Orders paid in the range, except those cancelled or refunded in full; revenue is what buyers paid for the goods they kept (as in the sales report), per currency. Every day (or ISO week) of the range, empty ones included; a week at either end counts only the range’s days.',
        { interval },
        z
          .object({
            object: z.literal('revenue_report'),
            ...Head,
            interval: z.enum(['day', 'week']),
            orders: z.number().int(),
            units: z.number().int(),
            revenue: AmountsOut,
            buckets: z.array(z.object({ ...BucketOut, orders: z.number().int(), units: z.number().int(), revenue: AmountsOut })),
          })
          .meta({ id: 'RevenueReport' }),
      ),
    },
    async (req, reply) => {
      const { format, ...q } = req.query as typeof req.query & { interval: 'day' | 'week' };
      const r = await revenueReport(req.ctx, q);
      if (format === 'csv') {
        const cur = currenciesOf([r.revenue]);
        const rows = r.buckets.map((b): Cell[] => [b.start, b.end, b.week, b.orders, b.units, ...cur.map((c) => decimalIn(b.revenue, c))]);
        return sendCsv(reply, 'revenue', r, toCsv(['start', 'end', 'week', 'orders', 'units', ...cur.map((c) => `revenue_${c}`)], rows));
      }
      return {
        object: 'revenue_report' as const,
        ...head(r),
        interval: r.interval,
        orders: r.orders,
        units: r.units,
        revenue: money(r.revenue),
        buckets: r.buckets.map((b) => ({
          start: b.start,
          end: b.end,
          week: b.week,
          orders: b.orders,
          units: b.units,
          revenue: money(b.revenue),
        })),
      };
    },
  );

  app.get(
    '/v1/reports/products',
    {
      config: { access },
      schema: schema(
        'Top products',
        'The products with the most units sold and kept (returned units taken off) on orders paid in the range, with their orders and revenue per currency.',
        { limit: z.coerce.number().int().min(1).max(100).default(10).describe('How many products (1–100, default 10)') },
        z
          .object({
            object: z.literal('products_report'),
            ...Head,
            products: z.array(
              z.object({ product_id: z.string(), name: Name, orders: z.number().int(), units: z.number().int(), revenue: AmountsOut }),
            ),
          })
          .meta({ id: 'ProductsReport' }),
      ),
    },
    async (req, reply) => {
      const { format, ...q } = req.query as typeof req.query & { limit: number };
      const r = await productsReport(req.ctx, q);
      if (format === 'csv') {
        const cur = currenciesOf(r.products.map((p) => p.revenue));
        const rows = r.products.map((p): Cell[] => [
          p.productId,
          p.name.en,
          p.name['zh-Hans'],
          p.orders,
          p.units,
          ...cur.map((c) => decimalIn(p.revenue, c)),
        ]);
        const header = ['product_id', 'name_en', 'name_zh', 'orders', 'units', ...cur.map((c) => `revenue_${c}`)];
        return sendCsv(reply, 'products', r, toCsv(header, rows));
      }
      return {
        object: 'products_report' as const,
        ...head(r),
        products: r.products.map((p) => ({
          product_id: p.productId,
          name: p.name,
          orders: p.orders,
          units: p.units,
          revenue: money(p.revenue),
        })),
      };
    },
  );

  app.get(
    '/v1/reports/provinces',
    {
      config: { access },
      schema: schema(
        'Orders and revenue by province',
        'Orders paid in the range (not cancelled or refunded in full) by the destination’s ISO 3166-2 region: a province of China (CN-ZJ), an Australian state (AU-VIC), or NZ; most orders first.',
        {},
        z
          .object({
            object: z.literal('provinces_report'),
            ...Head,
            regions: z.array(
              z.object({
                country: z.string().nullable(),
                region: z.string().nullable(),
                orders: z.number().int(),
                units: z.number().int(),
                revenue: AmountsOut,
              }),
            ),
          })
          .meta({ id: 'ProvincesReport' }),
      ),
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const r = await provincesReport(req.ctx, q);
      if (format === 'csv') {
        const cur = currenciesOf(r.regions.map((g) => g.revenue));
        const rows = r.regions.map((g): Cell[] => [g.country, g.region, g.orders, g.units, ...cur.map((c) => decimalIn(g.revenue, c))]);
        return sendCsv(reply, 'provinces', r, toCsv(['country', 'region', 'orders', 'units', ...cur.map((c) => `revenue_${c}`)], rows));
      }
      return { object: 'provinces_report' as const, ...head(r), regions: r.regions.map((g) => ({ ...g, revenue: money(g.revenue) })) };
    },
  );

  app.get(
    '/v1/reports/funnel',
    {
      config: { access },
      schema: schema(
        'Conversion funnel: views → carts → orders',
        'Views: storefront product pages served (`GET /v1/storefront/products/:id`); carts: lines added to carts (not changes of quantity); orders: order lines paid — per product, per China day, summed over the range. ' +
          `Views and cart adds are counted in memory and written every few seconds, so the last seconds of another server process may not show yet. The ${FUNNEL_PRODUCTS} products with the most views are listed.`,
        {},
        z
          .object({
            object: z.literal('funnel_report'),
            ...Head,
            views: z.number().int(),
            carts: z.number().int(),
            orders: z.number().int(),
            rates: z.object({ view_to_cart: Rate, cart_to_order: Rate, view_to_order: Rate }),
            products: z.array(
              z.object({
                product_id: z.string(),
                name: Name.nullable(),
                views: z.number().int(),
                carts: z.number().int(),
                orders: z.number().int(),
              }),
            ),
          })
          .meta({ id: 'FunnelReport' }),
      ),
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const r = await funnelReport(req.ctx, q);
      if (format === 'csv') {
        const rows: Cell[][] = [
          ['all', null, null, r.views, r.carts, r.orders],
          ...r.products.map((p): Cell[] => [p.productId, p.name?.en ?? null, p.name?.['zh-Hans'] ?? null, p.views, p.carts, p.orders]),
        ];
        return sendCsv(reply, 'funnel', r, toCsv(['product_id', 'name_en', 'name_zh', 'views', 'carts', 'orders'], rows));
      }
      return {
        object: 'funnel_report' as const,
        ...head(r),
        views: r.views,
        carts: r.carts,
        orders: r.orders,
        rates: r.rates,
        products: r.products.map((p) => ({ product_id: p.productId, name: p.name, views: p.views, carts: p.carts, orders: p.orders })),
      };
    },
  );

  const RefundFigures = {
    orders: z.number().int().describe('Orders paid'),
    refunded_orders: z.number().int().describe('Of them, orders with any money refunded'),
    order_rate: Rate,
    paid: AmountsOut.describe('What buyers paid (goods, shipping and tax), per currency'),
    refunded: AmountsOut,
    amount_rates: z.array(z.object({ currency: z.string(), rate: Rate })).describe('refunded / paid, per currency'),
  };
  const refundOut = (b: { orders: number; refundedOrders: number; paid: Amounts; refunded: Amounts }) => ({
    orders: b.orders,
    refunded_orders: b.refundedOrders,
    order_rate: orderRate(b),
    paid: money(b.paid),
    refunded: money(b.refunded),
    amount_rates: b.paid.map((a) => ({ currency: a.currency, rate: amountRate(b.paid, b.refunded, a.currency) })),
  });
  app.get(
    '/v1/reports/refunds',
    {
      config: { access },
      schema: schema(
        'Refunds rate',
        'Over the orders paid in the range (refunds later count against the day the order was paid), whatever their state now: orders with a refund / orders, and refunded / paid amount per currency.',
        { interval },
        z
          .object({
            object: z.literal('refunds_report'),
            ...Head,
            interval: z.enum(['day', 'week']),
            ...RefundFigures,
            buckets: z.array(z.object({ ...BucketOut, ...RefundFigures })),
          })
          .meta({ id: 'RefundsReport' }),
      ),
    },
    async (req, reply) => {
      const { format, ...q } = req.query as typeof req.query & { interval: 'day' | 'week' };
      const r = await refundsReport(req.ctx, q);
      if (format === 'csv') {
        const cur = currenciesOf([r.totals.paid]);
        const figures = (b: typeof r.totals): Cell[] => [
          b.orders,
          b.refundedOrders,
          orderRate(b),
          ...cur.flatMap((c) => [decimalIn(b.paid, c), decimalIn(b.refunded, c)]),
        ];
        const rows = [
          ...r.buckets.map((b): Cell[] => [b.start, b.end, b.week, ...figures(b)]),
          ['total', null, null, ...figures(r.totals)],
        ];
        const header = [
          'start',
          'end',
          'week',
          'orders',
          'refunded_orders',
          'order_rate',
          ...cur.flatMap((c) => [`paid_${c}`, `refunded_${c}`]),
        ];
        return sendCsv(reply, 'refunds', r, toCsv(header, rows));
      }
      return {
        object: 'refunds_report' as const,
        ...head(r),
        interval: r.interval,
        ...refundOut(r.totals),
        buckets: r.buckets.map((b) => ({ start: b.start, end: b.end, week: b.week, ...refundOut(b) })),
      };
    },
  );

  const Times = z.object({ average_hours: z.number(), p50_hours: z.number() });
  app.get(
    '/v1/reports/delivery-times',
    {
      config: { access },
      schema: schema(
        'Delivery time per lane',
        'Orders delivered in the range (by when they were delivered), per lane: shipping service, origin warehouse and destination country. Hours from payment to delivery and from hand-over to the carrier (shipped) to delivery: mean and median (p50), to 0.1 h.',
        {},
        z
          .object({
            object: z.literal('delivery_times_report'),
            ...Head,
            lanes: z.array(
              z.object({
                service_code: z.string().nullable(),
                service_name: z.string().nullable(),
                origin: z.object({ location_id: z.string(), name: z.string().nullable(), kind: z.string() }),
                destination_country: z.string().nullable(),
                orders: z.number().int(),
                paid_to_delivered: Times,
                shipped_to_delivered: Times.nullable(),
              }),
            ),
          })
          .meta({ id: 'DeliveryTimesReport' }),
      ),
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const r = await deliveryReport(req.ctx, q);
      if (format === 'csv') {
        const rows = r.lanes.map((l): Cell[] => [
          l.serviceCode,
          l.serviceName,
          l.originLocationId,
          l.originName,
          l.destinationCountry,
          l.orders,
          l.paidToDelivered.averageHours,
          l.paidToDelivered.p50Hours,
          l.shippedToDelivered?.averageHours ?? null,
          l.shippedToDelivered?.p50Hours ?? null,
        ]);
        const header = [
          'service_code',
          'service_name',
          'origin_location_id',
          'origin_name',
          'destination_country',
          'orders',
          'paid_to_delivered_average_hours',
          'paid_to_delivered_p50_hours',
          'shipped_to_delivered_average_hours',
          'shipped_to_delivered_p50_hours',
        ];
        return sendCsv(reply, 'delivery-times', r, toCsv(header, rows));
      }
      return {
        object: 'delivery_times_report' as const,
        ...head(r),
        lanes: r.lanes.map((l) => ({
          service_code: l.serviceCode,
          service_name: l.serviceName,
          origin: { location_id: l.originLocationId, name: l.originName, kind: l.originKind },
          destination_country: l.destinationCountry,
          orders: l.orders,
          paid_to_delivered: { average_hours: l.paidToDelivered.averageHours, p50_hours: l.paidToDelivered.p50Hours },
          shipped_to_delivered: l.shippedToDelivered
            ? { average_hours: l.shippedToDelivered.averageHours, p50_hours: l.shippedToDelivered.p50Hours }
            : null,
        })),
      };
    },
  );
}
