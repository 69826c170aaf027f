// In-store payments for visitors (issue 8, PRODUCT.md P5): a shopper from China pays at a till in
// Australia from their CNY wallet, by scanning the till's QR (merchant-presented) or by showing
// their one-minute payment code (shopper-presented). The sale settles like an online one
// (settlement/accrual.ts): wallet → merchant's CNY balance less commission and fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../src/kernel/money.ts';
import { amountToPay } from '../../src/modules/fx/rules.ts';
import { accountByKey } from '../../src/modules/payments/ledger.ts';
import { postedBalance } from '../../src/modules/payments/rules.ts';
import { businessDay, localDate } from '../../src/modules/payments/instore/rules.ts';
import { percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken } from '../support/http.ts';
import { fund, verifiedShopper } from '../support/corridor.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Json = any;

let p: TestPlatform;
let A: MerchantFixture;
let B: MerchantFixture;
let shopper: { id: string; token: string };
/** A's Melbourne store with two tills (front, back) and their POS keys; a second store with one. */
const a = { store: '', front: '', back: '', frontKey: '', backKey: '', store2: '', till2: '', till2Key: '' };
const b = { store: '', till: '', key: '' };

const MELBOURNE = { name: 'Degraves St', address_line: '12 Degraves St', city: 'Melbourne', region: 'AU-VIC', country: 'AU' };
const aud = (amount: string) => ({ amount, currency: 'AUD' });
let seq = 0;

async function ok<T = Json>(r: { status: number; raw: string; body: T }, status = 200): Promise<T> {
  expect(r.status, r.raw).toBe(status);
  return r.body;
}

async function tillWithKey(owner: string, store: string, name: string): Promise<{ till: string; key: string }> {
  const t = await ok(await call(p, 'POST', `/v1/stores/${store}/tills`, { token: owner, body: { name } }), 201);
  const k = await ok(await call(p, 'POST', `/v1/tills/${t.id}/keys`, { token: owner, body: {} }), 201);
  return { till: t.id, key: k.secret };
}

async function balance(key: string): Promise<bigint> {
  const acc = await accountByKey(p.ctx(), key);
  return acc ? postedBalance(acc.kind, acc) : 0n;
}

/** The balances a sale moves: the shopper's wallet, A's CNY balance, the platform's revenues. */
async function balances(shopperId = shopper.id) {
  return {
    wallet: await balance(`wallet:${shopperId}`),
    merchant: await balance(`merchant_pending:${A.id}:CNY`),
    commission: await balance('commission_revenue:CNY'),
    fee: await balance('payment_fee_revenue:CNY'),
  };
}

function request(key: string, amount: string, extra: object = {}) {
  return call(p, 'POST', '/v1/instore/payments', {
    token: key,
    body: { amount: aud(amount), reference: `S-${++seq}`, ...extra },
    headers: { 'idempotency-key': `k-${seq}-${Date.now()}` },
  });
}

async function code(token = shopper.token): Promise<string> {
  return (await ok(await call(p, 'GET', '/v1/wallet/payment-code', { token }))).code;
}

/** A QR request of `amount` at the front till, paid by the shopper. */
async function paidByQr(amount: string, key = a.frontKey, token = shopper.token): Promise<Json> {
  const req = await ok(await request(key, amount), 201);
  const scan = await ok(await call(p, 'POST', '/v1/wallet/instore/scan', { token, body: { payload: req.qr.payload } }));
  await ok(await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token, body: { quote_id: scan.quote.id } }));
  return ok(await call(p, 'GET', `/v1/instore/payments/${req.id}`, { token: key }));
}

const advance = (seconds: number) => p.clock.advance(seconds * 1000);

