// The sales report (GET /v1/reports/sales, src/modules/orders/reports.ts): revenue per China
// calendar day (Asia/Shanghai), top products, orders by destination province, over paid orders
// only (cancelled and fully refunded ones left out, returned units taken off); never adding
// different currencies; each merchant only its own sales, operators any.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buy,
  type Corridor,
  fund,
  type ReverseCorridor,
  setUpCorridor,
  setUpReverseCorridor,
  verifiedShopper,
} from '../support/corridor.ts';
import { call, createShopper } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

let p: TestPlatform;
let c: Corridor;
let r: ReverseCorridor;
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** D: a China day two days ahead; the day before it, D-1. */
let D = '';
let dBefore = '';
/** A's honey product, B's formula product, the seller's tea product. */
const product = { honey: '', formula: '', tea: '' };
/** What a unit of honey / formula cost each buyer (CNY fen, from the orders). */
let honeyUnit = 0n;
let formulaUnit = 0n;
const ids = { cancelled: '', refunded: '', returned: '' };
const tea = { aud: 0n, nzd: 0n };

const day = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
const line = (order: Body) => order.lines[0];

async function report(token: string, query = ''): Promise<Body> {
  const res = await call(p, 'GET', `/v1/reports/sales${query}`, { token });
  expect(res.status, res.raw).toBe(200);
  expect(res.body.object).toBe('sales_report');
  return res.body;
}

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 30, formula: 10 });
  r = await setUpReverseCorridor(p, c);
  for (const [key, variant, token] of [
    ['honey', c.v.honey, c.A.owner],
    ['formula', c.v.formula, c.B.owner],
  ] as const) {
    const list = await call(p, 'GET', '/v1/products?limit=100', { token });
    product[key] = list.body.data.find((x: Body) => x.variants.some((v: Body) => v.id === variant)).id;
  }
  const s1 = await verifiedShopper(p, { name: '周敏', first17: '11010519900101201' });
  const s2 = await verifiedShopper(p, { name: '吴刚', first17: '11010519900101202' });
  for (const s of [s1, s2]) {
    await fund(p, s.token, '500000');
    await fund(p, s.token, '500000');
  }

  // The start of China day D (16:00 UTC the day before), two days from now.
  const dStart = Date.parse(`${day(p.clock.now().getTime() + 2 * DAY)}T00:00:00Z`) - 8 * HOUR;
  D = day(dStart);
  dBefore = day(dStart - MIN);

  // 23:59 in China on D-1 (15:59 UTC): s1 buys two honey (A) and a formula (B).
  p.clock.set(new Date(dStart - MIN));
  const first = await buy(p, s1.token, [
    [c.v.honey, 2],
    [c.v.formula, 1],
  ]);
  const honeyOrder = first.orders.find((o: Body) => o.merchant === c.A.id);
  honeyUnit = BigInt(line(honeyOrder).unit_price_paid.amount);
  formulaUnit = BigInt(line(first.orders.find((o: Body) => o.merchant === c.B.id)).unit_price_paid.amount);
  expect(line(honeyOrder).unit_price_paid.currency).toBe('CNY');

  // 00:01 in China on D: s2 buys one honey, to Shanghai.
  p.clock.set(new Date(dStart + MIN));
  await buy(p, s2.token, [[c.v.honey, 1]], {
    region: 'CN-SH',
    city: '上海市',
    district: '浦东新区',
    street: '世纪大道 100 号',
    recipient: '吴刚',
    mobile: '13900139000',
  });

  // Later on D: one honey cancelled by its buyer, one refunded by the merchant (neither counts),
  // three honey of which one is returned (two count).
  p.clock.set(new Date(dStart + 2 * HOUR));
  ids.cancelled = (await buy(p, s1.token, [[c.v.honey, 1]])).orders[0].id;
  expect((await call(p, 'POST', `/v1/orders/${ids.cancelled}/cancel`, { token: s1.token, body: {} })).status).toBe(200);
  ids.refunded = (await buy(p, s2.token, [[c.v.honey, 1]])).orders[0].id;
  expect((await call(p, 'POST', `/v1/orders/${ids.refunded}/refund`, { token: c.A.owner, body: { reason: 'test' } })).status).toBe(200);
  ids.returned = (await buy(p, s1.token, [[c.v.honey, 3]])).orders[0].id;
  const steps: [string, string, object][] = [
    ['ship', c.A.owner, {}],
    ['deliver', c.ops, {}],
    ['return', s1.token, { reason: 'damaged', lines: [{ line_no: 1, quantity: 1 }] }],
    ['return/approve', c.A.owner, {}],
    ['return/receive', c.A.owner, {}],
  ];
  for (const [verb, token, body] of steps) {
    const res = await call(p, 'POST', `/v1/orders/${ids.returned}/${verb}`, { token, body });
    expect(res.status, `${verb}: ${res.raw}`).toBe(200);
  }

  // The seller in China sells tea to Australia (AUD) and New Zealand (NZD) on D.
  p.clock.set(new Date(dStart + 5 * HOUR));
  const addresses = {
    AU: {
      region: 'AU-VIC',
      city: 'Fitzroy',
      street: '12 Brunswick Street',
      postal_code: '3065',
      recipient: 'Olivia Smith',
      mobile: '0412 345 678',
    },
    NZ: {
      region: 'NZ',
      city: 'Wellington',
      district: 'Te Aro',
      street: '5 Cuba Street',
      postal_code: '6011',
      recipient: 'Aroha Ngata',
      mobile: '021 234 5678',
    },
  };
  for (const [country, quantity] of [
    ['AU', 2],
    ['NZ', 1],
  ] as const) {
    const s = await createShopper(p, country);
    await fund(p, s.token, '50000');
    const paid = await buy(p, s.token, [[r.v.tea, quantity]], addresses[country]);
    const l = line(paid.orders[0]);
    expect(l.unit_price_paid.currency).toBe(country === 'AU' ? 'AUD' : 'NZD');
    tea[country === 'AU' ? 'aud' : 'nzd'] = BigInt(l.unit_price_paid.amount) * BigInt(quantity);
    product.tea = l.product_id;
  }
  p.clock.set(new Date(dStart + 6 * HOUR));
});
afterAll(() => p?.close());

