import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { type Money as M, toApi } from '../../kernel/money.ts';
import { CBEC_TAX_CLASS_CODES } from '../catalog/cbec.ts';
import { FX_CURRENCIES } from '../fx/rules.ts';
import { getIdentity } from '../identity/verification.ts';
import { remainingQuota } from './quota.ts';
import { DESTINATIONS, type QuoteLine, quoteLandedCost, type TaxQuote } from './quote.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const MoneyIn = z.object({
  amount: z.string().regex(/^\d{1,15}$/, 'minor units as a string of digits, e.g. "1999"'),
  currency: z.enum(FX_CURRENCIES),
});
const REGIMES = ['cbec_retail', 'general_trade', 'au_lvg_gst', 'nz_lvg_gst', 'border', 'gst_free'] as const;

const QuoteLineOut = z.object({
  reference: z.string().nullable(),
  hs_code: z.string().nullable(),
  tax_class: z.string().nullable(),
  regime: z.enum(REGIMES),
  rule: z.string().describe('The rule applied, with the notice or ruling it comes from'),
  quantity: z.number().int(),
  unit_price: Money,
  customs_value: Money.nullable(),
  goods: Money.describe('unit price × quantity less seller discounts'),
  discount: Money,
  freight: Money.describe('this line’s share of the freight'),
  insurance: Money,
  dutiable_price: Money.describe('goods + freight + insurance (China: 完税价格)'),
  duty: Money,
  consumption_tax: Money,
  vat: Money,
  gst: Money,
  tax: Money,
  rates: z.object({ duty_bps: z.number(), consumption_tax_bps: z.number(), vat_bps: z.number(), gst_bps: z.number() }),
  effective_rate: z.string().describe('tax ÷ dutiable price, 4 decimals (China: the composite rate, e.g. "0.0910")'),
});

const TaxQuoteOut = z
  .object({
    object: z.literal('tax_quote'),
    destination: z.enum(DESTINATIONS),
    currency: z.string(),
    regimes: z.array(z.enum(REGIMES)),
    rules: z.array(z.string()),
    lines: z.array(QuoteLineOut),
    totals: z.object({
      goods: Money,
      discount: Money,
      freight: Money,
      insurance: Money,
      dutiable_price: Money,
      duty: Money,
      consumption_tax: Money,
      vat: Money,
      gst: Money,
      tax: Money,
      landed_cost: Money.describe('goods + freight + insurance + tax'),
    }),
    limits: z
      .object({
        per_order: Money,
        annual: Money,
        annual_used: Money.nullable().describe('The calling shopper’s use this China year, when they are a verified buyer'),
        annual_remaining_after: Money.nullable(),
      })
      .nullable(),
    fx: z.array(z.object({ currency: z.string(), rate: z.string().describe('destination → this currency customer rate') })),
    indicative: z.literal(true).describe('FX rates are locked only when the order is paid'),
    gst_registration: z.string().nullable().describe('The platform’s GST registration to show with GST (AU, NZ)'),
    quoted_at: z.string(),
  })
  .meta({ id: 'TaxQuote' });

const lineOut = (l: QuoteLine): z.output<typeof QuoteLineOut> => ({
  reference: l.reference,
  hs_code: l.hsCode,
  tax_class: l.taxClass,
  regime: l.regime,
  rule: l.rule,
  quantity: l.quantity,
  unit_price: toApi(l.unitPrice),
  customs_value: l.customsValue ? toApi(l.customsValue) : null,
  goods: toApi(l.goods),
  discount: toApi(l.discount),
  freight: toApi(l.freight),
  insurance: toApi(l.insurance),
  dutiable_price: toApi(l.dutiable),
  duty: toApi(l.duty),
  consumption_tax: toApi(l.consumptionTax),
  vat: toApi(l.vat),
  gst: toApi(l.gst),
  tax: toApi(l.tax),
  rates: l.rates,
  effective_rate: l.effectiveRate,
});

const orNull = (m: M | null) => (m ? toApi(m) : null);

const quoteOut = (q: TaxQuote): z.output<typeof TaxQuoteOut> => ({
  object: 'tax_quote',
  destination: q.destination,
  currency: q.currency,
  regimes: q.regimes,
  rules: q.rules,
  lines: q.lines.map(lineOut),
  totals: {
    goods: toApi(q.totals.goods),
    discount: toApi(q.totals.discount),
    freight: toApi(q.totals.freight),
    insurance: toApi(q.totals.insurance),
    dutiable_price: toApi(q.totals.dutiable),
    duty: toApi(q.totals.duty),
    consumption_tax: toApi(q.totals.consumptionTax),
    vat: toApi(q.totals.vat),
    gst: toApi(q.totals.gst),
    tax: toApi(q.totals.tax),
    landed_cost: toApi(q.totals.landedCost),
  },
  limits: q.limits
    ? {
        per_order: toApi(q.limits.perOrder),
        annual: toApi(q.limits.annual),
        annual_used: orNull(q.limits.annualUsed),
        annual_remaining_after: orNull(q.limits.annualRemainingAfter),
      }
    : null,
  fx: q.fx,
  indicative: true,
  gst_registration: q.gstRegistration,
  quoted_at: q.quotedAt.toISOString(),
});

