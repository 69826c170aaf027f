// The shipping network and quotes through the API (PRODUCT.md L1, L2): operators build hubs,
// bonded warehouses and lanes with rate cards; bad input is refused naming the field and
// writes nothing; quotes price parcels from a merchant warehouse (via its hub, 9610) and from
// a bonded warehouse (1210) to a province, with the prices worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocation } from '../../src/modules/inventory/service.ts';
import { DEMO_BONDED_WAREHOUSES, DEMO_NETWORK, seedNetwork } from '../../src/modules/logistics/demo.ts';
import { DEMO } from '../../src/seed.ts';
import { createBonded, createWarehouse } from '../support/catalog.ts';
import { call, createMerchant, createShopper, type MerchantFixture, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let admin: string;
let ops: string;
let A: MerchantFixture;
/** A's warehouse in Melbourne (served by the MEL hub) and in Auckland (no NZ hub in this network). */
let melbourne: string;
let auckland: string;
let bonded: string;
const node = { mel: '', syd: '', hgh: '' };
const lane = { air: '', express: '', near: '', far: '' };

const AT = '2026-11-30T20:00:00Z'; // 04:00 on 1 December in China: day 0 is 2026-12-01

const aud = (amount: number) => ({ amount: String(amount), currency: 'AUD' });
const cny = (amount: number) => ({ amount: String(amount), currency: 'CNY' });

const airCard = {
  first_weight_g: 500,
  first_price: aud(1800),
  additional_weight_g: 500,
  additional_price: aud(600),
  volumetric_divisor: 6000,
  fuel_surcharge_bps: 1200,
  max_parcel_weight_g: 20_000,
};
const bondedCard = {
  first_weight_g: 1000,
  first_price: cny(800),
  additional_weight_g: 1000,
  additional_price: cny(300),
  volumetric_divisor: 8000,
  fuel_surcharge_bps: 350,
};

/** Two parcels: 1.2 kg in a 20×15×10 cm box, and 800 g of tins in a bulky 40×30×30 cm box. */
const PARCELS = [
  { weight_g: 1200, length_cm: 20, width_cm: 15, height_cm: 10 },
  { weight_g: 800, length_cm: 40, width_cm: 30, height_cm: 30 },
];

async function post(token: string | undefined, url: string, body: unknown, headers?: Record<string, string>) {
  return call(p, 'POST', url, { token, body, headers });
}
async function count(path: string): Promise<number> {
  const r = await call(p, 'GET', `${path}?limit=100`, { token: admin });
  expect(r.status).toBe(200);
  return r.body.data.length;
}
async function auditCount(): Promise<number> {
  return (await call(p, 'GET', '/v1/audit-events?limit=100', { token: admin })).body.data.length;
}
const quote = (body: Record<string, unknown>, token?: string) =>
  post(token, '/v1/shipping/quotes', { destination: { country: 'CN', region: 'CN-ZJ' }, parcels: PARCELS, at: AT, ...body });

beforeAll(async () => {
  p = await startPlatform();
  admin = await operatorToken(p, 'admin');
  ops = await operatorToken(p, 'operations');
  A = await createMerchant(p, admin, 'Banksia Bay');
  const wh = await post(A.owner, '/v1/locations', { name: 'Banksia Bay DC', country: 'AU', city: 'Melbourne' });
  melbourne = wh.body.id;
  auckland = await createWarehouse(p, A.owner);
  bonded = await createBonded(p, admin);
});
afterAll(() => p?.close());

describe('operators build the network', () => {
  it('hubs and a bonded warehouse, then lanes with rate cards; every change is audited', async () => {
    const mel = await post(ops, '/v1/logistics/nodes', {
      code: 'MEL',
      kind: 'hub',
      name: 'Melbourne Export Hub',
      country: 'AU',
      city: 'Melbourne',
      region: 'AU-VIC',
      serves_regions: ['AU-VIC', 'AU-TAS', 'AU-SA', 'AU-WA'],
    });
    expect(mel.status, mel.raw).toBe(201);
    expect(mel.body).toMatchObject({ object: 'logistics_node', kind: 'hub', stock_location_id: null, active: true });
    expect(mel.body.id).toMatch(/^lnode_/);
    node.mel = mel.body.id;
    const syd = await post(admin, '/v1/logistics/nodes', {
      code: 'SYD',
      kind: 'hub',
      name: 'Sydney Export Hub',
      country: 'AU',
      city: 'Sydney',
      region: 'AU-NSW',
      serves_regions: ['AU-NSW', 'AU-QLD'],
    });
    node.syd = syd.body.id;
    const hgh = await post(ops, '/v1/logistics/nodes', {
      code: 'HGH-XS',
      kind: 'bonded_warehouse',
      name: 'Hangzhou Xiasha',
      region: 'CN-ZJ',
      stock_location_id: bonded,
    });
    expect(hgh.status, hgh.raw).toBe(201);
    expect(hgh.body).toMatchObject({ country: 'CN', city: 'Hangzhou', stock_location_id: bonded, serves_regions: [] });
    node.hgh = hgh.body.id;

    const mk = async (body: Record<string, unknown>) => {
      const r = await post(ops, '/v1/logistics/lanes', body);
      expect(r.status, r.raw).toBe(201);
      return r.body;
    };
    const air = await mk({
      origin_node_id: node.mel,
      service_code: 'AIR-9610',
      name: 'Direct mail by air (9610)',
      mode: '9610',
      destination_country: 'CN',
      regions: ['*'],
      transit_days: { min: 7, max: 12 },
      rate_card: airCard,
    });
    expect(air).toMatchObject({
      object: 'shipping_lane',
      regions: ['*'],
      rate_card: { first_price: aud(1800), max_parcel_weight_g: 20_000 },
    });
    expect(air.id).toMatch(/^lane_/);
    lane.air = air.id;
    lane.express = (
      await mk({
        origin_node_id: node.mel,
        service_code: 'AIR-9610-EXP',
        name: 'Express direct mail (9610)',
        mode: '9610',
        destination_country: 'CN',
        regions: ['*'],
        transit_days: { min: 4, max: 6 },
        rate_card: { ...airCard, first_price: aud(2800), additional_price: aud(900), max_parcel_weight_g: null },
      })
    ).id;
    const bondedLane = (regions: string[], days: [number, number], card: Record<string, unknown>) =>
      mk({
        origin_node_id: node.hgh,
        service_code: 'BONDED-STD',
        name: 'Bonded delivery (1210)',
        mode: '1210',
        destination_country: 'CN',
        regions,
        transit_days: { min: days[0], max: days[1] },
        rate_card: card,
      });
    lane.near = (await bondedLane(['CN-ZJ', 'CN-SH', 'CN-JS'], [1, 2], bondedCard)).id;
    lane.far = (await bondedLane(['CN-GD', 'CN-BJ'], [2, 3], { ...bondedCard, first_price: cny(1000), additional_price: cny(500) })).id;

    const nodes = await call(p, 'GET', '/v1/logistics/nodes?kind=hub', { token: ops });
    expect(nodes.body.data.map((n: { code: string }) => n.code).sort()).toEqual(['MEL', 'SYD']);
    const lanes = await call(p, 'GET', `/v1/logistics/lanes?origin_node_id=${node.hgh}`, { token: admin });
    expect(lanes.body.data.map((l: { id: string }) => l.id).sort()).toEqual([lane.near, lane.far].sort());
    const one = await call(p, 'GET', `/v1/logistics/lanes/${lane.air}`, { token: admin });
    expect(one.body.transit_days).toEqual({ min: 7, max: 12 });

    const audit = await call(p, 'GET', `/v1/audit-events?action=shipping_lane.created&object_id=${lane.air}`, { token: admin });
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0].data).toMatchObject({ service_code: 'AIR-9610', mode: '9610', regions: ['*'] });
    const nodeAudit = await call(p, 'GET', `/v1/audit-events?action=logistics_node.created&object_id=${node.hgh}`, { token: admin });
    expect(nodeAudit.body.data[0].data).toMatchObject({ stock_location_id: bonded });
  });

  it('creating POSTs honour Idempotency-Key: a retry replays the lane instead of making a second', async () => {
    const body = {
      origin_node_id: node.syd,
      service_code: 'AIR-9610',
      name: 'Direct mail by air (9610)',
      mode: '9610',
      destination_country: 'CN',
      regions: ['*'],
      transit_days: { min: 6, max: 11 },
      rate_card: airCard,
    };
    const headers = { 'idempotency-key': 'syd-air-1' };
    const first = await post(ops, '/v1/logistics/lanes', body, headers);
    const again = await post(ops, '/v1/logistics/lanes', body, headers);
    expect(first.status, first.raw).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await call(p, 'GET', `/v1/logistics/lanes?origin_node_id=${node.syd}`, { token: ops })).body.data).toHaveLength(1);
  });
});

