import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { money } from '../../kernel/money.ts';
import { convertAt, FX_CURRENCIES } from './rules.ts';
import {
  createQuote,
  currentRates,
  DEFAULT_QUOTE_MINUTES,
  type FxQuote,
  type FxRate,
  getQuote,
  importRates,
  MAX_QUOTE_MINUTES,
  rateHistory,
  setRate,
} from './service.ts';

const ccy = z.enum(FX_CURRENCIES);
const decimal = z.string().regex(/^\d{1,6}(\.\d{1,10})?$/, 'a decimal such as "4.7123"');

const RateOut = z
  .object({
    id: z.string(),
    object: z.literal('fx_rate'),
    base: z.string(),
    quote: z.string(),
    mid: z.string().describe('One unit of base buys this many units of quote'),
    spread_bps: z.number().int(),
    source: z.string(),
    effective_at: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'FxRate' });

const rateOut = (r: FxRate): z.output<typeof RateOut> => ({
  id: r.id,
  object: 'fx_rate',
  base: r.base,
  quote: r.quote,
  mid: r.mid,
  spread_bps: r.spreadBps,
  source: r.source,
  effective_at: r.effectiveAt.toISOString(),
  created_at: r.createdAt.toISOString(),
});

const QuoteOut = z
  .object({
    id: z.string(),
    object: z.literal('fx_quote'),
    base: z.string(),
    quote: z.string(),
    mid: z.string(),
    spread_bps: z.number().int(),
    rate: z.string().describe('The locked customer rate: mid less the spread, rounded down at 10 decimals'),
    expires_at: z.string(),
    created_at: z.string(),
  })
  .meta({ id: 'FxQuote' });

const quoteOut = (q: FxQuote): z.output<typeof QuoteOut> => ({
  id: q.id,
  object: 'fx_quote',
  base: q.base,
  quote: q.quote,
  mid: q.mid,
  spread_bps: q.spreadBps,
  rate: q.rate,
  expires_at: q.expiresAt.toISOString(),
  created_at: q.createdAt.toISOString(),
});

const finance = { operator: ['admin', 'finance'] } as const;
const anyone = { operator: 'any', merchant: 'any', apiKey: 'any', shopper: true } as const;

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/fx/rates',
    {
      config: { access: finance },
      schema: {
        tags: ['fx'],
        summary: 'Set a rate',
        description: 'A new mid rate and spread for a pair, in force from `effective_at` (default now). Earlier rates stay in the history.',
        body: z.object({
          base: ccy,
          quote: ccy,
          mid: decimal,
          spread_bps: z.number().int().min(0).max(2000),
          effective_at: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: RateOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const rate = await setRate(req.ctx, { ...b, effective_at: b.effective_at ? new Date(b.effective_at) : undefined });
      return reply.code(201).send(rateOut(rate));
    },
  );

  app.get(
    '/v1/fx/rates',
    {
      config: { access: 'public' },
      schema: {
        tags: ['fx'],
        summary: 'The rates in force',
        description: 'For every pair of CNY, AUD, NZD and USD that has a rate (directly, or as the inverse of the other direction).',
        response: {
          200: z.object({
            object: z.literal('list'),
            data: z.array(
              z.object({
                base: z.string(),
                quote: z.string(),
                mid: z.string(),
                spread_bps: z.number(),
                source: z.string(),
                effective_at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      object: 'list' as const,
      data: (await currentRates(req.ctx)).map((r) => ({
        base: r.base,
        quote: r.quote,
        mid: r.mid,
        spread_bps: r.spreadBps,
        source: r.source,
        effective_at: r.effectiveAt.toISOString(),
      })),
    }),
  );

  app.get(
    '/v1/fx/rates/history',
    {
      config: { access: { operator: 'any' } },
      schema: {
        tags: ['fx'],
        summary: 'Rate history',
        querystring: listQuerySchema.extend({ base: ccy.optional(), quote: ccy.optional() }),
        response: { 200: listResponseSchema(RateOut) },
      },
    },
    async (req) => toListResponse(await rateHistory(req.ctx, req.query, req.query), req.url, rateOut),
  );

  app.post(
    '/v1/fx/rates/import',
    {
      config: { access: finance },
      schema: {
        tags: ['fx'],
        summary: 'Import published reference rates',
        description:
          'The content of a CSV (`date,pair,rate`) or JSON (`{"date", "rates": {"AUD/CNY": "4.7123"}}`) file of published reference rates ' +
          '(e.g. the CFETS RMB central parity), each rate given the same spread. All or nothing: a bad line is `400 invalid_file` naming it.',
        body: z.object({
          format: z.enum(['csv', 'json']),
          content: z.string().min(1).max(1_000_000),
          source: z.string().trim().min(1).max(100),
          spread_bps: z.number().int().min(0).max(2000),
        }),
        response: { 201: z.object({ object: z.literal('list'), data: z.array(RateOut) }) },
      },
    },
    async (req, reply) => {
      const made = await importRates(req.ctx, req.body.content, req.body.format, req.body);
      return reply.code(201).send({ object: 'list' as const, data: made.map(rateOut) });
    },
  );

  app.post(
    '/v1/fx/quotes',
    {
      config: { access: anyone },
      schema: {
        tags: ['fx'],
        summary: 'Lock a rate',
        description:
          `Locks the customer rate for base → quote for \`minutes\` (default ${DEFAULT_QUOTE_MINUTES}). A payment that uses it after that is refused ` +
          'with `quote_expired`. With `amount` (minor units of base), the response also gives the converted amount (half-up to the minor unit).',
        body: z.object({
          base: ccy,
          quote: ccy,
          minutes: z.number().int().min(1).max(MAX_QUOTE_MINUTES).optional(),
          amount: z
            .string()
            .regex(/^\d{1,15}$/)
            .optional(),
        }),
        response: {
          201: QuoteOut.extend({
            converted: z
              .object({
                from: z.object({ amount: z.string(), currency: z.string() }),
                to: z.object({ amount: z.string(), currency: z.string() }),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req, reply) => {
      const q = await createQuote(req.ctx, req.body);
      const from = req.body.amount ? money(req.body.amount, q.base as 'CNY') : null;
      const to = from ? convertAt(from, q.quote as 'CNY', q.rate) : null;
      return reply.code(201).send({
        ...quoteOut(q),
        converted:
          from && to
            ? {
                from: { amount: from.amount.toString(), currency: from.currency },
                to: { amount: to.amount.toString(), currency: to.currency },
              }
            : null,
      });
    },
  );

  app.get(
    '/v1/fx/quotes/:id',
    {
      config: { access: anyone },
      schema: {
        tags: ['fx'],
        summary: 'Retrieve a quote',
        description: 'Only its requester (or an operator).',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: QuoteOut },
      },
    },
    async (req) => quoteOut(await getQuote(req.ctx, req.params.id)),
  );
}

export const fxModule: HttpModule = {
  name: 'fx',
  tag: { name: 'fx', description: 'Exchange rates with spread, their history and import, and locked quotes' },
  routes,
};
