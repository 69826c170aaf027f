// Payment intents with parts (the checkout's one intent per order): the goods charge in CNY fixed
// by the checkout (per-line prices each rounded up at the locked quote, not amountToPay(total)),
// the order's shipping and China CBEC import tax on top, in CNY. Paying charges their sum in one
// transfer; the release routes each part to its owner (goods → the merchant's CNY balance less
// commission and payment fee, no FX until payout; shipping → logistics revenue, tax → customs tax
// payable); refunds name parts or are split over what is left (payment-rules.ts splitRefund), take
// the goods back from the merchant's balance with the commission in proportion (not the fee), and
// report the merchant's settlement share in proportion to the goods only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/kernel/context.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import {
  createPaymentIntent,
  type IntentInput,
  type PaymentIntent,
  payPaymentIntents,
  refundableParts,
} from '../../src/modules/payments/intents.ts';
import { createRefund } from '../../src/modules/payments/refunds.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken, type Res } from '../support/http.ts';
import { balanceOf as ledgerBalance } from '../support/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let admin: string;
let merchant: MerchantFixture;
let buyer: { id: string; token: string };
let asBuyer: Ctx;

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const BUYER = { name: '李伟', id_number: idNumber('11010519491231002') };
const VISA = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };
/** AUD 100.00 of goods the shopper saw as CNY 472.40 (lines rounded up one by one), CNY 20.00 shipping, CNY 48.30 tax. */
const PARTS = { goods: 47_240n, shipping: 2_000n, tax: 4_830n };
const CHARGE = PARTS.goods + PARTS.shipping + PARTS.tax;
/** Intents with no platform order: commission on one line of all the goods at the default 5 %; payment fee 0.6 %. */
const COMMISSION_BPS = 500;
const FEE_BPS = 60;

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
const api = (method: string, url: string, o: Parameters<typeof call>[3] = {}): Promise<Res<any>> => call(p, method, url, o);
const wallet = async () => BigInt((await api('GET', '/v1/wallet', { token: buyer.token })).body.balance.amount);

const balanceOf = (key: string) => ledgerBalance(p, key);

const keys = () => ({
  escrow: `escrow:${merchant.id}:CNY`,
  /** The merchant's balance in the charge currency: what a release credits. */
  pending: `merchant_pending:${merchant.id}:CNY`,
  /** In its settlement currency: only a payout converts into it. */
  pendingAud: `merchant_pending:${merchant.id}:AUD`,
  commission: 'commission_revenue:CNY',
  fee: 'payment_fee_revenue:CNY',
  fxCny: 'fx_position:CNY',
  fxAud: 'fx_position:AUD',
  logistics: 'logistics_revenue:CNY',
  tax: 'customs_tax_payable:CNY',
});
type Balances = Record<keyof ReturnType<typeof keys>, bigint> & { wallet: bigint };