describe('a merchant’s sales', () => {
  it('counts paid orders by China day, leaves out cancelled and refunded ones, and takes returned units off', async () => {
    const a = await report(c.A.owner, `?from=${dBefore}&to=${D}`);
    expect(a).toMatchObject({ merchant: c.A.id, from: dBefore, to: D, time_zone: 'Asia/Shanghai' });
    // 2 + 1 + (3 − 1 returned) units in three orders.
    expect(a.orders).toBe(3);
    expect(a.units).toBe(5);
    expect(a.revenue).toEqual([{ amount: (honeyUnit * 5n).toString(), currency: 'CNY' }]);
    // 15:59 UTC is 23:59 in China (D-1); 16:01 UTC is already D.
    expect(a.days).toEqual([
      { date: dBefore, orders: 1, units: 2, revenue: [{ amount: (honeyUnit * 2n).toString(), currency: 'CNY' }] },
      { date: D, orders: 2, units: 3, revenue: [{ amount: (honeyUnit * 3n).toString(), currency: 'CNY' }] },
    ]);
    expect(a.top_products.by_units).toEqual([
      { product_id: product.honey, name: expect.objectContaining({ en: expect.any(String) }), units: 5, revenue: a.revenue },
    ]);
    expect(a.top_products.by_revenue).toEqual([{ currency: 'CNY', products: a.top_products.by_units }]);
    expect(a.regions).toEqual([
      { country: 'CN', region: 'CN-ZJ', orders: 2, units: 4, revenue: [{ amount: (honeyUnit * 4n).toString(), currency: 'CNY' }] },
      { country: 'CN', region: 'CN-SH', orders: 1, units: 1, revenue: [{ amount: honeyUnit.toString(), currency: 'CNY' }] },
    ]);

    // One day at a time: the boundary falls at midnight in China.
    const before = await report(c.A.owner, `?from=${dBefore}&to=${dBefore}`);
    expect(before).toMatchObject({ orders: 1, units: 2 });
    expect(before.days).toHaveLength(1);
    const onD = await report(c.A.owner, `?from=${D}&to=${D}`);
    expect(onD).toMatchObject({ orders: 2, units: 3 });
  });

  it('defaults to the last 30 China days up to today, zero days included', async () => {
    const a = await report(c.A.owner);
    expect(a.to).toBe(D);
    expect(a.days).toHaveLength(30);
    expect(a.days.at(-1).date).toBe(D);
    expect(a.days.at(-3)).toEqual({ date: day(Date.parse(`${D}T00:00:00Z`) - 2 * DAY), orders: 0, units: 0, revenue: [] });
    expect(a.orders).toBe(3);
    // `from` alone runs to today.
    expect((await report(c.A.owner, `?from=${D}`)).days.map((d: Body) => d.date)).toEqual([D]);
  });

  it('never adds different currencies: a seller in China paid in AUD and NZD gets one amount each', async () => {
    const s = await report(r.seller.owner, `?from=${D}&to=${D}`);
    expect(s.orders).toBe(2);
    expect(s.units).toBe(3);
    expect(s.revenue).toEqual([
      { amount: tea.aud.toString(), currency: 'AUD' },
      { amount: tea.nzd.toString(), currency: 'NZD' },
    ]);
    expect(s.days[0].revenue).toEqual(s.revenue);
    expect(s.top_products.by_units).toEqual([{ product_id: product.tea, name: expect.any(Object), units: 3, revenue: s.revenue }]);
    expect(s.top_products.by_revenue.map((x: Body) => x.currency)).toEqual(['AUD', 'NZD']);
    expect(s.regions.map((g: Body) => [g.region, g.orders, g.revenue[0].currency]).sort()).toEqual([
      ['AU-VIC', 1, 'AUD'],
      ['NZ', 1, 'NZD'],
    ]);
  });
});

