// The cart through the API (issue 5, "Carts and checkout": a cart per shopper, lines from
// several merchants, prices shown in the shopper's currency via FX).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, createBonded, createProduct, listableProduct, receive } from '../support/catalog.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let A: MerchantFixture;
let B: MerchantFixture;
let shopper: string;
const v: Record<string, string> = {};

beforeAll(async () => {
  p = await startPlatform();
  const admin = await operatorToken(p);
  const fin = await operatorToken(p, 'finance');
  // CNY→AUD customer rate: 1/4.7 = 0.2127659574 less 0.5 % = 0.2117021276
  expect(
    (await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } })).status,
  ).toBe(201);
  A = await createMerchant(p, admin, 'Manuka Bay');
  B = await createMerchant(p, admin, 'Little Kiwi');
  const bonded = await createBonded(p, admin);
  for (const [key, m, price, stock] of [
    ['honey', A, '8990', 5],
    ['formula', B, '4200', 2],
    ['draft', A, '1500', 0],
  ] as const) {
    const d = await createProduct(p, m.owner, listableProduct({}, { price: { amount: price, currency: 'AUD' } }));
    v[key] = d.variants[0].id;
    if (key !== 'draft') {
      await activate(p, m.owner, d.id);
      await receive(p, m.owner, d.variants[0].id, bonded, stock);
    }
  }
  shopper = (await createShopper(p, 'CN')).token;
});
afterAll(() => p?.close());

const setLine = (variant_id: string, quantity: number, token = shopper) =>
  call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id, quantity } });

