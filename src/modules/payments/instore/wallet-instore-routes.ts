// HTTP for the shopper's side of in-store payments: the wallet's payment code (and its
// no-confirmation limit), scanning a till's QR, paying or confirming, and their own payments.
import bwipjs from 'bwip-js';
import type { FastifyInstance } from 'fastify';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../kernel/context.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../../kernel/http/pagination.ts';
import { typed } from '../../../kernel/http/server.ts';
import { merchantStatuses } from '../../merchants/service.ts';
import { NO_CONFIRMATION_LIMIT_MAX_CNY } from './codes.ts';
import { currentPaymentCode, type PaymentCodeSettings, setNoConfirmationLimit } from './payment-codes.ts';
import { idParams, Money } from './payment-routes.ts';
import { getShopperInstorePayment, type InstorePayment, listInstorePayments, payInstorePayment, scanInstoreQr } from './payments.ts';
import { statusAt } from './rules.ts';
import { INSTORE_FLOWS, INSTORE_PAYMENT_STATUSES, stores } from './schema.ts';

const m = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });
const shopper = { shopper: true } as const;
const limitOut = (s: PaymentCodeSettings) => (s.noConfirmationLimit === null ? null : m(s.noConfirmationLimit, 'CNY'));

const PaymentCodeOut = z
  .object({
    object: z.literal('payment_code'),
    code: z.string().describe('18 digits for the till to scan; a new one every minute, good for one payment'),
    refresh_at: z.string().describe('When the wallet should show the next code'),
    expires_at: z.string().describe('When tills stop taking this code'),
    image_url: z.string().describe('The code as a barcode (`?symbology=code128`, default) or a QR (`?symbology=qrcode`), PNG'),
    no_confirmation_limit: Money.nullable().describe('Code payments up to this (CNY) need no confirmation; null: every one is confirmed'),
    max_no_confirmation_limit: Money,
  })
  .meta({ id: 'PaymentCode' });

const WalletInstorePaymentOut = z
  .object({
    id: z.string(),
    object: z.literal('instore_payment'),
    flow: z.enum(INSTORE_FLOWS),
    status: z.enum(INSTORE_PAYMENT_STATUSES),
    merchant: z.object({ id: z.string(), name: z.string() }),
    store: z.object({ id: z.string(), name: z.string(), city: z.string() }),
    reference: z.string(),
    amount: Money.describe('In the store’s currency'),
    charge: Money.nullable().describe('What you pay (paid) in CNY'),
    fx_rate: z.string().nullable(),
    expires_at: z.string(),
    paid_at: z.string().nullable(),
    receipt_number: z.string().nullable(),
    refunded: Money,
    charge_refunded: Money,
    created_at: z.string(),
  })
  .meta({ id: 'WalletInstorePayment', description: 'An in-store payment as the shopper sees it.' });

type WalletPaymentOut = z.output<typeof WalletInstorePaymentOut>;

/** Merchant and store names of payments, read once per page. */
async function namesOf(ctx: Ctx, rows: InstorePayment[]) {
  const merchants = new Map((await merchantStatuses(ctx, [...new Set(rows.map((r) => r.merchantId))])).map((x) => [x.id, x.name]));
  const storeIds = [...new Set(rows.map((r) => r.storeId))];
  const storeRows = storeIds.length ? await ctx.db.select().from(stores).where(inArray(stores.id, storeIds)) : [];
  return { merchants, stores: new Map(storeRows.map((s) => [s.id, s])) };
}

function walletPaymentOut(ctx: Ctx, p: InstorePayment, names: Awaited<ReturnType<typeof namesOf>>): WalletPaymentOut {
  const store = names.stores.get(p.storeId);
  return {
    id: p.id,
    object: 'instore_payment',
    flow: p.flow,
    status: statusAt(p.status, p.expiresAt, ctx.rt.clock.now()),
    merchant: { id: p.merchantId, name: names.merchants.get(p.merchantId) ?? '' },
    store: { id: p.storeId, name: store?.name ?? '', city: store?.city ?? '' },
    reference: p.reference,
    amount: m(p.amount, p.currency),
    charge: p.chargeAmount === null ? null : m(p.chargeAmount, p.chargeCurrency),
    fx_rate: p.fxRate,
    expires_at: p.expiresAt.toISOString(),
    paid_at: p.paidAt?.toISOString() ?? null,
    receipt_number: p.receiptNumber,
    refunded: m(p.refundedAmount, p.currency),
    charge_refunded: m(p.chargeRefunded, p.chargeCurrency),
    created_at: p.createdAt.toISOString(),
  };
}

async function oneOut(ctx: Ctx, p: InstorePayment): Promise<WalletPaymentOut> {
  return walletPaymentOut(ctx, p, await namesOf(ctx, [p]));
}

