// Usage metering and plans (issue 9, C5; docs/api.md "Usage and billing"): API calls counted per
// merchant (live and test keys apart), orders, GMV, labels and storage measured for the month in
// Sydney time; an operator changes plans and terms; at the month's end the invoicing job bills
// each merchant once, with overage figured here independently, charges its balance in the ledger
// (on its statement), and the invoice reads back as a PDF; a plan's rate limit answers 429 with
// Retry-After; no merchant sees another's usage or invoices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/kernel/clock.ts';
import { runInvoicing } from '../../src/modules/billing/invoicing.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { scheduleMaintenance } from '../../src/main.ts';
import { pngImage } from '../support/catalog.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, createMerchant, testKey } from '../support/http.ts';
import { balanceOf } from '../support/ledger.ts';
import { readPdf } from '../support/pdf.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

let p: TestPlatform;
let c: Corridor;
let aTest: string;
// Saturday 28 March 2026, 12:00 in Sydney (UTC+11): sessions (7 days) outlive the month's end.
const clock = new ManualClock('2026-03-28T01:00:00Z');
const fig = { goods: 0n, imageBytes: 0, parcels: 0 };
let invoiceA: Body;
let invoiceB: Body;

const metric = (u: Body, name: string) => u.metrics.find((m: Body) => m.metric === name);
const usageOf = async (token: string) => {
  const r = await call(p, 'GET', '/v1/usage', { token });
  expect(r.status, r.raw).toBe(200);
  return r.body;
};

beforeAll(async () => {
  p = await startPlatform({ clock, env: { PLAN_RATE_LIMITS: 'true' } });
  c = await setUpCorridor(p, { honey: 20, formula: 5 });
  aTest = (await testKey(p, c.A.owner)).secret;
  // A sells 3 jars in March; the order is paid, and one parcel booked (one label).
  const s = await verifiedShopper(p);
  await fund(p, s.token, '500000');
  const order = (await buy(p, s.token, [[c.v.honey, 3]])).orders[0];
  fig.goods = order.lines.reduce((a: bigint, l: Body) => a + BigInt(l.unit_price_paid.amount) * BigInt(l.quantity), 0n);
  const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, {
    token: c.A.owner,
    body: { parcels: [{ weight_g: 1900, length_cm: 20, width_cm: 15, height_cm: 12 }] },
  });
  expect(booked.status, booked.raw).toBe(201);
  fig.parcels = booked.body.parcels.length;
  // One product image stored.
  const products = await call(p, 'GET', '/v1/products', { token: c.A.owner });
  const png = await pngImage(400, 300);
  const img = await call(p, 'POST', `/v1/products/${products.body.data[0].id}/images`, {
    token: c.A.owner,
    rawBody: png,
    headers: { 'content-type': 'image/png' },
  });
  expect(img.status, img.raw).toBe(201);
  fig.imageBytes = png.length;
}, 60_000);

afterAll(async () => {
  await p?.close();
});

