// Order payments through the API (issue 4, "Order payments"; PRODUCT.md P3, P6, X3): a payment
// intent paid from the buyer's wallet into escrow at a locked FX quote, the payer = buyer rule,
// escrow released on the buyer's confirmation or 10 days after delivery by the job into the
// merchant's balance in the charge currency less commission and payment fee (no FX at release),
// refunds before and after release that reverse exactly what moved but the fee, the customs payment data, the
// events, and no full ID number in any response or log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/clock.ts';
import { scheduleMaintenance } from '../../src/main.ts';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { payPaymentIntents } from '../../src/modules/payments/intents.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken, type Res } from '../support/http.ts';
import { balanceOf } from '../support/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let admin: string;
let merchant: MerchantFixture;
let other: MerchantFixture;
let buyer: string;
let stranger: string;

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const BUYER = { name: '李伟', id_number: idNumber('11010519491231002') };
const STRANGER = { name: '王芳', id_number: idNumber('44030419900101123') };
const VISA = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };
const responses: string[] = [];

/** Every response of this file is kept, to grep for ID numbers at the end. */
// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function api(method: string, url: string, o: Parameters<typeof call>[3] = {}): Promise<Res<any>> {
  const r = await call(p, method, url, o);
  responses.push(r.raw);
  return r;
}

async function verified(person: { name: string; id_number: string }): Promise<string> {
  const s = await createShopper(p, 'CN');
  const r = await api('POST', '/v1/shopper/identity', {
    token: s.token,
    body: { real_name: person.name, id_number: person.id_number, mobile: '13800138000' },
  });
  if (r.status !== 201) throw new Error(r.raw);
  return s.token;
}

async function fund(token: string, amount: string): Promise<void> {
  const r = await api('POST', '/v1/wallet/top-ups', { token, body: { amount, card: VISA } });
  if (r.status !== 201) throw new Error(r.raw);
  await p.runJobs();
}

const balance = async (token: string) => BigInt((await api('GET', '/v1/wallet', { token })).body.balance.amount);
let orderNo = 0;
const createIntent = (body: Record<string, unknown> = {}, key = merchant.apiKey) =>
  api('POST', '/v1/payment-intents', {
    token: key,
    body: { order_reference: `ORD-${++orderNo}`, amount: { amount: '10000', currency: 'AUD' }, buyer: BUYER, ...body },
  });
const confirm = (id: string, token = buyer, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  api('POST', `/v1/payment-intents/${id}/confirm`, { token, body, headers });

/** A paid intent of AUD 100.00 (CNY 472.37 at the test rate). */
// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
async function paidIntent(body: Record<string, unknown> = {}): Promise<any> {
  const pi = await createIntent(body);
  expect(pi.status, pi.raw).toBe(201);
  const r = await confirm(pi.body.id);
  expect(r.status, r.raw).toBe(200);
  return r.body;
}

/** Balances of the ledger accounts by key, in their normal direction. */
const accountBalance = (key: string) => balanceOf(p, key);

/**
 * What a release and a refund after it move for `merchant`: its balance in the charge currency
 * (CNY), the platform's commission and payment fee revenue; and what they no longer move: its
 * AUD balance and the FX positions (the balance is converted on payout day).
 */
const settlementKeys = () => ({
  pendingCny: `merchant_pending:${merchant.id}:CNY`,
  pendingAud: `merchant_pending:${merchant.id}:AUD`,
  commission: 'commission_revenue:CNY',
  fee: 'payment_fee_revenue:CNY',
  fxCny: 'fx_position:CNY',
  fxAud: 'fx_position:AUD',
});
type SettlementBalances = Record<keyof ReturnType<typeof settlementKeys>, bigint>;

async function settlementBalances(): Promise<SettlementBalances> {
  const out = {} as SettlementBalances;
  for (const [name, key] of Object.entries(settlementKeys())) out[name as keyof SettlementBalances] = await accountBalance(key);
  return out;
}

/** What moved between two snapshots, leaving out what did not. */
function moved(before: SettlementBalances, after: SettlementBalances): Partial<SettlementBalances> {
  const d: Partial<SettlementBalances> = {};
  for (const name of Object.keys(after) as (keyof SettlementBalances)[]) {
    if (after[name] !== before[name]) d[name] = after[name] - before[name];
  }
  return d;
}

/** What the release took from an intent's goods, and how much of the commission refunds gave back (not in the API). */
async function intentSettlement(id: string) {
  const [row] = await p.rt.database.query<{ commission_amount: string; fee_amount: string; commission_refunded: string }>(
    'select commission_amount::text, fee_amount::text, commission_refunded::text from payment_intents where id = $1',
    [id],
  );
  return row;
}

async function sumsPerCurrency(): Promise<Record<string, string>> {
  const rows = await p.rt.database.query<{ currency: string; net: string }>(
    'select currency, sum(debits_posted - credits_posted)::text as net from ledger_accounts group by currency',
  );
  return Object.fromEntries(rows.map((r) => [r.currency, r.net]));
}

/**
 * The clock starts on the next Wednesday at 00:00 UTC (11:00 in Sydney, 13:00 in Auckland): the
 * whole days this file moves it by then never land on a payout day (Monday there), so the weekly
 * payout run (settlement/payouts.ts) converts none of the balances the release and refunds are
 * checked by, whatever the time of day the file runs.
 */
function offPayoutDays(): ManualClock {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7 || 7));
  return new ManualClock(d);
}

