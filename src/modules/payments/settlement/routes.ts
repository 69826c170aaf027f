// HTTP for merchant settlement (issue 8): the fee schedule, payout holds, payout batches with their
// bank files and the bank's answers, reconciliation (finance operators); balances and payouts (merchants).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../../kernel/audit.ts';
import { actorId, type Ctx, inTransaction, merchantScope, now } from '../../../kernel/context.ts';
import { AppError } from '../../../kernel/errors.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../../kernel/http/server.ts';
import { merchantCurrency } from '../../catalog/service.ts';
import { getMerchant } from '../../merchants/service.ts';
import { commissionSchedule, feeFor } from './accrual.ts';
import {
  approvePayoutBatch,
  bankFile,
  batchItems,
  cancelPayoutBatch,
  type Conversion,
  confirmPayouts,
  conversionsOf,
  getPayoutBatch,
  holdPayouts,
  isPayoutCurrency,
  listPayoutBatches,
  listPayouts,
  markPayoutBatchSent,
  merchantBalances,
  PAYOUT_CURRENCIES,
  type Payout,
  type PayoutBatch,
  payoutHoldOf,
  preparePayoutBatch,
  reconciliation,
  releasePayoutHold,
} from './payouts.ts';
import { nextPayoutDate } from './rules.ts';
import { commissionRates, PAYOUT_BATCH_STATUSES, paymentFees } from './schema.ts';

const Money = z.object({ amount: z.string(), currency: z.string() });
const m = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });
const finance = { operator: ['admin', 'finance'] } as const;
const financeReaders = { operator: ['admin', 'finance', 'support'] } as const;
const merchantReaders = { operator: ['admin', 'finance', 'support'], merchant: 'any', apiKey: 'payments:read' } as const;
const minor = z
  .string()
  .regex(/^\d{1,15}$/, 'whole minor units, as a string')
  .transform((s) => BigInt(s));

const PayoutOut = z
  .object({
    id: z.string(),
    object: z.literal('payout'),
    batch_id: z.string(),
    merchant_id: z.string(),
    amount: Money,
    status: z.enum(['pending', 'paid', 'failed']),
    account: z.string().describe('The bank account, masked'),
    reference: z.string().describe('What the merchant’s bank statement shows'),
    confirmed_amount: Money.nullable().describe('What the bank said it paid or returned'),
    failure_reason: z.string().nullable(),
    confirmed_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'Payout', description: 'One merchant’s payout: one line of a payout batch’s bank file.' });

const payoutOut = (p: Payout): z.output<typeof PayoutOut> => ({
  id: p.id,
  object: 'payout',
  batch_id: p.batchId,
  merchant_id: p.merchantId,
  amount: m(p.amount, p.currency),
  status: p.status,
  account: p.accountMasked,
  reference: p.reference,
  confirmed_amount: p.confirmedAmount === null ? null : m(p.confirmedAmount, p.currency),
  failure_reason: p.failureReason,
  confirmed_at: p.confirmedAt?.toISOString() ?? null,
  created_at: p.createdAt.toISOString(),
});

const BatchOut = z
  .object({
    id: z.string(),
    object: z.literal('payout_batch'),
    currency: z.string(),
    format: z.enum(['aba', 'nz_bulk']).describe('The bank file: ABA (Cemtex) for AUD, the bulk-payment CSV for NZD'),
    payout_date: z.string().describe('The payout day, in the bank’s time zone'),
    status: z.enum(PAYOUT_BATCH_STATUSES),
    prepared_by: z.string().describe('`operator:<id>`, or `system:schedule` for the weekly run'),
    approvals: z.array(z.string()).describe('Who signed it off: two different finance operators, the preparer counting as one'),
    total: Money,
    item_count: z.number().int(),
    file_sha256: z.string().nullable().describe('SHA-256 of the bank file as sent'),
    approved_at: z.string().nullable(),
    sent_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    created_at: z.string(),
    items: z.array(PayoutOut).optional(),
  })
  .meta({ id: 'PayoutBatch' });

const batchOut = (b: PayoutBatch, items?: Payout[]): z.output<typeof BatchOut> => ({
  id: b.id,
  object: 'payout_batch',
  currency: b.currency,
  format: b.format,
  payout_date: b.payoutDate,
  status: b.status,
  prepared_by: b.preparedBy,
  approvals: b.approvals,
  total: m(b.total, b.currency),
  item_count: b.itemCount,
  file_sha256: b.fileSha256,
  approved_at: b.approvedAt?.toISOString() ?? null,
  sent_at: b.sentAt?.toISOString() ?? null,
  closed_at: b.closedAt?.toISOString() ?? null,
  created_at: b.createdAt.toISOString(),
  ...(items ? { items: items.map(payoutOut) } : {}),
});

