// The reverse corridor through the API (issue 5, "Australian/NZ structure for the reverse flow";
// PRODUCT.md X4 and "Australia/New Zealand — GST on low-value imported goods"): a shopper in
// Australia or New Zealand buys from a seller in China with an Australian or New Zealand address,
// no identity and no quota, pays in AUD/NZD from their wallet, and is charged GST at sale — 10 % in
// Australia / 15 % in New Zealand on items of customs value ≤ 1,000 including their share of the
// shipping, none on GST-free goods, none at sale over 1,000 — shown with the platform's GST number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { orderCommission, percentOf } from '../../src/modules/payments/settlement/rules.ts';
import { fund, type ReverseCorridor, setUpCorridor, setUpReverseCorridor } from '../support/corridor.ts';
import { call, createShopper } from '../support/http.ts';
import { balanceOf } from '../support/ledger.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let r: ReverseCorridor;
let ops: string;
let honey: string;

const AU_ADDRESS = {
  region: 'AU-VIC',
  city: 'Fitzroy',
  street: '12 Brunswick Street',
  postal_code: '3065',
  recipient: 'Olivia Smith',
  mobile: '0412 345 678',
};
const NZ_ADDRESS = {
  region: 'NZ',
  city: 'Wellington',
  district: 'Te Aro',
  street: '5 Cuba Street',
  postal_code: '6011',
  recipient: 'Aroha Ngata',
  mobile: '021 234 5678',
};

beforeAll(async () => {
  p = await startPlatform({ env: { AU_GST_REGISTRATION: 'ABN 51 824 753 556', NZ_GST_REGISTRATION: 'GST 123-456-789' } });
  const c = await setUpCorridor(p);
  ops = c.ops;
  honey = c.v.honey;
  r = await setUpReverseCorridor(p, c);
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

async function shopperWithCart(country: 'AU' | 'NZ', items: [string, number][]): Promise<string> {
  const s = await createShopper(p, country);
  for (const [variant, quantity] of items) {
    const res = await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: variant, quantity } });
    expect(res.status, res.raw).toBe(200);
  }
  return s.token;
}

/** What the checkout converts CNY to at its locked rate: ⌈amount ÷ rate⌉ (fx/rules.ts amountToPay, rounded up). */
function shownAt(rate: string, cnyMinor: bigint): bigint {
  const [i, f = ''] = rate.split('.');
  const scale = 10n ** BigInt(f.length);
  const r = BigInt(i + f);
  return (cnyMinor * scale + r - 1n) / r;
}