beforeAll(async () => {
  // Sessions outlive the 10 days of escrow the tests let pass.
  p = await startPlatform({ env: { SESSION_TTL_HOURS: '2160' }, clock: offPayoutDays() });
  admin = await operatorToken(p);
  const fin = await operatorToken(p, 'finance');
  // AUD→CNY 4.7 with a 50 bps spread: a shopper paying CNY for AUD gets 1/4.7 = 0.2127659574
  // less 0.5 % = 0.2117021276 AUD per CNY, so AUD 100.00 costs ⌈10000 / 0.2117021276⌉ = CNY 472.37.
  const rate = await api('POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
  expect(rate.status, rate.raw).toBe(201);
  merchant = await createMerchant(p, admin, 'Manuka Bay Honey');
  other = await createMerchant(p, admin, 'Other Goods');
  buyer = await verified(BUYER);
  stranger = await verified(STRANGER);
  await fund(buyer, '2000000');
});
afterAll(() => p?.close());

describe('creating a payment intent', () => {
  it('takes the order price in the merchant’s currency and the buyer, keeping the ID number only masked', async () => {
    const r = await createIntent({ description: 'Manuka honey UMF 10+ 500 g ×2', metadata: { cart: 'c_1' } });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      object: 'payment_intent',
      merchant: merchant.id,
      status: 'requires_payment',
      amount: { amount: '10000', currency: 'AUD' },
      settlement_currency: 'AUD',
      buyer: { name: '李伟', id_number: '110105********002X'.replace('002X', BUYER.id_number.slice(-4)) },
      charge: null,
      customs: null,
      escrow: null,
      metadata: { cart: 'c_1' },
    });
    expect(r.body.id).toMatch(/^pi_/);
    const [row] = await p.rt.database.query<Record<string, unknown>>('select * from payment_intents where id = $1', [r.body.id]);
    expect(JSON.stringify(row)).not.toContain(BUYER.id_number);
    // the shopper paying sees the buyer's name masked
    const seen = await api('GET', `/v1/payment-intents/${r.body.id}`, { token: buyer });
    expect(seen.body.buyer.name).toBe('李*');
  });

  it.each([
    ['a second intent for the same order', { order_reference: 'DUP-1' }, 409, 'already_exists', 'order_reference'],
    ['an invalid ID number', { buyer: { name: '李伟', id_number: '110105194912310021' } }, 400, 'invalid_id_number', 'buyer.id_number'],
    ['an invalid name', { buyer: { name: 'x', id_number: BUYER.id_number } }, 400, 'invalid_name', 'buyer.name'],
    ['a price in another merchant’s currency', { amount: { amount: '100', currency: 'NZD' } }, 400, 'currency_mismatch', 'amount.currency'],
    ['a price in USD', { amount: { amount: '100', currency: 'USD' } }, 400, 'currency_mismatch', 'amount.currency'],
    ['an amount above the limit', { amount: { amount: '100000001', currency: 'AUD' } }, 400, 'invalid_amount', 'amount.amount'],
  ])('refuses %s', async (_name, body, status, code, param) => {
    if (code === 'already_exists') expect((await createIntent(body)).status).toBe(201);
    const r = await createIntent(body);
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error).toMatchObject({ code, param });
  });

  it('is refused for a suspended merchant', async () => {
    const m = await createMerchant(p, admin, 'Soon Suspended');
    const s = await api('POST', `/v1/merchants/${m.id}/suspend`, { token: admin, body: { reason: 'test' } });
    expect(s.status, s.raw).toBeLessThan(300);
    const op = await createIntent({ merchant: m.id }, admin);
    expect(op.status).toBe(403);
    expect(op.body.error.code).toBe('merchant_not_approved');
  });
});