describe('bad input is refused, naming the field, and writes nothing', () => {
  const laneBody = (change: Record<string, unknown> = {}, card: Record<string, unknown> = {}) => ({
    origin_node_id: node.mel,
    service_code: 'SEA-9610',
    name: 'Sea mail',
    mode: '9610',
    destination_country: 'CN',
    regions: ['CN-ZJ', 'CN-SH'],
    transit_days: { min: 20, max: 30 },
    rate_card: { ...airCard, ...card },
    ...change,
  });

  it.each<[string, () => Record<string, unknown>, number, string, string]>([
    ['a negative first weight', () => laneBody({}, { first_weight_g: -500 }), 400, 'invalid_request', 'rate_card.first_weight_g'],
    ['a zero additional step', () => laneBody({}, { additional_weight_g: 0 }), 400, 'invalid_request', 'rate_card.additional_weight_g'],
    ['a negative price', () => laneBody({}, { first_price: aud(-100) }), 400, 'invalid_request', 'rate_card.first_price.amount'],
    [
      'a fractional price',
      () => laneBody({}, { additional_price: { amount: '6.00', currency: 'AUD' } }),
      400,
      'invalid_request',
      'rate_card.additional_price.amount',
    ],
    ['a negative fuel surcharge', () => laneBody({}, { fuel_surcharge_bps: -1 }), 400, 'invalid_request', 'rate_card.fuel_surcharge_bps'],
    ['an unknown province', () => laneBody({ regions: ['CN-ZJ', 'CN-XX'] }), 400, 'invalid_region', 'regions.1'],
    ['an old numeric province code', () => laneBody({ regions: ['CN-33'] }), 400, 'invalid_region', 'regions.0'],
    ['a region of another country', () => laneBody({ regions: ['AU-VIC'] }), 400, 'invalid_region', 'regions.0'],
    ['* among other regions', () => laneBody({ regions: ['*', 'CN-ZJ'] }), 400, 'invalid_request', 'regions'],
    ['no regions', () => laneBody({ regions: [] }), 400, 'invalid_request', 'regions'],
    ['min transit above max', () => laneBody({ transit_days: { min: 9, max: 3 } }), 400, 'invalid_request', 'transit_days.max'],
    [
      'an AU hub priced in CNY',
      () => laneBody({}, { first_price: cny(900), additional_price: cny(300) }),
      400,
      'currency_mismatch',
      'rate_card.first_price.currency',
    ],
    [
      'two currencies on one card',
      () => laneBody({}, { additional_price: { amount: '600', currency: 'NZD' } }),
      400,
      'currency_mismatch',
      'rate_card.additional_price.currency',
    ],
    [
      '9610 from a bonded warehouse',
      () => laneBody({ origin_node_id: node.hgh }, { first_price: cny(900), additional_price: cny(300) }),
      400,
      'invalid_request',
      'mode',
    ],
    [
      '9610 to Australia',
      () => laneBody({ destination_country: 'AU', regions: ['AU-VIC'] }),
      400,
      'invalid_request',
      'destination_country',
    ],
    [
      'an origin that does not exist',
      () => laneBody({ origin_node_id: 'lnode_01jd4x5v2e8b9t3m6q7r0s1a2c' }),
      400,
      'invalid_request',
      'origin_node_id',
    ],
    ['a service code in lower case', () => laneBody({ service_code: 'sea mail' }), 400, 'invalid_request', 'service_code'],
    // The air lane already covers all of China for AIR-9610 from MEL.
    ['a second AIR-9610 lane from MEL for Zhejiang', () => laneBody({ service_code: 'AIR-9610' }), 409, 'lane_overlap', 'regions'],
    [
      'a bonded lane overlapping one province',
      () =>
        laneBody(
          { origin_node_id: node.hgh, service_code: 'BONDED-STD', mode: '1210', regions: ['CN-AH', 'CN-SH'] },
          { first_price: cny(900), additional_price: cny(300) },
        ),
      409,
      'lane_overlap',
      'regions',
    ],
  ])('lane: %s', async (_what, body, status, code, param) => {
    const [lanes, audits] = [await count('/v1/logistics/lanes'), await auditCount()];
    const r = await post(ops, '/v1/logistics/lanes', body());
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error).toMatchObject({ code, param });
    expect(await count('/v1/logistics/lanes')).toBe(lanes);
    expect(await auditCount()).toBe(audits);
  });

  const hub = (change: Record<string, unknown>) => ({
    code: 'PER',
    kind: 'hub',
    name: 'Perth',
    country: 'AU',
    city: 'Perth',
    region: 'AU-WA',
    ...change,
  });
  it.each<[string, () => Record<string, unknown>, number, string, string]>([
    ['a hub outside the corridor', () => hub({ country: 'US', region: 'CN-ZJ' }), 400, 'invalid_request', 'country'],
    ['an unknown state', () => hub({ region: 'AU-XYZ' }), 400, 'invalid_region', 'region'],
    ['serving a region of another country', () => hub({ serves_regions: ['NZ'] }), 400, 'invalid_region', 'serves_regions.0'],
    ['a state another hub serves', () => hub({ serves_regions: ['AU-WA'] }), 409, 'already_exists', 'serves_regions'],
    ['a code in use', () => hub({ code: 'MEL' }), 409, 'already_exists', 'code'],
    [
      'a bonded node on a merchant warehouse',
      () => ({ code: 'X1', kind: 'bonded_warehouse', name: 'X', region: 'CN-ZJ', stock_location_id: melbourne }),
      400,
      'invalid_request',
      'stock_location_id',
    ],
    [
      'a second node for one bonded warehouse',
      () => ({ code: 'X2', kind: 'bonded_warehouse', name: 'X', region: 'CN-ZJ', stock_location_id: bonded }),
      409,
      'already_exists',
      'stock_location_id',
    ],
    [
      'a bonded node without its stock location',
      () => ({ code: 'X3', kind: 'bonded_warehouse', name: 'X', region: 'CN-ZJ' }),
      400,
      'invalid_request',
      'stock_location_id',
    ],
  ])('node: %s', async (_what, body, status, code, param) => {
    const [nodes, audits] = [await count('/v1/logistics/nodes'), await auditCount()];
    const r = await post(ops, '/v1/logistics/nodes', body());
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error).toMatchObject({ code, param });
    expect(await count('/v1/logistics/nodes')).toBe(nodes);
    expect(await auditCount()).toBe(audits);
  });
});

