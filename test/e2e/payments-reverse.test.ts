// The reverse flow of the corridor (PRODUCT.md: "Shopper in Australia / NZ — pay AUD/NZD with GST
// shown, buy from Chinese sellers"): a seller in China settling in CNY, a shopper in Australia with
// no Chinese identity who tops up an AUD wallet by card (the real-name rule X3 is China's, for CBEC
// payments), an intent priced in CNY and charged in AUD with its parts (goods at the AUD prices the
// shopper saw, shipping, GST collected at sale — X4) paid at a locked AUD→CNY quote; the release
// routes the goods to the merchant's AUD balance less commission and payment fee (converted into
// CNY on payout day, not at release), the shipping to logistics revenue in AUD and the GST to what
// is payable to the ATO; refunds give AUD back from where each part went. A buyer
// in China still needs a verified identity and pays CNY intents only; wallets and intents must be in
// one currency (`currency_mismatch`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/kernel/context.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import {
  createPaymentIntent,
  customsPaymentData,
  type IntentInput,
  type PaymentIntent,
  payPaymentIntents,
} from '../../src/modules/payments/intents.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { createRefund } from '../../src/modules/payments/refunds.ts';
import { percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken, type Res } from '../support/http.ts';
import { balanceOf as ledgerBalance } from '../support/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let admin: string;
/** A seller in China (country CN, approved, settling in CNY) and an Australian merchant. */
let seller: MerchantFixture;
let anzMerchant: MerchantFixture;
/** A shopper in Australia with no identity, one in New Zealand, and a verified buyer in China. */
let au: { id: string; token: string; ctx: Ctx };
let nz: { id: string; token: string; ctx: Ctx };
let cn: { id: string; token: string; ctx: Ctx };

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const BUYER = { name: '李伟', id_number: idNumber('11010519491231002') };
const VISA = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };
/**
 * CNY 199.00 of goods (lines CNY 120.00 + 79.00) shown to the shopper line by line at the AUD→CNY
 * customer rate 4.6765 (mid 4.7 less 50 bps), each rounded up: ⌈12000 / 4.6765⌉ + ⌈7900 / 4.6765⌉
 * = 25.67 + 16.90 = AUD 42.57; shipping AUD 8.00; GST 10 % of (42.57 + 8.00) = AUD 5.06.
 */
const PRICE = 19_900n;
const PARTS = { goods: 4_257n, shipping: 800n, tax: 506n };
const CHARGE = PARTS.goods + PARTS.shipping + PARTS.tax;
const RATE = '4.6765';
/**
 * Taken from the goods at release, in AUD (an intent with no platform order: one line of all the
 * goods at the default 5 %; the payment fee 0.6 %): 5 % of 42.57 = 2.1285 → 2.13, 0.6 % = 0.2554 → 0.26.
 */
const COMMISSION = percentOf(PARTS.goods, 500);
const FEE = percentOf(PARTS.goods, 60);

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
const api = (method: string, url: string, o: Parameters<typeof call>[3] = {}): Promise<Res<any>> => call(p, method, url, o);
const walletOf = async (token: string) => (await api('GET', '/v1/wallet', { token })).body;
const balance = async (token: string) => BigInt((await walletOf(token)).balance.amount);

const balanceOf = (key: string) => ledgerBalance(p, key);

const keys = () => ({
  escrow: `escrow:${seller.id}:AUD`,
  /** The seller's balance in the charge currency: what a release credits. */
  pending: `merchant_pending:${seller.id}:AUD`,
  /** Its balance in its settlement currency: only payouts convert into it. */
  pendingCny: `merchant_pending:${seller.id}:CNY`,
  commission: 'commission_revenue:AUD',
  fee: 'payment_fee_revenue:AUD',
  fxAud: 'fx_position:AUD',
  fxCny: 'fx_position:CNY',
  logistics: 'logistics_revenue:AUD',
  gst: 'gst_payable:AUD',
  customsTax: 'customs_tax_payable:CNY',
});
type Balances = Record<keyof ReturnType<typeof keys>, bigint> & { wallet: bigint };

