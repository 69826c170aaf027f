// Orders through the API (issue 5, "Orders" and "Not done until"): a checkout paid from the
// wallet becomes one order per merchant per origin, paid by one payment; the whole journey from
// cart to delivered and completed; cancellation before shipment gives back the money, the stock
// and the quota; a failed payment changes nothing; illegal transitions are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { orderCommission, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { ADDRESS, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call } from '../support/http.ts';
import { balanceOf } from '../support/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 20, formula: 20 });
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

/** Cart → checkout for a shopper: honey × 2 (bonded, A) and formula × 1 (Melbourne, B). */
async function openCheckout(
  token: string,
  items: [string, number][] = [
    [c.v.honey, 2],
    [c.v.formula, 1],
  ],
): Promise<Body> {
  for (const [variant, quantity] of items) {
    const r = await call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id: variant, quantity } });
    expect(r.status, r.raw).toBe(200);
  }
  const r = await call(p, 'POST', '/v1/checkouts', { token, body: { address: ADDRESS } });
  expect(r.status, r.raw).toBe(201);
  return r.body;
}

const wallet = async (token: string) => BigInt((await call(p, 'GET', '/v1/wallet', { token })).body.balance.amount);
const quotaUsed = async (token: string) => BigInt((await call(p, 'GET', '/v1/shopper/quota', { token })).body.used.amount);
async function onHand(variant: string): Promise<{ on_hand: number; reserved: number }> {
  const [row] = await p.rt.database.query<{ on_hand: string; reserved: string }>(
    'select sum(b.on_hand)::text as on_hand, sum(b.reserved)::text as reserved from stock_buckets b join stock_levels l on l.id = b.level_id where l.variant_id = $1',
    [variant],
  );
  return { on_hand: Number(row?.on_hand ?? 0), reserved: Number(row?.reserved ?? 0) };
}

