// Returns and refunds of orders through the API (issue 5, "Orders": request with reason, merchant
// approves, refund on receipt; partial refunds by line): a returned unit gives back what the buyer
// paid for it and its share of the import tax, never the shipping, and its share of the quota;
// the seven-day window; one return per order; refunds from escrow or, once released, from the
// merchant's balance (with the commission on the goods returned given back, not the payment fee);
// an operator's refund in full; completion by the job after the escrow period.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/clock.ts';
import { scheduleMaintenance } from '../../src/main.ts';
import { unitShare } from '../../src/modules/orders/rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { orderCommission, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { buy, type Corridor, fund, idNumber, setUpCorridor } from '../support/corridor.ts';
import { call, createShopper, operatorToken, signIn } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;

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
  p = await startPlatform({ clock: offPayoutDays() });
  c = await setUpCorridor(p, { honey: 60, formula: 20 });
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;
const DAY = 86_400_000;

let people = 0;
/** A verified shopper of their own (a distinct identity, so a quota of their own) with CNY 5,000.00. */
async function buyer(): Promise<{ id: string; email: string; token: string }> {
  const s = await createShopper(p, 'CN');
  const first17 = `110105199001010${String(people++).padStart(2, '0')}`;
  const r = await call(p, 'POST', '/v1/shopper/identity', {
    token: s.token,
    body: { real_name: '陈静', id_number: idNumber(first17), mobile: '13800138000' },
  });
  expect(r.status, r.raw).toBe(201);
  await fund(p, s.token, '500000');
  return s;
}

/** Cart → checkout → paid: the checkout's first order. */
const paidOrder = async (token: string, items: [string, number][]): Promise<Body> => (await buy(p, token, items)).orders[0];

/** A's honey × `quantity`, paid, shipped by the merchant and delivered (recorded by operations). */
async function deliveredOrder(token: string, quantity: number): Promise<Body> {
  const order = await paidOrder(token, [[c.v.honey, quantity]]);
  const ship = await call(p, 'POST', `/v1/orders/${order.id}/ship`, { token: c.A.owner, body: { tracking_number: 'SF100' } });
  expect(ship.status, ship.raw).toBe(200);
  const d = await call(p, 'POST', `/v1/orders/${order.id}/deliver`, { token: c.ops });
  expect(d.status, d.raw).toBe(200);
  expect(d.body.state).toBe('delivered');
  return d.body;
}

const act = (id: string, verb: string, token: string, body: unknown = {}) => call(p, 'POST', `/v1/orders/${id}/${verb}`, { token, body });
const wallet = async (token: string) => BigInt((await call(p, 'GET', '/v1/wallet', { token })).body.balance.amount);
const quotaUsed = async (token: string) => BigInt((await call(p, 'GET', '/v1/shopper/quota', { token })).body.used.amount);
const amount = (m: { amount: string }) => BigInt(m.amount);

/** A ledger account's balance in its normal direction (0 when it does not exist yet). */
async function accountBalance(key: string): Promise<bigint> {
  const [row] = await p.rt.database.query<{ kind: string; dp: string; cp: string }>(
    'select kind, debits_posted::text as dp, credits_posted::text as cp from ledger_accounts where key = $1',
    [key],
  );
  if (!row) return 0n;
  return row.kind === 'asset' ? BigInt(row.dp) - BigInt(row.cp) : BigInt(row.cp) - BigInt(row.dp);
}
/**
 * What a release and a refund after it move for merchant A: its balance in the charge currency
 * (CNY), the platform's commission and payment fee revenue, A's escrow; and what they do not: its
 * AUD balance and the FX positions (the balance is converted on payout day).
 */
async function settlementA() {
  const keys = {
    pending: `merchant_pending:${c.A.id}:CNY`,
    commission: 'commission_revenue:CNY',
    fee: 'payment_fee_revenue:CNY',
    escrow: `escrow:${c.A.id}:CNY`,
    pendingAud: `merchant_pending:${c.A.id}:AUD`,
    fxCny: 'fx_position:CNY',
    fxAud: 'fx_position:AUD',
  };
  const out = {} as Record<keyof typeof keys, bigint>;
  for (const [k, key] of Object.entries(keys)) out[k as keyof typeof keys] = await accountBalance(key);
  return out;
}
type Settlement = Awaited<ReturnType<typeof settlementA>>;
/** What moved between two snapshots, leaving out what did not. */
function moved(before: Settlement, after: Settlement): Partial<Settlement> {
  const d: Partial<Settlement> = {};
  for (const k of Object.keys(after) as (keyof Settlement)[]) if (after[k] !== before[k]) d[k] = after[k] - before[k];
  return d;
}
/** A's honey: no commission rate set for its category, so the default 5 %; the payment fee is 0.6 %. */
const SCHEDULE = { byCategory: {}, otherwise: 500 };
const FEE_BPS = 60;