async function balances(): Promise<Balances> {
  const k = keys();
  const out = { wallet: await wallet() } as Balances;
  for (const [name, key] of Object.entries(k)) out[name as keyof typeof k] = await balanceOf(key);
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

let orderNo = 0;
function createWithParts(over: Partial<IntentInput> = {}): Promise<PaymentIntent> {
  return createPaymentIntent(p.ctx(), {
    order_reference: `CMP-${++orderNo}`,
    amount: 10_000n,
    currency: 'AUD',
    buyer: BUYER,
    merchant_id: merchant.id,
    charge: PARTS,
    ...over,
  });
}

async function paidWithParts(over: Partial<IntentInput> = {}): Promise<PaymentIntent> {
  const pi = await createWithParts(over);
  const [paid] = await payPaymentIntents(asBuyer, [pi.id]);
  if (!paid) throw new Error('nothing paid');
  return paid;
}

async function transfers(prefix: string) {
  return p.rt.database.query<{ id: string; amount: string; batch_id: string | null }>(
    'select id, amount::text as amount, batch_id from ledger_transfers where id like $1 order by id',
    [`${prefix}%`],
  );
}

beforeAll(async () => {
  p = await startPlatform();
  admin = await operatorToken(p);
  const fin = await operatorToken(p, 'finance');
  // The rate of payments.test.ts: CNY→AUD 0.2117021276 after the spread; chargeFor(AUD 100.00) = CNY 472.37.
  const rate = await api('POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
  expect(rate.status, rate.raw).toBe(201);
  merchant = await createMerchant(p, admin, 'Parts Honey');
  const s = await createShopper(p, 'CN');
  const v = await api('POST', '/v1/shopper/identity', {
    token: s.token,
    body: { real_name: BUYER.name, id_number: BUYER.id_number, mobile: '13800138000' },
  });
  expect(v.status, v.raw).toBe(201);
  const top = await api('POST', '/v1/wallet/top-ups', { token: s.token, body: { amount: '2000000', card: VISA } });
  expect(top.status, top.raw).toBe(201);
  await p.runJobs();
  buyer = s;
  asBuyer = { ...p.ctx(), principal: { kind: 'shopper' as const, id: s.id, country: 'CN' as const, sessionId: '' } };
});
afterAll(() => p?.close());

describe('creating and paying an intent with parts', () => {
  it('charges the fixed goods charge plus shipping plus tax, at the locked quote, owing the merchant exactly the price', async () => {
    const pi = await createWithParts();
    const created = (await api('GET', `/v1/payment-intents/${pi.id}`, { token: admin })).body;
    expect(created.amount_details).toEqual({
      goods: { amount: '47240', currency: 'CNY' },
      shipping: { amount: '2000', currency: 'CNY' },
      tax: { amount: '4830', currency: 'CNY' },
    });
    // The quote the shopper locks shows the whole charge, not chargeFor(AUD 100.00) = 472.37.
    const q = await api('POST', `/v1/payment-intents/${pi.id}/quote`, { token: buyer.token });
    expect(q.status, q.raw).toBe(200);
    expect(q.body).toMatchObject({ charge: { amount: CHARGE.toString() }, settlement: { amount: '10000', currency: 'AUD' } });

    const b0 = await balances();
    const [paid] = await payPaymentIntents(asBuyer, [pi.id], { quotes: { AUD: q.body.quote_id } });
    expect(paid).toMatchObject({ chargeAmount: CHARGE, goodsCharge: 47_240n, settlementAmount: 10_000n, fxQuoteId: q.body.quote_id });
    expect(moved(b0, await balances())).toEqual({ wallet: -CHARGE, escrow: CHARGE });
    // One transfer per intent, as before.
    expect(await transfers(`payment:${pi.id}`)).toMatchObject([{ id: `payment:${pi.id}`, amount: CHARGE.toString() }]);
    const seen = (await api('GET', `/v1/payment-intents/${pi.id}`, { token: buyer.token })).body;
    expect(seen).toMatchObject({ charge: { amount: CHARGE.toString(), currency: 'CNY' }, settlement: { amount: '10000' } });
    expect(seen.customs.amount).toBe('540.70');
    expect(refundableParts(paid as PaymentIntent)).toEqual(PARTS);
  });

  it('without parts behaves as before: the goods charge is fixed at payment, no shipping or tax', async () => {
    // The public route takes no `charge`: it is ignored.
    const r = await api('POST', '/v1/payment-intents', {
      token: merchant.apiKey,
      body: {
        order_reference: `PLAIN-${++orderNo}`,
        amount: { amount: '10000', currency: 'AUD' },
        buyer: BUYER,
        charge: { goods: '1', shipping: '99999', tax: '99999' },
      },
    });
    expect(r.status, r.raw).toBe(201);
    expect(r.body.amount_details).toEqual({
      goods: null,
      shipping: { amount: '0', currency: 'CNY' },
      tax: { amount: '0', currency: 'CNY' },
    });
    const paid = await api('POST', `/v1/payment-intents/${r.body.id}/confirm`, { token: buyer.token, body: {} });
    expect(paid.status, paid.raw).toBe(200);
    expect(paid.body.charge).toEqual({ amount: '47237', currency: 'CNY' });
    expect(paid.body.amount_details.goods).toEqual({ amount: '47237', currency: 'CNY' });
    expect(paid.body.amount_refunded_details).toEqual({
      goods: { amount: '0', currency: 'CNY' },
      shipping: { amount: '0', currency: 'CNY' },
      tax: { amount: '0', currency: 'CNY' },
    });
  });

  it('a CNY price is its own goods charge; the merchant is owed its conversion', async () => {
    const paid = await paidWithParts({ amount: 19_900n, currency: 'CNY', charge: { goods: 19_900n, shipping: 1_500n, tax: 0n } });
    // 199.00 × 0.2117021276 = 42.1287 → AUD 42.13
    expect(paid).toMatchObject({ chargeAmount: 21_400n, goodsCharge: 19_900n, settlementAmount: 4_213n });
  });

  it.each([
    ['no goods charge', { charge: { goods: 0n, shipping: 0n, tax: 0n } }, 'charge.goods'],
    ['negative shipping', { charge: { goods: 100n, shipping: -1n, tax: 0n } }, 'charge.shipping'],
    ['negative tax', { charge: { goods: 100n, shipping: 0n, tax: -1n } }, 'charge.tax'],
    [
      'a CNY price charged otherwise',
      { amount: 19_900n, currency: 'CNY', charge: { goods: 19_901n, shipping: 0n, tax: 0n } },
      'charge.goods',
    ],
  ] as const)('refuses %s', async (_name, over, param) => {
    await expect(createWithParts(over)).rejects.toMatchObject({ code: 'invalid_amount', param });
  });
});

describe('release', () => {
  it('routes goods to the merchant’s CNY balance less commission and fee (no FX position moves), shipping to logistics revenue, tax to customs tax payable', async () => {
    const paid = await paidWithParts();
    const b0 = await balances();
    const r = await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer.token });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.escrow.status).toBe('released');
    // 5 % of CNY 472.40 = 23.62; 0.6 % = 2.8344 → 2.83
    const commission = percentOf(PARTS.goods, COMMISSION_BPS);
    const fee = percentOf(PARTS.goods, FEE_BPS);
    expect([commission, fee]).toEqual([2_362n, 283n]);
    expect(moved(b0, await balances())).toEqual({
      escrow: -CHARGE,
      pending: PARTS.goods - commission - fee,
      commission,
      fee,
      logistics: PARTS.shipping,
      tax: PARTS.tax,
    });
    const rel = await transfers(`release:${paid.id}:`);
    expect(rel.map((t) => [t.id, t.amount])).toEqual([
      [`release:${paid.id}:commission`, '2362'],
      [`release:${paid.id}:fee`, '283'],
      [`release:${paid.id}:goods`, '47240'],
      [`release:${paid.id}:shipping`, '2000'],
      [`release:${paid.id}:tax`, '4830'],
    ]);
    expect(new Set(rel.map((t) => t.batch_id)).size).toBe(1);
    expect(rel[0]?.batch_id).not.toBeNull();
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });
});

