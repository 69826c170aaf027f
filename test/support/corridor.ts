// A small trade corridor for checkout and order tests: an AUD→CNY rate, two merchants (A with
// honey in a Hangzhou bonded warehouse, B with formula in its Melbourne warehouse), a Melbourne
// hub flying to all of China (air standard and express, in AUD) and the bonded warehouse
// delivering to Zhejiang and Shanghai (in CNY), and verified, funded shoppers.
import { expect } from 'vitest';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { activate, createBonded, createProduct, listableProduct, receive, uniqueSku } from './catalog.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken } from './http.ts';
import type { TestPlatform } from './platform.ts';

import { ADDRESS } from './addresses.ts';

export { ADDRESS };

export interface Corridor {
  admin: string;
  ops: string;
  fin: string;
  A: MerchantFixture;
  B: MerchantFixture;
  bonded: string;
  warehouseB: string;
  /** honey: A's, AUD 89.90, 600 g, in the bonded warehouse; formula: B's, AUD 42.00, 1.1 kg, in Melbourne. */
  v: { honey: string; formula: string };
}

const rateCard = (first: string, additional: string, currency: string, firstG: number, fuelBps: number) => ({
  first_weight_g: firstG,
  first_price: { amount: first, currency },
  additional_weight_g: firstG,
  additional_price: { amount: additional, currency },
  volumetric_divisor: 6000,
  fuel_surcharge_bps: fuelBps,
});

export async function setUpCorridor(
  p: TestPlatform,
  stock: { honey: number; formula: number } = { honey: 5, formula: 3 },
): Promise<Corridor> {
  const admin = await operatorToken(p);
  const ops = await operatorToken(p, 'operations');
  const fin = await operatorToken(p, 'finance');
  const rate = await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
  expect(rate.status, rate.raw).toBe(201);
  const A = await createMerchant(p, admin, 'Manuka Bay');
  const B = await createMerchant(p, admin, 'Little Kiwi');
  const bonded = await createBonded(p, admin);
  const wh = await call(p, 'POST', '/v1/locations', { token: B.owner, body: { name: 'Melbourne DC', country: 'AU', city: 'Melbourne' } });
  expect(wh.status, wh.raw).toBe(201);
  const hub = await call(p, 'POST', '/v1/logistics/nodes', {
    token: ops,
    body: {
      kind: 'hub',
      code: 'MEL',
      name: 'Melbourne hub',
      country: 'AU',
      city: 'Melbourne',
      region: 'AU-VIC',
      serves_regions: ['AU-VIC'],
    },
  });
  expect(hub.status, hub.raw).toBe(201);
  const bondedNode = await call(p, 'POST', '/v1/logistics/nodes', {
    token: ops,
    body: { kind: 'bonded_warehouse', code: 'HGH', name: 'Hangzhou bonded', region: 'CN-ZJ', stock_location_id: bonded },
  });
  expect(bondedNode.status, bondedNode.raw).toBe(201);
  const air = { origin_node_id: hub.body.id, mode: '9610', destination_country: 'CN', regions: ['*'] };
  const lanes = [
    {
      ...air,
      service_code: 'AIR-STD',
      name: 'Air standard',
      transit_days: { min: 7, max: 12 },
      rate_card: rateCard('1800', '600', 'AUD', 500, 1200),
    },
    {
      ...air,
      service_code: 'AIR-EXP',
      name: 'Air express',
      transit_days: { min: 4, max: 6 },
      rate_card: rateCard('2800', '900', 'AUD', 500, 1200),
    },
    {
      origin_node_id: bondedNode.body.id,
      service_code: 'BONDED-EXP',
      name: 'Bonded express',
      mode: '1210',
      destination_country: 'CN',
      regions: ['CN-ZJ', 'CN-SH'],
      transit_days: { min: 1, max: 2 },
      rate_card: rateCard('800', '300', 'CNY', 1000, 0),
    },
  ];
  for (const lane of lanes) {
    const r = await call(p, 'POST', '/v1/logistics/lanes', { token: ops, body: lane });
    expect(r.status, r.raw).toBe(201);
  }
  const honey = await createProduct(p, A.owner, listableProduct({}, { price: { amount: '8990', currency: 'AUD' }, gross_weight_g: 600 }));
  await activate(p, A.owner, honey.id);
  await receive(p, A.owner, honey.variants[0].id, bonded, stock.honey);
  const formula = await createProduct(
    p,
    B.owner,
    listableProduct({}, { price: { amount: '4200', currency: 'AUD' }, gross_weight_g: 1100 }),
  );
  await activate(p, B.owner, formula.id);
  await receive(p, B.owner, formula.variants[0].id, wh.body.id, stock.formula);
  return { admin, ops, fin, A, B, bonded, warehouseB: wh.body.id, v: { honey: honey.variants[0].id, formula: formula.variants[0].id } };
}

/** A resident ID number from its first 17 digits. */
export const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

