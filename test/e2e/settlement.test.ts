// Merchant settlement through the API (issue 8 "Settlement"): commission per category and the
// payment fee taken at release, the merchant's CNY balance converted at the settlement rate on
// payout day (rate and spread kept), payout batches with four eyes, the ABA file read back field
// by field, the bank's answers (a failed payout's money returns to the balance), holds, negative
// balances carried forward, and the reconciliation report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAt, customerRate, invertRate } from '../../src/modules/fx/rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { parseAbaFile } from '../../src/modules/payments/settlement/aba-parse.ts';
import { ABA_RECORD_LENGTH } from '../../src/modules/payments/settlement/aba.ts';
import { paymentFee, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;
let fin2: string;

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

beforeAll(async () => {
  // A small minimum so one order's worth is paid out.
  p = await startPlatform({ env: { PAYOUT_MINIMUM: '1000' } });
  c = await setUpCorridor(p, { honey: 40, formula: 10 });
  fin2 = await operatorToken(p, 'finance');
});
afterAll(() => p?.close());

async function balanceOf(key: string): Promise<bigint> {
  const [row] = await p.rt.database.query<{ kind: string; dp: string; cp: string }>(
    'select kind, debits_posted::text as dp, credits_posted::text as cp from ledger_accounts where key = $1',
    [key],
  );
  if (!row) return 0n;
  return row.kind === 'asset' ? BigInt(row.dp) - BigInt(row.cp) : BigInt(row.cp) - BigInt(row.dp);
}

async function shopper() {
  const s = await verifiedShopper(p);
  await fund(p, s.token, '500000');
  return s;
}

/** A's honey × n bought, shipped, delivered and confirmed by the buyer: escrow released. */
async function completedOrder(token: string, n: number): Promise<Body> {
  const order = (await buy(p, token, [[c.v.honey, n]])).orders[0];
  expect((await call(p, 'POST', `/v1/orders/${order.id}/ship`, { token: c.A.owner, body: { tracking_number: 'SF1' } })).status).toBe(200);
  expect((await call(p, 'POST', `/v1/orders/${order.id}/deliver`, { token: c.ops })).status).toBe(200);
  const done = await call(p, 'POST', `/v1/orders/${order.id}/complete`, { token });
  expect(done.status, done.raw).toBe(200);
  return done.body;
}

const goodsOf = (order: Body) => order.lines.reduce((a: bigint, l: Body) => a + BigInt(l.unit_price_paid.amount) * BigInt(l.quantity), 0n);

describe('the fee schedule', () => {
  it('finance sets a category’s commission and a currency’s payment fee; others may read it, not set it', async () => {
    const set = await call(p, 'PUT', '/v1/settlement/fees/commission/honey', { token: c.fin, body: { bps: 800 } });
    expect(set.status, set.raw).toBe(200);
    expect(set.body.commission).toMatchObject({ default_bps: 500, categories: { honey: 800 } });
    expect(set.body.payment_fees).toContainEqual({ currency: 'CNY', bps: 60, fixed: { amount: '0', currency: 'CNY' } });
    expect((await call(p, 'PUT', '/v1/settlement/fees/commission/honey', { token: c.A.owner, body: { bps: 1 } })).status).toBe(403);
    expect((await call(p, 'PUT', '/v1/settlement/fees/commission/honey', { token: c.ops, body: { bps: 1 } })).status).toBe(403);
    const bad = await call(p, 'PUT', '/v1/settlement/fees/commission/honey', { token: c.fin, body: { bps: 20_000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('bps');
    expect((await call(p, 'GET', '/v1/settlement/fees', { token: c.A.owner })).body.commission.categories.honey).toBe(800);
  });
});

describe('release', () => {
  it('credits the goods to the merchant’s CNY balance, less 8 % honey commission per line and the 0.6 % fee', async () => {
    const s = await shopper();
    const before = {
      pending: await balanceOf(`merchant_pending:${c.A.id}:CNY`),
      aud: await balanceOf(`merchant_pending:${c.A.id}:AUD`),
      commission: await balanceOf('commission_revenue:CNY'),
      fee: await balanceOf('payment_fee_revenue:CNY'),
      fx: await balanceOf('fx_position:CNY'),
    };
    const order = await completedOrder(s.token, 3);
    const goods = goodsOf(order);
    const commission = percentOf(goods, 800);
    const fee = paymentFee(goods, { bps: 60, fixed: 0n });
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBe(before.pending + goods - commission - fee);
    expect(await balanceOf('commission_revenue:CNY')).toBe(before.commission + commission);
    expect(await balanceOf('payment_fee_revenue:CNY')).toBe(before.fee + fee);
    // Nothing is converted until payout day.
    expect(await balanceOf(`merchant_pending:${c.A.id}:AUD`)).toBe(before.aud);
    expect(await balanceOf('fx_position:CNY')).toBe(before.fx);
    const bal = await call(p, 'GET', '/v1/balance', { token: c.A.owner });
    expect(bal.status, bal.raw).toBe(200);
    expect(bal.body.settlement_currency).toBe('AUD');
    expect(bal.body.balances).toContainEqual({ amount: (before.pending + goods - commission - fee).toString(), currency: 'CNY' });
  });
});

describe('a payout batch', () => {
  let batch: Body;

  it('converts the CNY balance at the settlement rate, keeping mid, spread and rate, and pays what is due', async () => {
    const setAccount = await call(p, 'PUT', `/v1/merchants/${c.A.id}/payout-account`, {
      token: c.A.owner,
      body: { country: 'AU', account_name: 'Manuka Bay Pty Ltd', bsb: '082-001', account_number: '694867196' },
    });
    expect(setAccount.status, setAccount.raw).toBe(200);
    expect(setAccount.body.payout_account).toEqual({ country: 'AU', masked: '082-001 ****196' });
    const badBsb = await call(p, 'PUT', `/v1/merchants/${c.A.id}/payout-account`, {
      token: c.A.owner,
      body: { country: 'AU', account_name: 'Manuka Bay Pty Ltd', bsb: '82-001', account_number: '694867196' },
    });
    expect(badBsb.status).toBe(400);
    expect(badBsb.body.error).toMatchObject({ code: 'invalid_bank_account', param: 'bsb' });
    const otherCountry = await call(p, 'PUT', `/v1/merchants/${c.A.id}/payout-account`, {
      token: c.A.owner,
      body: { country: 'NZ', account_name: 'Manuka Bay Pty Ltd', account_number: '12-3140-0171323-050' },
    });
    expect(otherCountry.body.error).toMatchObject({ code: 'invalid_bank_account', param: 'country' });
    // B has nothing released: it is skipped, not paid.
    const cny = await balanceOf(`merchant_pending:${c.A.id}:CNY`);
    const aud = await balanceOf(`merchant_pending:${c.A.id}:AUD`);
    const run = await call(p, 'POST', '/v1/payout-batches', { token: c.fin, body: { currency: 'AUD' } });
    expect(run.status, run.raw).toBe(201);
    const conv = run.body.conversions.find((x: Body) => x.merchant_id === c.A.id);
    // The setting is AUD→CNY 4.7 with 50 bps: CNY→AUD is its inverse, less the same spread.
    const mid = invertRate('4.7');
    const rate = customerRate(mid, 50);
    const converted = convertAt({ amount: cny, currency: 'CNY' }, 'AUD', rate).amount;
    expect(conv).toMatchObject({ from: { amount: cny.toString(), currency: 'CNY' }, mid, spread_bps: 50, rate });
    expect(conv.to).toEqual({ amount: converted.toString(), currency: 'AUD' });
    expect(run.body.skipped).toContainEqual({ merchant_id: c.B.id, reason: 'nothing_due', balance: { amount: '0', currency: 'AUD' } });
    batch = run.body.batch;
    expect(batch).toMatchObject({ status: 'draft', currency: 'AUD', format: 'aba', item_count: 1, approvals: [] });
    expect(batch.items[0]).toMatchObject({
      merchant_id: c.A.id,
      amount: { amount: (aud + converted).toString(), currency: 'AUD' },
      status: 'pending',
      account: '082-001 ****196',
    });
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBe(0n);
    expect(await balanceOf(`merchant_pending:${c.A.id}:AUD`)).toBe(0n);
    expect(await balanceOf('payouts_in_transit:AUD')).toBe(aud + converted);
  });

  it('needs a second finance operator: the preparer cannot approve, and has no file before approval', async () => {
    const self = await call(p, 'POST', `/v1/payout-batches/${batch.id}/approve`, { token: c.fin });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('same_operator');
    expect((await call(p, 'GET', `/v1/payout-batches/${batch.id}/file`, { token: c.fin })).status).toBe(409);
    expect((await call(p, 'POST', `/v1/payout-batches/${batch.id}/send`, { token: c.fin })).body.error.code).toBe('invalid_state');
    expect((await call(p, 'POST', `/v1/payout-batches/${batch.id}/approve`, { token: c.A.owner })).status).toBe(403);
    const ok = await call(p, 'POST', `/v1/payout-batches/${batch.id}/approve`, { token: fin2 });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body.status).toBe('approved');
    expect(ok.body.approvals).toHaveLength(1);
    expect((await call(p, 'POST', `/v1/payout-batches/${batch.id}/approve`, { token: fin2 })).body.error.code).toBe('invalid_state');
  });

  it('gives an ABA file: 120-character records, the payout in the detail record, totals and count that match', async () => {
    const f = await call(p, 'GET', `/v1/payout-batches/${batch.id}/file`, { token: fin2 });
    expect(f.status, f.raw).toBe(200);
    expect(f.headers['content-disposition']).toContain(`${batch.id}.aba`);
    const lines = f.raw.split('\r\n').filter(Boolean);
    expect(lines.every((l: string) => l.length === ABA_RECORD_LENGTH)).toBe(true);
    const aba = parseAbaFile(f.raw);
    expect(aba.details).toHaveLength(1);
    expect(aba.details[0]).toMatchObject({
      bsb: '082-001',
      account: '694867196',
      amountCents: BigInt(batch.items[0].amount.amount),
      accountName: 'Manuka Bay Pty Ltd',
      traceBsb: '062-000',
      traceAccount: '12345678',
    });
    expect(aba.total).toMatchObject({ creditTotalCents: BigInt(batch.total.amount), count: 1 });
    expect(aba.descriptive).toMatchObject({ bank: 'CBA', userName: 'TASMAN PAY', apcaUserId: '301500' });
  });

  it('sent, then the bank returns it: the money is back on the merchant’s balance and the batch failed', async () => {
    const sent = await call(p, 'POST', `/v1/payout-batches/${batch.id}/send`, { token: c.fin });
    expect(sent.status, sent.raw).toBe(200);
    expect(sent.body.status).toBe('sent');
    expect(sent.body.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const amount = BigInt(batch.items[0].amount.amount);
    const answer = await call(p, 'POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      token: c.fin,
      body: { items: [{ payout_id: batch.items[0].id, status: 'failed', reason: 'account closed' }] },
    });
    expect(answer.status, answer.raw).toBe(200);
    expect(answer.body.status).toBe('failed');
    expect(answer.body.items[0]).toMatchObject({ status: 'failed', failure_reason: 'account closed' });
    expect(await balanceOf(`merchant_pending:${c.A.id}:AUD`)).toBe(amount);
    expect(await balanceOf('payouts_in_transit:AUD')).toBe(0n);
    const again = await call(p, 'POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      token: c.fin,
      body: { items: [{ payout_id: batch.items[0].id, status: 'paid' }] },
    });
    expect(again.status).toBe(409);
    const events = await call(p, 'GET', '/v1/events?type=payout.failed', { token: c.A.owner });
    expect(events.body.data.map((e: Body) => e.data.payout_id)).toContain(batch.items[0].id);
  });

  it('the next batch pays it; a hold stops it; the bank confirms another amount and reconciliation lists it', async () => {
    const hold = await call(p, 'PUT', `/v1/merchants/${c.A.id}/payout-hold`, { token: c.fin, body: { reason: 'KYC review' } });
    expect(hold.status, hold.raw).toBe(200);
    const held = await call(p, 'POST', '/v1/payout-batches', { token: c.fin, body: { currency: 'AUD' } });
    expect(held.body.batch).toBeNull();
    expect(held.body.skipped).toContainEqual(expect.objectContaining({ merchant_id: c.A.id, reason: 'on_hold' }));
    expect((await call(p, 'GET', '/v1/balance', { token: c.A.owner })).body.on_hold).toMatchObject({ reason: 'KYC review' });
    expect((await call(p, 'DELETE', `/v1/merchants/${c.A.id}/payout-hold`, { token: c.fin })).status).toBe(204);

    const run = await call(p, 'POST', '/v1/payout-batches', { token: fin2, body: { currency: 'AUD' } });
    const b = run.body.batch;
    expect(b.items).toHaveLength(1);
    expect((await call(p, 'POST', `/v1/payout-batches/${b.id}/approve`, { token: c.fin })).body.status).toBe('approved');
    expect((await call(p, 'POST', `/v1/payout-batches/${b.id}/send`, { token: c.fin })).status).toBe(200);
    const amount = BigInt(b.items[0].amount.amount);
    const ok = await call(p, 'POST', `/v1/payout-batches/${b.id}/confirmations`, {
      token: c.fin,
      body: { items: [{ payout_id: b.items[0].id, status: 'paid', amount: (amount - 1n).toString() }] },
    });
    expect(ok.body.status).toBe('confirmed');
    expect(await balanceOf('bank:AUD')).toBe(-amount);
    const rec = await call(p, 'GET', '/v1/settlement/reconciliation?currency=AUD', { token: c.fin });
    expect(rec.status, rec.raw).toBe(200);
    expect(rec.body.differences).toEqual([
      expect.objectContaining({
        kind: 'amount_mismatch',
        payout_id: b.items[0].id,
        expected: amount.toString(),
        actual: (amount - 1n).toString(),
      }),
    ]);
    expect(rec.body.totals.payouts_paid).toEqual({ amount: amount.toString(), currency: 'AUD' });
    expect(rec.body.in_transit.amount).toBe('0');
    const mine = await call(p, 'GET', '/v1/payouts', { token: c.A.owner });
    expect(mine.body.data.map((x: Body) => x.status)).toEqual(['paid', 'failed']);
    expect((await call(p, 'GET', '/v1/payouts', { token: c.B.owner })).body.data).toEqual([]);
  });

  it('a refund after the payout leaves a negative balance, carried forward and not paid', async () => {
    const s = await shopper();
    const order = await completedOrder(s.token, 1);
    const run = await call(p, 'POST', '/v1/payout-batches', { token: c.fin, body: { currency: 'AUD' } });
    const b = run.body.batch;
    await call(p, 'POST', `/v1/payout-batches/${b.id}/approve`, { token: fin2 });
    await call(p, 'POST', `/v1/payout-batches/${b.id}/send`, { token: c.fin });
    await call(p, 'POST', `/v1/payout-batches/${b.id}/confirmations`, {
      token: c.fin,
      body: { items: [{ payout_id: b.items[0].id, status: 'paid' }] },
    });
    const refund = await call(p, 'POST', `/v1/orders/${order.id}/refund`, { token: c.admin, body: { reason: 'goodwill after payout' } });
    expect(refund.status, refund.raw).toBe(200);
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBeLessThan(0n);
    const next = await call(p, 'POST', '/v1/payout-batches', { token: c.fin, body: { currency: 'AUD' } });
    expect(next.body.batch).toBeNull();
    expect(next.body.skipped).toContainEqual(expect.objectContaining({ merchant_id: c.A.id, reason: 'negative_balance' }));
    expect(await balanceOf(`merchant_pending:${c.A.id}:AUD`)).toBeLessThan(0n);
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });

  it('another merchant, shoppers and support cannot run payouts; merchants see only their own balance', async () => {
    for (const token of [c.A.owner, c.ops]) {
      expect((await call(p, 'POST', '/v1/payout-batches', { token, body: { currency: 'AUD' } })).status).toBe(403);
    }
    expect((await call(p, 'GET', `/v1/balance?merchant_id=${c.A.id}`, { token: c.B.owner })).body.merchant_id).toBe(c.B.id);
    const none = await call(p, 'POST', '/v1/payout-batches', { token: c.fin, body: { currency: 'CNY' } });
    expect(none.status).toBe(400);
    expect(none.body.error.param).toBe('currency');
  });
});
