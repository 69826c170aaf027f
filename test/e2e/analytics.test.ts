// Merchant analytics (src/modules/orders/analytics.ts, /v1/reports/*): revenue per China day and
// ISO week, top products, provinces, the funnel (storefront views → cart lines added → paid order
// lines), the refunds rate and delivery times per lane — each figure computed here from the orders
// the test made, each CSV checked against its JSON, each merchant seeing only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

let p: TestPlatform;
let c: Corridor;
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const day = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 10);

/** D: a Monday in China; Sun: the Sunday before it (the previous ISO week); Tue: the day after D. */
let D = '';
let Sun = '';
let Tue = '';
let range = '';
const product = { honey: '', formula: '' };
let honeyUnit = 0n;
/** A's orders: what each buyer paid in total (CNY fen), and the one refunded. */
const totals: bigint[] = [];
let refundedTotal = 0n;
/** Paid→delivered and shipped→delivered, in hours, of A's two delivered orders. */
const paidHours: number[] = [];
const shippedHours: number[] = [];

async function report(path: string, token: string, query = range): Promise<Body> {
  const res = await call(p, 'GET', `/v1/reports/${path}${query}`, { token });
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

async function csv(path: string, token: string, query = range): Promise<Record<string, string>[]> {
  const res = await call(p, 'GET', `/v1/reports/${path}${query}&format=csv`, { token });
  expect(res.status, res.raw).toBe(200);
  expect(res.headers['content-type']).toContain('text/csv');
  expect(res.raw.startsWith('\uFEFF')).toBe(true);
  // No field in these reports holds a comma or a quote.
  const [header = [], ...rows] = res.raw
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const cny = (fen: bigint) => [{ amount: fen.toString(), currency: 'CNY' }];
const decimal = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round1 = (h: number) => Math.round(h * 10) / 10;

async function step(id: string, verb: string, token: string) {
  const res = await call(p, 'POST', `/v1/orders/${id}/${verb}`, { token, body: verb === 'refund' ? { reason: 'test' } : {} });
  expect(res.status, `${verb}: ${res.raw}`).toBe(200);
  return res.body;
}

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 30, formula: 10 });
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

  // The start (00:00 in China) of the first Monday at least two days from now.
  let start = Date.parse(`${day(p.clock.now().getTime() + 2 * DAY)}T00:00:00Z`) - 8 * HOUR;
  while (new Date(start + 8 * HOUR).getUTCDay() !== 1) start += DAY;
  D = day(start);
  Sun = day(start - MIN);
  Tue = day(start + DAY);
  range = `?from=${Sun}&to=${Tue}`;
  const at = (ms: number) => p.clock.set(new Date(start + ms));
  const paidOrder = (body: Body, merchant = c.A.id) => body.orders.find((o: Body) => o.merchant === merchant);

  // Sunday 23:59 in China (last ISO week): two honey to Zhejiang, and a formula from B.
  at(-MIN);
  const first = await buy(p, s1.token, [
    [c.v.honey, 2],
    [c.v.formula, 1],
  ]);
  const o1 = paidOrder(first);
  honeyUnit = BigInt(o1.lines[0].unit_price_paid.amount);
  totals.push(BigInt(o1.amounts.total.amount));
  // Monday 00:01: one honey to Shanghai.
  at(MIN);
  const o2 = paidOrder(
    await buy(p, s2.token, [[c.v.honey, 1]], {
      region: 'CN-SH',
      city: '上海市',
      district: '浦东新区',
      street: '世纪大道 100 号',
      recipient: '吴刚',
      mobile: '13900139000',
    }),
  );
  totals.push(BigInt(o2.amounts.total.amount));
  // 01:00: the first order is handed to the carrier; delivered at 01:00 on Tuesday.
  at(HOUR);
  await step(o1.id, 'ship', c.A.owner);
  // 02:00: one honey refunded in full by the merchant (no sale; a refund).
  at(2 * HOUR);
  const o3 = paidOrder(await buy(p, s2.token, [[c.v.honey, 1]]));
  totals.push(BigInt(o3.amounts.total.amount));
  refundedTotal = BigInt((await step(o3.id, 'refund', c.A.owner)).amounts.refunded.amount);
  // 03:00: three honey, shipped at 05:00, delivered at 05:00 on Tuesday.
  at(3 * HOUR);
  const o4 = paidOrder(await buy(p, s1.token, [[c.v.honey, 3]]));
  totals.push(BigInt(o4.amounts.total.amount));
  at(5 * HOUR);
  await step(o4.id, 'ship', c.A.owner);
  at(DAY + HOUR);
  await step(o1.id, 'deliver', c.ops);
  paidHours.push((DAY + HOUR + MIN) / HOUR);
  shippedHours.push(DAY / HOUR);
  at(DAY + 5 * HOUR);
  await step(o4.id, 'deliver', c.ops);
  paidHours.push((DAY + 2 * HOUR) / HOUR);
  shippedHours.push(DAY / HOUR);

  // Tuesday 06:00: honey's page seen three times, formula's twice; s2 puts honey in the cart and
  // changes its quantity (one line added, not two).
  at(DAY + 6 * HOUR);
  for (const [id, n] of [
    [product.honey, 3],
    [product.formula, 2],
  ] as const) {
    for (let i = 0; i < n; i++) expect((await call(p, 'GET', `/v1/storefront/products/${id}?country=CN`)).status).toBe(200);
  }
  for (const quantity of [1, 2]) {
    const r = await call(p, 'POST', '/v1/cart/lines', { token: s2.token, body: { variant_id: c.v.honey, quantity } });
    expect(r.status, r.raw).toBe(200);
  }
});
afterAll(() => p?.close());