async function expectLedgerClean() {
  expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
}

describe('a partial return', () => {
  it('refunds one unit of three: its price paid and its share of the line tax, and gives its quota share back', async () => {
    const s = await buyer();
    const order = await deliveredOrder(s.token, 3);
    const line = order.lines[0];
    expect(line.quantity).toBe(3);
    const expected = amount(line.unit_price_paid) + unitShare(amount(line.tax), 1, 3);
    // By hand: AUD 89.90 at the locked rate is CNY 424.66 a unit; 3 units (1.8 kg, bonded express
    // CNY 11.00) make a dutiable price of 1,273.98 + 11.00 = CNY 1,284.98, taxed at 70 % × 9 % =
    // 6.3 %: CNY 80.95. One unit: 424.66 + round(80.95 / 3) = 424.66 + 26.98 = CNY 451.64.
    expect(expected).toBe(45_164n);
    const wallet0 = await wallet(s.token);
    const quota0 = await quotaUsed(s.token);

    const req = await act(order.id, 'return', s.token, {
      reason: 'damaged',
      description: 'The jar arrived cracked',
      lines: [{ line_no: 1, quantity: 1 }],
    });
    expect(req.status, req.raw).toBe(200);
    expect(req.body.state).toBe('return_requested');
    expect(req.body.return).toMatchObject({
      status: 'requested',
      reason: 'damaged',
      lines: [{ line_no: 1, quantity: 1 }],
      refund_amount: { amount: expected.toString(), currency: 'CNY' },
      refund: null,
    });
    expect(req.body.history.at(-1)).toMatchObject({ action: 'request_return', note: 'damaged' });

    // The goods cannot be received back before the merchant accepted the return.
    const early = await act(order.id, 'return/receive', c.A.owner);
    expect(early.status, early.raw).toBe(409);
    expect(early.body.error.code).toBe('invalid_state');
    // Only the merchant (or an operator) decides; the buyer cannot approve their own return.
    expect((await act(order.id, 'return/approve', s.token)).status).toBe(403);

    const ok = await act(order.id, 'return/approve', c.A.owner, { note: 'Send it back' });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body.state).toBe('return_requested');
    expect(ok.body.return).toMatchObject({ status: 'approved', decision_note: 'Send it back' });
    expect(await wallet(s.token)).toBe(wallet0); // nothing refunded until the goods arrive

    const got = await act(order.id, 'return/receive', c.A.owner);
    expect(got.status, got.raw).toBe(200);
    expect(got.body.state).toBe('returned');
    expect(got.body.return.status).toBe('received');
    expect(got.body.return.refund).toMatch(/^re/);
    expect(got.body.amounts.refunded).toEqual({ amount: expected.toString(), currency: 'CNY' });
    expect(got.body.lines[0].returned_quantity).toBe(1);
    expect(await wallet(s.token)).toBe(wallet0 + expected);
    expect(quota0 - (await quotaUsed(s.token))).toBe(unitShare(amount(line.dutiable), 1, 3));
    // From escrow (not yet released): no shipping given back.
    const refund = await call(p, 'GET', `/v1/refunds/${got.body.return.refund}`, { token: c.A.owner });
    expect(refund.body).toMatchObject({ source: 'escrow', amount: { amount: expected.toString() } });
    // A second return of the same order is refused.
    const again = await act(order.id, 'return', s.token, { reason: 'no_reason', lines: [{ line_no: 1, quantity: 1 }] });
    expect(again.status, again.raw).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    await expectLedgerClean();
  });

  it('a full return of every line refunds the goods and the tax but not the shipping, and all the quota', async () => {
    const s = await buyer();
    const quota0 = await quotaUsed(s.token);
    const wallet0 = await wallet(s.token);
    const order = await deliveredOrder(s.token, 2);
    const { goods, tax, shipping, total } = order.amounts;
    expect(amount(shipping)).toBeGreaterThan(0n);
    const req = await act(order.id, 'return', s.token, { reason: 'no_reason' });
    expect(req.status, req.raw).toBe(200);
    expect(req.body.return.lines).toEqual([{ line_no: 1, quantity: 2 }]);
    expect(req.body.return.refund_amount.amount).toBe((amount(goods) + amount(tax)).toString());
    expect((await act(order.id, 'return/approve', c.A.apiKey)).status).toBe(200);
    const got = await act(order.id, 'return/receive', c.A.apiKey);
    expect(got.status, got.raw).toBe(200);
    expect(got.body.state).toBe('returned');
    expect(amount(got.body.amounts.refunded)).toBe(amount(total) - amount(shipping));
    expect(got.body.lines[0].returned_quantity).toBe(2);
    expect(await wallet(s.token)).toBe(wallet0 - amount(shipping));
    expect(await quotaUsed(s.token)).toBe(quota0);
    await expectLedgerClean();
  });
});

