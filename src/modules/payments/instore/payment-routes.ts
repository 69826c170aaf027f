// HTTP for in-store payments at the till: a POS key creates payments (a QR request, or a charge
// of the shopper's code), polls them, cancels and refunds them, prints receipts and the day's
// takings. The merchant's staff and keys with `instore:read` see every store's; a POS key its own
// store's; operators all.
import bwipjs from 'bwip-js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../../kernel/http/pagination.ts';
import { typed } from '../../../kernel/http/server.ts';
import {
  createInstorePayment,
  getInstorePayment,
  type InstorePayment,
  type InstoreRefund,
  listInstorePayments,
  qrOf,
  refundsOf,
} from './payments.ts';
import { dailyReport, paymentReceipt, receiptText } from './receipts.ts';
import { cancelInstorePayment, refundInstorePayment } from './till-refunds.ts';
import { DEFAULT_EXPIRES_IN_S, MAX_EXPIRES_IN_S, MIN_EXPIRES_IN_S, statusAt } from './rules.ts';
import { INSTORE_FLOWS, INSTORE_PAYMENT_STATUSES } from './schema.ts';

export const Money = z.object({ amount: z.string(), currency: z.string() });
export const minorUnits = z.string().regex(/^[1-9]\d{0,11}$/, 'a positive whole number of minor units, as a string');
const m = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });
export const idParams = z.object({ id: z.string().max(64) });

const InstoreRefundOut = z
  .object({
    id: z.string(),
    object: z.literal('instore_refund'),
    payment_id: z.string(),
    till_id: z.string().describe('The till that gave the refund'),
    amount: Money.describe('In the store’s currency'),
    charge: Money.describe('The CNY given back to the shopper’s wallet: the charge’s share of the refunded total'),
    reason: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'InstoreRefund' });

const refundOut = (r: InstoreRefund): z.output<typeof InstoreRefundOut> => ({
  id: r.id,
  object: 'instore_refund',
  payment_id: r.paymentId,
  till_id: r.tillId,
  amount: m(r.amount, r.currency),
  charge: m(r.chargeAmount, 'CNY'),
  reason: r.reason,
  created_at: r.createdAt.toISOString(),
});

