// HTTP for usage metering and plans (issue 9, C5): the plans, a merchant's usage this month
// against its plan, its monthly invoices (JSON or PDF), and operators changing plans. The request
// hook of the plan's rate limit and API metering is this module's `onAuthenticated`.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { asSystem, type Runtime } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { getMerchant } from '../merchants/service.ts';
import { invoicePdf } from './invoice-pdf.ts';
import { getInvoice, type Invoice, type InvoiceLine, linesOf, listInvoices } from './invoicing.ts';
import { billedMerchantOf, changeMerchantPlan, listPlans, type PlanEffective, updatePlan } from './plans.ts';
import { planRateLimitHook } from './ratelimit.ts';
import { BILLED_METRICS, BILLING_CURRENCIES, type PlanTerms, UNIT_SIZE } from './rules.ts';
import { currentUsage, flushUsage, type UsageReport } from './usage.ts';

const tag = ['billing'];
const Money = z.object({ amount: z.string(), currency: z.string() });
const m = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });
const minor = z.string().regex(/^\d{1,12}$/, 'minor units as a string of digits');

const planReaders = { operator: 'any', merchant: 'any', apiKey: 'merchant:read' } as const;
const invoiceReaders = { operator: ['admin', 'finance', 'support'], merchant: 'any', apiKey: 'payments:read' } as const;
const planAdmins = { operator: ['admin', 'finance'] } as const;

const Included = z.object({
  api_calls: z.number().int().min(0),
  orders: z.number().int().min(0),
  labels: z.number().int().min(0),
  storage_bytes: z.number().int().min(0),
});
const PriceList = z.object({
  monthly_fee: minor.describe('Minor units of the currency'),
  overage: z.object({ api_calls: minor, orders: minor, labels: minor, storage_bytes: minor }).describe('Price of one block of each metric'),
});

const PlanOut = z
  .object({
    object: z.literal('plan'),
    code: z.string(),
    name: z.string(),
    rate_limit_per_minute: z.number().int(),
    gmv_fee_bps: z.number().int(),
    included: Included,
    unit_sizes: z.object({
      api_calls: z.number().int(),
      orders: z.number().int(),
      labels: z.number().int(),
      storage_bytes: z.number().int(),
    }),
    prices: z.array(z.object({ currency: z.string(), monthly_fee: Money, overage: z.record(z.string(), Money) })),
  })
  .meta({ id: 'Plan', description: 'A plan: its rate limit, what it includes each month, and its prices per billing currency.' });

function planOut(p: PlanTerms): z.output<typeof PlanOut> {
  return {
    object: 'plan',
    code: p.code,
    name: p.name,
    rate_limit_per_minute: p.rate_limit_per_minute,
    gmv_fee_bps: p.gmv_fee_bps,
    included: p.included,
    unit_sizes: Object.fromEntries(BILLED_METRICS.map((k) => [k, Number(UNIT_SIZE[k])])) as z.output<typeof PlanOut>['unit_sizes'],
    prices: BILLING_CURRENCIES.flatMap((c) => {
      const p2 = p.prices[c];
      return p2
        ? [
            {
              currency: c,
              monthly_fee: m(BigInt(p2.monthly_fee), c),
              overage: Object.fromEntries(BILLED_METRICS.map((k) => [k, m(BigInt(p2.overage[k]), c)])),
            },
          ]
        : [];
    }),
  };
}

const UsageOut = z
  .object({
    object: z.literal('usage'),
    merchant_id: z.string(),
    period: z.object({ label: z.string(), from: z.string(), to: z.string(), time_zone: z.string() }),
    plan: PlanOut,
    currency: z.string().describe('The plan’s price list the merchant pays from (its settlement currency)'),
    scheduled_plan: z.object({ code: z.string(), effective_from: z.string() }).nullable(),
    metrics: z.array(
      z.object({
        metric: z.enum([...BILLED_METRICS, 'api_calls_test']),
        used: z.number().int(),
        included: z.number().int().nullable(),
        overage_units: z.number().int().describe('Blocks over the included amount so far, each started block counted'),
        unit_size: z.number().int(),
        unit_price: Money.nullable(),
        overage_amount: Money,
        billable: z.boolean().describe('false for test-mode API calls: counted, never billed'),
      }),
    ),
    gmv: z.array(z.object({ amount: Money, fee_bps: z.number().int(), fee: Money })),
    estimated_total: z.array(Money).describe('The invoice if the month ended now, per currency'),
  })
  .meta({ id: 'Usage', description: 'A merchant’s usage this month against its plan.' });

