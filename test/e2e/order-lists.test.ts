// Who sees which orders (issue 5, "Orders"; PRODUCT.md M7): a shopper their own, a merchant its
// own (another merchant's order is not found, to read or to act on), operators all; the list's
// filters (state, origin as a location or a kind, customs mode, creation time, checkout, merchant
// for operators), cursor pagination, and API key scopes (orders:read lists, orders:write acts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, createProduct, listableProduct, receive } from '../support/catalog.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;
const HOUR = 3_600_000;

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

/** A's second warehouse, in Melbourne (direct mail, 9610), and the propolis stocked there. */
let warehouseA: string;
let propolis: string;
let s1: { id: string; token: string };
let s2: { id: string; token: string };
let s3: { id: string; token: string };
/** The orders: s1 bought honey (A, bonded) + formula (B) at t0, propolis (A, Melbourne) at t0 + 1 h; s2 honey at t0 + 2 h. */
const o = { honeyA: '', formulaB: '', propolisA: '', honeyA2: '', checkout1: '' };
let t0: Date;

const buyAs = (token: string, items: [string, number][]): Promise<Body> => buy(p, token, items);

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 10, formula: 10 });
  const wh = await call(p, 'POST', '/v1/locations', { token: c.A.owner, body: { name: 'Melbourne DC', country: 'AU', city: 'Melbourne' } });
  expect(wh.status, wh.raw).toBe(201);
  warehouseA = wh.body.id;
  const product = await createProduct(
    p,
    c.A.owner,
    listableProduct({}, { price: { amount: '2500', currency: 'AUD' }, gross_weight_g: 300 }),
  );
  await activate(p, c.A.owner, product.id);
  propolis = product.variants[0].id;
  await receive(p, c.A.owner, propolis, warehouseA, 10);

  s1 = await verifiedShopper(p, { name: '周敏', first17: '11010519900101201' });
  s2 = await verifiedShopper(p, { name: '吴刚', first17: '11010519900101202' });
  s3 = await verifiedShopper(p, { name: '郑丽', first17: '11010519900101203' });
  await fund(p, s1.token, '300000');
  await fund(p, s2.token, '300000');
  t0 = p.clock.now();
  const first = await buyAs(s1.token, [
    [c.v.honey, 1],
    [c.v.formula, 1],
  ]);
  o.checkout1 = first.checkout;
  o.honeyA = first.orders.find((x: Body) => x.merchant === c.A.id).id;
  o.formulaB = first.orders.find((x: Body) => x.merchant === c.B.id).id;
  p.clock.advance(HOUR);
  o.propolisA = (await buyAs(s1.token, [[propolis, 1]])).orders[0].id;
  p.clock.advance(HOUR);
  o.honeyA2 = (await buyAs(s2.token, [[c.v.honey, 1]])).orders[0].id;
  const shipped = await call(p, 'POST', `/v1/orders/${o.honeyA2}/ship`, { token: c.A.owner });
  expect(shipped.status, shipped.raw).toBe(200);
});
afterAll(() => p?.close());

/** The ids a list answers (one page of up to 100), after checking it is a list. */
async function ids(token: string, query = ''): Promise<string[]> {
  const r = await call(p, 'GET', `/v1/orders?limit=100${query}`, { token });
  expect(r.status, r.raw).toBe(200);
  expect(r.body.object).toBe('list');
  expect(r.body.has_more).toBe(false);
  return r.body.data.map((x: Body) => x.id);
}
const sorted = (xs: string[]) => [...xs].sort();
const iso = (d: Date) => encodeURIComponent(d.toISOString());

describe('shoppers', () => {
  it('see only their own orders; another shopper’s is not found', async () => {
    expect(sorted(await ids(s1.token))).toEqual(sorted([o.honeyA, o.formulaB, o.propolisA]));
    expect(await ids(s2.token)).toEqual([o.honeyA2]);
    expect(await ids(s3.token)).toEqual([]);
    for (const [token, id] of [
      [s2.token, o.honeyA],
      [s3.token, o.honeyA2],
    ] as const) {
      const r = await call(p, 'GET', `/v1/orders/${id}`, { token });
      expect(r.status, r.raw).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect(r.raw).not.toContain('周敏');
    }
    // Nor can they act on it.
    const cancel = await call(p, 'POST', `/v1/orders/${o.honeyA}/cancel`, { token: s2.token, body: {} });
    expect(cancel.status, cancel.raw).toBe(404);
    const mine = await call(p, 'GET', `/v1/orders/${o.honeyA}`, { token: s1.token });
    expect(mine.status, mine.raw).toBe(200);
    expect(mine.body).toMatchObject({ state: 'paid', shopper: s1.id, merchant: c.A.id });
  });
});