describe('tenant isolation', () => {
  it('merchant A never sees B’s sales, nor B A’s, even when asking for the other by `merchant`', async () => {
    const range = `?from=${dBefore}&to=${D}`;
    const b = await report(c.B.owner, range);
    expect(b).toMatchObject({ merchant: c.B.id, orders: 1, units: 1, revenue: [{ amount: formulaUnit.toString(), currency: 'CNY' }] });
    expect(b.top_products.by_units.map((x: Body) => x.product_id)).toEqual([product.formula]);
    const bRaw = JSON.stringify(b);
    expect(bRaw).not.toContain(product.honey);
    expect(bRaw).not.toContain('CN-SH');

    for (const token of [c.A.owner, c.A.apiKey]) {
      const a = await report(token, `${range}&merchant=${c.B.id}`);
      expect(a.merchant).toBe(c.A.id);
      expect(a.orders).toBe(3);
      expect(JSON.stringify(a)).not.toContain(product.formula);
    }
    const bKey = await report(c.B.apiKey, `${range}&merchant=${c.A.id}`);
    expect(bKey).toEqual(b);
  });

  it('operators see the whole platform, or one merchant with `merchant`', async () => {
    const range = `?from=${dBefore}&to=${D}`;
    const all = await report(c.fin, range);
    expect(all.merchant).toBeNull();
    expect(all.orders).toBe(3 + 1 + 2);
    expect(all.revenue).toEqual([
      { amount: tea.aud.toString(), currency: 'AUD' },
      { amount: (honeyUnit * 5n + formulaUnit).toString(), currency: 'CNY' },
      { amount: tea.nzd.toString(), currency: 'NZD' },
    ]);
    const a = await report(c.admin, `${range}&merchant=${c.A.id}`);
    expect(a).toEqual(await report(c.A.owner, range));
  });

  it('needs orders:read for an API key; shoppers may not, nor anyone signed out', async () => {
    const key = async (scopes: string[]) => {
      const res = await call(p, 'POST', '/v1/api-keys', { token: c.A.owner, body: { name: 'report', mode: 'live', scopes } });
      expect(res.status, res.raw).toBe(201);
      return res.body.secret as string;
    };
    expect((await report(await key(['orders:read']))).merchant).toBe(c.A.id);
    const other = await call(p, 'GET', '/v1/reports/sales', { token: await key(['products:write']) });
    expect(other.status, other.raw).toBe(403);
    expect(other.body.error.code).toBe('insufficient_scope');
    const shopper = await createShopper(p, 'CN');
    expect((await call(p, 'GET', '/v1/reports/sales', { token: shopper.token })).status).toBe(403);
    const anonymous = await call(p, 'GET', '/v1/reports/sales');
    expect(anonymous.status).toBe(401);
  });
});

describe('the range', () => {
  it('refuses from after to, more than 366 days, and what is not a date, naming the parameter', async () => {
    const ask = (q: string) => call(p, 'GET', `/v1/reports/sales${q}`, { token: c.A.owner });
    const after = await ask(`?from=${D}&to=${dBefore}`);
    expect(after.status, after.raw).toBe(400);
    expect(after.body.error).toMatchObject({ code: 'invalid_request', param: 'from' });
    const long = await ask('?from=2025-01-01&to=2026-01-02');
    expect(long.status, long.raw).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'invalid_request', param: 'to' });
    expect((await ask('?from=2025-01-01&to=2026-01-01')).status).toBe(200);
    const bad = await ask('?from=2026-13-01');
    expect(bad.status, bad.raw).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', param: 'from' });
  });
});