function usageOut(u: UsageReport): z.output<typeof UsageOut> {
  return {
    object: 'usage',
    merchant_id: u.merchantId,
    period: { label: u.period.label, from: u.period.from.toISOString(), to: u.period.to.toISOString(), time_zone: u.period.time_zone },
    plan: planOut(u.plan),
    currency: u.currency,
    scheduled_plan: u.scheduled ? { code: u.scheduled.plan_code, effective_from: u.scheduled.effective_from.toISOString() } : null,
    metrics: u.metrics.map((x) => ({
      metric: x.metric,
      used: x.used,
      included: x.included,
      overage_units: x.overage_units,
      unit_size: x.unit_size,
      unit_price: x.unit_price === null ? null : m(x.unit_price, u.currency),
      overage_amount: m(x.overage_amount, u.currency),
      billable: x.billable,
    })),
    gmv: u.gmv.map((g) => ({ amount: m(g.amount, g.currency), fee_bps: g.fee_bps, fee: m(g.fee, g.currency) })),
    estimated_total: [...u.estimate].map(([c, a]) => m(a, c)),
  };
}

const LineOut = z.object({
  line_no: z.number().int(),
  kind: z.enum(['plan_fee', 'overage', 'gmv_fee']),
  metric: z.string().nullable(),
  description: z.string(),
  quantity: z.string().describe('Used (for a GMV fee: the GMV in minor units)'),
  included: z.string(),
  units: z.string().describe('Charged units: started blocks of unit_size over the included amount; 1 for the plan fee'),
  unit_size: z.string(),
  unit_price: Money.nullable().describe('Per unit; null for a GMV fee (see rate_bps)'),
  rate_bps: z.number().int().nullable(),
  amount: Money,
});

const InvoiceOut = z
  .object({
    object: z.literal('invoice'),
    id: z.string(),
    number: z.string(),
    merchant_id: z.string(),
    period: z.object({ label: z.string(), from: z.string(), to: z.string(), time_zone: z.string() }),
    plan: z.object({ code: z.string(), name: z.string() }),
    currency: z.string(),
    status: z.enum(['paid', 'void']),
    totals: z.array(Money).describe('Per currency, the plan’s first'),
    usage: z.object({
      api_calls: z.number().int(),
      api_calls_test: z.number().int(),
      orders: z.number().int(),
      labels: z.number().int(),
      storage_bytes: z.number().int(),
      gmv: z.array(Money),
    }),
    lines: z.array(LineOut),
    transfer_ids: z.array(z.string()).describe('The ledger transfers that charged it to the merchant’s balance'),
    created_at: z.string(),
    paid_at: z.string().nullable(),
  })
  .meta({ id: 'Invoice', description: 'A merchant’s monthly invoice: the plan fee, overage and the GMV fee, charged to its balance.' });

