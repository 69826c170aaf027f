import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import { ESCROW_STATUSES, PAYMENT_INTENT_STATUSES } from './intent-schema.ts';
import {
  cancelPaymentIntent,
  chargeCurrencyOf,
  confirmPaymentIntent,
  createPaymentIntent,
  customsPaymentData,
  getPaymentIntent,
  listPaymentIntents,
  chargedParts,
  refundedParts,
  type PaymentIntent,
  quotePaymentIntent,
} from './intents.ts';
import { confirmReceipt, markDelivered, releaseEscrow } from './escrow.ts';
import { CHARGE_CURRENCIES } from './payment-rules.ts';
import { createRefund, getRefund, listRefunds, REFUND_REASONS, type Refund } from './refunds.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const minorUnits = z.string().regex(/^[1-9]\d{0,11}$/, 'a positive whole number of minor units, as a string');
const minorUnitsOrZero = z.string().regex(/^(0|[1-9]\d{0,11})$/, 'a whole number of minor units (0 or more), as a string');
const inCcy = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });

const AmountDetails = z
  .object({
    goods: Money.nullable(),
    shipping: Money,
    tax: Money,
  })
  .meta({
    id: 'PaymentAmountDetails',
    description:
      'What the shopper pays in parts, in the charge currency (`charge_currency`): the goods (null until fixed: at payment, or at ' +
      'creation by the platform’s checkout), the shipping and the tax — the China cross-border import tax for CNY charges, the ' +
      'Australian/NZ GST collected at sale for AUD/NZD charges (shipping and tax are 0 on intents a merchant creates). `charge` is their sum.',
  });
const PartsOut = z.object({ goods: Money, shipping: Money, tax: Money }).meta({
  id: 'RefundAmountDetails',
  description: 'An amount in parts, in the charge currency: goods, shipping and tax (import tax or GST); they sum to the amount.',
});
const idParams = z.object({ id: z.string().max(64) });
const money = (amount: bigint | null, currency: string | null) =>
  amount === null || currency === null ? null : { amount: amount.toString(), currency };

const CustomsPayment = z
  .object({
    payment_company_code: z.string(),
    payment_company_name: z.string(),
    transaction_id: z.string(),
    order_reference: z.string(),
    payer_name: z.string(),
    payer_id_type: z.literal('1'),
    payer_id_number: z.string(),
    amount: z.string(),
    currency: z.string(),
    currency_code: z.string(),
    paid_at: z.string(),
    pay_time: z.string(),
  })
  .meta({
    id: 'CustomsPaymentData',
    description:
      'What China customs takes from the payment company for this order (CEB411): transaction id, payer name and masked ID number ' +
      '(`payer_id_type` 1 = resident ID), amount in decimal yuan, currency and its customs code (142 = CNY), and the payment time ' +
      '(`pay_time`, yyyyMMddHHmmss China time).',
  });

const PaymentIntentOut = z
  .object({
    id: z.string(),
    object: z.literal('payment_intent'),
    merchant: z.string(),
    order_reference: z.string(),
    description: z.string().nullable(),
    status: z.enum(PAYMENT_INTENT_STATUSES),
    amount: Money,
    settlement_currency: z.string(),
    charge_currency: z
      .enum(CHARGE_CURRENCIES)
      .describe(
        'What the shopper pays in: CNY (a buyer in China), AUD or NZD (a shopper in Australia/New Zealand buying from a seller in China)',
      ),
    buyer: z
      .object({ name: z.string(), id_number: z.string() })
      .nullable()
      .describe('The buyer (name, masked resident ID number); always set for CNY charges, null for AUD/NZD charges that named none'),
    charge: Money.nullable(),
    settlement: Money.nullable(),
    fx: z.object({ quote_id: z.string(), pair: z.string(), rate: z.string() }).nullable(),
    payer: z.string().nullable(),
    paid_at: z.string().nullable(),
    escrow: z
      .object({
        status: z.enum(ESCROW_STATUSES),
        delivered_at: z.string().nullable(),
        release_due_at: z.string().nullable(),
        released_at: z.string().nullable(),
        release_reason: z.string().nullable(),
      })
      .nullable(),
    amount_details: AmountDetails,
    amount_refunded: Money,
    amount_refunded_details: PartsOut,
    customs: CustomsPayment.nullable(),
    metadata: z.record(z.string(), z.string()),
    canceled_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'PaymentIntent' });