describe('revenue and orders over time', () => {
  it('per China day: cancelled-in-full orders left out, Sunday 23:59 and Monday 00:01 on their own days', async () => {
    const r = await report('revenue', c.A.owner);
    expect(r).toMatchObject({
      object: 'revenue_report',
      merchant: c.A.id,
      from: Sun,
      to: Tue,
      interval: 'day',
      time_zone: 'Asia/Shanghai',
    });
    expect(r.orders).toBe(3);
    expect(r.units).toBe(6);
    expect(r.revenue).toEqual(cny(honeyUnit * 6n));
    expect(r.buckets).toEqual([
      { start: Sun, end: Sun, week: null, orders: 1, units: 2, revenue: cny(honeyUnit * 2n) },
      { start: D, end: D, week: null, orders: 2, units: 4, revenue: cny(honeyUnit * 4n) },
      { start: Tue, end: Tue, week: null, orders: 0, units: 0, revenue: [] },
    ]);
  });

  it('per ISO week: the week turns at Monday 00:00 in China', async () => {
    const r = await report('revenue', c.A.owner, `${range}&interval=week`);
    const lastMonday = day(Date.parse(`${D}T00:00:00Z`) - 7 * DAY - 8 * HOUR);
    const sunday = day(Date.parse(`${D}T00:00:00Z`) + 6 * DAY - 8 * HOUR);
    expect(r.buckets.map((b: Body) => [b.start, b.end, b.orders, b.units])).toEqual([
      [lastMonday, Sun, 1, 2],
      [D, sunday, 2, 4],
    ]);
    const [w1, w2] = r.buckets.map((b: Body) => b.week);
    expect(w1).toMatch(/^\d{4}-W\d{2}$/);
    expect(w2).not.toBe(w1);
    const rows = await csv('revenue', c.A.owner, `${range}&interval=week`);
    expect(rows).toEqual(
      r.buckets.map((b: Body) => ({
        start: b.start,
        end: b.end,
        week: b.week,
        orders: String(b.orders),
        units: String(b.units),
        revenue_CNY: decimal(BigInt(b.revenue[0]?.amount ?? 0)),
      })),
    );
  });
});

describe('products and provinces', () => {
  it('top products with units, orders and revenue; the CSV says the same', async () => {
    const r = await report('products', c.A.owner, `${range}&limit=5`);
    expect(r.products).toEqual([
      {
        product_id: product.honey,
        name: expect.objectContaining({ en: expect.any(String) }),
        orders: 3,
        units: 6,
        revenue: cny(honeyUnit * 6n),
      },
    ]);
    const rows = await csv('products', c.A.owner, `${range}&limit=5`);
    expect(rows).toEqual([
      {
        product_id: product.honey,
        name_en: r.products[0].name.en,
        name_zh: r.products[0].name['zh-Hans'],
        orders: '3',
        units: '6',
        revenue_CNY: decimal(honeyUnit * 6n),
      },
    ]);
  });

  it('orders by province, most first', async () => {
    const r = await report('provinces', c.A.owner);
    expect(r.regions).toEqual([
      { country: 'CN', region: 'CN-ZJ', orders: 2, units: 5, revenue: cny(honeyUnit * 5n) },
      { country: 'CN', region: 'CN-SH', orders: 1, units: 1, revenue: cny(honeyUnit) },
    ]);
    expect(await csv('provinces', c.A.owner)).toEqual([
      { country: 'CN', region: 'CN-ZJ', orders: '2', units: '5', revenue_CNY: decimal(honeyUnit * 5n) },
      { country: 'CN', region: 'CN-SH', orders: '1', units: '1', revenue_CNY: decimal(honeyUnit) },
    ]);
  });
});

describe('the funnel', () => {
  it('views from the storefront’s product page, new cart lines, paid order lines', async () => {
    const r = await report('funnel', c.A.owner);
    // Four honey orders went through a cart (a new line each), and one more line sits in s2's cart;
    // all four were paid (the refunded one too).
    expect(r).toMatchObject({ object: 'funnel_report', views: 3, carts: 5, orders: 4 });
    expect(r.rates).toEqual({ view_to_cart: 1.6667, cart_to_order: 0.8, view_to_order: 1.3333 });
    expect(r.products).toEqual([{ product_id: product.honey, name: expect.any(Object), views: 3, carts: 5, orders: 4 }]);
    expect(await csv('funnel', c.A.owner)).toEqual([
      { product_id: 'all', name_en: '', name_zh: '', views: '3', carts: '5', orders: '4' },
      {
        product_id: product.honey,
        name_en: r.products[0].name.en,
        name_zh: r.products[0].name['zh-Hans'],
        views: '3',
        carts: '5',
        orders: '4',
      },
    ]);
    // Views are counted on their China day: none on Sunday or Monday.
    expect((await report('funnel', c.A.owner, `?from=${Sun}&to=${D}`)).views).toBe(0);
  });
});