describe('quotes', () => {
  it('from a merchant warehouse in Melbourne, through the MEL hub, to Zhejiang: both air services, cheapest first', async () => {
    const r = await quote({ origin: { stock_location_id: melbourne } }); // anonymous: the product page
    expect(r.status, r.raw).toBe(200);
    expect(r.body).toMatchObject({
      object: 'shipping_quote',
      origin: { node_id: node.mel, node_code: 'MEL', node_kind: 'hub', stock_location_id: melbourne },
      destination: { country: 'CN', region: 'CN-ZJ' },
      at: '2026-11-30T20:00:00.000Z',
    });
    // Standard air, A$18.00 first 500 g + A$6.00 per 500 g, divisor 6000, fuel 12%:
    //  parcel 1: 1200 g (volumetric 20×15×10 / 6000 = 500 g) → 700 g over = 2 steps → 1500 g;
    //            1800 + 2 × 600 = 3000; fuel 360 → 3360
    //  parcel 2: 800 g but 40×30×30 / 6000 = 6000 g volumetric → 5500 g over = 11 steps → 6000 g;
    //            1800 + 11 × 600 = 8400; fuel 1008 → 9408
    //  total A$127.68 (weight 11400 + fuel 1368)
    // Express, A$28.00 + A$9.00 per 500 g, fuel 12%:
    //  parcel 1: 2800 + 2 × 900 = 4600; fuel 552 → 5152
    //  parcel 2: 2800 + 11 × 900 = 12700; fuel 1524 → 14224
    //  total A$193.76 (weight 17300 + fuel 2076)
    const [std, exp] = r.body.options;
    expect(r.body.options).toHaveLength(2);
    expect(std).toMatchObject({
      lane_id: lane.air,
      service_code: 'AIR-9610',
      mode: '9610',
      price: aud(12768),
      weight_charge: aud(11400),
      fuel_surcharge: aud(1368),
      transit_days: { min: 7, max: 12 },
      // Day 0 is 1 December in China; 7 and 12 calendar days later.
      estimated_delivery: { earliest: '2026-12-08', latest: '2026-12-13', time_zone: 'Asia/Shanghai' },
    });
    expect(std.parcels).toEqual([
      {
        actual_weight_g: 1200,
        volumetric_weight_g: 500,
        chargeable_weight_g: 1500,
        weight_charge: aud(3000),
        fuel_surcharge: aud(360),
        total: aud(3360),
      },
      {
        actual_weight_g: 800,
        volumetric_weight_g: 6000,
        chargeable_weight_g: 6000,
        weight_charge: aud(8400),
        fuel_surcharge: aud(1008),
        total: aud(9408),
      },
    ]);
    expect(exp).toMatchObject({
      lane_id: lane.express,
      price: aud(19376),
      weight_charge: aud(17300),
      fuel_surcharge: aud(2076),
      estimated_delivery: { earliest: '2026-12-05', latest: '2026-12-07' },
    });
  });

  it('from the Hangzhou bonded warehouse to Shanghai (1210, CNY), with the fuel surcharge rounded half-up', async () => {
    const shopper = await createShopper(p);
    const parcels = [
      { weight_g: 1200, length_cm: 20, width_cm: 15, height_cm: 10 },
      { weight_g: 2500, length_cm: 30, width_cm: 20, height_cm: 15 },
    ];
    const r = await quote(
      { origin: { stock_location_id: bonded }, destination: { country: 'CN', region: 'CN-SH' }, parcels },
      shopper.token,
    );
    expect(r.status, r.raw).toBe(200);
    expect(r.body.origin).toMatchObject({ node_code: 'HGH-XS', node_kind: 'bonded_warehouse', stock_location_id: bonded });
    // ¥8.00 first kg + ¥3.00 per further kg, divisor 8000, fuel 3.5%:
    //  parcel 1: 1200 g (volumetric 375 g) → 1 step → 2000 g; 800 + 300 = 1100; 3.5% = 38.5 → 39 (half-up) → 1139
    //  parcel 2: 2500 g (volumetric 1125 g) → 2 steps → 3000 g; 800 + 600 = 1400; 3.5% = 49 → 1449
    //  total ¥25.88
    expect(r.body.options).toHaveLength(1);
    expect(r.body.options[0]).toMatchObject({
      lane_id: lane.near,
      mode: '1210',
      price: cny(2588),
      weight_charge: cny(2500),
      fuel_surcharge: cny(88),
      transit_days: { min: 1, max: 2 },
      estimated_delivery: { earliest: '2026-12-02', latest: '2026-12-03', time_zone: 'Asia/Shanghai' },
    });
    expect(r.body.options[0].parcels.map((x: { total: unknown }) => x.total)).toEqual([cny(1139), cny(1449)]);

    // Guangdong is in the farther zone: ¥10 + ¥5/kg, 2–3 days.
    //  parcel 1: 1000 + 500 = 1500; 52.5 → 53 → 1553 ; parcel 2: 1000 + 1000 = 2000; 70 → 2070 ; total 3623
    const gd = await quote({ origin: { node_id: node.hgh }, destination: { country: 'CN', region: 'CN-GD' }, parcels });
    expect(gd.body.options[0]).toMatchObject({
      lane_id: lane.far,
      price: cny(3623),
      estimated_delivery: { earliest: '2026-12-03', latest: '2026-12-04' },
    });
  });

  it('an unreachable destination has no options (not an error): the storefront says it does not ship there', async () => {
    const tibet = await quote({ origin: { stock_location_id: bonded }, destination: { country: 'CN', region: 'CN-XZ' } });
    expect(tibet.status, tibet.raw).toBe(200);
    expect(tibet.body.options).toEqual([]);
    const home = await quote({ origin: { stock_location_id: melbourne }, destination: { country: 'AU', region: 'AU-VIC' } });
    expect(home.body.options).toEqual([]);
    // 25 kg is over the standard air lane's 20 kg: only express (no limit) takes it.
    const heavy = await quote({
      origin: { node_id: node.mel },
      parcels: [{ weight_g: 25_000, length_cm: 40, width_cm: 40, height_cm: 40 }],
    });
    expect(heavy.body.options.map((o: { service_code: string }) => o.service_code)).toEqual(['AIR-9610-EXP']);
  });

  it.each<[string, () => Record<string, unknown>, number, string, string]>([
    ['an unknown province', () => ({ destination: { country: 'CN', region: 'CN-XX' } }), 400, 'invalid_region', 'destination.region'],
    [
      'a region of another country',
      () => ({ destination: { country: 'CN', region: 'AU-VIC' } }),
      400,
      'invalid_region',
      'destination.region',
    ],
    [
      'a country outside the corridor',
      () => ({ destination: { country: 'US', region: 'US-CA' } }),
      400,
      'invalid_region',
      'destination.country',
    ],
    ['a negative weight', () => ({ parcels: [{ ...PARCELS[0], weight_g: -1 }] }), 400, 'invalid_request', 'parcels.0.weight_g'],
    [
      'hundredths of a centimetre',
      () => ({ parcels: [PARCELS[0], { ...PARCELS[1], length_cm: 30.55 }] }),
      400,
      'invalid_request',
      'parcels.1.length_cm',
    ],
    ['no parcels', () => ({ parcels: [] }), 400, 'invalid_request', 'parcels'],
    [
      'a warehouse no hub serves (Auckland: no NZ hub here)',
      () => ({ origin: { stock_location_id: auckland } }),
      422,
      'origin_not_served',
      'origin.stock_location_id',
    ],
  ])('%s', async (_what, change, status, code, param) => {
    const r = await quote({ origin: { stock_location_id: melbourne }, ...change() });
    expect(r.status, r.raw).toBe(status);
    expect(r.body.error).toMatchObject({ code, param });
  });

  it('an origin that does not exist is a 404', async () => {
    const r = await quote({ origin: { stock_location_id: 'loc_01jd4x5v2e8b9t3m6q7r0s1a2c' } });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});

describe('operators change the network', () => {
  it('a new fuel surcharge changes the next quote; a lane taken out of service leaves the quotes; both are audited', async () => {
    const r = await post(ops, `/v1/logistics/lanes/${lane.air}`, { rate_card: { fuel_surcharge_bps: 1500 } });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.rate_card).toMatchObject({ first_price: aud(1800), fuel_surcharge_bps: 1500 });
    // 15% of 3000 = 450 and of 8400 = 1260: 3450 + 9660 = 13110
    const q = await quote({ origin: { stock_location_id: melbourne } });
    expect(q.body.options[0]).toMatchObject({ lane_id: lane.air, price: aud(13110) });
    const audit = await call(p, 'GET', `/v1/audit-events?action=shipping_lane.updated&object_id=${lane.air}`, { token: admin });
    expect(audit.body.data[0].data.changes).toEqual({ fuel_surcharge_bps: [1200, 1500] });

    expect((await post(admin, `/v1/logistics/lanes/${lane.express}`, { active: false })).body.active).toBe(false);
    const after = await quote({ origin: { stock_location_id: melbourne } });
    expect(after.body.options.map((o: { lane_id: string }) => o.lane_id)).toEqual([lane.air]);
  });

  it('moving a lane onto another lane’s regions is an overlap; a region list that does not overlap is fine', async () => {
    const clash = await post(ops, `/v1/logistics/lanes/${lane.far}`, { regions: ['CN-GD', 'CN-ZJ'] });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'lane_overlap', param: 'regions', lane_id: lane.near, regions: ['CN-ZJ'] });
    const ok = await post(ops, `/v1/logistics/lanes/${lane.far}`, {
      regions: ['CN-GD', 'CN-BJ', 'CN-TJ'],
      transit_days: { min: 2, max: 4 },
    });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body).toMatchObject({ regions: ['CN-GD', 'CN-BJ', 'CN-TJ'], transit_days: { min: 2, max: 4 } });
  });

  it('a hub taking on a city makes warehouses there quotable; one taken out of service is no origin', async () => {
    const akl = await post(ops, '/v1/logistics/nodes', {
      code: 'AKL',
      kind: 'hub',
      name: 'Auckland Export Hub',
      country: 'NZ',
      city: 'Auckland',
      region: 'NZ',
    });
    expect(akl.status, akl.raw).toBe(201);
    // The only NZ hub takes every NZ warehouse, even serving no region by name.
    const q = await quote({ origin: { stock_location_id: auckland } });
    expect(q.status, q.raw).toBe(200);
    expect(q.body.origin.node_code).toBe('AKL');
    expect(q.body.options).toEqual([]);
    await post(ops, `/v1/logistics/nodes/${akl.body.id}`, { active: false });
    expect((await quote({ origin: { stock_location_id: auckland } })).body.error.code).toBe('origin_not_served');
  });

  it('only admin and operations operators change the network; anyone may quote', async () => {
    const finance = await operatorToken(p, 'finance');
    const shopper = await createShopper(p);
    const body = { name: 'Hijacked' };
    for (const [token, status] of [
      [A.owner, 403],
      [A.apiKey, 403],
      [finance, 403],
      [shopper.token, 403],
      [undefined, 401],
    ] as const) {
      expect((await post(token, `/v1/logistics/nodes/${node.mel}`, body)).status).toBe(status);
      expect((await post(token, `/v1/logistics/lanes/${lane.air}`, body)).status).toBe(status);
      expect((await post(token, '/v1/logistics/lanes', {})).status).toBe(status);
      expect((await quote({ origin: { stock_location_id: bonded } }, token)).status).toBe(200);
    }
    expect((await call(p, 'GET', '/v1/logistics/lanes', { token: A.owner })).status).toBe(403);
    expect((await call(p, 'GET', '/v1/logistics/nodes', { token: finance })).status).toBe(200);
    expect((await call(p, 'GET', `/v1/logistics/nodes/${node.mel}`, { token: admin })).body.name).toBe('Melbourne Export Hub');
  });
});