async function balances(): Promise<Balances> {
  const out = { wallet: await balance(au.token) } as Balances;
  for (const [name, key] of Object.entries(keys())) out[name as keyof ReturnType<typeof keys>] = await balanceOf(key);
  return out;
}

/** What moved between two snapshots, leaving out what did not. */
function moved(before: Balances, after: Balances): Partial<Balances> {
  const d: Partial<Balances> = {};
  for (const name of Object.keys(after) as (keyof Balances)[]) {
    if (after[name] !== before[name]) d[name] = after[name] - before[name];
  }
  return d;
}

async function shopper(country: 'CN' | 'AU' | 'NZ') {
  const s = await createShopper(p, country);
  return { ...s, ctx: { ...p.ctx(), principal: { kind: 'shopper' as const, id: s.id, country, sessionId: '' } } };
}

async function topUp(token: string, amount: string): Promise<Res> {
  const r = await api('POST', '/v1/wallet/top-ups', { token, body: { amount, card: VISA } });
  await p.runJobs();
  return r;
}

/** An approved merchant in mainland China. */
const chineseSeller = (name: string) => createMerchant(p, admin, name, 'CN');

let orderNo = 0;
/** What the checkout does for an AU shopper's order with a seller in China: priced in CNY, charged in AUD with its parts. */
function reverseIntent(over: Partial<IntentInput> = {}): Promise<PaymentIntent> {
  return createPaymentIntent(p.ctx(), {
    merchant_id: seller.id,
    order_reference: `REV-${++orderNo}`,
    amount: PRICE,
    currency: 'CNY',
    charge_currency: 'AUD',
    charge: PARTS,
    ...over,
  });
}

async function paidReverse(over: Partial<IntentInput> = {}): Promise<PaymentIntent> {
  const pi = await reverseIntent(over);
  const [paid] = await payPaymentIntents(au.ctx, [pi.id]);
  if (!paid) throw new Error('nothing paid');
  return paid;
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; param?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  p = await startPlatform();
  admin = await operatorToken(p);
  const fin = await operatorToken(p, 'finance');
  for (const [base, mid] of [
    ['AUD', '4.7'],
    ['NZD', '4.3'],
  ] as const) {
    const r = await api('POST', '/v1/fx/rates', { token: fin, body: { base, quote: 'CNY', mid, spread_bps: 50 } });
    expect(r.status, r.raw).toBe(201);
  }
  seller = await chineseSeller('义乌好物');
  anzMerchant = await createMerchant(p, admin, 'Manuka Bay Honey');
  au = await shopper('AU');
  nz = await shopper('NZ');
  cn = await shopper('CN');
  const v = await api('POST', '/v1/shopper/identity', {
    token: cn.token,
    body: { real_name: BUYER.name, id_number: BUYER.id_number, mobile: '13800138000' },
  });
  expect(v.status, v.raw).toBe(201);
  expect((await topUp(cn.token, '1000000')).status).toBe(201);
});
afterAll(() => p?.close());

