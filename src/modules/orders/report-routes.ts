// HTTP for the sales report (reports.ts): the merchant console's dashboard reads it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../kernel/http/server.ts';
import { type Amounts, MAX_REPORT_DAYS, type ProductSales, REPORT_TIME_ZONE, salesReport, TOP_PRODUCTS } from './reports.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const AmountsOut = z.array(Money).describe('One amount per currency the orders were paid in (never added across currencies), by currency');
const day = z.iso.date().describe('A calendar day in China (Asia/Shanghai), YYYY-MM-DD');

const ProductSalesOut = z
  .object({
    product_id: z.string(),
    name: z.object({ en: z.string(), 'zh-Hans': z.string() }),
    units: z.number().int().describe('Units sold and kept (returned units are not counted)'),
    revenue: AmountsOut,
  })
  .meta({ id: 'ProductSales' });

const SalesReportOut = z
  .object({
    object: z.literal('sales_report'),
    merchant: z.string().nullable().describe('Whose sales; null for an operator’s report of the whole platform'),
    from: z.string().describe('First day, inclusive'),
    to: z.string().describe('Last day, inclusive'),
    time_zone: z.literal(REPORT_TIME_ZONE).describe('Days are China calendar days'),
    orders: z.number().int(),
    units: z.number().int(),
    revenue: AmountsOut,
    days: z
      .array(z.object({ date: z.string(), orders: z.number().int(), units: z.number().int(), revenue: AmountsOut }))
      .describe('Every day of the range, oldest first, days without sales included'),
    top_products: z.object({
      by_units: z.array(ProductSalesOut).describe(`The ${TOP_PRODUCTS} products with the most units`),
      by_revenue: z
        .array(z.object({ currency: z.string(), products: z.array(ProductSalesOut) }))
        .describe(`For each currency, the ${TOP_PRODUCTS} products with the most revenue in it`),
    }),
    regions: z
      .array(
        z.object({
          country: z.string().nullable(),
          region: z
            .string()
            .nullable()
            .describe('The destination’s ISO 3166-2 region: a province of China (CN-ZJ), an Australian state (AU-VIC), or NZ'),
          orders: z.number().int(),
          units: z.number().int(),
          revenue: AmountsOut,
        }),
      )
      .describe('Orders by destination region (the shipping address), most orders first'),
  })
  .meta({ id: 'SalesReport' });

const money = (list: Amounts) => list.map((a) => ({ amount: a.amount.toString(), currency: a.currency }));
const productOut = (p: ProductSales) => ({ product_id: p.productId, name: p.name, units: p.units, revenue: money(p.revenue) });

export function reportRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.get(
    '/v1/reports/sales',
    {
      config: { access: { merchant: 'any', apiKey: 'orders:read', operator: 'any' } },
      schema: {
        tags: ['orders'],
        summary: 'Sales report: revenue per day, top products, orders by province',
        description:
          'Over orders paid from `from` to `to` (China calendar days, Asia/Shanghai; default the last 30 days to today; at most ' +
          `${MAX_REPORT_DAYS} days), except those cancelled or refunded in full. Revenue is what buyers paid for the goods they kept ` +
          '(units returned are taken off; shipping and import tax or GST are not sales), in the currency each order was paid in, one ' +
          'amount per currency. Merchants and their API keys see their own sales; operators the whole platform’s, or one merchant’s ' +
          'with `merchant`. `invalid_request` (`param`: `from` or `to`) when `from` is after `to` or the range is too long.',
        querystring: z.object({
          from: day.optional(),
          to: day.optional(),
          merchant: z.string().max(64).optional().describe('Operators: one merchant’s sales'),
        }),
        response: { 200: SalesReportOut },
      },
    },
    async (req) => {
      const r = await salesReport(req.ctx, req.query);
      return {
        object: 'sales_report' as const,
        merchant: r.merchantId,
        from: r.from,
        to: r.to,
        time_zone: REPORT_TIME_ZONE,
        orders: r.orders,
        units: r.units,
        revenue: money(r.revenue),
        days: r.days.map((d) => ({ date: d.date, orders: d.orders, units: d.units, revenue: money(d.revenue) })),
        top_products: {
          by_units: r.topByUnits.map(productOut),
          by_revenue: r.topByRevenue.map((c) => ({ currency: c.currency, products: c.products.map(productOut) })),
        },
        regions: r.regions.map((g) => ({ ...g, revenue: money(g.revenue) })),
      };
    },
  );
}
