// HTTP for merchant statements (issue 8): a merchant's balances per currency over a month or any
// span of days, every line a ledger transfer, as JSON, a CSV for their accountant or an A4 PDF.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { merchantScope } from '../../../kernel/context.ts';
import { AppError } from '../../../kernel/errors.ts';
import { type HttpModule, typed } from '../../../kernel/http/server.ts';
import {
  STATEMENT_LINE_KINDS,
  type StatementData,
  type StatementLine,
  periodLabel,
  statementCsv,
  statementPdf,
  statementTotals,
} from './statement.ts';
import { buildStatement, MAX_STATEMENT_DAYS } from './statements.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const m = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });
const readers = { operator: ['admin', 'finance', 'support'], merchant: 'any', apiKey: 'payments:read' } as const;

const LineOut = z.object({
  at: z.string(),
  kind: z.enum(STATEMENT_LINE_KINDS),
  description: z.string(),
  order_id: z.string().nullable(),
  transfer_id: z.string().describe('The ledger transfer this line is (GET /v1/ledger/transfers/:id for operators)'),
  amount: Money.describe('Signed: + credited to the balance, - taken from it'),
  balance_after: Money,
  conversion: z
    .object({ id: z.string(), from: Money, to: Money, mid: z.string(), spread_bps: z.number().int(), rate: z.string() })
    .nullable()
    .describe('For a conversion line: both sides as the balances moved, the mid rate, the spread and the rate applied'),
  payout: z.object({ id: z.string(), status: z.string(), reference: z.string() }).nullable(),
});

const StatementOut = z
  .object({
    object: z.literal('statement'),
    merchant_id: z.string(),
    period: z.object({
      from: z.string(),
      to: z.string().describe('Exclusive: the first instant after the period'),
      time_zone: z.string(),
      label: z.string(),
    }),
    settlement_currency: z.string(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        opening_balance: Money,
        totals: z.record(z.enum(STATEMENT_LINE_KINDS), Money).describe('Signed sum of the lines of each kind'),
        net: Money,
        closing_balance: Money,
        lines: z.array(LineOut),
      }),
    ),
    payouts: z.array(z.object({ id: z.string(), date: z.string(), amount: Money, reference: z.string(), status: z.string() })),
    generated_at: z.string(),
  })
  .meta({ id: 'Statement', description: 'A merchant’s statement: per currency, opening balance + lines = closing balance.' });

function statementOut(d: StatementData): z.output<typeof StatementOut> {
  const totals = statementTotals(d);
  return {
    object: 'statement',
    merchant_id: d.merchant.id,
    period: {
      from: d.period.from.toISOString(),
      to: d.period.to.toISOString(),
      time_zone: d.period.time_zone,
      label: periodLabel(d.period),
    },
    settlement_currency: d.settlement_currency,
    currencies: d.sections.map((s, i) => {
      const t = totals[i];
      if (!t) throw new Error('totals missing');
      let balance = s.opening_balance;
      const line = (l: StatementLine) => {
        balance += l.amount;
        const c = l.conversion;
        return {
          at: l.at.toISOString(),
          kind: l.kind,
          description: l.description,
          order_id: l.order_id,
          transfer_id: l.transfer_id,
          amount: m(l.amount, s.currency),
          balance_after: m(balance, s.currency),
          conversion: c
            ? {
                id: c.id,
                from: m(c.from.amount, c.from.currency),
                to: m(c.to.amount, c.to.currency),
                mid: c.mid,
                spread_bps: c.spread_bps,
                rate: c.rate,
              }
            : null,
          payout: l.payout ?? null,
        };
      };
      return {
        currency: s.currency,
        opening_balance: m(s.opening_balance, s.currency),
        totals: Object.fromEntries(STATEMENT_LINE_KINDS.map((k) => [k, m(t.by_kind[k], s.currency)])) as Record<
          (typeof STATEMENT_LINE_KINDS)[number],
          z.output<typeof Money>
        >,
        net: m(t.net, s.currency),
        closing_balance: m(s.closing_balance, s.currency),
        lines: s.lines.map(line),
      };
    }),
    payouts: d.payouts.map((p) => ({
      id: p.id,
      date: p.date.toISOString(),
      amount: m(p.amount, p.currency),
      reference: p.reference,
      status: p.status,
    })),
    generated_at: d.generated_at.toISOString(),
  };
}

function routes(root: FastifyInstance): void {
  const app = typed(root);
  app.get(
    '/v1/statements',
    {
      config: { access: readers },
      schema: {
        tags: ['settlement'],
        summary: 'A merchant’s statement',
        description: `The merchant’s balance in each currency it used over a month (\`period=2026-03\`) or [from, to) between two dates (\`to\` is the first day after; at most ${MAX_STATEMENT_DAYS} days), in its bank’s time zone (Australia/Sydney, Pacific/Auckland): opening balance, every ledger transfer (sales, refunds, commission, fees, conversions with their rate, payouts) and the closing balance they add up to. \`format=csv\` gives a CSV (UTF-8 with a byte order mark), \`format=pdf\` an A4 PDF. Merchants and API keys with \`payments:read\` get their own; operators name the merchant.`,
        querystring: z.object({
          merchant_id: z.string().optional(),
          period: z.string().optional().describe('A month, YYYY-MM'),
          from: z.string().optional().describe('YYYY-MM-DD, the first day'),
          to: z.string().optional().describe('YYYY-MM-DD, the first day after the period'),
          format: z.enum(['json', 'csv', 'pdf']).default('json'),
        }),
        produces: ['application/json', 'text/csv', 'application/pdf'],
        response: { 200: StatementOut },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { merchant_id, format, ...period } = req.query;
      const merchantId = merchant_id ?? merchantScope(ctx);
      if (!merchantId) throw new AppError('invalid_request', 'Name the merchant', { param: 'merchant_id' });
      const data = await buildStatement(ctx, merchantId, period);
      if (format === 'json') return statementOut(data);
      // The response schema is the JSON's; a file (a string or a Buffer, not JSON) is sent as it is.
      const name = `statement-${data.merchant.id}-${periodLabel(data.period).replace(' – ', '_')}`;
      if (format === 'csv')
        return reply
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(statementCsv(data) as never);
      return reply
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .type('application/pdf')
        .send(Buffer.from(await statementPdf(data)) as never);
    },
  );
}

export const statementsModule: HttpModule = {
  name: 'statements',
  tag: {
    name: 'settlement',
    description: 'Merchant settlement: commission and fees, balances, payout batches with bank files, reconciliation',
  },
  routes,
};