describe('refused returns', () => {
  it('a rejected return puts the order back to delivered, and the order cannot be returned again', async () => {
    const s = await buyer();
    const order = await deliveredOrder(s.token, 1);
    expect((await act(order.id, 'return', s.token, { reason: 'not_as_described' })).status).toBe(200);
    const no = await act(order.id, 'return/reject', c.A.owner, { note: 'Seal broken by the buyer' });
    expect(no.status, no.raw).toBe(200);
    expect(no.body.state).toBe('delivered');
    expect(no.body.return).toMatchObject({ status: 'rejected', decision_note: 'Seal broken by the buyer', refund: null });
    expect(no.body.amounts.refunded.amount).toBe('0');
    // Rejected means no receipt: and one return per order.
    expect((await act(order.id, 'return/receive', c.A.owner)).body.error.code).toBe('invalid_state');
    const again = await act(order.id, 'return', s.token, { reason: 'other' });
    expect(again.status, again.raw).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: s.token })).body.state).toBe('delivered');
  });

  it('a rejected return of a completed order puts it back to completed', async () => {
    const s = await buyer();
    const order = await deliveredOrder(s.token, 1);
    expect((await act(order.id, 'complete', s.token)).body.state).toBe('completed');
    const req = await act(order.id, 'return', s.token, { reason: 'wrong_item' });
    expect(req.status, req.raw).toBe(200);
    expect(req.body.state).toBe('return_requested');
    const no = await act(order.id, 'return/reject', c.A.owner, { note: 'It is the item ordered' });
    expect(no.status, no.raw).toBe(200);
    expect(no.body.state).toBe('completed');
    expect(no.body.history.map((h: Body) => h.to).slice(-3)).toEqual(['completed', 'return_requested', 'completed']);
  });
});

describe('a return after the merchant was paid', () => {
  it('takes the refund from the merchant’s balance, with the commission on the unit returned', async () => {
    const s = await buyer();
    const order = await deliveredOrder(s.token, 2);
    const line = order.lines[0];
    const goods = amount(line.unit_price_paid) * 2n;
    // Two units at CNY 424.66: CNY 849.32 of goods; commission 5 % = 42.466 → 42.47, fee 0.6 % = 5.09592 → 5.10.
    expect(goods).toBe(84_932n);
    const commission = orderCommission([{ amount: goods, category: 'honey' }], SCHEDULE).total;
    const fee = percentOf(goods, FEE_BPS);
    expect([commission, fee]).toEqual([4_247n, 510n]);
    const s0 = await settlementA();
    const done = await act(order.id, 'complete', s.token);
    expect(done.status, done.raw).toBe(200);
    // The escrow was released: every part of the order out of it; the goods to the merchant's CNY balance,
    // less commission and fee.
    expect(moved(s0, await settlementA())).toEqual({
      escrow: -amount(order.amounts.total),
      pending: goods - commission - fee,
      commission,
      fee,
    });
    const expected = amount(line.unit_price_paid) + unitShare(amount(line.tax), 1, 2);
    const wallet0 = await wallet(s.token);
    expect((await act(order.id, 'return', s.token, { reason: 'no_reason', lines: [{ line_no: 1, quantity: 1 }] })).status).toBe(200);
    expect((await act(order.id, 'return/approve', c.A.owner)).status).toBe(200);
    const s1 = await settlementA();
    const got = await act(order.id, 'return/receive', c.A.owner);
    expect(got.status, got.raw).toBe(200);
    expect(got.body.state).toBe('returned');
    expect(await wallet(s.token)).toBe(wallet0 + expected);
    const refund = await call(p, 'GET', `/v1/refunds/${got.body.return.refund}`, { token: c.A.owner });
    // One unit of two: its goods come back out of the merchant's balance, and half the commission
    // (½-up(4247 × 42466 / 84932 = 2123.5) = 2124) back into it; the fee stays. The settlement share
    // (half of AUD 179.80) is for the merchant's reference.
    expect(refund.body).toMatchObject({
      source: 'merchant',
      amount: { amount: expected.toString() },
      settlement_share: { amount: '8990' },
    });
    const back = refundShare(
      { charged: goods, settlement: commission, refunded: 0n, settlementRefunded: 0n },
      amount(line.unit_price_paid),
    );
    expect(back).toBe(2_124n);
    expect(moved(s1, await settlementA())).toEqual({ pending: back - amount(line.unit_price_paid), commission: -back });
    await expectLedgerClean();
  });
});