export function walletInstoreRoutes(root: FastifyInstance): void {
  const app = typed(root);

  app.get(
    '/v1/wallet/payment-code',
    {
      config: { access: shopper },
      schema: {
        tags: ['instore'],
        summary: 'Your payment code',
        description:
          'The code to show a till (付款码): 18 digits that change every minute and pay once. For a CNY wallet whose owner verified their identity.',
        response: { 200: PaymentCodeOut },
      },
    },
    async (req) => {
      const c = await currentPaymentCode(req.ctx);
      return {
        object: 'payment_code' as const,
        code: c.code,
        refresh_at: c.refreshAt.toISOString(),
        expires_at: c.expiresAt.toISOString(),
        image_url: '/v1/wallet/payment-code.png',
        no_confirmation_limit: limitOut(c.settings),
        max_no_confirmation_limit: m(NO_CONFIRMATION_LIMIT_MAX_CNY, 'CNY'),
      };
    },
  );

  app.get(
    '/v1/wallet/payment-code.png',
    {
      config: { access: shopper },
      schema: {
        tags: ['instore'],
        summary: 'Your payment code as an image (PNG)',
        description: 'The current code as a Code 128 barcode (default) or a QR code, for the till’s scanner.',
        querystring: z.object({ symbology: z.enum(['code128', 'qrcode']).default('code128') }),
        produces: ['image/png'],
      },
    },
    async (req, reply) => {
      const c = await currentPaymentCode(req.ctx);
      const png =
        req.query.symbology === 'qrcode'
          ? await bwipjs.toBuffer({ bcid: 'qrcode', text: c.code, scale: 5, paddingwidth: 4, paddingheight: 4 })
          : await bwipjs.toBuffer({ bcid: 'code128', text: c.code, scale: 3, height: 15, includetext: true, paddingwidth: 10 });
      reply.header('cache-control', 'no-store');
      reply.type('image/png');
      return png;
    },
  );

  app.post(
    '/v1/wallet/payment-code/settings',
    {
      config: { access: shopper },
      schema: {
        tags: ['instore'],
        summary: 'Set your no-confirmation limit',
        description: `Code payments up to this CNY amount go through without confirming in the wallet; above it you confirm each. 0 or null: confirm every one. At most ${NO_CONFIRMATION_LIMIT_MAX_CNY / 100n} CNY.`,
        body: z.object({
          no_confirmation_limit: z
            .object({ amount: z.string().regex(/^(0|[1-9]\d{0,11})$/, 'a whole number of fen, as a string'), currency: z.literal('CNY') })
            .nullable(),
        }),
        response: {
          200: PaymentCodeOut.omit({ code: true, refresh_at: true, expires_at: true }).extend({
            object: z.literal('payment_code_settings'),
          }),
        },
      },
    },
    async (req) => {
      const l = req.body.no_confirmation_limit;
      const s = await setNoConfirmationLimit(req.ctx, l === null ? null : BigInt(l.amount));
      return {
        object: 'payment_code_settings' as const,
        image_url: '/v1/wallet/payment-code.png',
        no_confirmation_limit: limitOut(s),
        max_no_confirmation_limit: m(NO_CONFIRMATION_LIMIT_MAX_CNY, 'CNY'),
      };
    },
  );

  app.post(
    '/v1/wallet/instore/scan',
    {
      config: { access: shopper },
      schema: {
        tags: ['instore'],
        summary: 'Scan a till’s QR',
        description:
          'What the QR asks you to pay: the shop, the amount in its currency and in CNY at a quote locked for you (pay with its `quote.id` before it ' +
          'expires). An expired request is `409 payment_expired`, a paid one `409 already_paid`, a QR not made by Tasman `400 invalid_qr`.',
        body: z.object({ payload: z.string().min(1).max(512).describe('The QR’s text, `tasman://pay/isp_…?e=…&a=…&c=…&s=…`') }),
        response: {
          200: z
            .object({
              object: z.literal('instore_payment_preview'),
              payment: WalletInstorePaymentOut,
              charge: Money.describe('What you pay in CNY at the quote'),
              quote: z.object({ id: z.string(), rate: z.string(), expires_at: z.string() }),
            })
            .meta({ id: 'InstorePaymentPreview' }),
        },
      },
    },
    async (req) => {
      const s = await scanInstoreQr(req.ctx, req.body.payload);
      const names = { merchants: new Map([[s.payment.merchantId, s.merchantName]]), stores: new Map([[s.store.id, s.store]]) };
      return {
        object: 'instore_payment_preview' as const,
        payment: walletPaymentOut(req.ctx, s.payment, names),
        charge: m(s.charge, 'CNY'),
        quote: { id: s.quote.id, rate: s.quote.rate, expires_at: s.quote.expiresAt.toISOString() },
      };
    },
  );

  app.post(
    '/v1/wallet/instore/payments/:id/confirm',
    {
      config: { access: shopper },
      schema: {
        tags: ['instore'],
        summary: 'Pay or confirm an in-store payment',
        description:
          'Pays a scanned request (`requires_payment`, at the quote from the scan or one locked now), or confirms a code payment above your ' +
          'no-confirmation limit (`requires_confirmation`, at the CNY the till showed). Short of funds: `402 insufficient_funds`.',
        params: idParams,
        body: z.object({ quote_id: z.string().max(64).optional() }),
        response: { 200: WalletInstorePaymentOut },
      },
    },
    async (req) => oneOut(req.ctx, await payInstorePayment(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/v1/wallet/instore/payments',
    {
      config: { access: shopper },
      schema: {
        tags: ['instore'],
        summary: 'Your in-store payments',
        description: 'Newest first; `status=requires_confirmation` lists those waiting for you.',
        querystring: listQuerySchema.extend({ status: z.enum(INSTORE_PAYMENT_STATUSES).optional() }),
        response: { 200: listResponseSchema(WalletInstorePaymentOut) },
      },
    },
    async (req) => {
      const { status, ...q } = req.query;
      const page = await listInstorePayments(req.ctx, { status }, q);
      const names = await namesOf(req.ctx, page.data);
      return toListResponse(page, req.url, (p) => walletPaymentOut(req.ctx, p, names));
    },
  );

  app.get(
    '/v1/wallet/instore/payments/:id',
    {
      config: { access: shopper },
      schema: { tags: ['instore'], summary: 'One of your in-store payments', params: idParams, response: { 200: WalletInstorePaymentOut } },
    },
    async (req) => oneOut(req.ctx, await getShopperInstorePayment(req.ctx, req.params.id)),
  );
}