function invoiceOut(i: Invoice, lines: InvoiceLine[]): z.output<typeof InvoiceOut> {
  return {
    object: 'invoice',
    id: i.id,
    number: i.number,
    merchant_id: i.merchantId,
    period: { label: i.period, from: i.periodFrom.toISOString(), to: i.periodTo.toISOString(), time_zone: i.timeZone },
    plan: { code: i.planCode, name: i.planName },
    currency: i.currency,
    status: i.status,
    totals: Object.entries(i.totals).map(([c, a]) => ({ amount: a, currency: c })),
    usage: {
      api_calls: i.usage.api_calls,
      api_calls_test: i.usage.api_calls_test,
      orders: i.usage.orders,
      labels: i.usage.labels,
      storage_bytes: i.usage.storage_bytes,
      gmv: Object.entries(i.usage.gmv).map(([c, a]) => ({ amount: a, currency: c })),
    },
    lines: lines.map((l) => ({
      line_no: l.lineNo,
      kind: l.kind,
      metric: l.metric,
      description: l.description,
      quantity: l.quantity.toString(),
      included: l.included.toString(),
      units: l.units.toString(),
      unit_size: l.unitSize.toString(),
      unit_price: l.kind === 'gmv_fee' ? null : m(l.unitPrice, l.currency),
      rate_bps: l.kind === 'gmv_fee' ? Number(l.unitPrice) : null,
      amount: m(l.amount, l.currency),
    })),
    transfer_ids: i.transferIds,
    created_at: i.createdAt.toISOString(),
    paid_at: i.paidAt?.toISOString() ?? null,
  };
}