describe('merchants', () => {
  it('list only their own orders, and another merchant’s is not found, to read or to act on', async () => {
    const listA = await call(p, 'GET', '/v1/orders?limit=100', { token: c.A.owner });
    expect(sorted(listA.body.data.map((x: Body) => x.id))).toEqual(sorted([o.honeyA, o.propolisA, o.honeyA2]));
    for (const x of listA.body.data) expect(x.merchant).toBe(c.A.id);
    expect(listA.raw).not.toContain(o.formulaB);
    expect(await ids(c.B.owner)).toEqual([o.formulaB]);
    expect(await ids(c.B.apiKey)).toEqual([o.formulaB]);

    for (const token of [c.A.owner, c.A.apiKey]) {
      const read = await call(p, 'GET', `/v1/orders/${o.formulaB}`, { token });
      expect(read.status, read.raw).toBe(404);
      expect(read.body.error.code).toBe('not_found');
      for (const verb of ['fulfil', 'ship', 'cancel', 'refund', 'return/approve']) {
        const r = await call(p, 'POST', `/v1/orders/${o.formulaB}/${verb}`, { token, body: {} });
        expect(r.status, `${verb}: ${r.raw}`).toBe(404);
      }
      // Routes merchants may not call at all: forbidden before any lookup.
      for (const verb of ['deliver', 'complete']) {
        const r = await call(p, 'POST', `/v1/orders/${o.formulaB}/${verb}`, { token, body: {} });
        expect(r.status, `${verb}: ${r.raw}`).toBe(403);
      }
    }
    const b = await call(p, 'GET', `/v1/orders/${o.formulaB}`, { token: c.B.owner });
    expect(b.body).toMatchObject({ state: 'paid', amounts: { refunded: { amount: '0' } } });
    expect(b.body.history.map((h: Body) => h.action)).toEqual(['create', 'pay']);
  });

  it('filter by state, origin (a location or a kind), customs mode, creation time and checkout', async () => {
    const t = c.A.owner;
    expect(await ids(t, '&state=shipped')).toEqual([o.honeyA2]);
    expect(sorted(await ids(t, '&state=paid'))).toEqual(sorted([o.honeyA, o.propolisA]));
    expect(await ids(t, '&state=delivered')).toEqual([]);
    expect(sorted(await ids(t, `&origin=${c.bonded}`))).toEqual(sorted([o.honeyA, o.honeyA2]));
    expect(sorted(await ids(t, '&origin=bonded_warehouse'))).toEqual(sorted([o.honeyA, o.honeyA2]));
    expect(await ids(t, `&origin=${warehouseA}`)).toEqual([o.propolisA]);
    expect(await ids(t, '&origin=merchant_warehouse')).toEqual([o.propolisA]);
    // B's warehouse holds none of A's orders.
    expect(await ids(t, `&origin=${c.warehouseB}`)).toEqual([]);
    expect(sorted(await ids(t, '&customs_mode=1210'))).toEqual(sorted([o.honeyA, o.honeyA2]));
    expect(await ids(t, '&customs_mode=9610')).toEqual([o.propolisA]);
    const at = (h: number) => new Date(t0.getTime() + h * HOUR);
    // Both bounds are inclusive; the orders were made at t0, t0 + 1 h and t0 + 2 h.
    expect(await ids(t, `&created_from=${iso(at(1))}`)).toEqual([o.honeyA2, o.propolisA]);
    expect(sorted(await ids(t, `&created_to=${iso(at(1))}`))).toEqual(sorted([o.honeyA, o.propolisA]));
    expect(await ids(t, `&created_from=${iso(at(0.5))}&created_to=${iso(at(1.5))}`)).toEqual([o.propolisA]);
    expect(await ids(t, `&created_from=${iso(at(2.5))}`)).toEqual([]);
    expect(await ids(t, `&state=paid&customs_mode=1210&created_to=${iso(at(0.5))}`)).toEqual([o.honeyA]);
    expect(await ids(t, `&checkout=${o.checkout1}`)).toEqual([o.honeyA]);
    expect(await ids(s1.token, `&checkout=${o.checkout1}`).then(sorted)).toEqual(sorted([o.honeyA, o.formulaB]));
    // Unknown values are refused, not ignored.
    expect((await call(p, 'GET', '/v1/orders?state=lost', { token: t })).status).toBe(400);
    expect((await call(p, 'GET', '/v1/orders?created_from=yesterday', { token: t })).status).toBe(400);
  });
});