describe('paying', () => {
  it('a quote fixes the CNY charge; an expired one is refused; paying moves the charge from the wallet into escrow', async () => {
    const pi = (await createIntent()).body;
    const q = await api('POST', `/v1/payment-intents/${pi.id}/quote`, { token: buyer });
    expect(q.status, q.raw).toBe(200);
    expect(q.body).toMatchObject({ rate: '0.2117021276', charge: { amount: '47237', currency: 'CNY' }, settlement: { amount: '10000' } });
    expect(new Date(q.body.expires_at).getTime() - p.clock.now().getTime()).toBe(10 * 60_000);

    const before = await balance(buyer);
    const escrowBefore = await accountBalance(`escrow:${merchant.id}:CNY`);
    p.clock.advance(10 * 60_000 + 1);
    const late = await confirm(pi.id, buyer, { quote_id: q.body.quote_id });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'quote_expired', param: 'quote_id' });
    expect(await balance(buyer)).toBe(before);

    const q2 = await api('POST', `/v1/payment-intents/${pi.id}/quote`, { token: buyer });
    const r = await confirm(pi.id, buyer, { quote_id: q2.body.quote_id });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({
      status: 'succeeded',
      charge: { amount: '47237', currency: 'CNY' },
      settlement: { amount: '10000', currency: 'AUD' },
      fx: { quote_id: q2.body.quote_id, pair: 'CNY/AUD', rate: '0.2117021276' },
      escrow: { status: 'held', delivered_at: null, release_due_at: null },
      amount_refunded: { amount: '0', currency: 'CNY' },
    });
    expect(await balance(buyer)).toBe(before - 47_237n);
    expect(await accountBalance(`escrow:${merchant.id}:CNY`)).toBe(escrowBefore + 47_237n);
    const entry = (await api('GET', '/v1/wallet/statement', { token: buyer })).body.data[0];
    expect(entry).toMatchObject({ direction: 'debit', amount: { amount: '47237' }, reference: { type: 'payment_intent', id: pi.id } });
  });

  it('keeps the customs payment data (CEB411): transaction id, payer, masked ID, amount in yuan, currency code, time', async () => {
    const paid = await paidIntent();
    expect(paid.customs).toEqual({
      payment_company_code: 'TSMPAY0001',
      payment_company_name: 'Tasman Pay',
      transaction_id: expect.stringMatching(/^T\d{24}$/),
      order_reference: paid.order_reference,
      payer_name: '李伟',
      payer_id_type: '1',
      payer_id_number: paid.buyer.id_number,
      amount: '472.37',
      currency: 'CNY',
      currency_code: '142',
      paid_at: paid.paid_at,
      pay_time: expect.stringMatching(/^\d{14}$/),
    });
    expect(paid.customs.payer_id_number).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    // the time is China time: 8 hours ahead of UTC
    const utc = new Date(paid.paid_at);
    const cst = new Date(utc.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
    expect(paid.customs.pay_time).toBe(cst);
    const merchantView = await api('GET', `/v1/payment-intents/${paid.id}`, { token: merchant.apiKey });
    expect(merchantView.body.customs.transaction_id).toBe(paid.customs.transaction_id);
  });

  it('is refused to anyone but the buyer (identity_mismatch), to an unverified shopper, and twice', async () => {
    const pi = (await createIntent()).body;
    await fund(stranger, '100000');
    const wrong = await confirm(pi.id, stranger);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'identity_mismatch', param: 'payer' });
    const unverified = await createShopper(p, 'CN');
    const r = await confirm(pi.id, unverified.token);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('identity_required');
    expect((await confirm(pi.id)).status).toBe(200);
    const again = await confirm(pi.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
  });

  it('the same person on a second account may pay: the identity, not the account, is the buyer', async () => {
    const second = await createShopper(p, 'CN');
    const v = await api('POST', '/v1/shopper/identity', {
      token: second.token,
      body: { real_name: BUYER.name, id_number: BUYER.id_number, mobile: '13900139000' },
    });
    expect(v.status, v.raw).toBe(201);
    await fund(second.token, '50000');
    const pi = (await createIntent()).body;
    const r = await confirm(pi.id, second.token);
    expect(r.status, r.raw).toBe(200);
    expect(r.body.payer).toBe(second.id);
  });

  it('a wallet short of the charge is 402 insufficient_funds with the amounts, and nothing moves', async () => {
    const poor = await verified(BUYER);
    await fund(poor, '40000');
    const pi = (await createIntent()).body;
    const r = await confirm(pi.id, poor);
    expect(r.status).toBe(402);
    expect(r.body.error).toMatchObject({
      code: 'insufficient_funds',
      param: 'wallet',
      required: '47237',
      available: '40000',
      currency: 'CNY',
    });
    expect(await balance(poor)).toBe(40_000n);
    expect((await api('GET', `/v1/payment-intents/${pi.id}`, { token: merchant.apiKey })).body.status).toBe('requires_payment');
  });

  it('the same Idempotency-Key pays once and replays the answer', async () => {
    const pi = (await createIntent()).body;
    const before = await balance(buyer);
    const headers = { 'idempotency-key': `pay-${pi.id}` };
    const [a, b] = await Promise.all([confirm(pi.id, buyer, {}, headers), confirm(pi.id, buyer, {}, headers)]);
    const ok = [a, b].filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of [a, b]) expect([200, 409]).toContain(r.status);
    const replay = await confirm(pi.id, buyer, {}, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await balance(buyer)).toBe(before - 47_237n);
  });

  it('a fixed CNY price is charged as it is; the merchant is owed it at the locked rate (half-up)', async () => {
    const paid = await paidIntent({ amount: { amount: '19900', currency: 'CNY' } });
    // 199.00 × 0.2117021276 = 42.1287… → AUD 42.13
    expect(paid).toMatchObject({ charge: { amount: '19900', currency: 'CNY' }, settlement: { amount: '4213', currency: 'AUD' } });
  });

  it('an unpaid intent can be cancelled, and is then neither payable nor cancellable again', async () => {
    const pi = (await createIntent()).body;
    const c = await api('POST', `/v1/payment-intents/${pi.id}/cancel`, { token: merchant.owner });
    expect(c.status, c.raw).toBe(200);
    expect(c.body).toMatchObject({ status: 'canceled', canceled_at: expect.any(String) });
    expect((await confirm(pi.id)).body.error.code).toBe('invalid_state');
    expect((await api('POST', `/v1/payment-intents/${pi.id}/cancel`, { token: merchant.owner })).status).toBe(409);
    const paid = await paidIntent();
    expect((await api('POST', `/v1/payment-intents/${paid.id}/cancel`, { token: merchant.owner })).body.error.code).toBe('invalid_state');
  });
});