const InstorePaymentOut = z
  .object({
    id: z.string(),
    object: z.literal('instore_payment'),
    flow: z
      .enum(INSTORE_FLOWS)
      .describe('`merchant_qr`: the shopper scanned the till’s QR; `shopper_code`: the till scanned the shopper’s code'),
    status: z.enum(INSTORE_PAYMENT_STATUSES),
    merchant_id: z.string(),
    store_id: z.string(),
    till_id: z.string(),
    reference: z.string().describe('The till’s own reference'),
    amount: Money.describe('What the till asked for, in the store’s currency (AUD or NZD)'),
    charge: Money.nullable().describe('What the shopper pays in CNY at the locked quote; null until a quote is locked'),
    fx_quote_id: z.string().nullable(),
    fx_rate: z.string().nullable().describe('CNY → store currency customer rate of the quote'),
    expires_at: z.string(),
    paid_at: z.string().nullable(),
    canceled_at: z.string().nullable(),
    receipt_number: z.string().nullable(),
    refunded: Money,
    charge_refunded: Money,
    commission: Money.describe('The platform’s commission on the sale (CNY); what refunds gave back of it is `commission_refunded`'),
    commission_refunded: Money,
    fee: Money.describe('The payment fee (CNY); refunds do not give it back'),
    refunds: z.array(InstoreRefundOut),
    qr: z
      .object({ payload: z.string(), png_url: z.string() })
      .nullable()
      .describe('merchant_qr while it waits for payment: the signed text to show as a QR, and a PNG of it'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'InstorePayment', description: 'A payment at a till, paid from a shopper’s CNY wallet.' });

type PaymentOut = z.output<typeof InstorePaymentOut>;

function paymentOut(req: { ctx: Parameters<typeof qrOf>[0] }, p: InstorePayment, refunds: InstoreRefund[]): PaymentOut {
  const status = statusAt(p.status, p.expiresAt, req.ctx.rt.clock.now());
  return {
    id: p.id,
    object: 'instore_payment',
    flow: p.flow,
    status,
    merchant_id: p.merchantId,
    store_id: p.storeId,
    till_id: p.tillId,
    reference: p.reference,
    amount: m(p.amount, p.currency),
    charge: p.chargeAmount === null ? null : m(p.chargeAmount, p.chargeCurrency),
    fx_quote_id: p.fxQuoteId,
    fx_rate: p.fxRate,
    expires_at: p.expiresAt.toISOString(),
    paid_at: p.paidAt?.toISOString() ?? null,
    canceled_at: p.canceledAt?.toISOString() ?? null,
    receipt_number: p.receiptNumber,
    refunded: m(p.refundedAmount, p.currency),
    charge_refunded: m(p.chargeRefunded, p.chargeCurrency),
    commission: m(p.commissionAmount, p.chargeCurrency),
    commission_refunded: m(p.commissionRefunded, p.chargeCurrency),
    fee: m(p.feeAmount, p.chargeCurrency),
    refunds: refunds.map(refundOut),
    qr:
      p.flow === 'merchant_qr' && status === 'requires_payment'
        ? { payload: qrOf(req.ctx, p), png_url: `/v1/instore/payments/${p.id}/qr.png` }
        : null,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

const Totals = z.object({
  payments: z.number().int(),
  refunds: z.number().int(),
  gross: Money,
  refunded: Money,
  net: Money,
  gross_cny: Money,
  refunded_cny: Money,
  net_cny: Money,
  commission: Money.describe('Commission on the day’s payments less what the day’s refunds gave back (CNY)'),
  fees: Money,
  to_merchant_balance: Money.describe('net_cny − commission − fees: what the day added to the merchant’s CNY balance'),
});

const StoreDayOut = z.object({
  store_id: z.string(),
  name: z.string(),
  date: z.string().describe('The business day, in the store’s time zone'),
  time_zone: z.string(),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  totals: Totals,
  tills: z.array(Totals.extend({ till_id: z.string(), name: z.string() })),
});

const ReceiptLine = z.object({ key: z.string(), zh: z.string(), en: z.string(), value: z.string() });
export const ReceiptOut = z
  .object({
    object: z.literal('instore_receipt'),
    receipt_number: z.string(),
    payment_id: z.string(),
    merchant: z.object({ id: z.string(), name: z.string() }),
    store: z.object({ id: z.string(), name: z.string(), address_line: z.string(), city: z.string(), country: z.string() }),
    till: z.object({ id: z.string(), name: z.string() }),
    reference: z.string(),
    flow: z.enum(INSTORE_FLOWS),
    paid_at: z.string(),
    local_time: z.string().describe('When it was paid, on the store’s clock (`YYYY-MM-DD HH:mm`)'),
    time_zone: z.string(),
    amount: Money,
    charge: Money,
    fx_rate: z.string(),
    refunds: z.array(z.object({ id: z.string(), amount: Money, charge: Money, created_at: z.string() })),
    net: Money,
    charge_net: Money,
    lines: z.array(ReceiptLine).describe('What to print, each line in Chinese and English'),
  })
  .meta({ id: 'InstoreReceipt' });

/** Who reads payments: operators, the merchant's staff, keys with `instore:read` (a POS key: its own store's). */
const read = { operator: 'any', merchant: 'any', apiKey: 'instore:read' } as const;
/** Who cancels and refunds: the store's POS keys and the merchant's owner and managers. */
const act = { merchant: ['owner', 'manager'], apiKey: 'instore:write' } as const;

export function instorePaymentRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.post(
    '/v1/instore/payments',
    {
      config: { access: { apiKey: 'instore:write' } },
      schema: {
        tags: ['instore'],
        summary: 'Take a payment at the till',
        description:
          'With `payment_code` (the 18 digits scanned from the shopper’s wallet) the till charges that code: paid at once (`succeeded`) up to the shopper’s ' +
          'no-confirmation limit, above it `requires_confirmation` until the shopper confirms in the wallet. Without it, a request the shopper ' +
          'pays by scanning the QR in `qr` (`requires_payment`). The amount is in the store’s currency; the shopper pays CNY at a locked quote. ' +
          'A code is good once and for about two minutes: `payment_code_used`, `payment_code_expired`, `payment_code_invalid`.',
        body: z.object({
          amount: z
            .object({ amount: minorUnits, currency: z.string().length(3) })
            .describe('In the store’s currency: AUD in Australia, NZD in New Zealand'),
          reference: z.string().trim().min(1).max(64).describe('The till’s own sale or docket number'),
          expires_in: z
            .number()
            .int()
            .min(MIN_EXPIRES_IN_S)
            .max(MAX_EXPIRES_IN_S)
            .optional()
            .describe(`Seconds the shopper has to pay or confirm (default ${DEFAULT_EXPIRES_IN_S})`),
          payment_code: z
            .string()
            .regex(/^\d{18}$/, '18 digits')
            .optional(),
        }),
        response: { 201: InstorePaymentOut },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const p = await createInstorePayment(req.ctx, {
        amount: BigInt(b.amount.amount),
        currency: b.amount.currency,
        reference: b.reference,
        expires_in: b.expires_in,
        payment_code: b.payment_code,
      });
      return reply.code(201).send(paymentOut(req, p, []));
    },
  );

  app.get(
    '/v1/instore/payments',
    {
      config: { access: read },
      schema: {
        tags: ['instore'],
        summary: 'List in-store payments',
        description: 'Newest first. A POS key sees its own store’s; the merchant’s staff and keys every store’s; operators all.',
        querystring: listQuerySchema.extend({
          store_id: z.string().max(64).optional(),
          till_id: z.string().max(64).optional(),
          status: z.enum(INSTORE_PAYMENT_STATUSES).optional(),
        }),
        response: { 200: listResponseSchema(InstorePaymentOut) },
      },
    },
    async (req) => {
      const { store_id, till_id, status, ...q } = req.query;
      const page = await listInstorePayments(req.ctx, { store_id, till_id, status }, q);
      const refunds = await refundsOf(
        req.ctx,
        page.data.map((p) => p.id),
      );
      return toListResponse(page, req.url, (p) => paymentOut(req, p, refunds.get(p.id) ?? []));
    },
  );

  app.get(
    '/v1/instore/payments/:id',
    {
      config: { access: read },
      schema: {
        tags: ['instore'],
        summary: 'Retrieve an in-store payment',
        description: 'The till polls it to learn the outcome (or listens for `instore_payment.succeeded`).',
        params: idParams,
        response: { 200: InstorePaymentOut },
      },
    },
    async (req) => {
      const p = await getInstorePayment(req.ctx, req.params.id);
      return paymentOut(req, p, (await refundsOf(req.ctx, [p.id])).get(p.id) ?? []);
    },
  );

  app.get(
    '/v1/instore/payments/:id/qr.png',
    {
      config: { access: read },
      schema: {
        tags: ['instore'],
        summary: 'The QR of a payment request (PNG)',
        description: 'For a `merchant_qr` payment: the signed payload as a QR code, for the till’s customer display.',
        params: idParams,
        produces: ['image/png'],
      },
    },
    async (req, reply) => {
      const p = await getInstorePayment(req.ctx, req.params.id);
      const png = await bwipjs.toBuffer({ bcid: 'qrcode', text: qrOf(req.ctx, p), scale: 4, paddingwidth: 4, paddingheight: 4 });
      reply.header('cache-control', 'no-store');
      reply.type('image/png');
      return png;
    },
  );

  app.post(
    '/v1/instore/payments/:id/cancel',
    {
      config: { access: act },
      schema: {
        tags: ['instore'],
        summary: 'Cancel an unpaid in-store payment',
        description:
          'One waiting for the shopper (`requires_payment`, `requires_confirmation`); a paid one is refunded instead (`409 invalid_state`).',
        params: idParams,
        response: { 200: InstorePaymentOut },
      },
    },
    async (req) => paymentOut(req, await cancelInstorePayment(req.ctx, req.params.id), []),
  );

  app.post(
    '/v1/instore/payments/:id/refunds',
    {
      config: { access: act },
      schema: {
        tags: ['instore'],
        summary: 'Refund an in-store payment',
        description:
          'In full or in part, in the store’s currency. The shopper gets the CNY share back in their wallet (refunds adding up to the whole ' +
          'give back exactly the CNY charged); more than is left is `400 refund_exceeds_payment` with `refundable`.',
        params: idParams,
        body: z.object({
          amount: z.object({ amount: minorUnits, currency: z.string().length(3) }),
          reason: z.string().trim().max(200).optional(),
        }),
        response: { 201: InstoreRefundOut.extend({ payment: InstorePaymentOut }) },
      },
    },
    async (req, reply) => {
      const { payment, refund } = await refundInstorePayment(req.ctx, req.params.id, {
        amount: BigInt(req.body.amount.amount),
        currency: req.body.amount.currency,
        reason: req.body.reason,
      });
      const refunds = (await refundsOf(req.ctx, [payment.id])).get(payment.id) ?? [];
      return reply.code(201).send({ ...refundOut(refund), payment: paymentOut(req, payment, refunds) });
    },
  );

  app.get(
    '/v1/instore/payments/:id/receipt',
    {
      config: { access: { ...read, shopper: true } },
      schema: {
        tags: ['instore'],
        summary: 'The receipt of an in-store payment',
        description: 'Bilingual (Chinese and English) lines to print or show, with its refunds. The shopper who paid may read it too.',
        params: idParams,
        response: { 200: ReceiptOut },
      },
    },
    async (req) => paymentReceipt(req.ctx, req.params.id),
  );

  app.get(
    '/v1/instore/payments/:id/receipt.txt',
    {
      config: { access: { ...read, shopper: true } },
      schema: {
        tags: ['instore'],
        summary: 'The receipt as text for a till printer',
        params: idParams,
        produces: ['text/plain'],
      },
    },
    async (req, reply) => {
      reply.type('text/plain; charset=utf-8');
      return receiptText(await paymentReceipt(req.ctx, req.params.id));
    },
  );

  app.get(
    '/v1/instore/reports/daily',
    {
      config: { access: read },
      schema: {
        tags: ['instore'],
        summary: 'Daily till report',
        description:
          'Each store’s takings on one business day in its own time zone (default: today there): payments paid that day, refunds given that day, ' +
          'in the store’s currency and in CNY, commission and fees, in all and per till. A POS key gets its own store; operators name `store_id`.',
        querystring: z.object({
          date: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
            .optional(),
          store_id: z.string().max(64).optional(),
        }),
        response: {
          200: z.object({ object: z.literal('instore_daily_report'), stores: z.array(StoreDayOut) }).meta({ id: 'InstoreDailyReport' }),
        },
      },
    },
    async (req) => ({ object: 'instore_daily_report' as const, stores: await dailyReport(req.ctx, req.query) }),
  );
}
