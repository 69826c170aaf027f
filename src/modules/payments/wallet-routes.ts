import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { statement } from './ledger.ts';
import { availableBalance, postedBalance } from './rules.ts';
import { TOP_UP_STATUSES } from './schema.ts';
import { completeChallenge, createTopUp, getTopUp, getWallet, handleAcquirerWebhook, listTopUps, type TopUp } from './wallets.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });

const TopUpOut = z
  .object({
    id: z.string(),
    object: z.literal('top_up'),
    status: z.enum(TOP_UP_STATUSES),
    amount: Money,
    acquirer: z.string(),
    card: z.object({ brand: z.string(), last4: z.string(), exp_month: z.number(), exp_year: z.number() }).nullable(),
    decline_code: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'TopUp' });

const topUpOut = (t: TopUp): z.output<typeof TopUpOut> => ({
  id: t.id,
  object: 'top_up',
  status: t.status,
  amount: { amount: t.amount.toString(), currency: t.currency },
  acquirer: t.acquirer,
  card: t.card ? { brand: t.card.brand, last4: t.card.last4, exp_month: t.card.exp_month, exp_year: t.card.exp_year } : null,
  decline_code: t.declineCode,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
});

const shopper = { shopper: true } as const;

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.get(
    '/v1/wallet',
    {
      config: { access: shopper },
      schema: {
        tags: ['wallet'],
        summary: 'Your wallet',
        description:
          'In your home currency: CNY for shoppers in China, AUD/NZD in Australia/New Zealand. A shopper in China can top it up and ' +
          'pay from it once their identity is verified (`identity_verified`; China’s real-name rule for cross-border e-commerce ' +
          'payments); shoppers in Australia/New Zealand need no Chinese identity (`identity_required` false).',
        response: {
          200: z.object({
            object: z.literal('wallet'),
            currency: z.string(),
            balance: Money,
            available: Money,
            identity_verified: z.boolean(),
            identity_required: z
              .boolean()
              .describe('Whether a verified real-name identity is needed to top up and pay: true for shoppers in China only'),
          }),
        },
      },
    },
    async (req) => {
      const { account, verified, identityRequired } = await getWallet(req.ctx);
      return {
        object: 'wallet' as const,
        currency: account.currency,
        balance: { amount: postedBalance(account.kind, account).toString(), currency: account.currency },
        available: { amount: availableBalance(account.kind, account).toString(), currency: account.currency },
        identity_verified: verified,
        identity_required: identityRequired,
      };
    },
  );

  app.get(
    '/v1/wallet/statement',
    {
      config: { access: shopper },
      schema: {
        tags: ['wallet'],
        summary: 'Your wallet statement',
        description: 'Money in (`credit`) and out (`debit`), newest first.',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          starting_after: z.string().max(128).optional(),
        }),
        response: {
          200: listResponseSchema(
            z.object({
              id: z.string(),
              object: z.literal('wallet_entry'),
              direction: z.enum(['credit', 'debit']),
              amount: Money,
              status: z.string(),
              reference: z.object({ type: z.string(), id: z.string() }).nullable(),
              created_at: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => {
      const { account } = await getWallet(req.ctx);
      const page = await statement(req.ctx, account.id, req.query);
      return toListResponse(page, req.url, (t) => ({
        id: t.id,
        object: 'wallet_entry' as const,
        direction: t.creditAccountId === account.id ? ('credit' as const) : ('debit' as const),
        amount: { amount: t.amount.toString(), currency: t.currency },
        status: t.status,
        reference: t.referenceType && t.referenceId ? { type: t.referenceType, id: t.referenceId } : null,
        created_at: t.createdAt.toISOString(),
      }));
    },
  );

  app.post(
    '/v1/wallet/top-ups',
    {
      config: { access: shopper },
      schema: {
        tags: ['wallet'],
        summary: 'Top up your wallet by card',
        description:
          'In your wallet’s currency (`amount` in its minor units: CNY, or AUD/NZD for shoppers in Australia/New Zealand). Shoppers ' +
          'in China verify their identity first (`403 identity_required`); shoppers in Australia/New Zealand need no Chinese identity. ' +
          'The card is authorised by the acquirer (the `sandbox` acquirer takes its documented test cards). An authorised top-up is ' +
          '`processing` until the acquirer confirms the charge by webhook, then `succeeded` and credited. Some cards need the issuer’s ' +
          'check first (`requires_challenge`: answer with `POST /v1/wallet/top-ups/:id/challenge`). A declined card is `402 card_declined` ' +
          'with a `decline_code`. The card number is never stored: only brand and last four.',
        body: z.object({
          amount: z.string().regex(/^[1-9]\d{0,9}$/, 'a positive whole number of minor units, as a string'),
          card: z.object({
            number: z.string().min(12).max(23),
            exp_month: z.number().int().min(1).max(12),
            exp_year: z.number().int().min(2000).max(2100),
            cvc: z.string().min(3).max(4),
            holder_name: z.string().max(100).optional(),
          }),
        }),
        response: { 201: TopUpOut },
      },
    },
    async (req, reply) =>
      reply.code(201).send(topUpOut(await createTopUp(req.ctx, { amount: BigInt(req.body.amount), card: req.body.card }))),
  );

  app.get(
    '/v1/wallet/top-ups',
    {
      config: { access: shopper },
      schema: { tags: ['wallet'], summary: 'Your top-ups', querystring: listQuerySchema, response: { 200: listResponseSchema(TopUpOut) } },
    },
    async (req) => toListResponse(await listTopUps(req.ctx, req.query), req.url, topUpOut),
  );

  app.get(
    '/v1/wallet/top-ups/:id',
    {
      config: { access: { shopper: true, operator: ['admin', 'finance', 'support'] } },
      schema: { tags: ['wallet'], summary: 'A top-up', params: z.object({ id: z.string().max(64) }), response: { 200: TopUpOut } },
    },
    async (req) => topUpOut(await getTopUp(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/wallet/top-ups/:id/challenge',
    {
      config: { access: shopper },
      schema: {
        tags: ['wallet'],
        summary: 'Answer the card issuer’s check',
        description:
          'The one-time code for a top-up in `requires_challenge` (sandbox: `123456`). A wrong code is `402 card_declined` (`challenge_failed`).',
        params: z.object({ id: z.string().max(64) }),
        body: z.object({ code: z.string().min(1).max(20) }),
        response: { 200: TopUpOut },
      },
    },
    async (req) => topUpOut(await completeChallenge(req.ctx, req.params.id, req.body.code)),
  );

  // The acquirer's webhooks: the raw body is what the signature covers.
  root.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    typed(scope).post(
      '/v1/acquirers/:name/webhooks',
      {
        config: { access: 'public', idempotent: false },
        schema: {
          tags: ['wallet'],
          summary: 'Acquirer webhooks',
          description:
            'Signed by the acquirer (`Acquirer-Signature: t=…,v1=…`, HMAC-SHA256 of `t.body`, at most 5 minutes old). Delivered twice, applied once.',
          params: z.object({ name: z.string().max(40) }),
          response: { 200: z.object({ received: z.literal(true), applied: z.boolean() }) },
        },
      },
      async (req) => {
        const body = typeof req.body === 'string' ? req.body : '';
        const signature = String(req.headers['acquirer-signature'] ?? '');
        const r = await handleAcquirerWebhook(req.ctx, req.params.name, body, signature);
        return { received: true as const, applied: r.applied };
      },
    );
  });
}

export const walletModule: HttpModule = {
  name: 'wallet',
  tag: { name: 'wallet', description: 'Shopper wallets, card top-ups through an acquirer, acquirer webhooks' },
  routes,
};