describe('paying a checkout', () => {
  it('charges a merchant’s fixed CNY price as the cart showed it, not a conversion of the AUD price', async () => {
    const fix = (cny: { amount: string; currency: string } | null) =>
      call(p, 'POST', `/v1/variants/${c.v.formula}`, { token: c.B.owner, body: { cny_price: cny } });
    expect((await fix({ amount: '19900', currency: 'CNY' })).status).toBe(200);
    try {
      const s = await verifiedShopper(p, { name: '陈静', first17: '33010619920308004' });
      await fund(p, s.token, '100000');
      const cart = await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: c.v.formula, quantity: 2 } });
      expect(cart.body.groups[0].lines[0].unit_price_shown).toEqual({ amount: '19900', currency: 'CNY' });
      const chk = (await call(p, 'POST', '/v1/checkouts', { token: s.token, body: { address: ADDRESS } })).body;
      const [order] = chk.orders;
      expect(order.lines[0]).toMatchObject({ unit_price: { amount: '4200', currency: 'AUD' }, unit_price_shown: { amount: '19900' } });
      expect(order.totals.goods.amount).toBe('39800');
      const before = await wallet(s.token);
      const paid = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token });
      expect(paid.status, paid.raw).toBe(200);
      expect(before - (await wallet(s.token))).toBe(BigInt(chk.totals.total.amount));
      expect(paid.body.orders[0].amounts.goods).toEqual({ amount: '39800', currency: 'CNY' });
      expect(paid.body.orders[0].merchant_price).toEqual({ amount: '8400', currency: 'AUD' });
      const ledger = await verifyLedger(p.ctx());
      expect(ledger.differences).toEqual([]);
      expect(ledger.unbalanced).toEqual([]);
    } finally {
      await fix(null);
    }
  });

  it('creates one paid order per merchant per origin from one payment, keeps the stock, takes the quota, empties the cart', async () => {
    const s = await verifiedShopper(p);
    await fund(p, s.token, '200000');
    const chk = await openCheckout(s.token);
    const total = BigInt(chk.totals.total.amount);
    const honeyBefore = await onHand(c.v.honey);
    const r = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token, headers: { 'idempotency-key': `pay-${chk.id}` } });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.status).toBe('completed');
    const orders: Body[] = r.body.orders;
    expect(orders).toHaveLength(2);
    expect(orders.map((o) => o.state)).toEqual(['paid', 'paid']);
    const honey = orders.find((o) => o.merchant === c.A.id);
    expect(honey.origin).toMatchObject({ kind: 'bonded_warehouse', customs_mode: '1210' });
    expect(honey.amounts).toEqual({
      goods: { amount: '84932', currency: 'CNY' },
      shipping: { amount: '1100', currency: 'CNY' },
      tax: { amount: '5420', currency: 'CNY' },
      total: { amount: '91452', currency: 'CNY' },
      refunded: { amount: '0', currency: 'CNY' },
    });
    expect(honey.merchant_price).toEqual({ amount: '17980', currency: 'AUD' });
    expect(honey.buyer.id_number).toMatch(/\*/);
    expect(await wallet(s.token)).toBe(200_000n - total);
    // Quota: the two orders' dutiable prices.
    const dutiable = chk.orders.reduce((a: bigint, o: Body) => a + BigInt(o.tax.dutiable.amount), 0n);
    expect(await quotaUsed(s.token)).toBe(dutiable);
    // Stock: still reserved (kept for the order), not expired by the reservation job later.
    p.clock.advance(60 * 60 * 1000);
    await p.runJobs();
    expect(await onHand(c.v.honey)).toEqual(honeyBefore);
    // The cart no longer has the bought items.
    expect((await call(p, 'GET', '/v1/cart', { token: s.token })).body.groups).toEqual([]);
    // The checkout says which orders it became; paying again is refused.
    expect((await call(p, 'GET', `/v1/checkouts/${chk.id}`, { token: s.token })).body.order_ids.sort()).toEqual(
      orders.map((o) => o.id).sort(),
    );
    const again = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token });
    expect(again.status, again.raw).toBe(409);
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });

  it('a failed payment leaves the wallet, the stock, the quota and the ledger as they were, and the checkout open', async () => {
    const s = await verifiedShopper(p, { name: '王芳', first17: '44030419900101123' });
    await fund(p, s.token, '50000');
    const chk = await openCheckout(s.token);
    const before = { wallet: await wallet(s.token), quota: await quotaUsed(s.token), honey: await onHand(c.v.honey) };
    const [transfers] = await p.rt.database.query<{ n: string }>('select count(*)::text as n from ledger_transfers');
    const r = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token });
    expect(r.status, r.raw).toBe(402);
    expect(r.body.error).toMatchObject({ code: 'insufficient_funds', param: 'wallet' });
    expect(await wallet(s.token)).toBe(before.wallet);
    expect(await quotaUsed(s.token)).toBe(before.quota);
    expect(await onHand(c.v.honey)).toEqual(before.honey);
    const [after] = await p.rt.database.query<{ n: string }>('select count(*)::text as n from ledger_transfers');
    expect(after?.n).toBe(transfers?.n);
    expect((await call(p, 'GET', '/v1/orders', { token: s.token })).body.data).toEqual([]);
    expect((await call(p, 'GET', `/v1/checkouts/${chk.id}`, { token: s.token })).body.status).toBe('open');
    // Topped up, the same checkout pays.
    await fund(p, s.token, '100000');
    const ok = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token });
    expect(ok.status, ok.raw).toBe(200);
  });
});