describe('a shopper in Australia buys from a seller in China', () => {
  it('sees AUD prices, gives an Australian address, pays GST at sale (none on GST-free tea), in AUD from the wallet', async () => {
    const token = await shopperWithCart('AU', [
      [r.v.tea, 2],
      [r.v.gadget, 1],
    ]);
    const cart = await call(p, 'GET', '/v1/cart', { token });
    expect(cart.body.currency).toBe('AUD');
    expect(cart.body.purchasable).toBe(true);
    // GST itemised in the cart, on the goods before shipping: none on the GST-free tea, 10 % on the charger.
    const [teaLine, gadgetLine] = cart.body.groups[0].lines;
    expect(teaLine.tax).toEqual({ amount: '0', currency: 'AUD' });
    expect(BigInt(gadgetLine.tax.amount)).toBe((BigInt(gadgetLine.line_total.amount) * 2n + 10n) / 20n);

    const res = await call(p, 'POST', '/v1/checkouts', { token, body: { address: AU_ADDRESS } });
    expect(res.status, res.raw).toBe(201);
    const chk: Body = res.body;
    expect(chk).toMatchObject({
      currency: 'AUD',
      quota: null,
      address: { country: 'AU', region: 'AU-VIC', postal_code: '3065', mobile: '+61412345678' },
    });
    expect(chk.orders).toHaveLength(1);
    const o = chk.orders[0];
    expect(o.origin).toMatchObject({ location_id: r.warehouse, kind: 'merchant_warehouse', mode: 'export' });
    const rate = chk.fx.CNY.rate as string;
    // Each unit at the locked AUD→CNY rate, rounded up: CNY 68.00 and 199.00.
    const tea = shownAt(rate, 6800n);
    const gadget = shownAt(rate, 19_900n);
    expect(o.lines.map((l: Body) => l.unit_price_shown)).toEqual([
      { amount: String(tea), currency: 'AUD' },
      { amount: String(gadget), currency: 'AUD' },
    ]);
    // Shipping: 160 × 2 + 300 = 620 g → first 500 g ¥45 + one more ¥15 = ¥60, fuel 10 % → ¥66.00, in AUD.
    expect(o.shipping).toMatchObject({ service_code: 'EXPORT-AIR', price: { amount: '6600', currency: 'CNY' } });
    const freight = BigInt(o.shipping.price_shown.amount);
    expect(freight).toBe(shownAt(rate, 6600n));
    // GST: the tea is GST-free; the charger carries 10 % on its price plus its share of the freight.
    expect(o.tax.regime).toBe('au_lvg_gst');
    expect(o.tax.gst_registration).toBe('ABN 51 824 753 556');
    expect(o.tax.rule).toMatch(/LCR 2018\/1/);
    const [teaTax, gadgetTax] = o.tax.lines;
    expect(teaTax.tax.amount).toBe('0');
    const goods = tea * 2n + gadget;
    const gadgetFreight = (freight * gadget * 2n + goods) / (goods * 2n); // its share by value, half-up
    const gadgetGst = ((gadget + gadgetFreight) * 2n + 10n) / 20n; // 10 %, half-up
    expect(BigInt(gadgetTax.tax.amount)).toBe(gadgetGst);
    expect(o.totals).toEqual({
      goods: { amount: String(goods), currency: 'AUD' },
      shipping: { amount: String(freight), currency: 'AUD' },
      tax: { amount: String(gadgetGst), currency: 'AUD' },
      total: { amount: String(goods + freight + gadgetGst), currency: 'AUD' },
    });

    // No identity needed: an AUD wallet topped up by card pays it.
    await fund(p, token, '50000');
    const paid = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token, headers: { 'idempotency-key': `pay-${chk.id}` } });
    expect(paid.status, paid.raw).toBe(200);
    const order: Body = paid.body.orders[0];
    expect(order).toMatchObject({
      state: 'paid',
      origin: { customs_mode: 'export' },
      buyer: { name: 'Olivia Smith', id_number: null },
      merchant_price: { amount: String(6800 * 2 + 19_900), currency: 'CNY' },
      amounts: { total: { amount: String(goods + freight + gadgetGst), currency: 'AUD' } },
    });
    expect(order.tax.gst_registration).toBe('ABN 51 824 753 556');
    const wallet = await call(p, 'GET', '/v1/wallet', { token });
    expect(wallet.body.balance).toEqual({ amount: String(50_000n - (goods + freight + gadgetGst)), currency: 'AUD' });

    // Shipped, delivered, received: the seller's AUD balance is credited the goods the shopper paid, less the
    // commission on each line (each rounded half-up; food_beverage has no rate set: the default 5 %) and the
    // payment fee (0.6 % of the goods); nothing in CNY and no FX position moves (the balance is converted on
    // payout day); the shipping is logistics revenue, the GST is owed to the ATO.
    expect((await call(p, 'POST', `/v1/orders/${order.id}/ship`, { token: r.seller.owner })).status).toBe(200);
    expect((await call(p, 'POST', `/v1/orders/${order.id}/deliver`, { token: ops })).status).toBe(200);
    const done = await call(p, 'POST', `/v1/orders/${order.id}/complete`, { token });
    expect(done.status, done.raw).toBe(200);
    const lines = order.lines.map((l: Body) => ({
      amount: BigInt(l.unit_price_paid.amount) * BigInt(l.quantity),
      category: 'food_beverage',
    }));
    expect(lines.map((l: { amount: bigint }) => l.amount)).toEqual([tea * 2n, gadget]);
    const commission = orderCommission(lines, { byCategory: {}, otherwise: 500 }).total;
    expect(commission).toBe(percentOf(tea * 2n, 500) + percentOf(gadget, 500));
    const fee = percentOf(goods, 60);
    const seller = r.seller.id;
    const expected: Record<string, bigint> = {
      [`escrow:${seller}:AUD`]: 0n,
      [`merchant_pending:${seller}:AUD`]: goods - commission - fee,
      [`merchant_pending:${seller}:CNY`]: 0n,
      'commission_revenue:AUD': commission,
      'payment_fee_revenue:AUD': fee,
      'logistics_revenue:AUD': freight,
      'gst_payable:AUD': gadgetGst,
      'fx_position:AUD': 0n,
      'fx_position:CNY': 0n,
    };
    const held: Record<string, bigint> = {};
    for (const key of Object.keys(expected)) held[key] = await balanceOf(p, key);
    expect(held).toEqual(expected);
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });

  it('an item over A$1,000 carries no GST at sale: it is taxed at the border', async () => {
    const token = await shopperWithCart('AU', [[r.v.drone, 1]]);
    const res = await call(p, 'POST', '/v1/checkouts', {
      token,
      body: { address: { ...AU_ADDRESS, region: 'AU-NSW', city: 'Newtown', postal_code: '2042' } },
    });
    expect(res.status, res.raw).toBe(201);
    const o = res.body.orders[0];
    expect(BigInt(o.lines[0].unit_price_shown.amount)).toBeGreaterThan(100_000n);
    expect(o.tax).toMatchObject({ regime: 'border', tax: { amount: '0', currency: 'AUD' } });
    expect(o.tax.rule).toMatch(/border/);
  });

  it('refuses a Chinese address, a bad postcode and a bad mobile, naming the field; an AU shopper cannot buy from an ANZ brand', async () => {
    const token = await shopperWithCart('AU', [[r.v.gadget, 1]]);
    const available = async () => (await call(p, 'GET', '/v1/cart', { token })).body.groups[0].lines[0].available as number;
    const before = await available();
    const bad = async (address: Record<string, unknown>, code: string, param: string) => {
      const res = await call(p, 'POST', '/v1/checkouts', { token, body: { address } });
      expect(res.status, res.raw).toBe(400);
      expect(res.body.error).toMatchObject({ code, param });
    };
    await bad({ ...AU_ADDRESS, region: 'CN-ZJ' }, 'invalid_region', 'address.region');
    await bad({ ...AU_ADDRESS, postal_code: '30650' }, 'invalid_request', 'address.postal_code');
    await bad({ ...AU_ADDRESS, mobile: '13800138000' }, 'invalid_mobile', 'address.mobile');
    await bad({ ...AU_ADDRESS, recipient: '' }, 'invalid_name', 'address.recipient');
    // Nothing was reserved by the refused attempts.
    expect(await available()).toBe(before);
    // The corridor: an Australian shopper does not buy an Australian brand's goods here.
    const refused = await call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id: honey, quantity: 1 } });
    expect(refused.status, refused.raw).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'not_sold_to_you', param: 'variant_id' });
  });
});