const iso = (d: Date | null) => d?.toISOString() ?? null;
const partsOut = (p: { goods: bigint; shipping: bigint; tax: bigint }, currency: string) => ({
  goods: inCcy(p.goods, currency),
  shipping: inCcy(p.shipping, currency),
  tax: inCcy(p.tax, currency),
});

/** Shoppers see the buyer's name masked: the intent id may be shared with whoever is to pay it. */
const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? '*' : (chars[0] as string) + '*'.repeat(chars.length - 1);
};

function intentOut(ctx: Ctx, pi: PaymentIntent): z.output<typeof PaymentIntentOut> {
  const cc = chargeCurrencyOf(pi);
  return {
    id: pi.id,
    object: 'payment_intent',
    merchant: pi.merchantId,
    order_reference: pi.orderReference,
    description: pi.description,
    status: pi.status,
    amount: { amount: pi.amount.toString(), currency: pi.currency },
    settlement_currency: pi.settlementCurrency,
    charge_currency: cc,
    buyer:
      pi.buyerName === null || pi.buyerIdMasked === null
        ? null
        : { name: ctx.principal.kind === 'shopper' ? maskName(pi.buyerName) : pi.buyerName, id_number: pi.buyerIdMasked },
    charge: money(pi.chargeAmount, cc),
    settlement: money(pi.settlementAmount, pi.chargeAmount === null ? null : pi.settlementCurrency),
    fx: pi.fxQuoteId && pi.fxRate ? { quote_id: pi.fxQuoteId, pair: `${cc}/${pi.settlementCurrency}`, rate: pi.fxRate } : null,
    payer: pi.payerShopperId,
    paid_at: iso(pi.paidAt),
    escrow: pi.escrowStatus
      ? {
          status: pi.escrowStatus,
          delivered_at: iso(pi.deliveredAt),
          release_due_at: iso(pi.releaseDueAt),
          released_at: iso(pi.releasedAt),
          release_reason: pi.releaseReason,
        }
      : null,
    amount_details: (() => {
      const c = chargedParts(pi);
      return { goods: c.goods === null ? null : inCcy(c.goods, cc), shipping: inCcy(c.shipping, cc), tax: inCcy(c.tax, cc) };
    })(),
    amount_refunded: inCcy(pi.refundedAmount, cc),
    amount_refunded_details: partsOut(refundedParts(pi), cc),
    customs: customsPaymentData(ctx, pi),
    metadata: pi.metadata,
    canceled_at: iso(pi.canceledAt),
    created_at: pi.createdAt.toISOString(),
    updated_at: pi.updatedAt.toISOString(),
  };
}

const RefundOut = z
  .object({
    id: z.string(),
    object: z.literal('refund'),
    payment_intent: z.string(),
    amount: Money,
    amount_details: PartsOut,
    settlement_share: Money,
    source: z.enum(['escrow', 'merchant']),
    reason: z.enum(REFUND_REASONS),
    status: z.literal('succeeded'),
    created_at: z.string(),
  })
  .meta({ id: 'Refund' });

const refundOut = (r: Refund): z.output<typeof RefundOut> => ({
  id: r.id,
  object: 'refund',
  payment_intent: r.paymentIntentId,
  amount: { amount: r.amount.toString(), currency: r.currency },
  amount_details: partsOut({ goods: r.goodsAmount, shipping: r.shippingAmount, tax: r.taxAmount }, r.currency),
  settlement_share: { amount: r.settlementAmount.toString(), currency: r.settlementCurrency },
  source: r.source,
  reason: r.reason as (typeof REFUND_REASONS)[number],
  status: r.status,
  created_at: r.createdAt.toISOString(),
});

const readers = { operator: 'any', merchant: 'any', apiKey: 'payments:read', shopper: true } as const;
const writers = { operator: ['admin', 'operations'], merchant: ['owner', 'manager'], apiKey: 'payments:write' } as const;