describe('refunds by part', () => {
  it('before release: the parts come back out of escrow, and the release moves only what is left of each', async () => {
    const paid = await paidWithParts();
    const b0 = await balances();
    // A returned line: its goods and its tax share. The merchant's share: ½-up(10000 × 10000 / 47240 = 2116.85) = 2117.
    const r = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, components: { goods: '10000', tax: '900' }, reason: 'returned' },
    });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      amount: { amount: '10900', currency: 'CNY' },
      amount_details: { goods: { amount: '10000' }, shipping: { amount: '0' }, tax: { amount: '900' } },
      settlement_share: { amount: '2117', currency: 'AUD' },
      source: 'escrow',
    });
    expect(moved(b0, await balances())).toEqual({ wallet: 10_900n, escrow: -10_900n });
    expect(await transfers(`refund:${r.body.id}`)).toMatchObject([{ id: `refund:${r.body.id}`, amount: '10900' }]);
    const pi = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body;
    expect(pi.amount_refunded).toEqual({ amount: '10900', currency: 'CNY' });
    expect(pi.amount_refunded_details).toMatchObject({ goods: { amount: '10000' }, shipping: { amount: '0' }, tax: { amount: '900' } });

    const b1 = await balances();
    await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer.token });
    // Commission and fee on the goods left, CNY 372.40: 5 % = 18.62, 0.6 % = 2.2344 → 2.23.
    expect([percentOf(37_240n, COMMISSION_BPS), percentOf(37_240n, FEE_BPS)]).toEqual([1_862n, 223n]);
    expect(moved(b1, await balances())).toEqual({
      escrow: -(CHARGE - 10_900n),
      pending: 37_240n - 1_862n - 223n,
      commission: 1_862n,
      fee: 223n,
      logistics: 2_000n,
      tax: 3_930n,
    });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('before release: a full refund in parts empties escrow for the order and gives back the whole settlement', async () => {
    const paid = await paidWithParts();
    await createRefund(p.ctx(), { payment_intent: paid.id, components: { shipping: PARTS.shipping }, reason: 'other' });
    await createRefund(p.ctx(), { payment_intent: paid.id, components: { goods: 20_000n, tax: 1n }, reason: 'other' });
    await createRefund(p.ctx(), { payment_intent: paid.id, reason: 'order_canceled' });
    const pi = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body;
    expect(pi.escrow.status).toBe('refunded');
    const [row] = await p.rt.database.query<{ settlement_refunded: string; refunded_amount: string }>(
      'select settlement_refunded::text, refunded_amount::text from payment_intents where id = $1',
      [paid.id],
    );
    expect(row).toEqual({ settlement_refunded: '10000', refunded_amount: CHARGE.toString() });
  });

  it('after release: each part comes back from where the release put it, by parts, by amount (split) and the rest', async () => {
    const unpaid = await balances();
    const paid = await paidWithParts();
    await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer.token });
    const start = await balances();
    const commission = percentOf(PARTS.goods, COMMISSION_BPS); // 2362, taken at release
    const fee = percentOf(PARTS.goods, FEE_BPS); // 283, never given back
    /** The commission a refund of `goods` gives back, on the running total of goods refunded (half-up). */
    let goodsBack = 0n;
    let commissionBack = 0n;
    const commissionOf = (goods: bigint) => {
      const c = refundShare(
        { charged: PARTS.goods, settlement: commission, refunded: goodsBack, settlementRefunded: commissionBack },
        goods,
      );
      goodsBack += goods;
      commissionBack += c;
      return c;
    };

    // 1. by parts: goods 200.00, with its commission ½-up(2362 × 20000 / 47240) = 10.00 back to the merchant's
    //    balance first; tax 20.00. The merchant's settlement share (reference): ½-up(10000 × 20000 / 47240 = 4233.70) = 4234
    const r1 = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, amount: '22000', components: { goods: '20000', tax: '2000' }, reason: 'returned' },
    });
    expect(r1.status, r1.raw).toBe(201);
    expect(r1.body).toMatchObject({ settlement_share: { amount: '4234' }, source: 'merchant' });
    expect(commissionOf(20_000n)).toBe(1_000n);
    expect(moved(start, await balances())).toEqual({
      wallet: 22_000n,
      pending: 1_000n - 20_000n,
      commission: -1_000n,
      tax: -2_000n,
    });
    const t1 = await transfers(`refund:${r1.body.id}`);
    expect(t1.map((t) => [t.id, t.amount])).toEqual([
      [`refund:${r1.body.id}:commission`, '1000'],
      [`refund:${r1.body.id}:goods`, '20000'],
      [`refund:${r1.body.id}:tax`, '2000'],
    ]);
    expect(new Set(t1.map((t) => t.batch_id)).size).toBe(1);

    // 2. by amount only: left goods 27240, shipping 2000, tax 2830 (32070). splitRefund(100.00):
    //    goods ½-up(27240 × 10000 / 32070 = 8493.93) = 8494, tax ½-up(2830 × 1506 / 4830 = 882.39) = 882, shipping 624;
    //    the commission on the running goods total: ½-up(2362 × 28494 / 47240 = 1424.7) = 1425 − 1000 = 425;
    //    the merchant's settlement share likewise: ½-up(10000 × 28494 / 47240 = 6031.76) = 6032 − 4234 = 1798.
    const b2 = await balances();
    const r2 = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, amount: '10000', reason: 'requested_by_customer' },
    });
    expect(r2.status, r2.raw).toBe(201);
    expect(r2.body).toMatchObject({
      amount_details: { goods: { amount: '8494' }, shipping: { amount: '624' }, tax: { amount: '882' } },
      settlement_share: { amount: '1798' },
    });
    expect(commissionOf(8_494n)).toBe(425n);
    expect(moved(b2, await balances())).toEqual({
      wallet: 10_000n,
      pending: 425n - 8_494n,
      commission: -425n,
      logistics: -624n,
      tax: -882n,
    });

    // 3. the rest (no amount): everything left of each part; all the commission is back (2362 − 1425 = 937),
    //    and the settlement shares add up to exactly the settlement.
    const r3 = await createRefund(p.ctx(), { payment_intent: paid.id, reason: 'returned' });
    expect(r3).toMatchObject({
      goodsAmount: 18_746n,
      shippingAmount: 1_376n,
      taxAmount: 1_948n,
      amount: 22_070n,
      settlementAmount: 3_968n,
    });
    expect(commissionOf(18_746n)).toBe(937n);
    expect(commissionBack).toBe(commission);
    expect(moved(start, await balances())).toEqual({
      wallet: CHARGE,
      pending: commission - PARTS.goods,
      commission: -commission,
      logistics: -PARTS.shipping,
      tax: -PARTS.tax,
    });
    // Paid, released, refunded in full: all is as it was but the payment fee, which the merchant paid.
    expect(moved(unpaid, await balances())).toEqual({ pending: -fee, fee });
    const pi = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body;
    expect(pi.escrow.status).toBe('released');
    expect(pi.amount_refunded_details).toEqual({
      goods: { amount: '47240', currency: 'CNY' },
      shipping: { amount: '2000', currency: 'CNY' },
      tax: { amount: '4830', currency: 'CNY' },
    });
    const done = await api('POST', '/v1/refunds', {
      token: admin,
      body: { payment_intent: paid.id, components: { tax: '1' }, reason: 'other' },
    });
    expect(done.body.error).toMatchObject({ code: 'refund_exceeds_payment', refundable: '0' });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('refuses a part beyond what is left of it, or parts that disagree with the amount, and writes nothing', async () => {
    const paid = await paidWithParts();
    await createRefund(p.ctx(), { payment_intent: paid.id, components: { tax: 4_000n }, reason: 'other' });
    const b0 = await balances();
    const refused = [
      [{ components: { goods: '1', tax: '831' } }, 'refund_exceeds_payment', 'components.tax', '830'],
      [{ components: { shipping: '2001' } }, 'refund_exceeds_payment', 'components.shipping', '2000'],
      [{ components: { goods: '47241' } }, 'refund_exceeds_payment', 'components.goods', '47240'],
      [{ amount: '100', components: { goods: '50' } }, 'invalid_amount', 'amount', undefined],
      [{ components: { goods: '0' } }, 'invalid_amount', 'components', undefined],
    ] as const;
    for (const [body, code, param, refundable] of refused) {
      const r = await api('POST', '/v1/refunds', { token: merchant.apiKey, body: { payment_intent: paid.id, reason: 'other', ...body } });
      expect(r.status, r.raw).toBe(400);
      expect(r.body.error).toMatchObject({ code, param, ...(refundable ? { refundable } : {}) });
    }
    expect(moved(b0, await balances())).toEqual({});
    const [row] = await p.rt.database.query<{ n: string; refunded: string; tax: string; shipping: string }>(
      `select (select count(*) from refunds where payment_intent_id = $1)::text as n,
              refunded_amount::text as refunded, tax_refunded::text as tax, shipping_refunded::text as shipping
         from payment_intents where id = $1`,
      [paid.id],
    );
    expect(row).toEqual({ n: '1', refunded: '4000', tax: '4000', shipping: '0' });
  });
});
