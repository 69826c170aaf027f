// Shopper wallets through the API: identity first, card top-ups through the sandbox
// acquirer (test cards, the challenge step, declines), the signed webhook that credits the
// wallet once, and no card number anywhere in responses or logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { acquirer } from '../../src/modules/payments/wallets.ts';
import { call, createShopper } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let token: string;
const VISA = '4242424242424242';
const card = (number: string, extra: Record<string, unknown> = {}) => ({ number, exp_month: 12, exp_year: 2034, cvc: '123', ...extra });

async function verifiedShopper(): Promise<string> {
  const s = await createShopper(p, 'CN');
  const first17 = '11010519491231002';
  const r = await call(p, 'POST', '/v1/shopper/identity', {
    token: s.token,
    body: { real_name: '李伟', id_number: first17 + residentIdCheckChar(first17), mobile: '13800138000' },
  });
  if (r.status !== 201) throw new Error(r.raw);
  return s.token;
}

const topUp = (amount: string, c: Record<string, unknown>, t = token) =>
  call(p, 'POST', '/v1/wallet/top-ups', { token: t, body: { amount, card: c } });
const wallet = async (t = token) => (await call(p, 'GET', '/v1/wallet', { token: t })).body;

beforeAll(async () => {
  p = await startPlatform();
  token = await verifiedShopper();
});
afterAll(() => p?.close());

describe('the wallet', () => {
  it('is in the shopper’s home currency and unusable until the identity is verified', async () => {
    const s = await createShopper(p, 'CN');
    expect(await wallet(s.token)).toMatchObject({ currency: 'CNY', balance: { amount: '0', currency: 'CNY' }, identity_verified: false });
    const r = await topUp('1000', card(VISA), s.token);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('identity_required');
    const au = await createShopper(p, 'AU');
    expect((await wallet(au.token)).currency).toBe('AUD');
  });
});

describe('top-ups', () => {
  it('an authorised card is processing until the acquirer’s webhook confirms it, then credited once', async () => {
    const r = await topUp('50000', card(VISA));
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      status: 'processing',
      amount: { amount: '50000', currency: 'CNY' },
      card: { brand: 'visa', last4: '4242' },
    });
    expect((await wallet()).balance.amount).toBe('0');
    await p.runJobs();
    expect((await call(p, 'GET', `/v1/wallet/top-ups/${r.body.id}`, { token })).body.status).toBe('succeeded');
    expect((await wallet()).balance.amount).toBe('50000');
    const entries = (await call(p, 'GET', '/v1/wallet/statement', { token })).body.data;
    expect(entries[0]).toMatchObject({ direction: 'credit', amount: { amount: '50000' }, reference: { type: 'top_up', id: r.body.id } });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('a webhook delivered twice credits once; a forged one is refused', async () => {
    const r = await topUp('1200', card('5555 5555 5555 4444'));
    const [row] = await p.rt.database.query<{ acquirer_ref: string }>('select acquirer_ref from wallet_top_ups where id = $1', [r.body.id]);
    const acq = acquirer(p.rt);
    const event = {
      id: 'evt_x',
      type: 'charge.succeeded' as const,
      acquirerRef: row?.acquirer_ref as string,
      amount: '1200',
      currency: 'CNY',
      created: 0,
    };
    const { body, signature } = acq.signWebhook(event, p.clock.now());
    const send = (sig: string, b = body) =>
      call(p, 'POST', '/v1/acquirers/sandbox/webhooks', {
        rawBody: b,
        headers: { 'content-type': 'application/json', 'acquirer-signature': sig },
      });
    const before = Number((await wallet()).balance.amount);
    expect((await send(signature)).body).toEqual({ received: true, applied: true });
    expect((await send(signature)).body).toEqual({ received: true, applied: false });
    expect(Number((await wallet()).balance.amount)).toBe(before + 1200);
    const forged = await send(signature, body.replace('1200', '9999'));
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_signature');
    await p.runJobs(); // the job's own confirmation finds it already applied
    expect(Number((await wallet()).balance.amount)).toBe(before + 1200);
  });

  it('a card that needs the issuer’s check waits for the code; a wrong code declines', async () => {
    const r = await topUp('3000', card('4000000000003220'));
    expect(r.body.status).toBe('requires_challenge');
    const wrong = await call(p, 'POST', `/v1/wallet/top-ups/${r.body.id}/challenge`, { token, body: { code: '000000' } });
    expect(wrong.status).toBe(402);
    expect(wrong.body.error).toMatchObject({ code: 'card_declined', decline_code: 'challenge_failed' });
    const r2 = await topUp('3000', card('4000000000003220'));
    const ok = await call(p, 'POST', `/v1/wallet/top-ups/${r2.body.id}/challenge`, { token, body: { code: '123456' } });
    expect(ok.body.status).toBe('processing');
    await p.runJobs();
    expect((await call(p, 'GET', `/v1/wallet/top-ups/${r2.body.id}`, { token })).body.status).toBe('succeeded');
  });

  it.each([
    ['4000000000000002', {}, 'card_declined'],
    ['4000000000009995', {}, 'insufficient_funds'],
    ['4242424242424241', {}, 'invalid_card_number'],
    [VISA, { exp_year: 2020 }, 'expired_card'],
    ['4000000000000127', {}, 'incorrect_cvc'],
    [VISA, { cvc: '12a' }, 'incorrect_cvc'],
  ])('card %s %j is declined with %s and nothing is credited', async (number, extra, code) => {
    const before = (await wallet()).balance.amount;
    const r = await topUp('1000', card(number, extra));
    expect(r.status).toBe(402);
    expect(r.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: code });
    const failed = await call(p, 'GET', `/v1/wallet/top-ups/${r.body.error.top_up_id}`, { token });
    expect(failed.body).toMatchObject({ status: 'failed', decline_code: code });
    await p.runJobs();
    expect((await wallet()).balance.amount).toBe(before);
  });

  it('another shopper cannot see a top-up', async () => {
    const r = await topUp('100', card(VISA));
    const other = await verifiedShopper();
    expect((await call(p, 'GET', `/v1/wallet/top-ups/${r.body.id}`, { token: other })).status).toBe(404);
  });

  it('no card number appears in any response or log line', async () => {
    const responses: string[] = [];
    for (const c of [VISA, '4000000000000002', '4000000000003220']) responses.push((await topUp('100', card(c))).raw);
    const all = [...responses, ...p.logs.lines].join('\n');
    for (const c of [VISA, '4000000000000002', '4000000000003220', '4242 4242 4242 4242']) expect(all).not.toContain(c);
    expect(p.logs.lines.length).toBeGreaterThan(3);
  });
});