beforeAll(async () => {
  p = await startPlatform();
  const admin = await operatorToken(p, 'admin');
  const fin = await operatorToken(p, 'finance');
  await ok(await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } }), 201);
  A = await createMerchant(p, admin, 'Manuka Bay Honey');
  B = await createMerchant(p, admin, 'Kaikoura Kelp', 'NZ');
  a.store = (await ok(await call(p, 'POST', '/v1/stores', { token: A.owner, body: MELBOURNE }), 201)).id;
  ({ till: a.front, key: a.frontKey } = await tillWithKey(A.owner, a.store, 'Front'));
  ({ till: a.back, key: a.backKey } = await tillWithKey(A.owner, a.store, 'Back'));
  const sydney = { name: 'Pitt St', address_line: '1 Pitt St', city: 'Sydney', region: 'AU-NSW', country: 'AU' };
  a.store2 = (await ok(await call(p, 'POST', '/v1/stores', { token: A.owner, body: sydney }), 201)).id;
  ({ till: a.till2, key: a.till2Key } = await tillWithKey(A.owner, a.store2, 'Front'));
  const nz = { name: 'Esplanade', address_line: '1 Esplanade', city: 'Kaikōura', country: 'NZ' };
  b.store = (await ok(await call(p, 'POST', '/v1/stores', { token: B.owner, body: nz }), 201)).id;
  ({ till: b.till, key: b.key } = await tillWithKey(B.owner, b.store, 'Front'));
  shopper = await verifiedShopper(p);
  await fund(p, shopper.token, '1000000');
});
afterAll(() => p?.close());