describe('one payment for several orders (a checkout)', () => {
  it('pays intents of two merchants in one linked batch, or none of them when the wallet is short', async () => {
    const nz = await createMerchant(p, admin, 'Kiwi Kelp');
    await p.rt.database.query("update merchants set country = 'NZ' where id = $1", [nz.id]);
    const fin = await operatorToken(p, 'finance');
    await api('POST', '/v1/fx/rates', { token: fin, body: { base: 'NZD', quote: 'CNY', mid: '4.3', spread_bps: 50 } });
    const who = await createShopper(p, 'CN');
    const v = await api('POST', '/v1/shopper/identity', {
      token: who.token,
      body: { real_name: BUYER.name, id_number: BUYER.id_number, mobile: '13700137000' },
    });
    expect(v.status, v.raw).toBe(201);
    await fund(who.token, '60000');
    const au = (await createIntent()).body; // AUD 100.00 → CNY 472.37
    const nzIntent = (await createIntent({ amount: { amount: '2000', currency: 'NZD' } }, nz.apiKey)).body;
    expect(nzIntent.settlement_currency).toBe('NZD');
    const asShopper = { ...p.ctx(), principal: { kind: 'shopper' as const, id: who.id, country: 'CN' as const, sessionId: '' } };

    // NZD 20.00 at 1/4.3 = 0.2325581395 less 0.5 % = 0.2313953488: ⌈2000 / 0.2313953488⌉ = ⌈8643.2…⌉ → CNY 86.44.
    // 472.37 + 86.44 fits in 600.00; a third intent of AUD 100.00 does not.
    const third = (await createIntent()).body;
    const short = await payPaymentIntents(asShopper, [au.id, nzIntent.id, third.id]).catch((e: unknown) => e);
    expect(short).toMatchObject({ code: 'insufficient_funds', details: { available: '60000' } });
    expect(await balance(who.token)).toBe(60_000n);
    for (const id of [au.id, nzIntent.id, third.id]) {
      expect((await api('GET', `/v1/payment-intents/${id}`, { token: admin })).body.status).toBe('requires_payment');
    }

    // Work in the same transaction that fails undoes the payment too.
    const undone = await payPaymentIntents(asShopper, [au.id, nzIntent.id], {
      within: async () => {
        throw new Error('the next checkout step failed');
      },
    }).catch((e: unknown) => e);
    expect(undone).toBeInstanceOf(Error);
    expect(await balance(who.token)).toBe(60_000n);

    const paid = await payPaymentIntents(asShopper, [au.id, nzIntent.id]);
    expect(paid.map((x) => [x.status, x.settlementCurrency, x.chargeAmount])).toEqual([
      ['succeeded', 'AUD', 47_237n],
      ['succeeded', 'NZD', 8_644n],
    ]);
    expect(await balance(who.token)).toBe(60_000n - 47_237n - 8_644n);
    const [batches] = await p.rt.database.query<{ n: string }>(
      'select count(distinct batch_id)::text as n from ledger_transfers where id = any($1) and batch_id is not null',
      [[`payment:${au.id}`, `payment:${nzIntent.id}`]],
    );
    expect(batches?.n).toBe('1');
  });
});