describe('refunds and delivery', () => {
  it('refunds rate: orders with a refund / orders paid, refunded / paid amount', async () => {
    const r = await report('refunds', c.A.owner);
    const paid = totals.reduce((a, b) => a + b, 0n);
    expect(refundedTotal).toBe(totals[2]);
    expect(r).toMatchObject({ object: 'refunds_report', orders: 4, refunded_orders: 1, order_rate: 0.25 });
    expect(r.paid).toEqual(cny(paid));
    expect(r.refunded).toEqual(cny(refundedTotal));
    expect(r.amount_rates).toEqual([{ currency: 'CNY', rate: Number((refundedTotal * 10_000n) / paid) / 10_000 }]);
    expect(r.buckets.map((b: Body) => [b.start, b.orders, b.refunded_orders])).toEqual([
      [Sun, 1, 0],
      [D, 3, 1],
      [Tue, 0, 0],
    ]);
    const rows = await csv('refunds', c.A.owner);
    expect(rows.at(-1)).toEqual({
      start: 'total',
      end: '',
      week: '',
      orders: '4',
      refunded_orders: '1',
      order_rate: '0.25',
      paid_CNY: decimal(paid),
      refunded_CNY: decimal(refundedTotal),
    });
  });

  it('delivery time per lane: mean and median hours from payment and from hand-over', async () => {
    const r = await report('delivery-times', c.A.owner);
    expect(r.lanes).toEqual([
      {
        service_code: 'BONDED-EXP',
        service_name: 'Bonded express',
        origin: { location_id: c.bonded, name: expect.any(String), kind: 'bonded_warehouse' },
        destination_country: 'CN',
        orders: 2,
        paid_to_delivered: { average_hours: round1(mean(paidHours)), p50_hours: round1(median(paidHours)) },
        shipped_to_delivered: { average_hours: 24, p50_hours: 24 },
      },
    ]);
    const [row] = await csv('delivery-times', c.A.owner);
    expect(row).toMatchObject({
      service_code: 'BONDED-EXP',
      origin_location_id: c.bonded,
      destination_country: 'CN',
      orders: '2',
      paid_to_delivered_average_hours: String(round1(mean(paidHours))),
      shipped_to_delivered_p50_hours: '24',
    });
    // Delivered on Tuesday: nothing delivered on Sunday or Monday.
    expect((await report('delivery-times', c.A.owner, `?from=${Sun}&to=${D}`)).lanes).toEqual([]);
  });
});

describe('tenant isolation and access', () => {
  const reports = ['revenue', 'products', 'provinces', 'funnel', 'refunds', 'delivery-times'];

  it('merchant B sees only its own figures, even naming A; A never sees B’s', async () => {
    const b = await report('funnel', c.B.owner);
    expect(b).toMatchObject({ merchant: c.B.id, views: 2, carts: 1, orders: 1 });
    for (const path of reports) {
      const a = await report(path, c.A.owner, `${range}&merchant_id=${c.B.id}`);
      expect(a.merchant).toBe(c.A.id);
      expect(JSON.stringify(a)).not.toContain(product.formula);
      const viaKey = await report(path, c.B.apiKey, `${range}&merchant_id=${c.A.id}`);
      expect(viaKey.merchant).toBe(c.B.id);
      expect(JSON.stringify(viaKey)).not.toContain(product.honey);
    }
  });

  it('operators see one merchant with merchant_id, or the whole platform', async () => {
    for (const path of reports) {
      expect(await report(path, c.fin, `${range}&merchant_id=${c.A.id}`)).toEqual(await report(path, c.A.owner));
    }
    const all = await report('revenue', c.admin);
    expect(all.merchant).toBeNull();
    expect(all.orders).toBe(4);
  });

  it('signed out: 401; a shopper: 403; bad ranges name the parameter', async () => {
    expect((await call(p, 'GET', '/v1/reports/funnel')).status).toBe(401);
    const shopper = await verifiedShopper(p, { name: '王芳', first17: '11010519900101203' });
    expect((await call(p, 'GET', '/v1/reports/revenue', { token: shopper.token })).status).toBe(403);
    const bad = await call(p, 'GET', `/v1/reports/refunds?from=${Tue}&to=${Sun}`, { token: c.A.owner });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', param: 'from' });
    const badInterval = await call(p, 'GET', '/v1/reports/revenue?interval=month', { token: c.A.owner });
    expect(badInterval.status).toBe(400);
  });
});