describe('merchant-presented QR', () => {
  it('the till asks, the shopper scans and pays in CNY at a locked quote; the sale settles to the merchant', async () => {
    const created = await request(a.frontKey, '2599');
    const req = await ok(created, 201);
    expect(req).toMatchObject({
      object: 'instore_payment',
      flow: 'merchant_qr',
      status: 'requires_payment',
      merchant_id: A.id,
      store_id: a.store,
      till_id: a.front,
      amount: aud('2599'),
      charge: null,
    });
    expect(req.id).toMatch(/^isp_/);
    expect(req.qr.payload).toMatch(new RegExp(`^tasman://pay/${req.id}\\?e=\\d+&a=2599&c=AUD&s=`));
    // Five minutes by default.
    expect(Date.parse(req.expires_at) - p.clock.now().getTime()).toBeLessThanOrEqual(300_000);
    expect(Date.parse(req.expires_at) - p.clock.now().getTime()).toBeGreaterThan(299_000);

    const png = await call(p, 'GET', req.qr.png_url, { token: a.frontKey });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(Buffer.from(png.raw, 'latin1').subarray(1, 4).toString()).toBe('PNG');

    const scan = await ok(await call(p, 'POST', '/v1/wallet/instore/scan', { token: shopper.token, body: { payload: req.qr.payload } }));
    const charge = amountToPay(money(2599n, 'AUD'), 'CNY', scan.quote.rate).amount;
    expect(scan).toMatchObject({
      object: 'instore_payment_preview',
      payment: { id: req.id, merchant: { id: A.id, name: 'Manuka Bay Honey' }, store: { name: 'Degraves St' }, amount: aud('2599') },
      charge: { amount: charge.toString(), currency: 'CNY' },
    });
    expect(charge).toBeGreaterThan(2599n * 4n); // about 4.7 CNY per AUD, less the spread

    const before = await balances();
    const paid = await ok(
      await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token: shopper.token, body: { quote_id: scan.quote.id } }),
    );
    expect(paid).toMatchObject({ status: 'succeeded', charge: { amount: charge.toString(), currency: 'CNY' }, fx_rate: scan.quote.rate });

    // The till polls.
    const polled = await ok(await call(p, 'GET', `/v1/instore/payments/${req.id}`, { token: a.frontKey }));
    const commission = percentOf(charge, 500);
    const fee = percentOf(charge, 60);
    expect(polled).toMatchObject({
      status: 'succeeded',
      fx_quote_id: scan.quote.id,
      commission: { amount: commission.toString(), currency: 'CNY' },
      fee: { amount: fee.toString(), currency: 'CNY' },
      qr: null,
    });
    expect(polled.receipt_number).toMatch(/^\d{8}-[0-9A-Z]{8}$/);
    const after = await balances();
    expect(after.wallet).toBe(before.wallet - charge);
    expect(after.merchant).toBe(before.merchant + charge - commission - fee);
    expect(after.commission).toBe(before.commission + commission);
    expect(after.fee).toBe(before.fee + fee);

    // …and hears of it.
    const events = await ok(await call(p, 'GET', '/v1/events?type=instore_payment.succeeded', { token: A.owner }));
    expect(events.data.map((e: Json) => e.data.instore_payment_id)).toContain(req.id);

    // Paid once only.
    for (const r of [
      await call(p, 'POST', '/v1/wallet/instore/scan', { token: shopper.token, body: { payload: req.qr.payload } }),
      await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token: shopper.token, body: {} }),
    ]) {
      expect(r.status, r.raw).toBe(409);
      expect(r.body.error.code).toBe('already_paid');
    }
    expect((await balances()).wallet).toBe(after.wallet);
  });

  it('a creating POST is idempotent', async () => {
    const headers = { 'idempotency-key': `same-${Date.now()}` };
    const body = { amount: aud('500'), reference: 'IDEM-1' };
    const first = await ok(await call(p, 'POST', '/v1/instore/payments', { token: a.frontKey, body, headers }), 201);
    const again = await call(p, 'POST', '/v1/instore/payments', { token: a.frontKey, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.id);
  });

  it('refuses a request past its expiry, a forged QR, and the wrong currency', async () => {
    const req = await ok(await request(a.frontKey, '1000', { expires_in: 60 }), 201);
    advance(61);
    const scan = await call(p, 'POST', '/v1/wallet/instore/scan', { token: shopper.token, body: { payload: req.qr.payload } });
    expect(scan.status, scan.raw).toBe(409);
    expect(scan.body.error.code).toBe('payment_expired');
    const pay = await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token: shopper.token, body: {} });
    expect(pay.body.error.code).toBe('payment_expired');
    expect((await ok(await call(p, 'GET', `/v1/instore/payments/${req.id}`, { token: a.frontKey }))).status).toBe('expired');

    const fresh = await ok(await request(a.frontKey, '1000'), 201);
    const forged = fresh.qr.payload.replace('a=1000', 'a=100');
    const bad = await call(p, 'POST', '/v1/wallet/instore/scan', { token: shopper.token, body: { payload: forged } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_qr', param: 'payload' });

    const nzd = await call(p, 'POST', '/v1/instore/payments', {
      token: a.frontKey,
      body: { amount: { amount: '1000', currency: 'NZD' }, reference: 'X' },
    });
    expect(nzd.status).toBe(400);
    expect(nzd.body.error).toMatchObject({ code: 'currency_mismatch', param: 'amount.currency' });
    const long = await call(p, 'POST', '/v1/instore/payments', {
      token: a.frontKey,
      body: { amount: aud('1'), reference: 'X', expires_in: 901 },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.param).toBe('expires_in');
  });

  it('the till cancels an unpaid request; a cancelled one cannot be paid', async () => {
    const req = await ok(await request(a.frontKey, '1000'), 201);
    const c = await ok(await call(p, 'POST', `/v1/instore/payments/${req.id}/cancel`, { token: a.frontKey, body: {} }));
    expect(c).toMatchObject({ status: 'canceled', qr: null });
    const pay = await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token: shopper.token, body: {} });
    expect(pay.status).toBe(409);
    expect(pay.body.error.code).toBe('invalid_state');
    const again = await call(p, 'POST', `/v1/instore/payments/${req.id}/cancel`, { token: a.frontKey, body: {} });
    expect(again.body.error.code).toBe('invalid_state');
  });

  it('a wallet short of the charge is 402 insufficient_funds; nothing moves', async () => {
    const poor = await verifiedShopper(p);
    await fund(p, poor.token, '100');
    const req = await ok(await request(a.frontKey, '5000'), 201);
    const before = await balances(poor.id);
    const r = await call(p, 'POST', `/v1/wallet/instore/payments/${req.id}/confirm`, { token: poor.token, body: {} });
    expect(r.status, r.raw).toBe(402);
    expect(r.body.error).toMatchObject({ code: 'insufficient_funds', param: 'wallet', available: '100', currency: 'CNY' });
    expect(await balances(poor.id)).toEqual(before);
    expect((await ok(await call(p, 'GET', `/v1/instore/payments/${req.id}`, { token: a.frontKey }))).status).toBe('requires_payment');
  });

  it('a shopper without a CNY wallet cannot pay in store', async () => {
    const { token } = await createShopper(p, 'AU');
    const req = await ok(await request(a.frontKey, '1000'), 201);
    const r = await call(p, 'POST', '/v1/wallet/instore/scan', { token, body: { payload: req.qr.payload } });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error.code).toBe('currency_mismatch');
  });
});

