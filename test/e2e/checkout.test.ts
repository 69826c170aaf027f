// Starting a checkout through the API (issue 5, "Carts and checkout"): the cart split into one
// order per merchant per shipping origin, stock reserved (bonded first, 1210; else the merchant's
// warehouse, 9610), shipping from the rate cards, China CBEC tax at 70 % (PRODUCT.md: composite
// 9.1 % for 13 % VAT goods) on goods + freight, FX quotes locked, the quota shown; every failing
// step gives the stock back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../../src/main.ts';
import { ADDRESS, type Corridor, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, createShopper, type MerchantFixture } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let A: MerchantFixture;
let B: MerchantFixture;
let bonded: string;
let shopper: string;
let v: Corridor['v'];

async function available(variant: string): Promise<number> {
  const r = await call(p, 'GET', '/v1/cart', { token: shopper });
  const line = r.body.groups
    .flatMap((g: { lines: { variant_id: string; available: number }[] }) => g.lines)
    .find((l: { variant_id: string }) => l.variant_id === variant);
  return line?.available ?? -1;
}

beforeAll(async () => {
  p = await startPlatform();
  const c = await setUpCorridor(p);
  ({ A, B, bonded, v } = c);
  shopper = (await verifiedShopper(p)).token;
});
afterAll(() => p?.close());

const start = (address: Record<string, unknown> = ADDRESS, token = shopper) =>
  call(p, 'POST', '/v1/checkouts', { token, body: { address } });