const ConversionOut = z
  .object({
    id: z.string(),
    object: z.literal('settlement_conversion'),
    merchant_id: z.string(),
    batch_id: z.string().nullable(),
    from: Money.describe('Signed: a negative balance is converted the other way'),
    to: Money,
    mid: z.string(),
    spread_bps: z.number().int(),
    rate: z.string().describe('The rate applied: mid less the spread'),
    created_at: z.string(),
  })
  .meta({ id: 'SettlementConversion' });

const conversionOut = (c: Conversion): z.output<typeof ConversionOut> => ({
  id: c.id,
  object: 'settlement_conversion',
  merchant_id: c.merchantId,
  batch_id: c.batchId,
  from: m(c.fromAmount, c.fromCurrency),
  to: m(c.toAmount, c.toCurrency),
  mid: c.mid,
  spread_bps: c.spreadBps,
  rate: c.rate,
  created_at: c.createdAt.toISOString(),
});

async function setCommission(ctx: Ctx, category: string, bps: number) {
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const by = actorId(tx.principal) ?? null;
    await tx.db
      .insert(commissionRates)
      .values({ category, bps, updatedBy: by, updatedAt: t })
      .onConflictDoUpdate({ target: commissionRates.category, set: { bps, updatedBy: by, updatedAt: t } });
    await recordAudit(tx, { action: 'commission_rate.set', objectType: 'commission_rate', objectId: category, data: { bps } });
  });
}

async function setFee(ctx: Ctx, currency: string, bps: number, fixed: bigint) {
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const by = actorId(tx.principal) ?? null;
    await tx.db
      .insert(paymentFees)
      .values({ currency, bps, fixed, updatedBy: by, updatedAt: t })
      .onConflictDoUpdate({ target: paymentFees.currency, set: { bps, fixed, updatedBy: by, updatedAt: t } });
    await recordAudit(tx, {
      action: 'payment_fee.set',
      objectType: 'payment_fee',
      objectId: currency,
      data: { bps, fixed: fixed.toString() },
    });
  });
}

const FeesOut = z.object({
  object: z.literal('fee_schedule'),
  commission: z.object({
    default_bps: z.number().int().describe('For any category without its own rate'),
    categories: z.record(z.string(), z.number().int()),
  }),
  payment_fees: z.array(z.object({ currency: z.string(), bps: z.number().int(), fixed: Money })),
});

async function feesOut(ctx: Ctx): Promise<z.output<typeof FeesOut>> {
  const schedule = await commissionSchedule(ctx);
  const fees = [];
  for (const c of ['CNY', 'AUD', 'NZD']) fees.push({ currency: c, ...(await feeFor(ctx, c)) });
  return {
    object: 'fee_schedule',
    commission: { default_bps: schedule.otherwise, categories: { ...schedule.byCategory } },
    payment_fees: fees.map((f) => ({ currency: f.currency, bps: f.bps, fixed: m(f.fixed, f.currency) })),
  };
}