function routes(root: FastifyInstance, rt: Runtime): void {
  const app = typed(root);
  // Counts still in memory are written when the server closes.
  root.addHook('onClose', () => flushUsage(rt));

  app.get(
    '/v1/plans',
    {
      config: { access: planReaders },
      schema: {
        tags: tag,
        summary: 'The plans',
        description:
          'Every plan: its API rate limit per minute (shared by all of a merchant’s credentials), what it includes each month, the GMV fee and its prices in AUD, NZD and CNY (a merchant pays in its settlement currency).',
        response: { 200: z.object({ object: z.literal('list'), data: z.array(PlanOut), has_more: z.boolean(), url: z.string() }) },
      },
    },
    async (req) => ({ object: 'list' as const, data: (await listPlans(req.ctx)).map(planOut), has_more: false, url: '/v1/plans' }),
  );

  app.post(
    '/v1/plans/:code',
    {
      config: { access: planAdmins },
      schema: {
        tags: tag,
        summary: 'Change a plan’s terms',
        description:
          'Only the fields sent change; a price list replaces that currency’s prices. Rate limits apply within 30 seconds in every server process; prices from the next invoice made. Audited.',
        params: z.object({ code: z.string() }),
        body: z.object({
          name: z.string().trim().min(1).max(60).optional(),
          rate_limit_per_minute: z.number().int().min(1).max(1_000_000).optional(),
          gmv_fee_bps: z.number().int().min(0).max(10_000).optional(),
          included: Included.partial().optional(),
          prices: z.object({ AUD: PriceList.optional(), NZD: PriceList.optional(), CNY: PriceList.optional() }).optional(),
        }),
        response: { 200: PlanOut },
      },
    },
    async (req) => planOut(await updatePlan(req.ctx, req.params.code, req.body)),
  );

  const usageRoute = async (ctx: Parameters<typeof currentUsage>[0], merchantId: string) => usageOut(await currentUsage(ctx, merchantId));

  app.get(
    '/v1/usage',
    {
      config: { access: { merchant: 'any', apiKey: 'merchant:read' } },
      schema: {
        tags: tag,
        summary: 'Your usage this month',
        description:
          'This calendar month in your time zone (Australia/Sydney, Pacific/Auckland, Asia/Shanghai): each metric used against what your plan includes, the overage so far and the invoice it would make now. API calls by test-mode keys are counted apart and never billed.',
        response: { 200: UsageOut },
      },
    },
    async (req) => {
      const billed = billedMerchantOf(req.principal);
      if (!billed) throw new AppError('forbidden', 'This is for merchant accounts');
      // Test mode acts for the merchant's test twin: its usage is the live merchant's, named by the principal itself.
      return usageRoute(asSystem(req.ctx, 'billing'), billed.merchantId);
    },
  );

  app.get(
    '/v1/merchants/:id/usage',
    {
      config: { access: { operator: 'any', merchant: 'any' } },
      schema: {
        tags: tag,
        summary: 'A merchant’s usage this month',
        description: 'As GET /v1/usage, for operators; a merchant may read its own (another’s is 404).',
        params: z.object({ id: z.string() }),
        response: { 200: UsageOut },
      },
    },
    async (req) => usageRoute(req.ctx, req.params.id),
  );

  app.put(
    '/v1/merchants/:id/plan',
    {
      config: { access: planAdmins },
      schema: {
        tags: tag,
        summary: 'Move a merchant to a plan',
        description:
          '`effective`: `next_period` (default) from the first day of the merchant’s next month in its time zone, or `immediately`. An invoice bills the plan in force at the end of its month, without proration. Audited.',
        params: z.object({ id: z.string() }),
        body: z.object({ plan: z.string().min(1).max(40), effective: z.enum(['immediately', 'next_period']).default('next_period') }),
        response: {
          200: z.object({
            object: z.literal('plan_change'),
            id: z.string(),
            merchant_id: z.string(),
            plan: PlanOut,
            effective: z.enum(['immediately', 'next_period']),
            effective_from: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const effective: PlanEffective = req.body.effective;
      const c = await changeMerchantPlan(req.ctx, req.params.id, req.body.plan, effective);
      return {
        object: 'plan_change' as const,
        id: c.id,
        merchant_id: req.params.id,
        plan: planOut(c.plan),
        effective,
        effective_from: c.effective_from.toISOString(),
      };
    },
  );

  app.get(
    '/v1/invoices',
    {
      config: { access: invoiceReaders },
      schema: {
        tags: tag,
        summary: 'Monthly invoices',
        description:
          'Newest first. Merchants and keys with `payments:read` see their own; operators all, or one merchant’s (`merchant_id`).',
        querystring: listQuerySchema.extend({ merchant_id: z.string().optional() }),
        response: { 200: listResponseSchema(InvoiceOut) },
      },
    },
    async (req) => {
      const { merchant_id, ...q } = req.query;
      const page = await listInvoices(req.ctx, { merchantId: merchant_id }, q);
      const lines = await linesOf(
        req.ctx,
        page.data.map((i) => i.id),
      );
      return toListResponse(page, req.url, (i) => invoiceOut(i, lines.get(i.id) ?? []));
    },
  );

  app.get(
    '/v1/invoices/:id',
    {
      config: { access: invoiceReaders },
      schema: {
        tags: tag,
        summary: 'An invoice',
        description: '`format=pdf` sends an A4 PDF (English and Chinese) as an attachment. Another merchant’s invoice is 404.',
        params: z.object({ id: z.string() }),
        querystring: z.object({ format: z.enum(['json', 'pdf']).default('json') }),
        produces: ['application/json', 'application/pdf'],
        response: { 200: InvoiceOut },
      },
    },
    async (req, reply) => {
      const { invoice, lines } = await getInvoice(req.ctx, req.params.id);
      if (req.query.format === 'json') return invoiceOut(invoice, lines);
      const merchant = await getMerchant(req.ctx, invoice.merchantId);
      const last = new Date(invoice.periodTo.getTime() - 1);
      const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: invoice.timeZone }).format(d);
      const pdf = await invoicePdf({
        number: invoice.number,
        period: invoice.period,
        periodLabel: `${day(invoice.periodFrom)} – ${day(last)}`,
        timeZone: invoice.timeZone,
        createdAt: invoice.createdAt,
        status: invoice.status,
        plan: invoice.planName,
        merchant: { id: merchant.id, legalName: merchant.legalName, businessNumber: merchant.businessNumber, country: merchant.country },
        lines: lines.map((l) => ({ ...l })),
        totals: invoice.totals,
        transferIds: invoice.transferIds,
      });
      return reply
        .header('content-disposition', `attachment; filename="invoice-${invoice.number}.pdf"`)
        .type('application/pdf')
        .send(Buffer.from(pdf) as never);
    },
  );
}

export const billingModule: HttpModule = {
  name: 'billing',
  tag: { name: 'billing', description: 'Usage metering and plans: rate limits, included usage, monthly invoices with overage' },
  routes,
  onAuthenticated: planRateLimitHook,
};