describe('starting a checkout', () => {
  it('splits the cart by merchant and origin, reserves the stock, prices shipping and tax in CNY at locked quotes', async () => {
    await call(p, 'POST', '/v1/cart/lines', { token: shopper, body: { variant_id: v.honey, quantity: 2 } });
    await call(p, 'POST', '/v1/cart/lines', { token: shopper, body: { variant_id: v.formula, quantity: 1 } });
    const r = await start();
    expect(r.status, r.raw).toBe(201);
    const c = r.body;
    expect(c).toMatchObject({ object: 'checkout', status: 'open', currency: 'CNY', address: { region: 'CN-ZJ', recipient: '李伟' } });
    expect(c.orders).toHaveLength(2);
    const [honey, formula] = [
      c.orders.find((o: { merchant: { id: string } }) => o.merchant.id === A.id),
      c.orders.find((o: { merchant: { id: string } }) => o.merchant.id === B.id),
    ];
    expect(honey.origin).toMatchObject({ location_id: bonded, kind: 'bonded_warehouse', mode: '1210' });
    expect(formula.origin).toMatchObject({ kind: 'merchant_warehouse', mode: '9610' });

    // Honey: 89.90 AUD ÷ 0.2117021276 → 424.66 CNY each, 849.32 for two.
    expect(honey.lines[0]).toMatchObject({
      quantity: 2,
      unit_price: { amount: '8990', currency: 'AUD' },
      unit_price_shown: { amount: '42466' },
    });
    // 1.2 kg from the bonded warehouse: first 1 kg ¥8 + one more kg ¥3 = ¥11.00.
    expect(honey.shipping).toMatchObject({
      service_code: 'BONDED-EXP',
      price: { amount: '1100', currency: 'CNY' },
      price_shown: { amount: '1100' },
    });
    // Honey is an agricultural good (9 % VAT): tax on goods + freight = 849.32 + 11.00 = 860.32 at 6.3 % = 54.2001… → 54.20.
    expect(honey.tax).toMatchObject({ regime: 'cbec_retail', dutiable: { amount: '86032' }, tax: { amount: '5420' } });
    expect(honey.totals).toEqual({
      goods: { amount: '84932', currency: 'CNY' },
      shipping: { amount: '1100', currency: 'CNY' },
      tax: { amount: '5420', currency: 'CNY' },
      total: { amount: String(84_932 + 1_100 + 5_420), currency: 'CNY' },
    });

    // Formula by air from Melbourne: 1.1 kg → first 500 g A$18 + two more 500 g steps A$12 = A$30.00, fuel 12 % = A$3.60 → A$33.60;
    // in CNY at the locked rate ⌈3360 ÷ 0.2117021276⌉ = 158.72.
    expect(formula.shipping).toMatchObject({
      service_code: 'AIR-STD',
      price: { amount: '3360', currency: 'AUD' },
      price_shown: { amount: '15872' },
    });
    // 42.00 AUD → 198.40 CNY; dutiable 198.40 + 158.72 = 357.12; 6.3 % = 22.49856 → 22.50.
    expect(formula.tax).toMatchObject({ dutiable: { amount: '35712' }, tax: { amount: '2250' } });
    expect(c.fx.AUD).toMatchObject({ rate: '0.2117021276', quote_id: expect.stringMatching(/^quo_/) });
    expect(BigInt(c.totals.total.amount)).toBe(BigInt(honey.totals.total.amount) + BigInt(formula.totals.total.amount));
    expect(c.quota).toMatchObject({
      limit: { amount: '2600000' },
      used: { amount: '0' },
      this_checkout: { amount: String(86_032 + 35_712) },
      remaining_after: { amount: String(2_600_000 - 86_032 - 35_712) },
    });

    // The stock is reserved: the cart sees 3 honey and 2 formula left.
    expect(await available(v.honey as string)).toBe(3);
    expect(await available(v.formula as string)).toBe(2);
    expect((await call(p, 'GET', `/v1/checkouts/${c.id}`, { token: shopper })).body.totals).toEqual(c.totals);

    // Cancelled: the stock is back at once.
    const cancelled = await call(p, 'POST', `/v1/checkouts/${c.id}/cancel`, { token: shopper });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await available(v.honey as string)).toBe(5);
    expect(await available(v.formula as string)).toBe(3);
    expect((await call(p, 'POST', `/v1/checkouts/${c.id}/cancel`, { token: shopper })).body.error.code).toBe('invalid_state');
  });

  it('another shipping option for an order re-prices its freight, tax, the totals and the quota use', async () => {
    const started = await start();
    expect(started.status, started.raw).toBe(201);
    const c = started.body;
    const i = c.orders.findIndex((o: { merchant: { id: string } }) => o.merchant.id === B.id);
    expect(c.orders[i].shipping.options.map((o: { service_code: string }) => o.service_code)).toEqual(['AIR-STD', 'AIR-EXP']);
    const r = await call(p, 'POST', `/v1/checkouts/${c.id}/shipping`, { token: shopper, body: { order: i, service_code: 'AIR-EXP' } });
    expect(r.status, r.raw).toBe(200);
    const o = r.body.orders[i];
    // 1.1 kg express: A$28 + 2 × A$9 = A$46.00, fuel 12 % A$5.52 → A$51.52 → ⌈5152 ÷ 0.2117021276⌉ = CNY 243.37;
    // dutiable 198.40 + 243.37 = 441.77 at 6.3 % = 27.83151 → 27.83.
    expect(o.shipping).toMatchObject({
      service_code: 'AIR-EXP',
      price: { amount: '5152', currency: 'AUD' },
      price_shown: { amount: '24337' },
    });
    expect(o.tax).toMatchObject({ dutiable: { amount: '44177' }, tax: { amount: '2783' } });
    expect(o.totals.total.amount).toBe(String(19_840 + 24_337 + 2_783));
    const other = r.body.orders[1 - i];
    expect(r.body.totals.total.amount).toBe(String(BigInt(o.totals.total.amount) + BigInt(other.totals.total.amount)));
    expect(r.body.quota.this_checkout.amount).toBe(String(44_177n + BigInt(other.tax.dutiable.amount)));
    const bad = await call(p, 'POST', `/v1/checkouts/${c.id}/shipping`, { token: shopper, body: { order: i, service_code: 'BONDED-EXP' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', param: 'service_code' });
    await call(p, 'POST', `/v1/checkouts/${c.id}/cancel`, { token: shopper });
    const closed = await call(p, 'POST', `/v1/checkouts/${c.id}/shipping`, { token: shopper, body: { order: i, service_code: 'AIR-STD' } });
    expect(closed.body.error.code).toBe('invalid_state');
  });

  it('expires after 10 minutes: the job marks it and gives the stock back', async () => {
    const c = (await start()).body;
    expect(await available(v.honey as string)).toBe(3);
    p.clock.advance(10 * 60_000 + 1);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    expect((await call(p, 'GET', `/v1/checkouts/${c.id}`, { token: shopper })).body.status).toBe('expired');
    expect(await available(v.honey as string)).toBe(5);
  });

  it('a step that fails after stock was reserved gives it all back: no shipping to the region', async () => {
    // The bonded lane reaches only Zhejiang and Shanghai: honey cannot go to Beijing.
    const r = await start({ ...ADDRESS, region: 'CN-BJ' });
    expect(r.status, r.raw).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'no_shipping_option', param: 'address.region' });
    expect(await available(v.honey as string)).toBe(5);
    expect(await available(v.formula as string)).toBe(3);
  });

  it.each([
    ['an unknown province', { region: 'CN-XX' }, 400, 'invalid_region', 'address.region'],
    ['a bad mobile number', { mobile: '12345' }, 400, 'invalid_mobile', 'address.mobile'],
    ['no street', { street: ' ' }, 400, 'invalid_request', 'address.street'],
    ['a bad postal code', { postal_code: '31001' }, 400, 'invalid_request', 'address.postal_code'],
  ])('refuses %s, reserving nothing', async (_name, change, status, code, param) => {
    const r = await start({ ...ADDRESS, ...change });
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error).toMatchObject({ code, param });
    expect(await available(v.honey as string)).toBe(5);
  });

  it('needs a verified identity and a cart that can be bought', async () => {
    const unverified = (await createShopper(p, 'CN')).token;
    const r = await start(ADDRESS, unverified);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('identity_required');
    await call(p, 'POST', '/v1/cart/lines', { token: shopper, body: { variant_id: v.formula, quantity: 4 } });
    const short = await start();
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({
      code: 'cart_not_purchasable',
      issues: [{ variant_id: v.formula, issue: 'insufficient_stock' }],
    });
    await call(p, 'POST', '/v1/cart/lines', { token: shopper, body: { variant_id: v.formula, quantity: 1 } });
  });

  it('another shopper cannot see or cancel it', async () => {
    const c = (await start()).body;
    const other = (await createShopper(p, 'CN')).token;
    expect((await call(p, 'GET', `/v1/checkouts/${c.id}`, { token: other })).status).toBe(404);
    expect((await call(p, 'POST', `/v1/checkouts/${c.id}/cancel`, { token: other })).status).toBe(404);
    await call(p, 'POST', `/v1/checkouts/${c.id}/cancel`, { token: shopper });
  });
});