const QuotaOut = z
  .object({
    object: z.literal('quota'),
    year: z.number().int().describe('The calendar year in China time (Asia/Shanghai)'),
    limit: Money,
    used: Money,
    remaining: Money,
    per_order_limit: Money,
    resets_at: z.string(),
  })
  .meta({ id: 'Quota' });

async function myQuota(ctx: Ctx): Promise<z.output<typeof QuotaOut>> {
  const identity = await getIdentity(ctx);
  if (!identity) {
    throw new AppError(
      'identity_required',
      'Verify your identity (POST /v1/shopper/identity): the quota belongs to the person, not the account',
    );
  }
  const q = await remainingQuota(ctx, identity.idNumberIndex);
  return {
    object: 'quota',
    year: q.year,
    limit: toApi(q.limit),
    used: toApi(q.used),
    remaining: toApi(q.remaining),
    per_order_limit: toApi(q.perOrderLimit),
    resets_at: q.resetsAt.toISOString(),
  };
}

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/tax/quote',
    {
      // A computation: nothing is created, so there is nothing for an Idempotency-Key to protect.
      config: { access: 'public', idempotent: false },
      schema: {
        tags: ['compliance'],
        summary: 'Landed cost: duty and tax of an order',
        description:
          'Each line’s duty, import VAT, consumption tax or GST, the regime that applied (`cbec_retail`, `general_trade`, ' +
          '`au_lvg_gst`, `nz_lvg_gst`, `border`, `gst_free`) and the rule cited. Amounts in another currency than the ' +
          'destination’s (CN → CNY, AU → AUD, NZ → NZD) are converted at the current FX customer rate, as a payment would ' +
          '(rounded up), and the rates used are listed. China: an order over RMB 5,000 of dutiable price is ' +
          '`422 order_limit_exceeded` unless it is one indivisible item; past the RMB 26,000 annual limit it is ' +
          '`409 annual_quota_exceeded` (for a signed-in verified shopper, their use this year counts).',
        body: z.object({
          destination: z.enum(DESTINATIONS),
          items: z
            .array(
              z.object({
                reference: z.string().max(64).optional(),
                hs_code: z.string().max(16).optional().describe('10-digit China HS code (CN: must be on the positive list)'),
                tax_class: z.enum(CBEC_TAX_CLASS_CODES).optional().describe('CBEC tax class; needed when the HS code does not decide it'),
                unit_price: MoneyIn,
                quantity: z.number().int().min(1).max(10_000),
                discount: MoneyIn.optional().describe('a discount on this line borne by the seller'),
                indivisible: z.boolean().optional().describe('CN: one item that cannot be split (the general-trade path over RMB 5,000)'),
                customs_value: MoneyIn.optional().describe('AU/NZ: customs value of one item, default the unit price'),
                alcohol_or_tobacco: z.boolean().optional().describe('AU/NZ: default from the HS code or the wine tax class'),
                gst_free: z.boolean().optional().describe('AU: a GST-free good, e.g. basic food'),
              }),
            )
            .min(1)
            .max(100),
          freight: MoneyIn.optional(),
          insurance: MoneyIn.optional(),
          discount: MoneyIn.optional().describe('an order discount borne by the seller, spread over the lines'),
        }),
        response: { 200: TaxQuoteOut },
      },
    },
    async (req) => quoteOut(await quoteLandedCost(req.ctx, req.body)),
  );

  app.get(
    '/v1/shopper/quota',
    {
      config: { access: { shopper: true } },
      schema: {
        tags: ['compliance'],
        summary: 'Your cross-border quota',
        description:
          'How much of the RMB 26,000 a year of CBEC imports is left to you this China calendar year, counted per person across ' +
          'accounts, and the RMB 5,000 per-order limit. `403 identity_required` until your identity is verified.',
        response: { 200: QuotaOut },
      },
    },
    async (req) => myQuota(req.ctx),
  );
}

export const complianceModule: HttpModule = {
  name: 'compliance',
  tag: { name: 'compliance', description: 'Landed cost (China CBEC tax, AU/NZ GST) and CBEC quotas per buyer identity' },
  routes,
};