describe('escrow and refunds', () => {
  it('refund before release comes from escrow; release after 10 days credits the rest to the merchant in CNY less commission and fee; the last refund gives back all but the fee', async () => {
    const paid = await paidIntent();
    const wallet0 = await balance(buyer);
    const start = await settlementBalances();

    // 1. a partial refund while held: CNY 100.00 from escrow; the merchant's share 10000 × 10000 / 47237 = 2116.98 → 2117
    const r1 = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, amount: '10000', reason: 'requested_by_customer' },
    });
    expect(r1.status, r1.raw).toBe(201);
    expect(r1.body).toMatchObject({
      object: 'refund',
      amount: { amount: '10000', currency: 'CNY' },
      settlement_share: { amount: '2117', currency: 'AUD' },
      source: 'escrow',
      status: 'succeeded',
    });
    expect(await balance(buyer)).toBe(wallet0 + 10_000n);
    expect(moved(start, await settlementBalances())).toEqual({});

    // 2. more than is left is refused, with what is left
    const over = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, amount: '37238', reason: 'other' },
    });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'refund_exceeds_payment', param: 'amount', refundable: '37237' });

    // 3. delivered; nothing happens before 10 days; the job releases after
    const d = await api('POST', `/v1/payment-intents/${paid.id}/delivery`, { token: admin, body: {} });
    expect(d.status, d.raw).toBe(200);
    expect(new Date(d.body.escrow.release_due_at).getTime() - new Date(d.body.escrow.delivered_at).getTime()).toBe(10 * 86_400_000);
    p.clock.advance(10 * 86_400_000 - 60_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    expect((await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body.escrow.status).toBe('held');
    p.clock.advance(120_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    const released = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body;
    expect(released.escrow).toMatchObject({ status: 'released', release_reason: 'auto', released_at: expect.any(String) });
    // The goods left (CNY 372.37) go to the merchant's CNY balance, less the commission (no platform
    // order: one line at the default 5 %, 1861.85 → 1862) and the payment fee (0.6 %, 223.42 → 223);
    // nothing in AUD and no FX position moves: the balance is converted on payout day.
    const commission = percentOf(37_237n, 500);
    const fee = percentOf(37_237n, 60);
    expect([commission, fee]).toEqual([1_862n, 223n]);
    expect(moved(start, await settlementBalances())).toEqual({ pendingCny: 37_237n - 1_862n - 223n, commission: 1_862n, fee: 223n });
    expect(await intentSettlement(paid.id)).toEqual({ commission_amount: '1862', fee_amount: '223', commission_refunded: '0' });
    const events = (await api('GET', '/v1/events?type=escrow.released', { token: merchant.apiKey })).body.data;
    const event = events.find((e: { data: { payment_intent_id: string } }) => e.data.payment_intent_id === paid.id);
    expect(event.data).toMatchObject({
      released: { amount: '37237', currency: 'CNY' },
      commission: { amount: '1862', currency: 'CNY' },
      payment_fee: { amount: '223', currency: 'CNY' },
      reason: 'auto',
    });

    // 4. the rest after release: the commission back to the merchant's CNY balance in full (all the goods
    //    released are refunded), then the goods from it; the fee stays taken. The settlement share (AUD 78.83,
    //    at the payment's quote) is only for the merchant's reference.
    const r2 = await api('POST', '/v1/refunds', { token: admin, body: { payment_intent: paid.id, reason: 'returned' } });
    expect(r2.status, r2.raw).toBe(201);
    expect(r2.body).toMatchObject({ amount: { amount: '37237' }, settlement_share: { amount: '7883' }, source: 'merchant' });
    expect(moved(start, await settlementBalances())).toEqual({ pendingCny: -223n, fee: 223n });
    expect(await intentSettlement(paid.id)).toEqual({ commission_amount: '1862', fee_amount: '223', commission_refunded: '1862' });
    const back = await p.rt.database.query<{ id: string; amount: string }>(
      'select id, amount::text as amount from ledger_transfers where id like $1 order by id',
      [`refund:${r2.body.id}%`],
    );
    expect(back.map((t) => [t.id, t.amount])).toEqual([
      [`refund:${r2.body.id}:commission`, '1862'],
      [`refund:${r2.body.id}:goods`, '37237'],
    ]);
    expect(await balance(buyer)).toBe(wallet0 + 47_237n);
    const done = await api('POST', '/v1/refunds', { token: admin, body: { payment_intent: paid.id, amount: '1', reason: 'other' } });
    expect(done.body.error).toMatchObject({ code: 'refund_exceeds_payment', refundable: '0' });
    const intent = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: buyer })).body;
    expect(intent.amount_refunded).toEqual({ amount: '47237', currency: 'CNY' });
    const list = await api('GET', `/v1/refunds?payment_intent=${paid.id}`, { token: buyer });
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([r2.body.id, r1.body.id]);

    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
    const sums = await sumsPerCurrency();
    for (const net of Object.values(sums)) expect(net).toBe('0');
  });

  it('a refund after release gives back the commission on the goods it returns, of the goods released (after a refund before release too)', async () => {
    const paid = await paidIntent();
    // CNY 100.00 back from escrow before release: the release takes commission on the CNY 372.37 left only.
    const early = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, amount: '10000', reason: 'other' },
    });
    expect(early.status, early.raw).toBe(201);
    const r = await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer });
    expect(r.status, r.raw).toBe(200);
    expect(await intentSettlement(paid.id)).toMatchObject({ commission_amount: '1862', fee_amount: '223' });
    const start = await settlementBalances();
    // Half the goods released come back (18618 of 37237): half the commission with them,
    // ½-up(1862 × 18618 / 37237 = 930.95) = 931, not a share of the goods charged before the refund before release.
    const half = await api('POST', '/v1/refunds', {
      token: merchant.apiKey,
      body: { payment_intent: paid.id, amount: '18618', reason: 'returned' },
    });
    expect(half.status, half.raw).toBe(201);
    expect(refundShare({ charged: 37_237n, settlement: 1_862n, refunded: 0n, settlementRefunded: 0n }, 18_618n)).toBe(931n);
    expect(moved(start, await settlementBalances())).toEqual({ pendingCny: 931n - 18_618n, commission: -931n });
    // The rest: the rest of the commission, so that all of it has come back.
    const rest = await api('POST', '/v1/refunds', { token: merchant.apiKey, body: { payment_intent: paid.id, reason: 'returned' } });
    expect(rest.status, rest.raw).toBe(201);
    expect(moved(start, await settlementBalances())).toEqual({ pendingCny: 1_862n - 37_237n, commission: -1_862n });
    expect(await intentSettlement(paid.id)).toMatchObject({ commission_refunded: '1862' });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('the buyer’s confirmation releases at once into the merchant’s CNY balance, less commission and fee; only the payer can give it', async () => {
    const paid = await paidIntent();
    expect((await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: stranger })).status).toBe(404);
    const start = await settlementBalances();
    const r = await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.escrow).toMatchObject({ status: 'released', release_reason: 'receipt_confirmed' });
    // CNY 472.37 of goods: commission 5 % = 2361.85 → 2362, fee 0.6 % = 283.42 → 283; nothing in AUD, no FX position moves.
    expect([percentOf(47_237n, 500), percentOf(47_237n, 60)]).toEqual([2_362n, 283n]);
    expect(moved(start, await settlementBalances())).toEqual({ pendingCny: 47_237n - 2_362n - 283n, commission: 2_362n, fee: 283n });
    const transfers = await p.rt.database.query<{ id: string; amount: string; batch_id: string | null }>(
      'select id, amount::text as amount, batch_id from ledger_transfers where id like $1 order by id',
      [`release:${paid.id}:%`],
    );
    expect(transfers.map((t) => [t.id.split(':').at(-1), t.amount])).toEqual([
      ['commission', '2362'],
      ['fee', '283'],
      ['goods', '47237'],
    ]);
    expect(new Set(transfers.map((t) => t.batch_id)).size).toBe(1);
    expect(transfers[0]?.batch_id).not.toBeNull();
    const again = await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    expect(moved(start, await settlementBalances())).toEqual({ pendingCny: 47_237n - 2_362n - 283n, commission: 2_362n, fee: 283n });
  });

  it('a full refund while held empties escrow for the order, and the release job leaves it alone', async () => {
    const paid = await paidIntent();
    await api('POST', `/v1/payment-intents/${paid.id}/delivery`, { token: admin, body: {} });
    const r = await api('POST', '/v1/refunds', { token: merchant.owner, body: { payment_intent: paid.id, reason: 'order_canceled' } });
    expect(r.body).toMatchObject({ amount: { amount: '47237' }, settlement_share: { amount: '10000' }, source: 'escrow' });
    p.clock.advance(11 * 86_400_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    const after = (await api('GET', `/v1/payment-intents/${paid.id}`, { token: admin })).body;
    expect(after.escrow).toMatchObject({ status: 'refunded', released_at: null });
    const events = (await api('GET', '/v1/events?type=escrow.released', { token: merchant.apiKey })).body.data;
    expect(events.some((e: { data: { payment_intent_id: string } }) => e.data.payment_intent_id === paid.id)).toBe(false);
  });

  it('each money path emits its event to the merchant, without the buyer’s ID number', async () => {
    const paid = await paidIntent();
    await api('POST', '/v1/refunds', { token: merchant.apiKey, body: { payment_intent: paid.id, amount: '500', reason: 'other' } });
    await api('POST', `/v1/payment-intents/${paid.id}/confirm-receipt`, { token: buyer });
    const types = new Set<string>();
    for (const type of ['payment_intent.created', 'payment.succeeded', 'refund.succeeded', 'escrow.released']) {
      const r = await api('GET', `/v1/events?type=${type}`, { token: merchant.apiKey });
      const mine = r.body.data.filter((e: { data: { payment_intent_id: string } }) => e.data.payment_intent_id === paid.id);
      if (mine.length) types.add(type);
      expect(JSON.stringify(r.body)).not.toContain(BUYER.id_number);
    }
    expect([...types].sort()).toEqual(['escrow.released', 'payment.succeeded', 'payment_intent.created', 'refund.succeeded']);
    const theirs = await api('GET', '/v1/events?type=payment.succeeded', { token: other.apiKey });
    expect(theirs.body.data.some((e: { data: { payment_intent_id: string } }) => e.data.payment_intent_id === paid.id)).toBe(false);
  });
});