function routes(root: FastifyInstance): void {
  const app = typed(root);
  const tag = ['settlement'];

  app.get(
    '/v1/settlement/fees',
    {
      config: { access: { operator: 'any', merchant: 'any', apiKey: 'payments:read' } },
      schema: {
        tags: tag,
        summary: 'The fee schedule',
        description:
          'Commission per product category (basis points of the goods, each line rounded half-up) and the payment fee per charge currency, taken when escrow is released or a till is paid.',
        response: { 200: FeesOut },
      },
    },
    async (req) => feesOut(req.ctx),
  );

  app.put(
    '/v1/settlement/fees/commission/:category',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'Set a category’s commission',
        description: 'Applies to releases from now on. The category `*` sets the rate for every category without its own.',
        params: z.object({ category: z.string().regex(/^(\*|[a-z][a-z_]{1,39})$/, 'a category such as `cosmetics`, or `*`') }),
        body: z.object({ bps: z.number().int().min(0).max(5000) }),
        response: { 200: FeesOut },
      },
    },
    async (req) => {
      await setCommission(req.ctx, req.params.category, req.body.bps);
      return feesOut(req.ctx);
    },
  );

  app.put(
    '/v1/settlement/fees/payment/:currency',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'Set the payment fee of a charge currency',
        params: z.object({ currency: z.enum(['CNY', 'AUD', 'NZD']) }),
        body: z.object({ bps: z.number().int().min(0).max(1000), fixed: minor.default(0n) }),
        response: { 200: FeesOut },
      },
    },
    async (req) => {
      await setFee(req.ctx, req.params.currency, req.body.bps, req.body.fixed);
      return feesOut(req.ctx);
    },
  );

  const HoldOut = z.object({ object: z.literal('payout_hold'), merchant_id: z.string(), reason: z.string(), created_at: z.string() });

  app.put(
    '/v1/merchants/:id/payout-hold',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'Hold a merchant’s payouts',
        description: 'While under review: the balance keeps growing and is not paid until the hold is lifted.',
        params: z.object({ id: z.string() }),
        body: z.object({ reason: z.string().trim().min(3).max(500) }),
        response: { 200: HoldOut },
      },
    },
    async (req) => {
      const h = await holdPayouts(req.ctx, req.params.id, req.body.reason);
      return { object: 'payout_hold' as const, merchant_id: h.merchantId, reason: h.reason, created_at: h.createdAt.toISOString() };
    },
  );

  app.delete(
    '/v1/merchants/:id/payout-hold',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'Lift a merchant’s payout hold',
        params: z.object({ id: z.string() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await releasePayoutHold(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/balance',
    {
      config: { access: merchantReaders },
      schema: {
        tags: tag,
        summary: 'A merchant’s balance',
        description:
          'What the merchant is owed, per currency: released sales in the currency shoppers paid (CNY) until payout day converts them at the settlement rate, and the settlement currency. Operators name the merchant.',
        querystring: z.object({ merchant_id: z.string().optional() }),
        response: {
          200: z.object({
            object: z.literal('balance'),
            merchant_id: z.string(),
            settlement_currency: z.string(),
            balances: z.array(Money),
            next_payout_date: z.string().nullable(),
            on_hold: z.object({ reason: z.string(), since: z.string() }).nullable(),
            minimum_payout: Money,
            recent_conversions: z.array(ConversionOut),
          }),
        },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const merchantId = merchantScope(ctx) ?? req.query.merchant_id;
      if (!merchantId) throw new AppError('invalid_request', 'Name the merchant', { param: 'merchant_id' });
      const merchant = await getMerchant(ctx, merchantId);
      const currency = merchantCurrency(merchant.country);
      const hold = await payoutHoldOf(ctx, merchantId);
      const spec = isPayoutCurrency(currency) ? PAYOUT_CURRENCIES[currency] : null;
      return {
        object: 'balance' as const,
        merchant_id: merchantId,
        settlement_currency: currency,
        balances: (await merchantBalances(ctx, merchantId)).map((b) => m(b.amount, b.currency)),
        next_payout_date: spec ? nextPayoutDate(now(ctx), { weekday: ctx.rt.config.PAYOUT_WEEKDAY, timeZone: spec.timeZone }) : null,
        on_hold: hold ? { reason: hold.reason, since: hold.createdAt.toISOString() } : null,
        minimum_payout: m(BigInt(ctx.rt.config.PAYOUT_MINIMUM), currency),
        recent_conversions: (await conversionsOf(ctx, merchantId)).map(conversionOut),
      };
    },
  );

  app.get(
    '/v1/payouts',
    {
      config: { access: merchantReaders },
      schema: {
        tags: tag,
        summary: 'Payouts',
        description:
          'A merchant’s payouts to their bank account, newest first; operators see every merchant’s, or one’s with `merchant_id`.',
        querystring: listQuerySchema.extend({ merchant_id: z.string().optional() }),
        response: { 200: listResponseSchema(PayoutOut) },
      },
    },
    async (req) => {
      const { merchant_id, ...q } = req.query;
      return toListResponse(await listPayouts(req.ctx, { merchant_id }, q), req.url, payoutOut);
    },
  );

  app.post(
    '/v1/payout-batches',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'Prepare a payout batch',
        description:
          'For every merchant paid in the currency: converts their other balances at today’s settlement rate, then pays the balance unless it is held, negative (carried forward), under the minimum, or has no payout account. A draft until two finance operators have signed it off (the preparer counts as one). Accepts an Idempotency-Key.',
        body: z.object({ currency: z.enum(['AUD', 'NZD']) }),
        response: {
          201: z.object({
            object: z.literal('payout_run'),
            batch: BatchOut.nullable().describe('null when nobody is to be paid'),
            conversions: z.array(ConversionOut),
            skipped: z.array(
              z.object({
                merchant_id: z.string(),
                reason: z.enum(['on_hold', 'nothing_due', 'negative_balance', 'below_minimum', 'no_payout_account']),
                balance: Money,
              }),
            ),
          }),
        },
      },
    },
    async (req, reply) => {
      const r = await preparePayoutBatch(req.ctx, req.body.currency);
      const items = r.batch ? await batchItems(req.ctx, r.batch.id) : undefined;
      return reply.code(201).send({
        object: 'payout_run' as const,
        batch: r.batch ? batchOut(r.batch, items) : null,
        conversions: r.conversions.map(conversionOut),
        skipped: r.skipped.map((s) => ({ merchant_id: s.merchant_id, reason: s.reason, balance: m(s.balance, req.body.currency) })),
      });
    },
  );

  app.get(
    '/v1/payout-batches',
    {
      config: { access: financeReaders },
      schema: {
        tags: tag,
        summary: 'Payout batches',
        querystring: listQuerySchema.extend({ status: z.enum(PAYOUT_BATCH_STATUSES).optional() }),
        response: { 200: listResponseSchema(BatchOut) },
      },
    },
    async (req) => {
      const { status, ...q } = req.query;
      return toListResponse(await listPayoutBatches(req.ctx, { status }, q), req.url, (b) => batchOut(b));
    },
  );

  app.get(
    '/v1/payout-batches/:id',
    {
      config: { access: financeReaders },
      schema: { tags: tag, summary: 'A payout batch with its payouts', params: z.object({ id: z.string() }), response: { 200: BatchOut } },
    },
    async (req) => batchOut(await getPayoutBatch(req.ctx, req.params.id), await batchItems(req.ctx, req.params.id)),
  );

  for (const [action, summary, fn] of [
    ['approve', 'Approve a draft batch (a second finance operator)', approvePayoutBatch],
    ['cancel', 'Cancel a draft batch: the money goes back to the merchants’ balances', cancelPayoutBatch],
    ['send', 'Mark an approved batch sent: its bank file was uploaded to the bank', markPayoutBatchSent],
  ] as const) {
    app.post(
      `/v1/payout-batches/:id/${action}`,
      {
        config: { access: finance },
        schema: { tags: tag, summary, params: z.object({ id: z.string() }), response: { 200: BatchOut } },
      },
      async (req) => batchOut(await fn(req.ctx, req.params.id), await batchItems(req.ctx, req.params.id)),
    );
  }

  app.get(
    '/v1/payout-batches/:id/file',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'The batch’s bank file',
        description: 'ABA (Cemtex) direct entry file for AUD, bulk-payment CSV for NZD; once the batch is approved.',
        params: z.object({ id: z.string() }),
      },
    },
    async (req, reply) => {
      const f = await bankFile(req.ctx, req.params.id);
      return reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).send(f.body);
    },
  );

  app.post(
    '/v1/payout-batches/:id/confirmations',
    {
      config: { access: finance },
      schema: {
        tags: tag,
        summary: 'Record the bank’s answer',
        description:
          'Per payout: paid (it leaves the platform’s bank account) or failed (its money goes back to the merchant’s balance). When every payout has its answer the batch is confirmed, or failed if none was paid.',
        params: z.object({ id: z.string() }),
        body: z.object({
          items: z
            .array(
              z.object({
                payout_id: z.string(),
                status: z.enum(['paid', 'failed']),
                amount: minor.optional().describe('What the bank reports, when it differs: reconciliation lists the difference'),
                reason: z.string().max(200).optional(),
              }),
            )
            .min(1)
            .max(10_000),
        }),
        response: { 200: BatchOut },
      },
    },
    async (req) => {
      const r = await confirmPayouts(req.ctx, req.params.id, req.body.items);
      return batchOut(r.batch, r.items);
    },
  );

  app.get(
    '/v1/settlement/reconciliation',
    {
      config: { access: financeReaders },
      schema: {
        tags: tag,
        summary: 'Reconciliation: ledger vs payouts vs bank',
        description:
          'The totals the ledger, the payouts and the bank’s answers hold for a currency, and every difference: another amount confirmed, no answer after three days, a missing ledger transfer, money in transit that the open payouts do not explain.',
        querystring: z.object({ currency: z.enum(['AUD', 'NZD']) }),
        response: {
          200: z.object({
            object: z.literal('reconciliation'),
            currency: z.string(),
            generated_at: z.string(),
            in_transit: Money,
            totals: z.record(z.string(), Money),
            differences: z.array(
              z.object({
                kind: z.enum(['amount_mismatch', 'unconfirmed', 'ledger_missing', 'in_transit_mismatch']),
                payout_id: z.string().optional(),
                batch_id: z.string().optional(),
                expected: z.string(),
                actual: z.string(),
                message: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const c = req.query.currency;
      const r = await reconciliation(req.ctx, c);
      return {
        object: 'reconciliation' as const,
        currency: c,
        generated_at: r.generated_at.toISOString(),
        in_transit: m(r.in_transit, c),
        totals: Object.fromEntries(Object.entries(r.totals).map(([k, v]) => [k, m(v, c)])),
        differences: r.differences,
      };
    },
  );
}

export const settlementModule: HttpModule = {
  name: 'settlement',
  tag: {
    name: 'settlement',
    description: 'Merchant settlement: commission and fees, balances, payout batches with bank files, reconciliation',
  },
  routes,
};