describe('the demo network (logistics/demo.ts)', () => {
  let d: TestPlatform;
  beforeAll(async () => {
    d = await startPlatform();
  });
  afterAll(() => d?.close());

  it('seeds once, passes every check a lane made by hand passes, and quotes as docs/api.md shows', async () => {
    const ctx = d.ctx();
    await createLocation(ctx, { ...DEMO.bonded });
    const first: string[] = [];
    await seedNetwork(ctx, (what, created) => created && first.push(what));
    expect(first).toHaveLength(DEMO_BONDED_WAREHOUSES.length + 2 * DEMO_NETWORK.length);
    const again: string[] = [];
    await seedNetwork(ctx, (what, created) => created && again.push(what));
    expect(again).toEqual([]);

    const token = await operatorToken(d, 'support');
    const lanes = await call(d, 'GET', '/v1/logistics/lanes?limit=100', { token });
    expect(lanes.body.data).toHaveLength(DEMO_NETWORK.reduce((n, x) => n + x.lanes.length, 0));

    const m = await createMerchant(d, await operatorToken(d, 'admin'), 'Demo Co');
    const warehouse = async (country: string, city: string) =>
      (await call(d, 'POST', '/v1/locations', { token: m.owner, body: { name: city, country, city } })).body.id as string;
    const body = (origin: Record<string, string>, region = 'CN-ZJ') => ({
      origin,
      destination: { country: region === 'NZ' ? 'NZ' : region.slice(0, 2), region },
      parcels: [{ weight_g: 1200, length_cm: 20, width_cm: 15, height_cm: 10 }],
      at: AT,
    });
    const q = (origin: Record<string, string>, region?: string) => call(d, 'POST', '/v1/shipping/quotes', { body: body(origin, region) });

    // docs/api.md "Shipping rates": A$33.60 standard (7–12 days), A$51.52 express (4–6 days).
    const mel = await q({ stock_location_id: await warehouse('AU', 'Melbourne') });
    expect(mel.body.origin.node_code).toBe('MEL');
    expect(
      mel.body.options.map((o: { service_code: string; price: unknown; estimated_delivery: unknown }) => [
        o.service_code,
        o.price,
        o.estimated_delivery,
      ]),
    ).toEqual([
      ['AIR-9610', aud(3360), { earliest: '2026-12-08', latest: '2026-12-13', time_zone: 'Asia/Shanghai' }],
      ['AIR-9610-EXP', aud(5152), { earliest: '2026-12-05', latest: '2026-12-07', time_zone: 'Asia/Shanghai' }],
    ]);
    expect((await q({ stock_location_id: await warehouse('AU', 'Nuriootpa') })).body.origin.node_code).toBe('MEL');
    expect((await q({ stock_location_id: await warehouse('AU', 'Brisbane') })).body.origin.node_code).toBe('SYD');
    // Auckland: NZ$19.50 + 2 × NZ$6.50 = 3250, 12% = 390 → 3640.
    const nz = await q({ stock_location_id: await warehouse('NZ', 'Tauranga') });
    expect(nz.body.origin.node_code).toBe('AKL');
    expect(nz.body.options[0].price).toEqual({ amount: '3640', currency: 'NZD' });
    // Guangzhou to Tibet: the remote zone, ¥20 + ¥12 for the second kg, 5–8 days.
    const can = await q(
      {
        node_id: (await call(d, 'GET', '/v1/logistics/nodes?kind=bonded_warehouse', { token })).body.data.find(
          (n: { code: string }) => n.code === 'CAN-NS',
        ).id,
      },
      'CN-XZ',
    );
    expect(can.body.options[0]).toMatchObject({ price: cny(3200), transit_days: { min: 5, max: 8 } });
    // The reverse corridor's last mile from the hub: A$9.50 + 2 × A$2.50 = 1450, 8% = 116 → 1566.
    const home = await q({ node_id: mel.body.origin.node_id }, 'AU-VIC');
    expect(home.body.options[0]).toMatchObject({ mode: 'domestic', price: aud(1566) });
  });
});