/** A shopper in China with a verified identity (default 李伟). */
export async function verifiedShopper(
  p: TestPlatform,
  person: { name: string; first17: string } = { name: '李伟', first17: '11010519491231002' },
): Promise<{ id: string; token: string }> {
  const s = await createShopper(p, 'CN');
  const r = await call(p, 'POST', '/v1/shopper/identity', {
    token: s.token,
    body: { real_name: person.name, id_number: idNumber(person.first17), mobile: '13800138000' },
  });
  expect(r.status, r.raw).toBe(201);
  return { id: s.id, token: s.token };
}

const VISA = { number: '4242424242424242', exp_month: 12, exp_year: 2034, cvc: '123' };

/** Top up a shopper's wallet by card (CNY minor units) and let the acquirer confirm it. */
export async function fund(p: TestPlatform, token: string, amount: string): Promise<void> {
  const r = await call(p, 'POST', '/v1/wallet/top-ups', { token, body: { amount, card: VISA } });
  expect(r.status, r.raw).toBe(201);
  await p.runJobs();
}

/**
 * The reverse corridor: a seller in China (Hangzhou tea, GST-free in Australia, and a Shenzhen
 * gadget that is not), its warehouse in Shenzhen, a Shenzhen export hub flying to Australia and
 * New Zealand (priced in CNY), and AUD/NZD→CNY rates.
 */
export interface ReverseCorridor {
  seller: MerchantFixture;
  warehouse: string;
  /** tea: CNY 68.00, GST-free, 160 g; gadget: CNY 199.00, 300 g; drone: CNY 5,500.00 (over A$1,000), 900 g. */
  v: { tea: string; gadget: string; drone: string };
}

export async function setUpReverseCorridor(p: TestPlatform, c: { admin: string; ops: string; fin: string }): Promise<ReverseCorridor> {
  for (const base of ['AUD', 'NZD']) {
    const mid = base === 'AUD' ? '4.7' : '4.3';
    const r = await call(p, 'POST', '/v1/fx/rates', { token: c.fin, body: { base, quote: 'CNY', mid, spread_bps: 50 } });
    expect(r.status, r.raw).toBe(201);
  }
  const seller = await createMerchant(p, c.admin, 'Chenglan Trading', 'CN');
  const wh = await call(p, 'POST', '/v1/locations', {
    token: seller.owner,
    body: { name: 'Shenzhen DC', country: 'CN', city: 'Shenzhen' },
  });
  expect(wh.status, wh.raw).toBe(201);
  const hub = await call(p, 'POST', '/v1/logistics/nodes', {
    token: c.ops,
    body: { kind: 'hub', code: 'SZX', name: 'Shenzhen export hub', country: 'CN', city: 'Shenzhen', region: 'CN-GD' },
  });
  expect(hub.status, hub.raw).toBe(201);
  for (const [country, regions] of [
    ['AU', ['*']],
    ['NZ', ['NZ']],
  ] as const) {
    const lane = await call(p, 'POST', '/v1/logistics/lanes', {
      token: c.ops,
      body: {
        origin_node_id: hub.body.id,
        service_code: 'EXPORT-AIR',
        name: 'Air mail from China',
        mode: 'export',
        destination_country: country,
        regions,
        transit_days: { min: 8, max: 15 },
        rate_card: rateCard('4500', '1500', 'CNY', 500, 1000),
      },
    });
    expect(lane.status, lane.raw).toBe(201);
  }
  const product = async (name: string, variant: Record<string, unknown>) => {
    const d = await createProduct(p, seller.owner, {
      brand: 'Chenglan',
      category: 'food_beverage',
      country_of_origin: 'CN',
      text: { en: { name, description: `${name}, shipped from Shenzhen.` } },
      variants: [{ sku: uniqueSku('CN'), options: {}, net_weight_g: 100, ...variant }],
    });
    await activate(p, seller.owner, d.id);
    await receive(p, seller.owner, d.variants[0].id, wh.body.id, 50);
    return d.variants[0].id as string;
  };
  return {
    seller,
    warehouse: wh.body.id,
    v: {
      tea: await product('West Lake Longjing 50g', {
        hs_code: '0902.10',
        gross_weight_g: 160,
        price: { amount: '6800', currency: 'CNY' },
        gst_free: true,
      }),
      gadget: await product('USB-C charger', { hs_code: '8504.40', gross_weight_g: 300, price: { amount: '19900', currency: 'CNY' } }),
      drone: await product('Camera drone', { hs_code: '8806.22', gross_weight_g: 900, price: { amount: '550000', currency: 'CNY' } }),
    },
  };
}

/** Cart → checkout → paid for a shopper: the payment's answer (`orders`, `checkout`). */
// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely in tests
export async function buy(p: TestPlatform, token: string, items: [string, number][], address: object = ADDRESS): Promise<any> {
  for (const [variant, quantity] of items) {
    const r = await call(p, 'POST', '/v1/cart/lines', { token, body: { variant_id: variant, quantity } });
    expect(r.status, r.raw).toBe(200);
  }
  const chk = await call(p, 'POST', '/v1/checkouts', { token, body: { address } });
  expect(chk.status, chk.raw).toBe(201);
  const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token });
  expect(paid.status, paid.raw).toBe(200);
  return paid.body;
}
