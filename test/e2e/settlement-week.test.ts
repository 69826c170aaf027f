// A full week of merchant settlement with a controllable clock, in one test (issue 8 "Settlement",
// "Not done until: a full week's cycle simulated with a controllable clock in one test"). From a
// Tuesday morning in Sydney, hour by hour with the periodic jobs running as they do in production
// (main.ts scheduleMaintenance: escrow release, order completion, the hourly payout check):
// shoppers buy from both merchants of the corridor; orders are shipped and delivered; one buyer
// confirms receipt, the rest are released by the job ESCROW_RELEASE_DAYS after delivery; one
// payment is refunded in part before release, another in part after; one merchant's payouts are
// held for part of the week; the FX rate changes mid-week. Nothing is paid out before Monday; on
// Monday (Sydney) the job prepares exactly one AUD batch, at the rate in force that day; two
// different finance operators sign it off (the same one twice is refused); the ABA file reads back
// to the batch; the bank pays one payout and returns the other, whose money is paid in the next
// Monday's batch. Every balance at the end is computed independently from the orders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../../src/main.ts';
import { convertAt, customerRate, invertRate } from '../../src/modules/fx/rules.ts';
import { refundShare } from '../../src/modules/payments/payment-rules.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { parseAbaFile } from '../../src/modules/payments/settlement/aba-parse.ts';
import { ABA_RECORD_LENGTH } from '../../src/modules/payments/settlement/aba.ts';
import { paymentFee, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { ManualClock } from '../../src/kernel/clock.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, operatorToken } from '../support/http.ts';
import { balanceOf as ledgerBalance } from '../support/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const HOUR = 3_600_000;
const COMMISSION_BPS = 500; // COMMISSION_DEFAULT_BPS: no category rate is set in this file
const FEE = { bps: 60, fixed: 0n }; // PAYMENT_FEE_BPS
const FUNDS = 1_000_000n;

/** A local time in Sydney in December (AEDT, UTC+11) as an instant. */
const syd = (date: string, time: string) => new Date(`${date}T${time}:00+11:00`);

const localDay = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Australia/Sydney',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'long',
    hour: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((a, x) => Object.assign(a, { [x.type]: x.value }), {});

let p: TestPlatform;
let c: Corridor;
let fin2: string;

beforeAll(async () => {
  // Tuesday 1 December 2026, 09:00 in Sydney.
  p = await startPlatform({
    clock: new ManualClock(syd('2026-12-01', '09:00')),
    // Sessions outlive the two weeks the clock moves.
    env: { ESCROW_RELEASE_DAYS: '2', PAYOUT_MINIMUM: '1000', SESSION_TTL_HOURS: '720' },
  });
  c = await setUpCorridor(p, { honey: 40, formula: 20 });
  fin2 = await operatorToken(p, 'finance');
});
afterAll(() => p?.close());

const api = (method: string, url: string, token?: string, body?: unknown) => call(p, method, url, { token, body });
const balanceOf = (key: string) => ledgerBalance(p, key);

async function batchRows(): Promise<{ id: string; payout_date: string; prepared_by: string; created_at: Date }[]> {
  return p.rt.database.query('select id, payout_date, prepared_by, created_at from payout_batches order by created_at, id');
}

/** Every batch made while the clock moved, with the Sydney local day it was made on. */
const made: { id: string; weekday: string; date: string; hour: string }[] = [];

/**
 * Move the clock hour by hour up to `target`, queueing the periodic jobs and running what is due at
 * each hour, as the scheduler does. Any batch appearing is recorded with the local time it appeared.
 */
async function until(date: string, time: string): Promise<void> {
  const target = syd(date, time).getTime();
  expect(target).toBeGreaterThanOrEqual(p.clock.now().getTime());
  const seen = new Set((await batchRows()).map((b) => b.id));
  while (p.clock.now().getTime() < target) {
    const next = Math.min(target, (Math.floor(p.clock.now().getTime() / HOUR) + 1) * HOUR);
    p.clock.set(new Date(next));
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    for (const b of await batchRows()) {
      if (seen.has(b.id)) continue;
      seen.add(b.id);
      const l = localDay(p.clock.now());
      made.push({ id: b.id, weekday: l.weekday as string, date: `${l.year}-${l.month}-${l.day}`, hour: l.hour ?? '' });
    }
  }
}

let idSeq = 0;
/** A verified shopper with their own resident ID (so the annual quotas are theirs), funded. */
async function shopper() {
  const seq = String(++idSeq).padStart(3, '0');
  const s = await verifiedShopper(p, { name: '李伟', first17: `11010519850612${seq}` });
  await fund(p, s.token, String(FUNDS));
  return s;
}

const goodsOf = (o: Body) => o.lines.reduce((a: bigint, l: Body) => a + BigInt(l.unit_price_paid.amount) * BigInt(l.quantity), 0n);
const unitPaid = (o: Body) => BigInt(o.lines[0].unit_price_paid.amount);

/** What the model expects of each order: its parts, and the goods refunded before and after release. */
interface Expect {
  order: Body;
  merchant: 'A' | 'B';
  goods: bigint;
  shipping: bigint;
  tax: bigint;
  refundedBefore: bigint;
  refundedAfter: bigint;
  commissionBack: bigint;
  released: boolean;
}
const orders: Expect[] = [];
const track = (order: Body): Expect => {
  const e: Expect = {
    order,
    merchant: order.merchant === c.A.id ? 'A' : 'B',
    goods: goodsOf(order),
    shipping: BigInt(order.amounts.shipping.amount),
    tax: BigInt(order.amounts.tax.amount),
    refundedBefore: 0n,
    refundedAfter: 0n,
    commissionBack: 0n,
    released: false,
  };
  // The order's goods are its lines at what the buyer paid; the total is goods + shipping + tax.
  expect(BigInt(order.amounts.goods.amount)).toBe(e.goods);
  expect(BigInt(order.amounts.total.amount)).toBe(e.goods + e.shipping + e.tax);
  orders.push(e);
  return e;
};
/** What a release takes and credits: commission and fee on the goods left in escrow. */
const accrual = (e: Expect) => {
  const left = e.goods - e.refundedBefore;
  const commission = percentOf(left, COMMISSION_BPS);
  const fee = paymentFee(left, FEE);
  return { left, commission, fee, net: left - commission - fee };
};
/** The merchant's CNY balance from the released orders alone (before conversions). */
const cnyEarned = (m: 'A' | 'B', only: (e: Expect) => boolean = () => true) =>
  orders
    .filter((e) => e.merchant === m && e.released && only(e))
    .reduce((a, e) => a + accrual(e).net + e.commissionBack - e.refundedAfter, 0n);

const ship = async (e: Expect) => {
  const token = e.merchant === 'A' ? c.A.owner : c.B.owner;
  const r = await api('POST', `/v1/orders/${e.order.id}/ship`, token, { tracking_number: `SF${e.order.id.slice(-6)}` });
  expect(r.status, r.raw).toBe(200);
};
const deliver = async (e: Expect) => {
  const r = await api('POST', `/v1/orders/${e.order.id}/deliver`, c.ops, {});
  expect(r.status, r.raw).toBe(200);
};
const escrowOf = async (e: Expect) => (await api('GET', `/v1/payment-intents/${e.order.payment_intent}`, c.admin)).body.escrow;

async function noBatchYet(count: number) {
  const list = await api('GET', '/v1/payout-batches', c.fin);
  expect(list.status, list.raw).toBe(200);
  expect(list.body.data, `batches on ${localDay(p.clock.now()).weekday}`).toHaveLength(count);
  expect(await balanceOf('payouts_in_transit:AUD')).toBe(0n);
}

describe('a week of settlement', () => {
  it('runs from Tuesday’s sales to Monday’s payouts, and the failed payout is paid the next Monday', async () => {
    const setAccount = async (id: string, owner: string, name: string, bsb: string, account_number: string) => {
      const r = await api('PUT', `/v1/merchants/${id}/payout-account`, owner, { country: 'AU', account_name: name, bsb, account_number });
      expect(r.status, r.raw).toBe(200);
    };
    await setAccount(c.A.id, c.A.owner, 'Manuka Bay Pty Ltd', '082-001', '694867196');
    await setAccount(c.B.id, c.B.owner, 'Little Kiwi Pty Ltd', '033-088', '123456789');

    // ---- Tuesday 1 December: four shoppers buy; the goods are shipped. ------------------------
    const [s1, s2, s3, s4, s5, s6] = [await shopper(), await shopper(), await shopper(), await shopper(), await shopper(), await shopper()];
    const shoppers = [s1, s2, s3, s4, s5, s6];
    const p1 = track((await buy(p, s1.token, [[c.v.honey, 2]])).orders[0]);
    const p2 = track((await buy(p, s2.token, [[c.v.formula, 2]])).orders[0]);
    const both = (
      await buy(p, s3.token, [
        [c.v.honey, 1],
        [c.v.formula, 1],
      ])
    ).orders as Body[];
    expect(both).toHaveLength(2);
    const p3a = track(both.find((o) => o.merchant === c.A.id));
    const p3b = track(both.find((o) => o.merchant === c.B.id));
    const p4 = track((await buy(p, s4.token, [[c.v.honey, 3]])).orders[0]);
    expect([p1, p3a, p4].map((e) => e.merchant)).toEqual(['A', 'A', 'A']);
    expect([p2, p3b].map((e) => e.merchant)).toEqual(['B', 'B']);
    expect(p1.shipping > 0n && p2.shipping > 0n && p1.tax > 0n && p2.tax > 0n).toBe(true);

    await until('2026-12-01', '12:00');
    for (const e of [p1, p2, p3a, p3b, p4]) await ship(e);

    // A refund before release: one of the three jars of p4, out of escrow.
    await until('2026-12-01', '15:00');
    const r4 = await api('POST', '/v1/refunds', c.A.owner, {
      payment_intent: p4.order.payment_intent,
      components: { goods: String(unitPaid(p4.order)) },
      reason: 'requested_by_customer',
    });
    expect(r4.status, r4.raw).toBe(201);
    expect(r4.body.source).toBe('escrow');
    p4.refundedBefore = unitPaid(p4.order);
    await noBatchYet(0);

    // ---- Wednesday 2 December: delivered; one buyer confirms receipt; a fifth order. ----------
    await until('2026-12-02', '10:00');
    for (const e of [p1, p2, p3a, p3b, p4]) await deliver(e);
    await until('2026-12-02', '11:00');
    const done = await api('POST', `/v1/orders/${p1.order.id}/complete`, s1.token, {});
    expect(done.status, done.raw).toBe(200);
    p1.released = true;
    expect(await escrowOf(p1)).toMatchObject({ status: 'released', release_reason: 'receipt_confirmed' });
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBe(cnyEarned('A'));
    await until('2026-12-02', '14:00');
    const p5 = track((await buy(p, s5.token, [[c.v.formula, 1]])).orders[0]);
    await ship(p5);
    await noBatchYet(0);

    // ---- Thursday 3 December: B's payouts held for review; p5 delivered. -----------------------
    await until('2026-12-03', '09:00');
    const hold = await api('PUT', `/v1/merchants/${c.B.id}/payout-hold`, c.fin, { reason: 'KYC document review' });
    expect(hold.status, hold.raw).toBe(200);
    expect((await api('GET', '/v1/balance', c.B.owner)).body.on_hold).toMatchObject({ reason: 'KYC document review' });
    await until('2026-12-03', '10:00');
    await deliver(p5);
    await noBatchYet(0);
    // Nothing is released before its two days are up.
    for (const e of [p2, p3a, p3b, p4]) expect((await escrowOf(e)).status).toBe('held');

    // ---- Friday 4 December: the job releases Wednesday's deliveries; a sixth order; new rate. --
    await until('2026-12-04', '11:00');
    for (const e of [p2, p3a, p3b, p4]) {
      expect(await escrowOf(e), e.order.id).toMatchObject({ status: 'released', release_reason: 'auto' });
      e.released = true;
    }
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBe(cnyEarned('A'));
    expect(await balanceOf(`merchant_pending:${c.B.id}:CNY`)).toBe(cnyEarned('B'));
    // Escrow holds only what is not released yet: p5, delivered on Thursday.
    expect(await balanceOf(`escrow:${c.A.id}:CNY`), 'A’s escrow once all its orders are released: shipping and tax leave it too').toBe(0n);
    expect(await balanceOf(`escrow:${c.B.id}:CNY`), 'B’s escrow: only p5 is still held').toBe(await escrowHeld(p5));
    const p6 = track((await buy(p, s6.token, [[c.v.honey, 1]])).orders[0]);
    await ship(p6);
    // The AUD/CNY rate changes: payout day converts at the rate in force then, not at the sale's.
    const rate2 = await api('POST', '/v1/fx/rates', c.fin, { base: 'AUD', quote: 'CNY', mid: '4.65', spread_bps: 30 });
    expect(rate2.status, rate2.raw).toBe(201);

    // A refund after release, in part: one of p2's two tins, from B's balance, with its commission share.
    await until('2026-12-04', '15:00');
    const before2 = { pending: await balanceOf(`merchant_pending:${c.B.id}:CNY`), commission: await balanceOf('commission_revenue:CNY') };
    const r2 = await api('POST', '/v1/refunds', c.B.owner, {
      payment_intent: p2.order.payment_intent,
      components: { goods: String(unitPaid(p2.order)) },
      reason: 'requested_by_customer',
    });
    expect(r2.status, r2.raw).toBe(201);
    expect(r2.body.source).toBe('merchant');
    p2.refundedAfter = unitPaid(p2.order);
    p2.commissionBack = refundShare(
      { charged: p2.goods, settlement: accrual(p2).commission, refunded: 0n, settlementRefunded: 0n },
      p2.refundedAfter,
    );
    expect(p2.commissionBack).toBe(percentOf(p2.refundedAfter, COMMISSION_BPS));
    expect(await balanceOf(`merchant_pending:${c.B.id}:CNY`)).toBe(before2.pending + p2.commissionBack - p2.refundedAfter);
    expect(await balanceOf('commission_revenue:CNY')).toBe(before2.commission - p2.commissionBack);
    await noBatchYet(0);

    // ---- Saturday 5 December: p5 released by the job; p6 delivered; B's hold lifted. ----------
    await until('2026-12-05', '10:00');
    await deliver(p6);
    await until('2026-12-05', '11:00');
    expect((await escrowOf(p5)).status).toBe('released');
    p5.released = true;
    expect(await balanceOf(`merchant_pending:${c.B.id}:CNY`)).toBe(cnyEarned('B'));
    await until('2026-12-05', '12:00');
    expect((await api('DELETE', `/v1/merchants/${c.B.id}/payout-hold`, c.fin)).status).toBe(204);
    await noBatchYet(0);

    // ---- Sunday 6 December: still nothing paid (Monday has begun in Auckland, not in Sydney). --
    await until('2026-12-06', '23:00');
    await noBatchYet(0);
    expect(made).toEqual([]);
    const cnyBefore = { A: cnyEarned('A'), B: cnyEarned('B') };
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBe(cnyBefore.A);
    expect(await balanceOf(`merchant_pending:${c.B.id}:CNY`)).toBe(cnyBefore.B);

    // ---- Monday 7 December, Sydney: the job prepares one AUD batch, at today's rate. -----------
    await until('2026-12-07', '09:00');
    expect(made).toHaveLength(1);
    // At the first hourly run of Monday in Sydney (Sunday 13:00 UTC).
    expect(made[0]).toMatchObject({ weekday: 'Monday', date: '2026-12-07', hour: '00' });
    const mid2 = invertRate('4.65');
    const rateMon = customerRate(mid2, 30);
    const convs1 = await conversions();
    expect(convs1).toHaveLength(2);
    const audOf = { A: convertAt({ amount: cnyBefore.A, currency: 'CNY' }, 'AUD', rateMon).amount, B: 0n };
    audOf.B = convertAt({ amount: cnyBefore.B, currency: 'CNY' }, 'AUD', rateMon).amount;
    for (const [m, id] of [
      ['A', c.A.id],
      ['B', c.B.id],
    ] as const) {
      expect(
        convs1.find((x) => x.merchant_id === id),
        m,
      ).toMatchObject({
        batch_id: made[0]?.id,
        from_currency: 'CNY',
        from_amount: cnyBefore[m].toString(),
        to_currency: 'AUD',
        to_amount: audOf[m].toString(),
        mid: mid2,
        spread_bps: 30,
        rate: rateMon,
        fx_rate_id: rate2.body.id,
      });
      expect(await balanceOf(`merchant_pending:${id}:CNY`), m).toBe(0n);
      expect(await balanceOf(`merchant_pending:${id}:AUD`), m).toBe(0n);
    }
    const b1 = (await api('GET', `/v1/payout-batches/${made[0]?.id}`, c.fin)).body;
    expect(b1).toMatchObject({
      status: 'draft',
      currency: 'AUD',
      format: 'aba',
      payout_date: '2026-12-07',
      prepared_by: 'system:schedule',
      approvals: [],
      item_count: 2,
      total: { amount: (audOf.A + audOf.B).toString(), currency: 'AUD' },
    });
    const itemOf = (batch: Body, id: string) => batch.items.find((i: Body) => i.merchant_id === id);
    expect(itemOf(b1, c.A.id)).toMatchObject({ amount: { amount: audOf.A.toString(), currency: 'AUD' }, status: 'pending' });
    expect(itemOf(b1, c.B.id)).toMatchObject({ amount: { amount: audOf.B.toString(), currency: 'AUD' }, status: 'pending' });
    expect(await balanceOf('payouts_in_transit:AUD')).toBe(audOf.A + audOf.B);
    // p6 came due at 10:00 on Monday: released after the batch, so it waits for next week.
    await until('2026-12-07', '11:00');
    expect((await escrowOf(p6)).status).toBe('released');
    p6.released = true;
    expect(await balanceOf(`merchant_pending:${c.A.id}:CNY`)).toBe(cnyEarned('A', (e) => e === p6));
    // The job runs every hour of Monday: still one batch.
    await until('2026-12-07', '23:30');
    expect(made).toHaveLength(1);
    expect(await batchRows()).toHaveLength(1);

    // Four eyes on a scheduled batch: two different finance operators; nobody signs twice.
    await until('2026-12-08', '09:00');
    expect(made).toHaveLength(1);
    const first = await api('POST', `/v1/payout-batches/${b1.id}/approve`, c.fin);
    expect(first.status, first.raw).toBe(200);
    expect(first.body).toMatchObject({ status: 'draft', approvals: [expect.stringContaining('operator:')] });
    expect((await api('GET', `/v1/payout-batches/${b1.id}/file`, c.fin)).status).toBe(409);
    const twice = await api('POST', `/v1/payout-batches/${b1.id}/approve`, c.fin);
    expect(twice.status, twice.raw).toBe(409);
    expect(twice.body.error.code).toBe('same_operator');
    const second = await api('POST', `/v1/payout-batches/${b1.id}/approve`, fin2);
    expect(second.status, second.raw).toBe(200);
    expect(second.body.status).toBe('approved');
    expect(second.body.approvals).toHaveLength(2);
    expect(new Set(second.body.approvals).size).toBe(2);

    // The ABA file is the batch.
    await checkAba(b1, [
      { id: c.A.id, bsb: '082-001', account: '694867196', name: 'Manuka Bay Pty Ltd' },
      { id: c.B.id, bsb: '033-088', account: '123456789', name: 'Little Kiwi Pty Ltd' },
    ]);
    const sent = await api('POST', `/v1/payout-batches/${b1.id}/send`, fin2);
    expect(sent.status, sent.raw).toBe(200);
    expect(sent.body.status).toBe('sent');

    // ---- Tuesday 8 December: the bank pays A and returns B's. ------------------------------------
    await until('2026-12-08', '14:00');
    const answer = await api('POST', `/v1/payout-batches/${b1.id}/confirmations`, c.fin, {
      items: [
        { payout_id: itemOf(b1, c.A.id).id, status: 'paid' },
        { payout_id: itemOf(b1, c.B.id).id, status: 'failed', reason: 'account closed' },
      ],
    });
    expect(answer.status, answer.raw).toBe(200);
    expect(answer.body.status).toBe('confirmed');
    expect(await balanceOf('bank:AUD')).toBe(-audOf.A);
    expect(await balanceOf('payouts_in_transit:AUD')).toBe(0n);
    // B's money is back on B's balance, in AUD, waiting for next Monday.
    expect(await balanceOf(`merchant_pending:${c.B.id}:AUD`)).toBe(audOf.B);
    expect((await api('GET', '/v1/balance', c.B.owner)).body.balances).toContainEqual({ amount: audOf.B.toString(), currency: 'AUD' });
    expect((await api('GET', '/v1/balance', c.B.owner)).body.next_payout_date).toBe('2026-12-14');

    // ---- The rest of the week: nothing is paid until Monday 14 December. ----------------------
    await until('2026-12-13', '23:00');
    expect(made).toHaveLength(1);
    await until('2026-12-14', '09:00');
    expect(made).toHaveLength(2);
    expect(made[1]).toMatchObject({ weekday: 'Monday', date: '2026-12-14', hour: '00' });
    const p6Cny = cnyEarned('A', (e) => e === p6);
    const p6Aud = convertAt({ amount: p6Cny, currency: 'CNY' }, 'AUD', rateMon).amount;
    const convs2 = (await conversions()).filter((x) => x.batch_id === made[1]?.id);
    expect(convs2).toEqual([
      expect.objectContaining({ merchant_id: c.A.id, from_amount: p6Cny.toString(), to_amount: p6Aud.toString(), rate: rateMon }),
    ]);
    const b2 = (await api('GET', `/v1/payout-batches/${made[1]?.id}`, c.fin)).body;
    expect(b2).toMatchObject({
      status: 'draft',
      payout_date: '2026-12-14',
      prepared_by: 'system:schedule',
      item_count: 2,
      total: { amount: (audOf.B + p6Aud).toString(), currency: 'AUD' },
    });
    expect(itemOf(b2, c.B.id).amount.amount).toBe(audOf.B.toString());
    expect(itemOf(b2, c.A.id).amount.amount).toBe(p6Aud.toString());
    expect((await api('POST', `/v1/payout-batches/${b2.id}/approve`, fin2)).body.status).toBe('draft');
    expect((await api('POST', `/v1/payout-batches/${b2.id}/approve`, c.fin)).body.status).toBe('approved');
    await checkAba(b2, [
      { id: c.A.id, bsb: '082-001', account: '694867196', name: 'Manuka Bay Pty Ltd' },
      { id: c.B.id, bsb: '033-088', account: '123456789', name: 'Little Kiwi Pty Ltd' },
    ]);
    expect((await api('POST', `/v1/payout-batches/${b2.id}/send`, c.fin)).status).toBe(200);
    const paid2 = await api('POST', `/v1/payout-batches/${b2.id}/confirmations`, fin2, {
      items: b2.items.map((i: Body) => ({ payout_id: i.id, status: 'paid' })),
    });
    expect(paid2.body.status).toBe('confirmed');

    // ---- The end: every balance, computed from the orders alone. ------------------------------
    const released = orders.filter((e) => e.released);
    expect(released).toHaveLength(orders.length);
    const sum = (f: (e: Expect) => bigint, of: Expect[] = orders) => of.reduce((a, e) => a + f(e), 0n);
    const paidOut = audOf.A + audOf.B + p6Aud;
    const converted = cnyBefore.A + cnyBefore.B + p6Cny;
    // Every merchant is paid in full: nothing left owed in either currency, nothing in escrow.
    for (const m of [c.A, c.B]) {
      expect(await balanceOf(`merchant_pending:${m.id}:CNY`), m.id).toBe(0n);
      expect(await balanceOf(`merchant_pending:${m.id}:AUD`), m.id).toBe(0n);
      expect(await balanceOf(`escrow:${m.id}:CNY`), m.id).toBe(0n);
    }
    expect(converted).toBe(sum((e) => accrual(e).net + e.commissionBack - e.refundedAfter));
    expect(await balanceOf('commission_revenue:CNY')).toBe(sum((e) => accrual(e).commission - e.commissionBack));
    expect(await balanceOf('payment_fee_revenue:CNY')).toBe(sum((e) => accrual(e).fee));
    expect(await balanceOf('logistics_revenue:CNY')).toBe(sum((e) => e.shipping));
    expect(await balanceOf('customs_tax_payable:CNY')).toBe(sum((e) => e.tax));
    // The conversions: merchants' CNY into the platform's CNY position, the AUD they were paid out of its AUD position.
    expect(await balanceOf('fx_position:CNY')).toBe(-converted);
    expect(await balanceOf('fx_position:AUD')).toBe(paidOut);
    expect(await balanceOf('payouts_in_transit:AUD')).toBe(0n);
    expect(await balanceOf('bank:AUD')).toBe(-paidOut);
    // The shoppers' wallets: what they put in, less what they paid, plus what came back.
    for (const [n, s] of shoppers.entries()) {
      const mine = orders.filter((e) => e.order.shopper === s.id);
      const spent = sum((e) => e.goods + e.shipping + e.tax - e.refundedBefore - e.refundedAfter, mine);
      expect((await api('GET', '/v1/wallet', s.token)).body.balance, `shopper ${n + 1}`).toEqual({
        amount: (FUNDS - spent).toString(),
        currency: 'CNY',
      });
    }
    // Payouts as merchants see them, and reconciliation finds nothing.
    expect((await api('GET', '/v1/payouts', c.B.owner)).body.data.map((x: Body) => x.status)).toEqual(['paid', 'failed']);
    expect((await api('GET', '/v1/payouts', c.A.owner)).body.data.map((x: Body) => x.status)).toEqual(['paid', 'paid']);
    const rec = await api('GET', '/v1/settlement/reconciliation?currency=AUD', c.fin);
    expect(rec.body.differences).toEqual([]);
    expect(rec.body.totals.payouts_paid).toEqual({ amount: paidOut.toString(), currency: 'AUD' });
    expect(rec.body.totals.payouts_failed).toEqual({ amount: audOf.B.toString(), currency: 'AUD' });
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  }, 300_000);
});

/** What is still in escrow for an order (its payment's charge less refunds), 0 once released. */
async function escrowHeld(e: Expect): Promise<bigint> {
  const pi = (await api('GET', `/v1/payment-intents/${e.order.payment_intent}`, c.admin)).body;
  return pi.escrow.status === 'held' ? e.goods + e.shipping + e.tax - e.refundedBefore : 0n;
}

async function conversions() {
  return p.rt.database.query<{
    merchant_id: string;
    batch_id: string | null;
    from_currency: string;
    from_amount: string;
    to_currency: string;
    to_amount: string;
    mid: string;
    spread_bps: number;
    rate: string;
    fx_rate_id: string;
  }>(
    'select merchant_id, batch_id, from_currency, from_amount::text, to_currency, to_amount::text, mid, spread_bps, rate, fx_rate_id from settlement_conversions order by created_at, id',
  );
}

/** The batch's ABA file read back: 120-character records, one detail per payout, count and total that match. */
async function checkAba(batch: Body, accounts: { id: string; bsb: string; account: string; name: string }[]) {
  const f = await api('GET', `/v1/payout-batches/${batch.id}/file`, c.fin);
  expect(f.status, f.raw).toBe(200);
  const records = f.raw.split('\r\n').filter(Boolean);
  expect(records).toHaveLength(batch.items.length + 2);
  for (const r of records) expect(r.length).toBe(ABA_RECORD_LENGTH);
  const aba = parseAbaFile(f.raw);
  const [yyyy, mm, dd] = batch.payout_date.split('-');
  expect(aba.descriptive.processOn).toBe(`${dd}${mm}${yyyy.slice(2)}`);
  expect(aba.total).toMatchObject({ creditTotalCents: BigInt(batch.total.amount), debitTotalCents: 0n, count: batch.items.length });
  expect(aba.total.netTotalCents).toBe(BigInt(batch.total.amount));
  expect(aba.details.reduce((a, d) => a + d.amountCents, 0n)).toBe(BigInt(batch.total.amount));
  for (const a of accounts) {
    const item = batch.items.find((i: Body) => i.merchant_id === a.id);
    expect(aba.details.filter((d) => d.account === a.account)).toEqual([
      expect.objectContaining({
        bsb: a.bsb,
        accountName: a.name,
        amountCents: BigInt(item.amount.amount),
        lodgementReference: item.reference,
      }),
    ]);
  }
}