describe('plans', () => {
  it('lists Starter, Growth and Scale with prices in AUD, NZD and CNY', async () => {
    const r = await call(p, 'GET', '/v1/plans', { token: c.A.apiKey });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.data.map((x: Body) => x.code)).toEqual(['starter', 'growth', 'scale']);
    const starter = r.body.data[0];
    expect(starter.prices.map((x: Body) => x.currency)).toEqual(['AUD', 'NZD', 'CNY']);
    expect(starter.prices[0].monthly_fee).toEqual({ amount: '2900', currency: 'AUD' });
    expect(starter.unit_sizes).toEqual({ api_calls: 1000, orders: 1, labels: 1, storage_bytes: 1_000_000_000 });
  });

  it('only admin and finance operators change terms (audited); a bad plan is 400 with param', async () => {
    expect((await call(p, 'POST', '/v1/plans/starter', { token: c.ops, body: { gmv_fee_bps: 1 } })).status).toBe(403);
    expect((await call(p, 'POST', '/v1/plans/starter', { token: c.A.owner, body: { gmv_fee_bps: 1 } })).status).toBe(403);
    const bad = await call(p, 'POST', '/v1/plans/platinum', { token: c.fin, body: { gmv_fee_bps: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', param: 'code' });
    const neg = await call(p, 'POST', '/v1/plans/starter', { token: c.fin, body: { gmv_fee_bps: -1 } });
    expect(neg.status).toBe(400);
    expect(neg.body.error.param).toBe('gmv_fee_bps');
    // Small allowances so a few calls, one order and one image go over.
    const r = await call(p, 'POST', '/v1/plans/starter', {
      token: c.fin,
      headers: { 'idempotency-key': 'starter-terms-1' },
      body: { included: { api_calls: 5, orders: 1, labels: 0, storage_bytes: 100 }, gmv_fee_bps: 75 },
    });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.included).toEqual({ api_calls: 5, orders: 1, labels: 0, storage_bytes: 100 });
    const audit = await call(p, 'GET', '/v1/audit-events?action=plan.update', { token: c.admin });
    expect(audit.body.data[0]).toMatchObject({ action: 'plan.update', object_id: 'starter' });
  });
});

describe('usage this month', () => {
  it('counts live and test API calls apart; test calls are never billable', async () => {
    const before = await usageOf(c.A.owner);
    for (let i = 0; i < 4; i++) expect((await call(p, 'GET', '/v1/products', { token: c.A.apiKey })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(p, 'GET', '/v1/products', { token: aTest })).status).toBe(200);
    const after = await usageOf(c.A.owner);
    // The four key calls and this usage call itself (the owner's session is live).
    expect(metric(after, 'api_calls').used - metric(before, 'api_calls').used).toBe(5);
    expect(metric(after, 'api_calls_test').used - metric(before, 'api_calls_test').used).toBe(3);
    expect(metric(after, 'api_calls_test')).toMatchObject({ billable: false, included: null });
    expect(after.period).toEqual({
      label: '2026-03',
      from: '2026-02-28T13:00:00.000Z',
      to: '2026-03-31T13:00:00.000Z',
      time_zone: 'Australia/Sydney',
    });
  });

  it('orders, GMV, labels and storage come from where they live', async () => {
    const u = await usageOf(c.A.apiKey);
    expect(u.plan.code).toBe('starter');
    expect(u.currency).toBe('AUD');
    expect(metric(u, 'orders')).toMatchObject({ used: 1, included: 1, overage_units: 0 });
    expect(metric(u, 'labels')).toMatchObject({ used: fig.parcels, included: 0, overage_units: fig.parcels });
    expect(metric(u, 'labels').overage_amount).toEqual({ amount: String(20 * fig.parcels), currency: 'AUD' });
    expect(metric(u, 'storage_bytes')).toMatchObject({ used: fig.imageBytes, overage_units: 1 });
    expect(u.gmv).toEqual([
      { amount: { amount: fig.goods.toString(), currency: 'CNY' }, fee_bps: 75, fee: expect.objectContaining({ currency: 'CNY' }) },
    ]);
    // B (formula, no sales) has none.
    const b = await usageOf(c.B.owner);
    expect(metric(b, 'orders').used).toBe(0);
    expect(b.gmv).toEqual([]);
  });

  it('a merchant never sees another’s usage; operators see any', async () => {
    expect((await call(p, 'GET', `/v1/merchants/${c.A.id}/usage`, { token: c.B.owner })).status).toBe(404);
    expect((await call(p, 'GET', `/v1/merchants/${c.A.id}/usage`, { token: c.A.owner })).status).toBe(200);
    const op = await call(p, 'GET', `/v1/merchants/${c.A.id}/usage`, { token: c.ops });
    expect(op.status, op.raw).toBe(200);
    expect(op.body.merchant_id).toBe(c.A.id);
    expect((await call(p, 'GET', '/v1/usage', { token: c.ops })).status).toBe(403);
  });
});

describe('plan changes by operators', () => {
  it('B moves to Growth at once; A to Scale from April (Sydney); both audited', async () => {
    expect((await call(p, 'PUT', `/v1/merchants/${c.B.id}/plan`, { token: c.ops, body: { plan: 'growth' } })).status).toBe(403);
    const unknown = await call(p, 'PUT', `/v1/merchants/${c.B.id}/plan`, { token: c.admin, body: { plan: 'gold' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('plan');
    const now = await call(p, 'PUT', `/v1/merchants/${c.B.id}/plan`, {
      token: c.admin,
      body: { plan: 'growth', effective: 'immediately' },
    });
    expect(now.status, now.raw).toBe(200);
    expect(now.body).toMatchObject({ object: 'plan_change', merchant_id: c.B.id, effective: 'immediately' });
    expect((await usageOf(c.B.owner)).plan.code).toBe('growth');
    const later = await call(p, 'PUT', `/v1/merchants/${c.A.id}/plan`, { token: c.fin, body: { plan: 'scale' } });
    expect(later.status, later.raw).toBe(200);
    expect(later.body.effective_from).toBe('2026-03-31T13:00:00.000Z');
    const u = await usageOf(c.A.owner);
    expect(u.plan.code).toBe('starter');
    expect(u.scheduled_plan).toEqual({ code: 'scale', effective_from: '2026-03-31T13:00:00.000Z' });
    const audit = await call(p, 'GET', '/v1/audit-events?action=merchant.plan_change', { token: c.admin });
    expect(audit.body.data.map((e: Body) => e.object_id).sort()).toEqual([c.A.id, c.B.id].sort());
  });
});

describe('the monthly invoice', () => {
  it('is made once for March, after midnight on 1 April in Sydney, by the hourly job', async () => {
    // 23:30 on 31 March in Sydney: March is not over, nothing to bill.
    clock.set(new Date('2026-03-31T12:30:00Z'));
    expect(await runInvoicing(p.ctx())).toEqual([]);
    // 00:30 on 1 April.
    clock.set(new Date('2026-03-31T13:30:00Z'));
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    const list = await call(p, 'GET', '/v1/invoices', { token: c.A.owner });
    expect(list.status, list.raw).toBe(200);
    expect(list.body.data).toHaveLength(1);
    invoiceA = list.body.data[0];
    const listB = await call(p, 'GET', '/v1/invoices', { token: c.B.owner });
    invoiceB = listB.body.data[0];
    expect([invoiceA.number, invoiceB.number].sort()).toEqual(['TSM-2026-000001', 'TSM-2026-000002']);
    // Again, by the job or directly: nothing new.
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    expect(await runInvoicing(p.ctx())).toEqual([]);
    const all = await call(p, 'GET', '/v1/invoices', { token: c.fin });
    expect(all.body.data).toHaveLength(2);
  });

  it('A (Starter, as in force at the end of March): the fee, overage per started block, the GMV fee half-up', () => {
    const u = invoiceA.usage;
    expect(invoiceA).toMatchObject({
      period: { label: '2026-03', time_zone: 'Australia/Sydney' },
      plan: { code: 'starter' },
      status: 'paid',
    });
    expect(u).toMatchObject({ orders: 1, labels: fig.parcels, storage_bytes: fig.imageBytes });
    expect(u.api_calls_test).toBeGreaterThanOrEqual(3);
    expect(u.gmv).toEqual([{ amount: fig.goods.toString(), currency: 'CNY' }]);
    // Figured here: included 5 calls, 1 order, 0 labels, 100 bytes; AUD 0.50 per 1,000 calls,
    // 0.30 an order, 0.20 a label, 0.50 a GB; 75 bps of the GMV, half-up.
    const apiBlocks = BigInt(Math.ceil((u.api_calls - 5) / 1000));
    const storageBlocks = BigInt(Math.ceil((fig.imageBytes - 100) / 1e9));
    const gmvFee = (fig.goods * 75n + 5_000n) / 10_000n;
    const expected = [
      ['plan_fee', null, '1', { amount: '2900', currency: 'AUD' }],
      ['overage', 'api_calls', apiBlocks.toString(), { amount: (apiBlocks * 50n).toString(), currency: 'AUD' }],
      ['overage', 'labels', String(fig.parcels), { amount: String(20 * fig.parcels), currency: 'AUD' }],
      ['overage', 'storage_bytes', storageBlocks.toString(), { amount: (storageBlocks * 50n).toString(), currency: 'AUD' }],
      ['gmv_fee', 'gmv', '1', { amount: gmvFee.toString(), currency: 'CNY' }],
    ];
    expect(invoiceA.lines.map((l: Body) => [l.kind, l.metric, l.units, l.amount])).toEqual(expected);
    expect(invoiceA.lines[4]).toMatchObject({ rate_bps: 75, unit_price: null, quantity: fig.goods.toString() });
    const aud = 2900n + apiBlocks * 50n + 20n * BigInt(fig.parcels) + storageBlocks * 50n;
    expect(invoiceA.totals).toEqual([
      { amount: aud.toString(), currency: 'AUD' },
      { amount: gmvFee.toString(), currency: 'CNY' },
    ]);
  });

  it('B (moved to Growth at once): Growth’s fee for the month, nothing over', () => {
    expect(invoiceB.plan.code).toBe('growth');
    expect(invoiceB.lines.map((l: Body) => [l.kind, l.amount])).toEqual([['plan_fee', { amount: '9900', currency: 'AUD' }]]);
    expect(invoiceB.totals).toEqual([{ amount: '9900', currency: 'AUD' }]);
  });

  it('is charged in the ledger, balanced, from the merchant’s balances to plan revenue', async () => {
    const [aud, cny] = invoiceA.totals;
    expect(invoiceA.transfer_ids).toEqual([`invoice:${invoiceA.id}:AUD`, `invoice:${invoiceA.id}:CNY`]);
    // A's sale is still in escrow: the AUD and CNY balances go negative, carried to the next payout.
    expect(await balanceOf(p, `merchant_pending:${c.A.id}:AUD`)).toBe(-BigInt(aud.amount));
    expect(await balanceOf(p, `merchant_pending:${c.A.id}:CNY`)).toBe(-BigInt(cny.amount));
    expect(await balanceOf(p, 'plan_revenue:AUD')).toBe(BigInt(aud.amount) + 9900n);
    expect(await balanceOf(p, 'plan_revenue:CNY')).toBe(BigInt(cny.amount));
    const verified = await verifyLedger(p.ctx());
    expect(verified.differences).toEqual([]);
    expect(verified.unbalanced).toEqual([]);
  });

  it('shows on the merchant’s April statement as a billing line with the invoice number', async () => {
    const r = await call(p, 'GET', '/v1/statements?period=2026-04', { token: c.A.owner });
    expect(r.status, r.raw).toBe(200);
    const aud = r.body.currencies.find((s: Body) => s.currency === 'AUD');
    const line = aud.lines.find((l: Body) => l.kind === 'billing');
    expect(line).toMatchObject({
      transfer_id: `invoice:${invoiceA.id}:AUD`,
      amount: { amount: `-${invoiceA.totals[0].amount}`, currency: 'AUD' },
    });
    expect(line.description).toContain(invoiceA.number);
    expect(aud.totals.billing.amount).toBe(`-${invoiceA.totals[0].amount}`);
  });

  it('reads back as a bilingual PDF with its number, lines and totals', async () => {
    const r = await p.app.inject({
      method: 'GET',
      url: `/v1/invoices/${invoiceA.id}?format=pdf`,
      headers: { authorization: `Bearer ${c.A.owner}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const text = (await readPdf(new Uint8Array(r.rawPayload))).map((x) => x.text).join('\n');
    expect(text).toContain('Invoice 服务账单');
    expect(text).toContain(invoiceA.number);
    expect(text).toContain('Period 账期 2026-03-01 – 2026-03-31');
    expect(text).toContain('Starter plan 套餐月费');
    expect(text).toContain('AUD 29.00');
    const [aud, cny] = invoiceA.totals;
    const dec = (a: string) => `${a.slice(0, -2) || '0'}.${a.slice(-2).padStart(2, '0')}`;
    expect(text).toContain(`AUD ${dec(aud.amount)}`);
    expect(text).toContain(`CNY ${dec(cny.amount)}`);
  });

  it('no merchant sees another’s invoice', async () => {
    expect((await call(p, 'GET', `/v1/invoices/${invoiceA.id}`, { token: c.B.owner })).status).toBe(404);
    expect((await call(p, 'GET', `/v1/invoices/${invoiceA.id}?format=pdf`, { token: c.B.apiKey })).status).toBe(404);
    expect((await call(p, 'GET', '/v1/invoices/invc_nope', { token: c.A.owner })).status).toBe(404);
    const mine = await call(p, 'GET', `/v1/invoices?merchant_id=${c.A.id}`, { token: c.B.owner });
    expect(mine.body.data.map((i: Body) => i.id)).toEqual([invoiceB.id]);
    const op = await call(p, 'GET', `/v1/invoices?merchant_id=${c.A.id}`, { token: c.fin });
    expect(op.body.data.map((i: Body) => i.id)).toEqual([invoiceA.id]);
  });

  it('A’s April is on Scale, as scheduled', async () => {
    const u = await usageOf(c.A.owner);
    expect(u.period.label).toBe('2026-04');
    expect(u.plan.code).toBe('scale');
    expect(u.scheduled_plan).toBeNull();
  });
});

describe('the plan’s rate limit', () => {
  it('every credential of a merchant shares its per-minute budget: 429 rate_limited with Retry-After; others unaffected', async () => {
    const d = await createMerchant(p, c.admin, 'Busy Bees');
    const dTest = (await testKey(p, d.owner)).secret;
    const set = await call(p, 'POST', '/v1/plans/growth', { token: c.admin, body: { rate_limit_per_minute: 4 } });
    expect(set.status, set.raw).toBe(200);
    expect(
      (await call(p, 'PUT', `/v1/merchants/${d.id}/plan`, { token: c.admin, body: { plan: 'growth', effective: 'immediately' } })).status,
    ).toBe(200);
    const statuses: number[] = [];
    let refused: Body;
    for (let i = 0; i < 8 && !refused; i++) {
      const r = await call(p, 'GET', '/v1/products', { token: i % 2 ? dTest : d.apiKey });
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    expect(refused, statuses.join()).toBeDefined();
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // The owner's session shares the budget; another merchant's credentials do not.
    expect((await call(p, 'GET', '/v1/me', { token: d.owner })).status).toBe(429);
    expect((await call(p, 'GET', '/v1/products', { token: c.A.apiKey })).status).toBe(200);
    // Operators are not merchants: their plan is not theirs to spend.
    expect((await call(p, 'GET', `/v1/merchants/${d.id}/usage`, { token: c.admin })).status).toBe(200);
  });
});