describe('wallets of shoppers in Australia and New Zealand', () => {
  it('an AU shopper with no identity tops up AUD by test card (real-name is China’s rule)', async () => {
    expect(await walletOf(au.token)).toMatchObject({
      currency: 'AUD',
      balance: { amount: '0', currency: 'AUD' },
      identity_verified: false,
      identity_required: false,
    });
    const before = await balanceOf('acquirer_clearing:sandbox:AUD');
    const r = await topUp(au.token, '50000');
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ status: 'processing', amount: { amount: '50000', currency: 'AUD' }, card: { last4: '4242' } });
    expect((await api('GET', `/v1/wallet/top-ups/${r.body.id}`, { token: au.token })).body.status).toBe('succeeded');
    expect(await balance(au.token)).toBe(50_000n);
    expect((await balanceOf('acquirer_clearing:sandbox:AUD')) - before).toBe(50_000n);
    // NZ likewise, in NZD
    expect((await topUp(nz.token, '20000')).body.amount).toEqual({ amount: '20000', currency: 'NZD' });
    expect(await walletOf(nz.token)).toMatchObject({ balance: { amount: '20000', currency: 'NZD' }, identity_required: false });
  });

  it('a shopper in China still verifies their identity first', async () => {
    const unverified = await shopper('CN');
    expect(await walletOf(unverified.token)).toMatchObject({ currency: 'CNY', identity_verified: false, identity_required: true });
    const r = await api('POST', '/v1/wallet/top-ups', { token: unverified.token, body: { amount: '1000', card: VISA } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('identity_required');
  });
});