describe('the journey from cart to completed', () => {
  it('pays, fulfils, ships, delivers and completes; the merchant is credited from escrow less commission and fee; every step is in the history', async () => {
    const s = await verifiedShopper(p, { name: '张伟', first17: '31011519800101001' });
    await fund(p, s.token, '200000');
    const chk = await openCheckout(s.token, [[c.v.honey, 1]]);
    const paid = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token });
    expect(paid.status, paid.raw).toBe(200);
    const id = paid.body.orders[0].id as string;
    const honeyBefore = await onHand(c.v.honey);

    const fulfil = await call(p, 'POST', `/v1/orders/${id}/fulfil`, { token: c.A.owner });
    expect(fulfil.status, fulfil.raw).toBe(200);
    expect(fulfil.body.state).toBe('fulfilling');
    // Delivering before shipping is refused, and a buyer can't ship.
    expect((await call(p, 'POST', `/v1/orders/${id}/deliver`, { token: c.ops })).body.error.code).toBe('invalid_state');
    expect((await call(p, 'POST', `/v1/orders/${id}/ship`, { token: s.token })).status).toBe(403);
    const ship = await call(p, 'POST', `/v1/orders/${id}/ship`, {
      token: c.A.owner,
      body: { carrier: 'Cainiao', tracking_number: 'CN123' },
    });
    expect(ship.status, ship.raw).toBe(200);
    expect(ship.body.shipping.tracking_number).toBe('CN123');
    // The units left the bonded warehouse.
    expect(await onHand(c.v.honey)).toEqual({ on_hand: honeyBefore.on_hand - 1, reserved: honeyBefore.reserved - 1 });
    // Once shipped it can no longer be cancelled.
    expect((await call(p, 'POST', `/v1/orders/${id}/cancel`, { token: s.token })).body.error.code).toBe('invalid_state');
    const deliver = await call(p, 'POST', `/v1/orders/${id}/deliver`, { token: c.ops });
    expect(deliver.status, deliver.raw).toBe(200);
    expect(deliver.body.available_actions).toEqual(['complete', 'refund_in_full']);
    const mine = await call(p, 'GET', `/v1/orders/${id}`, { token: s.token });
    expect(mine.body.available_actions).toEqual(['complete', 'request_return']);

    // The release credits the merchant's balance in the charge currency (CNY) with the goods the buyer
    // paid, less the commission on the order's line (honey: no rate set, so the default 5 %) and the
    // payment fee (0.6 %); its AUD balance and the FX positions do not move (converted on payout day).
    const accounts = {
      pending: `merchant_pending:${c.A.id}:CNY`,
      pendingAud: `merchant_pending:${c.A.id}:AUD`,
      commission: 'commission_revenue:CNY',
      fee: 'payment_fee_revenue:CNY',
      fxCny: 'fx_position:CNY',
      fxAud: 'fx_position:AUD',
    };
    const snapshot = async () =>
      Object.fromEntries(await Promise.all(Object.entries(accounts).map(async ([k, key]) => [k, await balanceOf(p, key)])));
    const line = deliver.body.lines[0];
    expect(line).toMatchObject({ quantity: 1, unit_price_paid: { currency: 'CNY' } });
    // AUD 89.90 at the locked rate: CNY 424.66; commission 21.233 → 21.23, fee 2.54796 → 2.55.
    const goods = BigInt(line.unit_price_paid.amount);
    expect(goods).toBe(42_466n);
    const commission = orderCommission([{ amount: goods, category: 'honey' }], { byCategory: {}, otherwise: 500 }).total;
    const fee = percentOf(goods, 60);
    expect([commission, fee]).toEqual([2_123n, 255n]);
    const before = await snapshot();
    const done = await call(p, 'POST', `/v1/orders/${id}/complete`, { token: s.token });
    expect(done.status, done.raw).toBe(200);
    expect(done.body.state).toBe('completed');
    expect(await snapshot()).toEqual({
      ...before,
      pending: before.pending + goods - commission - fee,
      commission: before.commission + commission,
      fee: before.fee + fee,
    });
    expect(done.body.history.map((h: Body) => `${h.action}:${h.to}`)).toEqual([
      'create:pending_payment',
      'pay:paid',
      'start_fulfilment:fulfilling',
      'ship:shipped',
      'deliver:delivered',
      'complete:completed',
    ]);
    expect(done.body.history[2].actor).toMatch(/^merchant:/);
    const events = await p.rt.database.query<{ type: string }>("select type from events where data->>'order_id' = $1 order by id", [id]);
    expect(events.map((e) => e.type)).toEqual(['order.paid', 'order.fulfilling', 'order.shipped', 'order.delivered', 'order.completed']);
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });
});

describe('cancellation before shipment', () => {
  it('refunds in full, gives the stock and the quota back', async () => {
    const s = await verifiedShopper(p, { name: '刘洋', first17: '32010219850505002' });
    await fund(p, s.token, '200000');
    const quota0 = await quotaUsed(s.token);
    const stock0 = await onHand(c.v.formula);
    const chk = await openCheckout(s.token, [[c.v.formula, 2]]);
    const paid = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token: s.token });
    expect(paid.status, paid.raw).toBe(200);
    const id = paid.body.orders[0].id as string;
    expect(await quotaUsed(s.token)).toBeGreaterThan(quota0);
    const r = await call(p, 'POST', `/v1/orders/${id}/cancel`, { token: s.token, body: { reason: 'changed my mind' } });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.state).toBe('cancelled');
    expect(r.body.amounts.refunded).toEqual(r.body.amounts.total);
    expect(await wallet(s.token)).toBe(200_000n);
    expect(await quotaUsed(s.token)).toBe(quota0);
    expect(await onHand(c.v.formula)).toEqual(stock0);
    expect((await call(p, 'POST', `/v1/orders/${id}/cancel`, { token: s.token })).body.error.code).toBe('invalid_state');
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });
});