function routes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/payment-intents',
    {
      config: { access: writers },
      schema: {
        tags: ['payments'],
        summary: 'Create a payment intent for an order',
        description:
          'The order’s price in the merchant’s settlement currency (or a fixed price in the charge currency) and what the shopper pays ' +
          'in (`charge_currency`, default CNY). A CNY charge is a buyer in China paying an Australian/NZ merchant (cross-border ' +
          'e-commerce): it names its `buyer`, name and 18-digit resident ID number, checked (`invalid_name`, `invalid_id_number`) and ' +
          'kept only masked and as a keyed index; only the buyer can pay it (`identity_mismatch` otherwise). An AUD or NZD charge is a ' +
          'shopper in Australia/New Zealand paying a seller in China (a merchant settling in CNY), paid from an AUD/NZD wallet with no ' +
          'Chinese identity; `buyer` is optional. Other pairings are `currency_mismatch` (`charge_currency`). One intent per ' +
          '`order_reference` (409 `already_exists`). Operators name the `merchant`.',
        body: z.object({
          order_reference: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, '1–64 letters, digits and _ . : -'),
          amount: z
            .object({ amount: minorUnits, currency: z.string().regex(/^[A-Z]{3}$/) })
            .describe(
              'The order’s price: in the merchant’s settlement currency (AUD/NZD for Australian/NZ merchants, CNY for sellers in ' +
                'China; the merchant is owed exactly it) or in the charge currency (charged exactly; the merchant is owed it converted)',
            ),
          charge_currency: z
            .enum(CHARGE_CURRENCIES)
            .optional()
            .describe(
              'What the shopper pays in. CNY (default): a buyer in China, for a merchant settling in AUD/NZD. AUD or NZD: a shopper ' +
                'in Australia/New Zealand buying from a seller in China (e.g. a Chinese seller’s own shop), for a merchant settling ' +
                'in CNY; the charge is the price converted at the AUD/NZD → CNY rate locked at payment.',
            ),
          buyer: z
            .object({ name: z.string().max(100), id_number: z.string().max(40) })
            .optional()
            .describe('Required for CNY charges (`invalid_request` with `param` `buyer` otherwise); optional for AUD/NZD charges'),
          description: z.string().trim().max(500).optional(),
          metadata: z
            .record(z.string().max(40), z.string().max(500))
            .refine((m) => Object.keys(m).length <= 20, 'at most 20 keys')
            .optional(),
          merchant: z.string().max(64).optional(),
        }),
        response: { 201: PaymentIntentOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const pi = await createPaymentIntent(req.ctx, {
        order_reference: b.order_reference,
        amount: BigInt(b.amount.amount),
        currency: b.amount.currency,
        charge_currency: b.charge_currency,
        buyer: b.buyer,
        description: b.description,
        metadata: b.metadata,
        merchant_id: b.merchant,
      });
      return reply.code(201).send(intentOut(req.ctx, pi));
    },
  );

  app.get(
    '/v1/payment-intents',
    {
      config: { access: readers },
      schema: {
        tags: ['payments'],
        summary: 'List payment intents',
        description: 'Newest first. Merchants see their own, shoppers those they paid, operators all (`merchant` to filter).',
        querystring: listQuerySchema.extend({
          status: z.enum(PAYMENT_INTENT_STATUSES).optional(),
          order_reference: z.string().max(64).optional(),
          merchant: z.string().max(64).optional(),
        }),
        response: { 200: listResponseSchema(PaymentIntentOut) },
      },
    },
    async (req) => {
      const { status, order_reference, merchant, ...q } = req.query;
      const page = await listPaymentIntents(req.ctx, { status, order_reference, merchant }, q);
      return toListResponse(page, req.url, (pi) => intentOut(req.ctx, pi));
    },
  );

  app.get(
    '/v1/payment-intents/:id',
    {
      config: { access: readers },
      schema: {
        tags: ['payments'],
        summary: 'A payment intent',
        description: 'With its charge, locked FX rate, escrow state, refunds total and, once paid, the customs payment data.',
        params: idParams,
        response: { 200: PaymentIntentOut },
      },
    },
    async (req) => intentOut(req.ctx, await getPaymentIntent(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/payment-intents/:id/quote',
    {
      config: { access: { shopper: true } },
      schema: {
        tags: ['payments'],
        summary: 'Lock the exchange rate for paying an intent',
        description:
          'Locks the charge-currency → merchant-currency rate (after the spread: CNY → AUD/NZD, or AUD/NZD → CNY for a seller in ' +
          'China) for 10 minutes and returns the exact charge in the charge currency: pay with `quote_id` before `expires_at`, or ' +
          'it is `quote_expired`. The charge is the price ÷ rate rounded up to the minor unit. With nothing to convert, `quote_id` ' +
          'is null. An intent made by the platform’s checkout has its goods charge fixed already, and shipping and tax (import ' +
          'tax or GST) on top: the charge is their sum.',
        params: idParams,
        response: {
          200: z.object({
            object: z.literal('payment_quote'),
            payment_intent: z.string(),
            quote_id: z.string().nullable(),
            rate: z.string().nullable(),
            charge: Money,
            settlement: Money,
            expires_at: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const r = await quotePaymentIntent(req.ctx, req.params.id);
      return {
        object: 'payment_quote' as const,
        payment_intent: r.intent.id,
        quote_id: r.quote?.id ?? null,
        rate: r.quote?.rate ?? null,
        charge: { amount: r.charge.toString(), currency: chargeCurrencyOf(r.intent) },
        settlement: { amount: r.settlement.toString(), currency: r.intent.settlementCurrency },
        expires_at: r.quote?.expiresAt.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/v1/payment-intents/:id/confirm',
    {
      config: { access: { shopper: true } },
      schema: {
        tags: ['payments'],
        summary: 'Pay an intent from your wallet',
        description:
          'Your wallet must be in the intent’s `charge_currency` (`currency_mismatch` otherwise). For a CNY intent you must be the ' +
          'order’s buyer (same verified name and ID number, `identity_mismatch` otherwise; `identity_required` before verifying); an ' +
          'AUD/NZD intent needs no identity. The charge is fixed by `quote_id` (`quote_expired` once it ran out) or by a rate locked ' +
          'now, taken from your wallet (`402 insufficient_funds` with the amounts) into escrow. Send an `Idempotency-Key`.',
        params: idParams,
        body: z.object({ quote_id: z.string().max(64).optional() }).default({}),
        response: { 200: PaymentIntentOut },
      },
    },
    async (req) => intentOut(req.ctx, await confirmPaymentIntent(req.ctx, req.params.id, { quote_id: req.body.quote_id })),
  );

  app.post(
    '/v1/payment-intents/:id/cancel',
    {
      config: { access: writers },
      schema: {
        tags: ['payments'],
        summary: 'Cancel an unpaid payment intent',
        description: 'Only while `requires_payment` (409 `invalid_state` after); a paid order is refunded instead.',
        params: idParams,
        response: { 200: PaymentIntentOut },
      },
    },
    async (req) => intentOut(req.ctx, await cancelPaymentIntent(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/payment-intents/:id/delivery',
    {
      config: { access: { operator: ['admin', 'operations'] } },
      schema: {
        tags: ['payments'],
        summary: 'Record that a paid order was delivered',
        description:
          'Starts the escrow clock: held escrow is released to the merchant `ESCROW_RELEASE_DAYS` (10) days after `delivered_at` (default: ' +
          'now) unless the buyer confirms receipt first. Recording it again changes nothing. Shipments record it themselves.',
        params: idParams,
        body: z.object({ delivered_at: z.iso.datetime({ offset: true }).optional() }).default({}),
        response: { 200: PaymentIntentOut },
      },
    },
    async (req) =>
      intentOut(req.ctx, await markDelivered(req.ctx, req.params.id, req.body.delivered_at ? new Date(req.body.delivered_at) : undefined)),
  );

  app.post(
    '/v1/payment-intents/:id/confirm-receipt',
    {
      config: { access: { shopper: true } },
      schema: {
        tags: ['payments'],
        summary: 'Confirm you received the order',
        description: 'The payer only. Releases the escrow to the merchant now.',
        params: idParams,
        response: { 200: PaymentIntentOut },
      },
    },
    async (req) => intentOut(req.ctx, await confirmReceipt(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/payment-intents/:id/release',
    {
      config: { access: { operator: ['admin', 'finance'] } },
      schema: {
        tags: ['payments'],
        summary: 'Release held escrow to the merchant now',
        description: 'For finance operators settling a dispute; audited. Releases what is left after refunds.',
        params: idParams,
        response: { 200: PaymentIntentOut },
      },
    },
    async (req) => intentOut(req.ctx, await releaseEscrow(req.ctx, req.params.id, 'operator')),
  );

  app.post(
    '/v1/refunds',
    {
      config: { access: { operator: ['admin', 'finance', 'support'], merchant: ['owner', 'manager'], apiKey: 'payments:write' } },
      schema: {
        tags: ['payments'],
        summary: 'Refund a paid order, fully or in part',
        description:
          'Back to the payer’s wallet in the charge currency: from escrow before release, from the merchant’s pending settlement after it (in the ' +
          'merchant’s currency at the rate locked at payment, in proportion to the goods refunded). `amount` defaults to everything ' +
          'still refundable; refunds never add up to more than was paid (`refund_exceeds_payment` with `refundable`). An intent ' +
          'with shipping and tax (`amount_details`) can be refunded by part with `components`; without it the amount is ' +
          'split over what is left of each part in proportion, goods first. Send an `Idempotency-Key`.',
        body: z.object({
          payment_intent: z.string().max(64),
          amount: minorUnits.optional().describe('Minor units of the charge currency'),
          components: z
            .object({
              goods: minorUnitsOrZero.optional().describe('Minor units (charge currency) of the goods to give back'),
              shipping: minorUnitsOrZero.optional().describe('Minor units (charge currency) of the shipping to give back'),
              tax: minorUnitsOrZero.optional().describe('Minor units (charge currency) of the tax (import tax or GST) to give back'),
            })
            .optional()
            .describe(
              'How much of each part to refund (parts not named are 0), e.g. a returned line: its goods and its tax share. The ' +
                'amount is their sum (`amount`, if sent too, must equal it: `invalid_amount`); each part at most what is left of it ' +
                '(`refund_exceeds_payment` with `param` `components.<part>` and `refundable`).',
            ),
          reason: z.enum(REFUND_REASONS),
        }),
        response: { 201: RefundOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await createRefund(req.ctx, {
        payment_intent: b.payment_intent,
        amount: b.amount === undefined ? undefined : BigInt(b.amount),
        components: b.components && {
          goods: b.components.goods === undefined ? undefined : BigInt(b.components.goods),
          shipping: b.components.shipping === undefined ? undefined : BigInt(b.components.shipping),
          tax: b.components.tax === undefined ? undefined : BigInt(b.components.tax),
        },
        reason: b.reason,
      });
      return reply.code(201).send(refundOut(r));
    },
  );

  app.get(
    '/v1/refunds',
    {
      config: { access: readers },
      schema: {
        tags: ['payments'],
        summary: 'List refunds',
        description: 'Newest first. Merchants see their own, shoppers those of payments they made, operators all.',
        querystring: listQuerySchema.extend({ payment_intent: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(RefundOut) },
      },
    },
    async (req) => {
      const { payment_intent, ...q } = req.query;
      return toListResponse(await listRefunds(req.ctx, { payment_intent }, q), req.url, refundOut);
    },
  );

  app.get(
    '/v1/refunds/:id',
    {
      config: { access: readers },
      schema: { tags: ['payments'], summary: 'A refund', params: idParams, response: { 200: RefundOut } },
    },
    async (req) => refundOut(await getRefund(req.ctx, req.params.id)),
  );
}

export const paymentsModule: HttpModule = {
  name: 'payments',
  tag: {
    name: 'payments',
    description: 'Order payments: payment intents paid from the buyer’s wallet into escrow, escrow release, refunds, customs payment data',
  },
  routes,
};