describe('a refund in full by an operator', () => {
  it('refunds a shipped order: the wallet gets back everything not yet refunded, the quota comes back', async () => {
    const s = await buyer();
    const wallet0 = await wallet(s.token);
    const quota0 = await quotaUsed(s.token);
    const order = await paidOrder(s.token, [[c.v.honey, 2]]);
    const total = amount(order.amounts.total);
    expect((await act(order.id, 'ship', c.A.owner)).body.state).toBe('shipped');
    // A goodwill refund of CNY 10.00 on the payment first.
    const part = await call(p, 'POST', '/v1/refunds', {
      token: c.A.owner,
      body: { payment_intent: order.payment_intent, amount: '1000', reason: 'other' },
    });
    expect(part.status, part.raw).toBe(201);
    expect(await wallet(s.token)).toBe(wallet0 - total + 1_000n);
    // Refunds in full are for merchants' admins and operators, not the buyer.
    expect((await act(order.id, 'refund', s.token)).status).toBe(403);
    const r = await act(order.id, 'refund', c.admin, { reason: 'Lost in transit' });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.state).toBe('refunded');
    expect(r.body.history.at(-1)).toMatchObject({ action: 'refund_in_full', note: 'Lost in transit' });
    expect(await wallet(s.token)).toBe(wallet0);
    expect(await quotaUsed(s.token)).toBe(quota0);
    const pi = await call(p, 'GET', `/v1/payment-intents/${order.payment_intent}`, { token: c.admin });
    expect(pi.body.amount_refunded.amount).toBe(total.toString());
    expect((await act(order.id, 'refund', c.admin)).body.error.code).toBe('invalid_state');
    await expectLedgerClean();
  });
});

describe('refunds made on the payment before the order’s own', () => {
  /** A delivered order of honey × 2 with CNY 10.00 already refunded on its payment (split over its parts). */
  async function partlyRefunded(s: { token: string }) {
    const order = await deliveredOrder(s.token, 2);
    const part = await call(p, 'POST', '/v1/refunds', {
      token: c.A.owner,
      body: { payment_intent: order.payment_intent, amount: '1000', reason: 'other' },
    });
    expect(part.status, part.raw).toBe(201);
    const d = part.body.amount_details;
    return { order, part: { goods: amount(d.goods), shipping: amount(d.shipping), tax: amount(d.tax) } };
  }

  it('a full return refunds what is left of the goods and the tax', async () => {
    const s = await buyer();
    const { order, part } = await partlyRefunded(s);
    const { goods, tax } = order.amounts;
    expect((await act(order.id, 'return', s.token, { reason: 'no_reason' })).status).toBe(200);
    expect((await act(order.id, 'return/approve', c.A.owner)).status).toBe(200);
    const wallet0 = await wallet(s.token);
    // What was refunded on the payment before is not given twice (receiveReturn caps each part at what is left).
    const got = await act(order.id, 'return/receive', c.A.owner);
    expect(got.status, got.raw).toBe(200);
    expect(got.body.state).toBe('returned');
    const back = amount(goods) - part.goods + (amount(tax) - part.tax);
    expect(await wallet(s.token)).toBe(wallet0 + back);
    const pi = await call(p, 'GET', `/v1/payment-intents/${order.payment_intent}`, { token: c.admin });
    expect(pi.body.amount_refunded.amount).toBe((amount(goods) + amount(tax) + part.shipping).toString());
    await expectLedgerClean();
  });

  it('an order refunded in full says it was refunded in full', async () => {
    const s = await buyer();
    const { order } = await partlyRefunded(s);
    const r = await act(order.id, 'refund', c.admin, { reason: 'Goodwill' });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.state).toBe('refunded');
    const pi = await call(p, 'GET', `/v1/payment-intents/${order.payment_intent}`, { token: c.admin });
    expect(pi.body.amount_refunded).toEqual(r.body.amounts.total);
    // The order counts the CNY 10.00 refunded on the payment before, too.
    expect(r.body.amounts.refunded).toEqual(r.body.amounts.total);
  });
});