describe('an AU shopper pays a seller in China', () => {
  it('creates an intent priced CNY 199.00, charged in AUD with its parts, no buyer identity and no customs data', async () => {
    const pi = await reverseIntent();
    expect(pi).toMatchObject({
      chargeCurrency: 'AUD',
      settlementCurrency: 'CNY',
      buyerName: null,
      buyerIdIndex: null,
      buyerIdMasked: null,
    });
    const seen = await api('GET', `/v1/payment-intents/${pi.id}`, { token: admin });
    expect(seen.status, seen.raw).toBe(200);
    expect(seen.body).toMatchObject({
      amount: { amount: '19900', currency: 'CNY' },
      settlement_currency: 'CNY',
      charge_currency: 'AUD',
      buyer: null,
      charge: null,
      customs: null,
      amount_details: {
        goods: { amount: '4257', currency: 'AUD' },
        shipping: { amount: '800', currency: 'AUD' },
        tax: { amount: '506', currency: 'AUD' },
      },
      amount_refunded: { amount: '0', currency: 'AUD' },
    });
  });

  it('is paid from the AUD wallet at a locked AUD→CNY quote; the merchant is owed exactly the CNY price', async () => {
    const pi = await reverseIntent();
    // the quote an AU shopper locks: base AUD, quote CNY
    const q = await api('POST', `/v1/payment-intents/${pi.id}/quote`, { token: au.token });
    expect(q.status, q.raw).toBe(200);
    expect(q.body).toMatchObject({
      rate: RATE,
      charge: { amount: String(CHARGE), currency: 'AUD' },
      settlement: { amount: '19900', currency: 'CNY' },
    });
    const [quote] = await p.rt.database.query<{ base: string; quote: string }>('select base, quote from fx_quotes where id = $1', [
      q.body.quote_id,
    ]);
    expect(quote).toEqual({ base: 'AUD', quote: 'CNY' });
    const before = await balances();
    // the checkout's call: quotes keyed by settlement currency
    const [paid] = await payPaymentIntents(au.ctx, [pi.id], { quotes: { CNY: q.body.quote_id } });
    expect(paid).toMatchObject({
      status: 'succeeded',
      escrowStatus: 'held',
      chargeAmount: CHARGE,
      chargeCurrency: 'AUD',
      goodsCharge: PARTS.goods,
      settlementAmount: PRICE,
      fxQuoteId: q.body.quote_id,
      fxRate: RATE,
      payerShopperId: au.id,
    });
    expect(moved(before, await balances())).toEqual({ wallet: -CHARGE, escrow: CHARGE });
    expect(customsPaymentData(p.ctx(), paid as PaymentIntent)).toBeNull();
    const seen = (await api('GET', `/v1/payment-intents/${pi.id}`, { token: au.token })).body;
    expect(seen).toMatchObject({
      charge: { amount: String(CHARGE), currency: 'AUD' },
      settlement: { amount: '19900', currency: 'CNY' },
      fx: { quote_id: q.body.quote_id, pair: 'AUD/CNY', rate: RATE },
      buyer: null,
      customs: null,
      payer: au.id,
    });
    // the ledger transfer is in AUD, wallet → the seller's AUD escrow
    const [t] = await p.rt.database.query<{ currency: string; amount: string }>(
      'select currency, amount::text as amount from ledger_transfers where id = $1',
      [`payment:${pi.id}`],
    );
    expect(t).toEqual({ currency: 'AUD', amount: String(CHARGE) });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('release: goods → the seller’s AUD balance less commission and fee (no FX until payout), shipping → AUD logistics revenue, GST → gst_payable:AUD', async () => {
    const paid = await paidReverse();
    const before = await balances();
    const r = await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: au.token });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.escrow).toMatchObject({ status: 'released', release_reason: 'receipt_confirmed' });
    expect([COMMISSION, FEE]).toEqual([213n, 26n]);
    expect(moved(before, await balances())).toEqual({
      escrow: -CHARGE,
      pending: PARTS.goods - COMMISSION - FEE, // AUD 42.57 − 2.13 − 0.26 = 40.18; nothing in CNY, no FX position moves
      commission: COMMISSION,
      fee: FEE,
      logistics: PARTS.shipping,
      gst: PARTS.tax,
    });
    const released = await p.rt.database.query<{ id: string; currency: string; amount: string; batch_id: string | null }>(
      'select id, currency, amount::text as amount, batch_id from ledger_transfers where id like $1 order by id',
      [`release:${paid.id}:%`],
    );
    expect(released.map((t) => [t.id.split(':').at(-1), t.currency, t.amount])).toEqual([
      ['commission', 'AUD', String(COMMISSION)],
      ['fee', 'AUD', String(FEE)],
      ['goods', 'AUD', String(PARTS.goods)],
      ['shipping', 'AUD', String(PARTS.shipping)],
      ['tax', 'AUD', String(PARTS.tax)],
    ]);
    expect(new Set(released.map((t) => t.batch_id)).size).toBe(1);
    const events = (await api('GET', '/v1/events?type=escrow.released', { token: seller.apiKey })).body.data;
    const event = events.find((e: { data: { payment_intent_id: string } }) => e.data.payment_intent_id === paid.id);
    expect(event.data).toMatchObject({
      released: { amount: String(PARTS.goods), currency: 'AUD' },
      commission: { amount: String(COMMISSION), currency: 'AUD' },
      payment_fee: { amount: String(FEE), currency: 'AUD' },
      released_shipping: { amount: '800', currency: 'AUD' },
      released_tax: { amount: '506', currency: 'AUD' },
      amount_details: { currency: 'AUD' },
    });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('refunds after release by components: AUD back to the wallet, each part from where the release put it, the commission in proportion', async () => {
    const unpaid = await balances();
    const paid = await paidReverse();
    await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: au.token });
    const start = await balances();
    // a returned line: AUD 20.00 of goods and its GST share AUD 2.00. The commission comes back in proportion,
    // ½-up(213 × 2000 / 4257 = 100.07) = AUD 1.00, then the goods from the seller's AUD balance. The settlement
    // share, ½-up(19900 × 2000 / 4257) = CNY 93.49, is for reference only: no CNY moves.
    const firstCommission = refundShare({ charged: PARTS.goods, settlement: COMMISSION, refunded: 0n, settlementRefunded: 0n }, 2_000n);
    expect(firstCommission).toBe(100n);
    const first = await api('POST', '/v1/refunds', {
      token: admin,
      body: { payment_intent: paid.id, components: { goods: '2000', tax: '200' }, reason: 'returned' },
    });
    expect(first.status, first.raw).toBe(201);
    expect(first.body).toMatchObject({
      amount: { amount: '2200', currency: 'AUD' },
      amount_details: {
        goods: { amount: '2000', currency: 'AUD' },
        shipping: { amount: '0', currency: 'AUD' },
        tax: { amount: '200', currency: 'AUD' },
      },
      settlement_share: { amount: '9349', currency: 'CNY' },
      source: 'merchant',
    });
    const afterFirst = await balances();
    expect(moved(start, afterFirst)).toEqual({ wallet: 2_200n, pending: 100n - 2_000n, commission: -100n, gst: -200n });
    // the rest, split over what is left: every part in full, all the commission back; the fee stays taken
    const rest = await createRefund(p.ctx(), { payment_intent: paid.id, reason: 'requested_by_customer' });
    expect(rest).toMatchObject({
      amount: CHARGE - 2_200n,
      currency: 'AUD',
      goodsAmount: PARTS.goods - 2_000n,
      shippingAmount: PARTS.shipping,
      taxAmount: PARTS.tax - 200n,
      settlementAmount: PRICE - 9_349n,
      settlementCurrency: 'CNY',
    });
    expect(moved(start, await balances())).toEqual({
      wallet: CHARGE,
      pending: COMMISSION - PARTS.goods, // so since before the release: −FEE
      commission: -COMMISSION,
      logistics: -PARTS.shipping,
      gst: -PARTS.tax,
    });
    const more = await api('POST', '/v1/refunds', { token: admin, body: { payment_intent: paid.id, reason: 'other' } });
    expect(more.status).toBe(400);
    expect(more.body.error).toMatchObject({ code: 'refund_exceeds_payment', refundable: '0', currency: 'AUD' });
    const seen = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: au.token })).body;
    expect(seen.amount_refunded).toEqual({ amount: String(CHARGE), currency: 'AUD' });
    expect(seen.amount_refunded_details.tax).toEqual({ amount: '506', currency: 'AUD' });
    const [row] = await p.rt.database.query<{ commission_amount: string; fee_amount: string; commission_refunded: string }>(
      'select commission_amount::text, fee_amount::text, commission_refunded::text from payment_intents where id = $1',
      [paid.id],
    );
    expect(row).toEqual({ commission_amount: String(COMMISSION), fee_amount: String(FEE), commission_refunded: String(COMMISSION) });
    // Paid, released and refunded in full: the escrow, the revenue and the GST are as before; the seller paid the fee.
    expect(moved(unpaid, await balances())).toEqual({ pending: -FEE, fee: FEE });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('a refund before release comes out of the AUD escrow', async () => {
    const paid = await paidReverse();
    const before = await balances();
    const r = await createRefund(p.ctx(), { payment_intent: paid.id, reason: 'order_canceled' });
    expect(r).toMatchObject({ amount: CHARGE, currency: 'AUD', source: 'escrow' });
    expect(moved(before, await balances())).toEqual({ wallet: CHARGE, escrow: -CHARGE });
    expect((await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body.escrow.status).toBe('refunded');
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('an NZ shopper pays NZD: GST to gst_payable:NZD, the seller still owed CNY, credited NZD less commission and fee at release', async () => {
    // NZD→CNY 4.3 less 50 bps = 4.2785; lines shown: ⌈19900 / 4.2785⌉ = NZD 46.52, shipping NZD 9.00, GST 15 % of 55.52 = 8.33
    const parts = { goods: 4_652n, shipping: 900n, tax: 833n };
    const pi = await reverseIntent({ charge_currency: 'NZD', charge: parts });
    const pendingCny = await balanceOf(`merchant_pending:${seller.id}:CNY`);
    const pending = await balanceOf(`merchant_pending:${seller.id}:NZD`);
    const fx = [await balanceOf('fx_position:NZD'), await balanceOf('fx_position:CNY')];
    const [paid] = await payPaymentIntents(nz.ctx, [pi.id]);
    expect(paid).toMatchObject({ chargeCurrency: 'NZD', chargeAmount: 6_385n, settlementAmount: PRICE, fxRate: '4.2785' });
    expect(await balanceOf(`escrow:${seller.id}:NZD`)).toBe(6_385n);
    const r = await api('POST', `/v1/payment-intents/${pi.id}/confirm-receipt`, { token: nz.token });
    expect(r.status, r.raw).toBe(200);
    expect(await balanceOf('gst_payable:NZD')).toBe(833n);
    expect(await balanceOf('logistics_revenue:NZD')).toBe(900n);
    // Commission 5 % of NZD 46.52 = 2.326 → 2.33, fee 0.6 % = 0.2791 → 0.28, in NZD; nothing in CNY until payout.
    expect([percentOf(parts.goods, 500), percentOf(parts.goods, 60)]).toEqual([233n, 28n]);
    expect((await balanceOf(`merchant_pending:${seller.id}:NZD`)) - pending).toBe(4_652n - 233n - 28n);
    expect(await balanceOf('commission_revenue:NZD')).toBe(233n);
    expect(await balanceOf('payment_fee_revenue:NZD')).toBe(28n);
    expect(await balanceOf(`merchant_pending:${seller.id}:CNY`)).toBe(pendingCny);
    expect([await balanceOf('fx_position:NZD'), await balanceOf('fx_position:CNY')]).toEqual(fx);
    expect((await api('GET', `/v1/payment-intents/${pi.id}`, { token: admin })).body.settlement).toEqual({
      amount: String(PRICE),
      currency: 'CNY',
    });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('a seller in China creates an AUD intent through its own API, which the AU shopper pays through the API', async () => {
    const created = await api('POST', '/v1/payment-intents', {
      token: seller.apiKey,
      body: { order_reference: 'SHOP-1', amount: { amount: '8800', currency: 'CNY' }, charge_currency: 'AUD' },
    });
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({
      charge_currency: 'AUD',
      settlement_currency: 'CNY',
      buyer: null,
      amount_details: { goods: null, shipping: { amount: '0', currency: 'AUD' }, tax: { amount: '0', currency: 'AUD' } },
    });
    const before = await balance(au.token);
    const r = await api('POST', `/v1/payment-intents/${created.body.id}/confirm`, { token: au.token, body: {} });
    expect(r.status, r.raw).toBe(200);
    // ⌈8800 / 4.6765⌉ = ⌈1881.75⌉ = AUD 18.82
    expect(r.body).toMatchObject({
      charge: { amount: '1882', currency: 'AUD' },
      settlement: { amount: '8800', currency: 'CNY' },
      fx: { pair: 'AUD/CNY', rate: RATE },
      customs: null,
      amount_details: { goods: { amount: '1882', currency: 'AUD' } },
    });
    expect(before - (await balance(au.token))).toBe(1_882n);
    // without `charge_currency` it is a CNY charge, which a seller in China does not take
    const cny = await api('POST', '/v1/payment-intents', {
      token: seller.apiKey,
      body: { order_reference: 'SHOP-2', amount: { amount: '8800', currency: 'CNY' }, buyer: BUYER },
    });
    expect(cny.status).toBe(400);
    expect(cny.body.error).toMatchObject({ code: 'currency_mismatch', param: 'charge_currency' });
  });
});

describe('the rules that keep the two directions apart', () => {
  it('a CN shopper’s CNY intent still needs the buyer’s identity, and the payer to be that buyer', async () => {
    const noBuyer = await refusal(
      createPaymentIntent(p.ctx(), { merchant_id: anzMerchant.id, order_reference: 'CBEC-1', amount: 10_000n, currency: 'AUD' }),
    );
    expect(noBuyer).toMatchObject({ code: 'invalid_request', param: 'buyer' });
    const http = await api('POST', '/v1/payment-intents', {
      token: anzMerchant.apiKey,
      body: { order_reference: 'CBEC-2', amount: { amount: '10000', currency: 'AUD' } },
    });
    expect(http.status).toBe(400);
    expect(http.body.error).toMatchObject({ code: 'invalid_request', param: 'buyer' });
    const pi = await createPaymentIntent(p.ctx(), {
      merchant_id: anzMerchant.id,
      order_reference: 'CBEC-3',
      amount: 10_000n,
      currency: 'AUD',
      buyer: BUYER,
    });
    expect(pi).toMatchObject({ chargeCurrency: 'CNY', buyerName: BUYER.name });
    const unverified = await shopper('CN');
    expect(await refusal(payPaymentIntents(unverified.ctx, [pi.id]))).toMatchObject({ code: 'identity_required' });
    const [paid] = await payPaymentIntents(cn.ctx, [pi.id]);
    expect(paid).toMatchObject({ chargeCurrency: 'CNY', status: 'succeeded' });
    expect(customsPaymentData(p.ctx(), paid as PaymentIntent)).toMatchObject({
      currency: 'CNY',
      currency_code: '142',
      payer_name: BUYER.name,
    });
  });

  it('an AU shopper cannot pay a CNY intent, nor a CN shopper an AUD one (currency_mismatch), and nothing moves', async () => {
    const cnyIntent = await createPaymentIntent(p.ctx(), {
      merchant_id: anzMerchant.id,
      order_reference: 'CBEC-4',
      amount: 10_000n,
      currency: 'AUD',
      buyer: BUYER,
    });
    const audIntent = await reverseIntent();
    const auBefore = await balance(au.token);
    const cnBefore = await balance(cn.token);
    expect(await refusal(payPaymentIntents(au.ctx, [cnyIntent.id]))).toMatchObject({
      code: 'currency_mismatch',
      param: 'wallet',
      details: { payment_intent: cnyIntent.id, charge_currency: 'CNY', wallet_currency: 'AUD' },
    });
    const http = await api('POST', `/v1/payment-intents/${cnyIntent.id}/confirm`, { token: au.token, body: {} });
    expect(http.status).toBe(400);
    expect(http.body.error).toMatchObject({ code: 'currency_mismatch', param: 'wallet' });
    expect(await refusal(payPaymentIntents(cn.ctx, [audIntent.id]))).toMatchObject({ code: 'currency_mismatch', param: 'wallet' });
    // one payment mixing both: refused whole
    expect(await refusal(payPaymentIntents(au.ctx, [audIntent.id, cnyIntent.id]))).toMatchObject({ code: 'currency_mismatch' });
    expect(await balance(au.token)).toBe(auBefore);
    expect(await balance(cn.token)).toBe(cnBefore);
    const statuses = await p.rt.database.query<{ status: string }>('select status from payment_intents where id in ($1, $2)', [
      cnyIntent.id,
      audIntent.id,
    ]);
    expect(statuses.map((s) => s.status)).toEqual(['requires_payment', 'requires_payment']);
  });

  it.each([
    // an AUD/NZD charge is for a seller in China; a CNY charge for an Australian/NZ merchant
    [
      'an AUD charge to an Australian merchant',
      () => ({ merchant_id: anzMerchant.id, currency: 'AUD', amount: 1_000n }),
      'charge_currency',
    ],
    ['a CNY charge to a seller in China', () => ({ charge_currency: 'CNY' as const, buyer: BUYER, charge: undefined }), 'charge_currency'],
    ['a price in a third currency', () => ({ currency: 'NZD', charge: undefined }), 'amount.currency'],
  ])('refuses %s (currency_mismatch)', async (_name, over, param) => {
    const e = await refusal(reverseIntent(over() as Partial<IntentInput>));
    expect(e).toMatchObject({ code: 'currency_mismatch', param });
  });

  it('refuses a fixed AUD price whose goods charge is not the price', async () => {
    const e = await refusal(reverseIntent({ amount: 4_256n, currency: 'AUD', charge: { goods: 4_257n, shipping: 0n, tax: 0n } }));
    expect(e).toMatchObject({ code: 'invalid_amount', param: 'charge.goods' });
  });

  it('leaves the ledger clean', async () => {
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });
});