describe('shopper-presented code', () => {
  it('the wallet shows an 18-digit code that changes every minute, and its images', async () => {
    const c = await ok(await call(p, 'GET', '/v1/wallet/payment-code', { token: shopper.token }));
    expect(c).toMatchObject({
      object: 'payment_code',
      no_confirmation_limit: null,
      max_no_confirmation_limit: { amount: '100000', currency: 'CNY' },
    });
    expect(c.code).toMatch(/^38\d{16}$/);
    expect(Date.parse(c.expires_at) - Date.parse(c.refresh_at)).toBe(60_000);
    for (const q of ['', '?symbology=qrcode']) {
      const img = await call(p, 'GET', `${c.image_url}${q}`, { token: shopper.token });
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
    }
    advance(60);
    expect(await code()).not.toBe(c.code);
  });

  it('the shopper sets a no-confirmation limit between 0 and ¥1,000', async () => {
    const over = await call(p, 'POST', '/v1/wallet/payment-code/settings', {
      token: shopper.token,
      body: { no_confirmation_limit: { amount: '100001', currency: 'CNY' } },
    });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('invalid_amount');
    const set = await ok(
      await call(p, 'POST', '/v1/wallet/payment-code/settings', {
        token: shopper.token,
        body: { no_confirmation_limit: { amount: '20000', currency: 'CNY' } },
      }),
    );
    expect(set.no_confirmation_limit).toEqual({ amount: '20000', currency: 'CNY' });
  });

  it('under the limit the till is paid at once; the same code twice is refused', async () => {
    advance(60);
    const c = await code();
    const before = await balances();
    const paid = await ok(await request(a.frontKey, '1000', { payment_code: c }), 201);
    expect(paid).toMatchObject({ flow: 'shopper_code', status: 'succeeded', qr: null });
    const charge = BigInt(paid.charge.amount);
    expect(charge).toBe(amountToPay(money(1000n, 'AUD'), 'CNY', paid.fx_rate).amount);
    const commission = percentOf(charge, 500);
    const fee = percentOf(charge, 60);
    const after = await balances();
    expect(after.wallet).toBe(before.wallet - charge);
    expect(after.merchant).toBe(before.merchant + charge - commission - fee);
    expect(after.commission).toBe(before.commission + commission);
    expect(after.fee).toBe(before.fee + fee);

    for (const key of [a.frontKey, a.backKey]) {
      const again = await request(key, '1000', { payment_code: c });
      expect(again.status, again.raw).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'payment_code_used', param: 'payment_code' });
    }
    expect((await balances()).wallet).toBe(after.wallet);
    // Two tills racing with one fresh code: one is paid, the other refused.
    advance(60);
    const fresh = await code();
    const race = await Promise.all([
      request(a.frontKey, '100', { payment_code: fresh }),
      request(a.backKey, '100', { payment_code: fresh }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    // The shopper sees it among their payments.
    const mine = await ok(await call(p, 'GET', `/v1/wallet/instore/payments/${paid.id}`, { token: shopper.token }));
    expect(mine).toMatchObject({ status: 'succeeded', merchant: { name: 'Manuka Bay Honey' }, charge: paid.charge });
  });

  it('a code is good for its minute and one more; later it is expired; a wrong digit is invalid', async () => {
    advance(60);
    const c = await code();
    advance(60);
    const late = await request(a.frontKey, '100', { payment_code: c });
    expect(late.status, late.raw).toBe(201);
    const c2 = await code();
    advance(120);
    const expired = await request(a.frontKey, '100', { payment_code: c2 });
    expect(expired.status, expired.raw).toBe(400);
    expect(expired.body.error).toMatchObject({ code: 'payment_code_expired', param: 'payment_code' });
    const c3 = await code();
    const wrong = `${c3.slice(0, 17)}${(Number(c3[17]) + 1) % 10}`;
    const invalid = await request(a.frontKey, '100', { payment_code: wrong });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('payment_code_invalid');
    const junk = await request(a.frontKey, '100', { payment_code: '123456789012345678' });
    expect(junk.body.error.code).toBe('payment_code_invalid');
  });

  it('above the limit the payment waits for the shopper to confirm in the wallet', async () => {
    advance(60);
    const before = await balances();
    const waiting = await ok(await request(a.frontKey, '10000', { payment_code: await code() }), 201);
    const charge = BigInt(waiting.charge.amount);
    expect(charge).toBeGreaterThan(20000n);
    expect(waiting.status).toBe('requires_confirmation');
    expect((await balances()).wallet).toBe(before.wallet);
    const list = await ok(await call(p, 'GET', '/v1/wallet/instore/payments?status=requires_confirmation', { token: shopper.token }));
    expect(list.data.map((x: Json) => x.id)).toContain(waiting.id);
    // Nobody else confirms it.
    const other = await verifiedShopper(p, { name: '王芳', first17: '11010519800101002' });
    const notTheirs = await call(p, 'POST', `/v1/wallet/instore/payments/${waiting.id}/confirm`, { token: other.token, body: {} });
    expect(notTheirs.status).toBe(404);
    const confirmed = await ok(
      await call(p, 'POST', `/v1/wallet/instore/payments/${waiting.id}/confirm`, { token: shopper.token, body: {} }),
    );
    expect(confirmed).toMatchObject({ status: 'succeeded', charge: waiting.charge });
    expect((await balances()).wallet).toBe(before.wallet - charge);
  });

  it('a confirmation after the request expired is refused', async () => {
    advance(60);
    const waiting = await ok(await request(a.frontKey, '10000', { payment_code: await code(), expires_in: 60 }), 201);
    advance(61);
    const r = await call(p, 'POST', `/v1/wallet/instore/payments/${waiting.id}/confirm`, { token: shopper.token, body: {} });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('payment_expired');
  });

  it('with no limit (0) every code payment is confirmed', async () => {
    await ok(
      await call(p, 'POST', '/v1/wallet/payment-code/settings', {
        token: shopper.token,
        body: { no_confirmation_limit: { amount: '0', currency: 'CNY' } },
      }),
    );
    advance(60);
    const r = await ok(await request(a.frontKey, '100', { payment_code: await code() }), 201);
    expect(r.status).toBe('requires_confirmation');
    await ok(await call(p, 'POST', `/v1/instore/payments/${r.id}/cancel`, { token: a.frontKey, body: {} }));
    await ok(
      await call(p, 'POST', '/v1/wallet/payment-code/settings', {
        token: shopper.token,
        body: { no_confirmation_limit: { amount: '20000', currency: 'CNY' } },
      }),
    );
  });
});

describe('refunds', () => {
  it('partial then full: the CNY shares add up to exactly the charge; commission comes back, the fee stays', async () => {
    const before = await balances();
    const paid = await paidByQr('2599');
    const charge = BigInt(paid.charge.amount);
    const commission = BigInt(paid.commission.amount);
    const fee = BigInt(paid.fee.amount);

    const r1 = await ok(
      await call(p, 'POST', `/v1/instore/payments/${paid.id}/refunds`, {
        token: a.frontKey,
        body: { amount: aud('1000'), reason: 'returned one jar' },
        headers: { 'idempotency-key': `refund-1-${paid.id}` },
      }),
      201,
    );
    const share1 = (charge * 1000n * 2n + 2599n) / (2599n * 2n);
    expect(r1).toMatchObject({ object: 'instore_refund', payment_id: paid.id, till_id: a.front, amount: aud('1000') });
    expect(r1.charge).toEqual({ amount: share1.toString(), currency: 'CNY' });
    expect(r1.payment.refunded).toEqual(aud('1000'));

    const over = await call(p, 'POST', `/v1/instore/payments/${paid.id}/refunds`, { token: a.frontKey, body: { amount: aud('1600') } });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'refund_exceeds_payment', refundable: aud('1599') });

    // The rest, at the other till of the store.
    const r2 = await ok(
      await call(p, 'POST', `/v1/instore/payments/${paid.id}/refunds`, { token: a.backKey, body: { amount: aud('1599') } }),
      201,
    );
    expect(r2.till_id).toBe(a.back);
    expect(BigInt(r1.charge.amount) + BigInt(r2.charge.amount)).toBe(charge);
    expect(r2.payment).toMatchObject({ refunded: aud('2599'), charge_refunded: { amount: charge.toString(), currency: 'CNY' } });
    expect(r2.payment.commission_refunded).toEqual({ amount: commission.toString(), currency: 'CNY' });

    const after = await balances();
    expect(after.wallet).toBe(before.wallet);
    expect(after.merchant).toBe(before.merchant - fee);
    expect(after.commission).toBe(before.commission);
    expect(after.fee).toBe(before.fee + fee);

    const nothingLeft = await call(p, 'POST', `/v1/instore/payments/${paid.id}/refunds`, { token: a.frontKey, body: { amount: aud('1') } });
    expect(nothingLeft.body.error.code).toBe('refund_exceeds_payment');
    const unpaid = await ok(await request(a.frontKey, '100'), 201);
    const r = await call(p, 'POST', `/v1/instore/payments/${unpaid.id}/refunds`, { token: a.frontKey, body: { amount: aud('1') } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_state');
    const events = await ok(await call(p, 'GET', '/v1/events?type=instore_refund.succeeded', { token: A.owner }));
    expect(events.data.filter((e: Json) => e.data.instore_payment_id === paid.id)).toHaveLength(2);
  });
  it('refunds at two tills at once still add up exactly', async () => {
    const paid = await paidByQr('2599');
    const [r1, r2] = await Promise.all(
      [
        [a.frontKey, '1000'],
        [a.backKey, '1599'],
      ].map(([token, amount]) =>
        call(p, 'POST', `/v1/instore/payments/${paid.id}/refunds`, { token, body: { amount: aud(amount as string) } }),
      ),
    );
    expect([r1?.status, r2?.status]).toEqual([201, 201]);
    const after = await ok(await call(p, 'GET', `/v1/instore/payments/${paid.id}`, { token: a.frontKey }));
    expect(after).toMatchObject({ refunded: aud('2599'), charge_refunded: paid.charge, commission_refunded: paid.commission });
    expect(BigInt(r1?.body.charge.amount) + BigInt(r2?.body.charge.amount)).toBe(BigInt(paid.charge.amount));
  });
});

describe('receipts', () => {
  it('JSON with bilingual lines and printable text, for the till and the shopper who paid', async () => {
    const paid = await paidByQr('1234');
    await ok(await call(p, 'POST', `/v1/instore/payments/${paid.id}/refunds`, { token: a.frontKey, body: { amount: aud('234') } }), 201);
    const receipt = await ok(await call(p, 'GET', `/v1/instore/payments/${paid.id}/receipt`, { token: a.frontKey }));
    expect(receipt).toMatchObject({
      object: 'instore_receipt',
      receipt_number: paid.receipt_number,
      merchant: { id: A.id, name: 'Manuka Bay Honey' },
      store: { id: a.store, name: 'Degraves St' },
      till: { id: a.front, name: 'Front' },
      time_zone: 'Australia/Melbourne',
      amount: aud('1234'),
      charge: paid.charge,
      net: aud('1000'),
    });
    expect(receipt.refunds).toHaveLength(1);
    const line = (key: string) => receipt.lines.find((l: Json) => l.key === key);
    expect(line('amount')).toEqual({ key: 'amount', zh: '金额', en: 'Amount', value: 'AUD 12.34' });
    expect(line('charge').zh).toBe('人民币实付');
    expect(line('refund').value).toMatch(/^-AUD 2\.34 \(-CNY /);
    const mine = await ok(await call(p, 'GET', `/v1/instore/payments/${paid.id}/receipt`, { token: shopper.token }));
    expect(mine).toEqual(receipt);
    const text = await call(p, 'GET', `/v1/instore/payments/${paid.id}/receipt.txt`, { token: shopper.token });
    expect(text.status).toBe(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.raw).toContain(`小票号 Receipt no.: ${paid.receipt_number}`);
    expect(text.raw).toContain('金额 Amount: AUD 12.34');

    const other = await verifiedShopper(p, { name: '张三', first17: '11010519900101003' });
    expect((await call(p, 'GET', `/v1/instore/payments/${paid.id}/receipt`, { token: other.token })).status).toBe(404);
    const unpaid = await ok(await request(a.frontKey, '100'), 201);
    const none = await call(p, 'GET', `/v1/instore/payments/${unpaid.id}/receipt`, { token: a.frontKey });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('invalid_state');
  });
});

describe('daily till report', () => {
  it('counts a store’s business day in its own time zone, per till, in AUD and CNY', async () => {
    // A store of its own, so the other tests' sales stay out of its day.
    const store = (await ok(await call(p, 'POST', '/v1/stores', { token: A.owner, body: { ...MELBOURNE, name: 'Block Arcade' } }), 201)).id;
    const f = await tillWithKey(A.owner, store, 'Front');
    const k = await tillWithKey(A.owner, store, 'Back');
    // Just before midnight in Melbourne, then just after: two business days.
    const zone = 'Australia/Melbourne';
    const today = localDate(p.clock.now(), zone);
    const midnight = businessDay(today, zone).to;
    p.clock.set(new Date(midnight.getTime() - 90_000));
    const day1 = localDate(p.clock.now(), zone);
    const front = await paidByQr('1000', f.key);
    advance(30);
    const back = await ok(await request(k.key, '2000', { payment_code: await code() }), 201);
    expect(back.status).toBe('succeeded');
    await ok(await call(p, 'POST', `/v1/instore/payments/${front.id}/refunds`, { token: k.key, body: { amount: aud('500') } }), 201);
    p.clock.set(new Date(midnight.getTime() + 30_000));
    const nextDay = await paidByQr('700', f.key);
    await ok(await call(p, 'POST', `/v1/instore/payments/${back.id}/refunds`, { token: f.key, body: { amount: aud('2000') } }), 201);

    const r = await ok(await call(p, 'GET', `/v1/instore/reports/daily?date=${day1}`, { token: f.key }));
    expect(r.object).toBe('instore_daily_report');
    expect(r.stores).toHaveLength(1);
    const s = r.stores[0];
    expect(s).toMatchObject({ store_id: store, date: day1, time_zone: zone, currency: 'AUD', to: midnight.toISOString() });
    const c = (x: Json) => BigInt(x.charge.amount);
    const frontRefundCny = (c(front) * 500n * 2n + 1000n) / 2000n;
    expect(s.totals).toMatchObject({
      payments: 2,
      refunds: 1,
      gross: aud('3000'),
      refunded: aud('500'),
      net: aud('2500'),
      gross_cny: { amount: (c(front) + c(back)).toString(), currency: 'CNY' },
      refunded_cny: { amount: frontRefundCny.toString(), currency: 'CNY' },
      fees: { amount: (BigInt(front.fee.amount) + BigInt(back.fee.amount)).toString(), currency: 'CNY' },
    });
    const tills = Object.fromEntries(s.tills.map((t: Json) => [t.name, t]));
    expect(tills.Front).toMatchObject({ till_id: f.till, payments: 1, refunds: 0, gross: aud('1000') });
    expect(tills.Back).toMatchObject({
      till_id: k.till,
      payments: 1,
      refunds: 1,
      gross: aud('2000'),
      refunded: aud('500'),
      net: aud('1500'),
    });

    // The next day: one payment, and the refund of yesterday's sale (cash-up counts refunds when given).
    const next = (await ok(await call(p, 'GET', '/v1/instore/reports/daily', { token: f.key }))).stores[0];
    expect(next.date).not.toBe(day1);
    expect(next.totals).toMatchObject({ payments: 1, refunds: 1, gross: aud('700'), refunded: aud('2000'), net: aud('-1300') });
    expect(next.totals.gross_cny.amount).toBe(nextDay.charge.amount);

    // The merchant sees every store; a bad date is refused.
    const all = await ok(await call(p, 'GET', `/v1/instore/reports/daily?date=${day1}`, { token: A.owner }));
    expect(all.stores.map((x: Json) => x.store_id).sort()).toEqual([a.store, a.store2, store].sort());
    const bad = await call(p, 'GET', '/v1/instore/reports/daily?date=2026-02-30', { token: A.owner });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('date');
  });
});

describe('who sees what', () => {
  it('a POS key sees its own store’s payments; the merchant all of its stores; another merchant nothing', async () => {
    const here = await paidByQr('300');
    const there = await paidByQr('300', a.till2Key);
    // Store 1's tills see store 1's; store 2's till does not.
    expect((await call(p, 'GET', `/v1/instore/payments/${here.id}`, { token: a.backKey })).status).toBe(200);
    for (const [key, id] of [
      [a.till2Key, here.id],
      [a.frontKey, there.id],
    ] as const) {
      const r = await call(p, 'GET', `/v1/instore/payments/${id}`, { token: key });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    const listed = await ok(await call(p, 'GET', '/v1/instore/payments?limit=100', { token: a.till2Key }));
    expect(listed.data.every((x: Json) => x.store_id === a.store2)).toBe(true);
    // The merchant's staff and keys with instore:read see both stores.
    const reader = await ok(
      await call(p, 'POST', '/v1/api-keys', { token: A.owner, body: { name: 'reports', mode: 'live', scopes: ['instore:read'] } }),
      201,
    );
    for (const token of [A.owner, A.apiKey, reader.secret]) {
      const ids = (await ok(await call(p, 'GET', '/v1/instore/payments?limit=100', { token }))).data.map((x: Json) => x.id);
      expect(ids).toEqual(expect.arrayContaining([here.id, there.id]));
    }
    // …but a key with instore:read takes no payments.
    const take = await call(p, 'POST', '/v1/instore/payments', { token: reader.secret, body: { amount: aud('1'), reference: 'X' } });
    expect(take.status).toBe(403);
    expect(take.body.error.code).toBe('insufficient_scope');
    // Another merchant's till and keys: 404, and nothing in their lists.
    for (const token of [b.key, B.owner, B.apiKey]) {
      for (const url of [
        `/v1/instore/payments/${here.id}`,
        `/v1/instore/payments/${here.id}/receipt`,
        `/v1/instore/payments/${here.id}/qr.png`,
      ]) {
        const r = await call(p, 'GET', url, { token });
        expect(r.status, `${url}: ${r.raw}`).toBe(404);
      }
      const list = await ok(await call(p, 'GET', '/v1/instore/payments?limit=100', { token }));
      expect(list.data.map((x: Json) => x.id)).not.toContain(here.id);
    }
    for (const [url, body] of [
      [`/v1/instore/payments/${here.id}/refunds`, { amount: aud('1') }],
      [`/v1/instore/payments/${here.id}/cancel`, {}],
    ] as const) {
      const r = await call(p, 'POST', url, { token: b.key, body });
      expect(r.status).toBe(404);
    }
    const report = await call(p, 'GET', `/v1/instore/reports/daily?store_id=${a.store}`, { token: B.owner });
    expect(report.status).toBe(404);
    expect((await call(p, 'GET', `/v1/instore/reports/daily?store_id=${a.store}`, { token: b.key })).status).toBe(404);
    // Merchant staff cannot take a payment: only a till can.
    const owner = await call(p, 'POST', '/v1/instore/payments', { token: A.owner, body: { amount: aud('1'), reference: 'X' } });
    expect(owner.status).toBe(403);
  });

  it('a shopper sees only their own payments', async () => {
    const paid = await paidByQr('200');
    const other = await verifiedShopper(p, { name: '赵六', first17: '11010519700101004' });
    expect((await call(p, 'GET', `/v1/wallet/instore/payments/${paid.id}`, { token: other.token })).status).toBe(404);
    const list = await ok(await call(p, 'GET', '/v1/wallet/instore/payments?limit=100', { token: other.token }));
    expect(list.data).toEqual([]);
    expect((await call(p, 'GET', `/v1/instore/payments/${paid.id}`, { token: shopper.token })).status).toBe(403);
  });
});