describe('operators', () => {
  it('see every order and can narrow to one merchant', async () => {
    const all = [o.honeyA, o.formulaB, o.propolisA, o.honeyA2];
    for (const token of [c.admin, c.ops, c.fin]) expect(sorted(await ids(token))).toEqual(sorted(all));
    expect(sorted(await ids(c.admin, `&merchant=${c.A.id}`))).toEqual(sorted([o.honeyA, o.propolisA, o.honeyA2]));
    expect(await ids(c.admin, `&merchant=${c.B.id}`)).toEqual([o.formulaB]);
    expect(await ids(c.admin, `&merchant=${c.A.id}&state=shipped`)).toEqual([o.honeyA2]);
    expect(await ids(c.admin, `&origin=${c.warehouseB}`)).toEqual([o.formulaB]);
    // `merchant` is for operators: a merchant cannot use it to look into another's orders.
    expect(await ids(c.A.owner, `&merchant=${c.B.id}`).then(sorted)).toEqual(sorted([o.honeyA, o.propolisA, o.honeyA2]));
    const one = await call(p, 'GET', `/v1/orders/${o.formulaB}`, { token: c.fin });
    expect(one.status, one.raw).toBe(200);
  });
});

describe('pagination', () => {
  it('walks the list newest first one order at a time with starting_after', async () => {
    for (const token of [c.admin, s1.token]) {
      const full = await ids(token);
      expect(full.length).toBeGreaterThan(1);
      const walked: string[] = [];
      let after = '';
      for (let i = 0; i < 10; i++) {
        const r = await call(p, 'GET', `/v1/orders?limit=1${after ? `&starting_after=${after}` : ''}`, { token });
        expect(r.status, r.raw).toBe(200);
        expect(r.body.data).toHaveLength(1);
        walked.push(r.body.data[0].id);
        expect(r.body.has_more).toBe(walked.length < full.length);
        if (!r.body.has_more) break;
        after = r.body.data[0].id;
      }
      expect(walked).toEqual(full);
      const created = (await call(p, 'GET', '/v1/orders?limit=100', { token })).body.data.map((x: Body) => x.created_at);
      expect(created).toEqual([...created].sort().reverse());
    }
  });
});

describe('API keys', () => {
  async function key(scopes: string[]): Promise<string> {
    const r = await call(p, 'POST', '/v1/api-keys', {
      token: c.A.owner,
      body: { name: `orders ${scopes.join(' ')}`, mode: 'live', scopes },
    });
    expect(r.status, r.raw).toBe(201);
    return r.body.secret;
  }

  it('orders:read lists and reads but cannot act; orders:write acts', async () => {
    const reader = await key(['orders:read']);
    expect(sorted(await ids(reader))).toEqual(sorted([o.honeyA, o.propolisA, o.honeyA2]));
    expect((await call(p, 'GET', `/v1/orders/${o.honeyA}`, { token: reader })).status).toBe(200);
    for (const verb of ['ship', 'fulfil', 'cancel']) {
      const r = await call(p, 'POST', `/v1/orders/${o.honeyA}/${verb}`, { token: reader, body: {} });
      expect(r.status, r.raw).toBe(403);
      expect(r.body.error.code).toBe('insufficient_scope');
    }
    // A key for something else cannot even read orders.
    const other = await key(['products:write']);
    const list = await call(p, 'GET', '/v1/orders', { token: other });
    expect(list.status, list.raw).toBe(403);
    expect(list.body.error.code).toBe('insufficient_scope');
    expect((await call(p, 'GET', `/v1/orders/${o.honeyA}`, { token: c.A.owner })).body.state).toBe('paid');

    const writer = await key(['orders:write']);
    expect(sorted(await ids(writer))).toEqual(sorted([o.honeyA, o.propolisA, o.honeyA2]));
    const ship = await call(p, 'POST', `/v1/orders/${o.honeyA}/ship`, { token: writer, body: { carrier: 'SF', tracking_number: 'SF42' } });
    expect(ship.status, ship.raw).toBe(200);
    expect(ship.body.state).toBe('shipped');
    expect(ship.body.history.at(-1).actor).toMatch(/^api_key:/);
    // Still only its own merchant's orders.
    expect((await call(p, 'POST', `/v1/orders/${o.formulaB}/ship`, { token: writer, body: {} })).status).toBe(404);
  });
});