describe('the delivery time', () => {
  it('may be given in the past, but not before the order shipped', async () => {
    const s = await buyer();
    const order = await paidOrder(s.token, [[c.v.honey, 1]]);
    const shipped = await act(order.id, 'ship', c.A.owner);
    expect(shipped.status, shipped.raw).toBe(200);
    const shippedAt = new Date(shipped.body.shipped_at).getTime();
    p.clock.advance(60 * 60_000);
    const before = new Date(shippedAt - DAY).toISOString();
    // A delivery before the shipment would close the return window at once and make the escrow due.
    const early = await act(order.id, 'deliver', c.ops, { delivered_at: before });
    expect(early.status, early.raw).toBe(400);
    expect(early.body.error).toMatchObject({ code: 'invalid_request', param: 'delivered_at' });
    const at = new Date(shippedAt + 30 * 60_000).toISOString();
    const ok = await act(order.id, 'deliver', c.ops, { delivered_at: at });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body.delivered_at).toBe(at);
  });
});

// These move the clock by days: last in the file.
describe('time limits', () => {
  // Sessions last SESSION_TTL_HOURS (7 days): staff sign in again after the clock moved.
  beforeEach(async () => {
    c.admin = await operatorToken(p);
    c.ops = await operatorToken(p, 'operations');
    c.A.owner = await signIn(p, 'staff', c.A.ownerEmail);
  });

  it('a return asked for 8 days after delivery is refused: return_window_closed', async () => {
    const s = await buyer();
    const late = await deliveredOrder(s.token, 1);
    const inTime = await deliveredOrder(s.token, 1);
    p.clock.advance(7 * DAY - 60_000);
    expect((await act(inTime.id, 'return', s.token, { reason: 'no_reason' })).body.state).toBe('return_requested');
    p.clock.advance(DAY + 60_000);
    s.token = await signIn(p, 'shopper', s.email); // a week on: a new session
    const r = await act(late.id, 'return', s.token, { reason: 'no_reason' });
    expect(r.status, r.raw).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'return_window_closed', days: 7, delivered_at: late.delivered_at });
    expect((await call(p, 'GET', `/v1/orders/${late.id}`, { token: s.token })).body).toMatchObject({ state: 'delivered', return: null });
  });

  it('the job completes a delivered order ESCROW_RELEASE_DAYS after delivery and credits the merchant, less commission and fee', async () => {
    expect(p.rt.config.ESCROW_RELEASE_DAYS).toBe(10);
    const s = await buyer();
    const order = await deliveredOrder(s.token, 1);
    p.clock.advance(10 * DAY - 60_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    // A minute early: still delivered, still held (older orders of this file were completed just now).
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.A.apiKey })).body.state).toBe('delivered');
    const held = await call(p, 'GET', `/v1/payment-intents/${order.payment_intent}`, { token: c.A.apiKey });
    expect(held.body.escrow.status).toBe('held');
    const s0 = await settlementA();
    p.clock.advance(120_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    const done = (await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.A.apiKey })).body;
    expect(done.state).toBe('completed');
    expect(done.completed_at).toBe(p.clock.now().toISOString());
    expect(done.history.at(-1)).toMatchObject({ action: 'complete', to: 'completed', actor: expect.stringMatching(/^system/) });
    // One unit, CNY 424.66: commission 5 % = 21.233 → 21.23, fee 0.6 % = 2.54796 → 2.55.
    const goods = amount(order.lines[0].unit_price_paid);
    const commission = orderCommission([{ amount: goods, category: 'honey' }], SCHEDULE).total;
    const fee = percentOf(goods, FEE_BPS);
    expect([goods, commission, fee]).toEqual([42_466n, 2_123n, 255n]);
    expect(moved(s0, await settlementA())).toEqual({
      escrow: -amount(order.amounts.total),
      pending: goods - commission - fee,
      commission,
      fee,
    });
    await expectLedgerClean();
  });
});