describe('who sees what', () => {
  it('another merchant can neither read, refund nor cancel; shoppers list only what they paid', async () => {
    const paid = await paidIntent();
    const unpaid = (await createIntent()).body;
    expect((await api('GET', `/v1/payment-intents/${paid.id}`, { token: other.apiKey })).status).toBe(404);
    expect((await api('POST', `/v1/payment-intents/${unpaid.id}/cancel`, { token: other.apiKey })).status).toBe(404);
    const refund = await api('POST', '/v1/refunds', { token: other.apiKey, body: { payment_intent: paid.id, reason: 'other' } });
    expect(refund.status).toBe(404);
    const theirList = await api('GET', '/v1/payment-intents?limit=100', { token: other.apiKey });
    expect(theirList.body.data).toEqual([]);
    const mine = await api('GET', '/v1/payment-intents?limit=100', { token: buyer });
    const ids = mine.body.data.map((i: { id: string }) => i.id);
    expect(ids).toContain(paid.id);
    expect(ids).not.toContain(unpaid.id);
    expect(mine.body.data.every((i: { payer: string }) => i.payer !== null)).toBe(true);
    const strangerRefunds = await api('GET', `/v1/refunds?payment_intent=${paid.id}`, { token: stranger });
    expect(strangerRefunds.body.data).toEqual([]);
  });
});

describe('secrets', () => {
  it('no full ID number appears in any response or log line of this file', () => {
    expect(responses.length).toBeGreaterThan(50);
    expect(p.logs.lines.length).toBeGreaterThan(50);
    const all = [...responses, ...p.logs.lines].join('\n');
    for (const person of [BUYER, STRANGER]) expect(all).not.toContain(person.id_number);
    expect(all).not.toContain(VISA.number);
  });
});