describe('a shopper in New Zealand', () => {
  it('pays 15 % GST in NZD with the New Zealand registration number', async () => {
    const token = await shopperWithCart('NZ', [[r.v.gadget, 1]]);
    const res = await call(p, 'POST', '/v1/checkouts', { token, body: { address: NZ_ADDRESS } });
    expect(res.status, res.raw).toBe(201);
    const chk = res.body;
    expect(chk.currency).toBe('NZD');
    expect(chk.address).toMatchObject({ country: 'NZ', district: 'Te Aro', mobile: '+64212345678' });
    const o = chk.orders[0];
    expect(o.tax).toMatchObject({ regime: 'nz_lvg_gst', gst_registration: 'GST 123-456-789' });
    const base = BigInt(o.totals.goods.amount) + BigInt(o.totals.shipping.amount);
    expect(BigInt(o.totals.tax.amount)).toBe((base * 15n * 2n + 100n) / 200n);
    await fund(p, token, '30000');
    const paid = await call(p, 'POST', `/v1/checkouts/${chk.id}/pay`, { token });
    expect(paid.status, paid.raw).toBe(200);
    expect(paid.body.orders[0].amounts.total.currency).toBe('NZD');
    // Cancelled before shipment: the NZD comes back in full, the stock too.
    const cancel = await call(p, 'POST', `/v1/orders/${paid.body.orders[0].id}/cancel`, { token });
    expect(cancel.status, cancel.raw).toBe(200);
    expect((await call(p, 'GET', '/v1/wallet', { token })).body.balance).toEqual({ amount: '30000', currency: 'NZD' });
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });
});