describe('the cart', () => {
  it('starts empty', async () => {
    const r = await call(p, 'GET', '/v1/cart', { token: shopper });
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({
      object: 'cart',
      currency: 'CNY',
      groups: [],
      subtotal: { amount: '0', currency: 'CNY' },
      purchasable: false,
    });
  });

  it('groups lines by merchant and prices them in CNY as a payment would (price ÷ customer rate, rounded up)', async () => {
    await setLine(v.honey as string, 2);
    const r = await setLine(v.formula as string, 1);
    expect(r.status, r.raw).toBe(200);
    expect(r.body.groups.map((g: { merchant: { id: string } }) => g.merchant.id)).toEqual([A.id, B.id]);
    const honey = r.body.groups[0].lines[0];
    // 89.90 ÷ 0.2117021276 = 424.65… → 424.66; two of them 849.32
    expect(honey).toMatchObject({
      quantity: 2,
      unit_price: { amount: '8990', currency: 'AUD' },
      unit_price_shown: { amount: '42466', currency: 'CNY' },
      line_total: { amount: '84932', currency: 'CNY' },
      available: 5,
      issue: null,
    });
    // 42.00 ÷ 0.2117021276 = 198.39… → 198.40
    expect(r.body.groups[1].lines[0].unit_price_shown.amount).toBe('19840');
    expect(r.body.subtotal).toEqual({ amount: String(84_932 + 19_840), currency: 'CNY' });
    // Tax itemised per line, on the goods (the shipping's share comes at checkout), at 70 % of the
    // 9 % VAT = 6.3 % (2018 No. 49 §2; both test products are 9 % VAT goods):
    // honey 849.32 × 6.3 % = 53.507… → 53.51; formula 198.40 × 6.3 % = 12.499… → 12.50.
    expect(honey.tax).toEqual({ amount: '5351', currency: 'CNY' });
    expect(r.body.groups[1].lines[0].tax).toEqual({ amount: '1250', currency: 'CNY' });
    expect(r.body.groups.map((g: { tax: { amount: string } }) => g.tax.amount)).toEqual(['5351', '1250']);
    expect(r.body.tax).toEqual({ amount: '6601', currency: 'CNY' });
    expect(r.body.total_with_tax).toEqual({ amount: String(84_932 + 19_840 + 6_601), currency: 'CNY' });
    expect(r.body.purchasable).toBe(true);
    // the storefront shows the same unit price
    const sf = await call(p, 'GET', `/v1/storefront/products?limit=50`);
    const shown = sf.body.data
      .flatMap((d: { variants: { id: string; cny_price: { amount: string } }[] }) => d.variants)
      .find((x: { id: string }) => x.id === v.honey);
    expect(shown.cny_price.amount).toBe('42466');
  });

  it('sets, not adds; 0 or DELETE takes a line out; more than in stock is shown as an issue', async () => {
    const more = await setLine(v.formula as string, 3);
    const formula = more.body.groups[1].lines[0];
    expect(formula).toMatchObject({ quantity: 3, available: 2, issue: 'insufficient_stock' });
    expect(more.body.purchasable).toBe(false);
    const removed = await call(p, 'DELETE', `/v1/cart/lines/${v.formula}`, { token: shopper });
    expect(removed.body.groups).toHaveLength(1);
    expect(removed.body.purchasable).toBe(true);
    const zero = await setLine(v.honey as string, 0);
    expect(zero.body.groups).toEqual([]);
  });

  it.each([
    ['a draft product', () => v.draft as string, 1, 404, 'not_found'],
    ['an unknown variant', () => 'var_01h0000000000000000000000', 1, 404, 'not_found'],
    ['a quantity of 100', () => v.honey as string, 100, 400, 'invalid_request'],
    ['a negative quantity', () => v.honey as string, -1, 400, 'invalid_request'],
  ])('refuses %s', async (_name, variant, quantity, status, code) => {
    const r = await setLine(variant(), quantity);
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error.code).toBe(code);
  });

  it('a merchant’s lines over the RMB 5,000 order limit carry no tax estimate but a notice (2018 No. 49 §1)', async () => {
    const other = (await createShopper(p, 'CN')).token;
    const d = await createProduct(p, B.owner, listableProduct({}, { price: { amount: '60000', currency: 'AUD' } }));
    await activate(p, B.owner, d.id);
    const r = await setLine(d.variants[0].id, 2, other);
    expect(r.status, r.raw).toBe(200);
    const g = r.body.groups[0];
    expect(g.lines[0].tax).toBeNull();
    expect(g.tax).toEqual({ amount: '0', currency: 'CNY' });
    expect(g.tax_notice).toMatch(/5,000/);
  });

  it('a product taken off sale stays in the cart, marked unavailable, and the cart cannot be checked out', async () => {
    const d = await createProduct(p, A.owner, listableProduct({}, { price: { amount: '1000', currency: 'AUD' } }));
    await activate(p, A.owner, d.id);
    await setLine(d.variants[0].id, 1);
    expect((await call(p, 'POST', `/v1/products/${d.id}/archive`, { token: A.owner, body: {} })).status).toBe(200);
    const r = await call(p, 'GET', '/v1/cart', { token: shopper });
    const line = r.body.groups
      .flatMap((g: { lines: unknown[] }) => g.lines)
      .find((l: { variant_id: string }) => l.variant_id === d.variants[0].id);
    expect(line.issue).toBe('unavailable');
    expect(r.body.purchasable).toBe(false);
  });

  it('is each shopper’s own; DELETE /v1/cart empties it', async () => {
    const other = (await createShopper(p, 'CN')).token;
    await setLine(v.honey as string, 1, other);
    expect(
      (await call(p, 'GET', '/v1/cart', { token: shopper })).body.groups
        .flatMap((g: { lines: { variant_id: string; quantity: number }[] }) => g.lines)
        .find((l: { variant_id: string }) => l.variant_id === v.honey),
    ).toBeUndefined();
    const emptied = await call(p, 'DELETE', '/v1/cart', { token: other });
    expect(emptied.body.groups).toEqual([]);
  });

  it('a shopper in Australia buys from sellers in China, not from Australian merchants (the corridor)', async () => {
    const au = (await createShopper(p, 'AU')).token;
    const r = await setLine(v.honey as string, 1, au);
    expect(r.status, r.raw).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'not_sold_to_you', param: 'variant_id' });
    expect((await call(p, 'GET', '/v1/cart', { token: au })).body).toMatchObject({ currency: 'AUD', groups: [] });
  });
});
