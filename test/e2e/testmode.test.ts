// Test mode (decisions §23): an `sk_test_` key acts as the merchant's test twin. It builds its own
// catalogue, stock and webhook endpoints, buys from itself through the test helpers, and books
// shipments — and none of it is visible to live credentials, the storefront, live shoppers,
// live quotas, the platform's live ledger accounts or payout batches; nor does a test key see
// anything live. The every-route check of test keys against live objects is in
// authorization.test.ts ("tenant isolation"); this file checks the reverse on the test world.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/kernel/ids.ts';
import { pdfText } from '../support/pdf.ts';
import { activate, createProduct, listableProduct, receive } from '../support/catalog.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, testKey } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

let p: TestPlatform;
let c: Corridor;
let test: { secret: string; id: string; merchantId: string };
/** The test world's objects. */
const t = {} as {
  location: string;
  product: string;
  variant: string;
  order: string;
  intent: string;
  shipment: string;
  parcel: string;
  tracking: string;
  endpoint: string;
  event: string;
  refund: string;
  declaration: string;
  key: string;
};
let receiver: Receiver;
let testShopper: string;

// biome-ignore lint/suspicious/noExplicitAny: webhook bodies are read loosely
type Hook = Record<string, any>;
async function hookFor(pred: (b: Hook) => boolean): Promise<Hook> {
  for (let i = 0; i < 100; i++) {
    await p.runJobs();
    const hit = receiver.received.map((r) => JSON.parse(r.body)).find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no such webhook arrived');
}

beforeAll(async () => {
  p = await startPlatform({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
  c = await setUpCorridor(p);
  receiver = await startReceiver();
  test = await testKey(p, c.A.owner);
  const loc = await call(p, 'POST', '/v1/locations', { token: test.secret, body: { name: 'Test DC', country: 'AU', city: 'Melbourne' } });
  expect(loc.status, loc.raw).toBe(201);
  t.location = loc.body.id;
  const product = await createProduct(
    p,
    test.secret,
    listableProduct({}, { price: { amount: '5000', currency: 'AUD' }, gross_weight_g: 500 }),
  );
  t.product = product.id;
  t.variant = product.variants[0].id;
  await activate(p, test.secret, t.product);
  await receive(p, test.secret, t.variant, t.location, 10);
  const ep = await call(p, 'POST', '/v1/webhook-endpoints', {
    token: test.secret,
    body: { url: receiver.url, event_types: ['order.paid', 'shipment.created'] },
  });
  expect(ep.status, ep.raw).toBe(201);
  t.endpoint = ep.body.id;
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await p?.close();
});

describe('test keys and the test twin', () => {
  it('a test key acts as the merchant’s test twin; a live key as the merchant', async () => {
    expect(test.merchantId).not.toBe(c.A.id);
    const me = await call(p, 'GET', '/v1/me', { token: test.secret });
    expect(me.body).toMatchObject({ kind: 'api_key', mode: 'test', merchant_id: test.merchantId, live_merchant_id: c.A.id });
    const live = await call(p, 'GET', '/v1/me', { token: c.A.apiKey });
    expect(live.body).toMatchObject({ mode: 'live', merchant_id: c.A.id });
    expect(live.body.live_merchant_id).toBeUndefined();
    const twin = await call(p, 'GET', `/v1/merchants/${test.merchantId}`, { token: test.secret });
    expect(twin.body).toMatchObject({ livemode: false, live_merchant_id: c.A.id, status: 'approved', legal_name: 'Manuka Bay Pty Ltd' });
  });

  it('a second test key joins the same twin; the owner lists both modes’ keys, a test key only test keys', async () => {
    const again = await testKey(p, c.A.owner, ['orders:read']);
    expect(again.merchantId).toBe(test.merchantId);
    const owner = await call(p, 'GET', '/v1/api-keys?limit=100', { token: c.A.owner });
    const ids = owner.body.data.map((k: { id: string }) => k.id);
    expect(ids).toEqual(expect.arrayContaining([test.id, again.id, c.A.apiKeyId]));
    const fromTest = await call(p, 'GET', '/v1/api-keys?limit=100', { token: test.secret });
    expect(fromTest.body.data.map((k: { mode: string }) => k.mode)).toEqual(expect.arrayContaining(['test']));
    expect(fromTest.body.data.every((k: { mode: string }) => k.mode === 'test')).toBe(true);
    expect(fromTest.raw).not.toContain(c.A.apiKeyId);
  });

  it('suspending the live merchant stops its test keys too; reinstating brings them back', async () => {
    const suspend = await call(p, 'POST', `/v1/merchants/${c.A.id}/suspend`, { token: c.admin, body: { reason: 'test-mode check' } });
    expect(suspend.status, suspend.raw).toBe(200);
    expect((await call(p, 'GET', '/v1/me', { token: test.secret })).body.error.code).toBe('invalid_api_key');
    const back = await call(p, 'POST', `/v1/merchants/${c.A.id}/reinstate`, { token: c.admin, body: { reason: 'done' } });
    expect(back.status, back.raw).toBe(200);
    expect((await call(p, 'GET', '/v1/me', { token: test.secret })).status).toBe(200);
  });

  it('operators never see the twin as a merchant: not listed, not found, not decided on', async () => {
    const list = await call(p, 'GET', '/v1/merchants?limit=100', { token: c.admin });
    expect(list.raw).not.toContain(test.merchantId);
    expect((await call(p, 'GET', `/v1/merchants/${test.merchantId}`, { token: c.admin })).status).toBe(404);
    const suspend = await call(p, 'POST', `/v1/merchants/${test.merchantId}/suspend`, { token: c.admin, body: { reason: 'x' } });
    expect(suspend.status).toBe(404);
  });

  it('test helpers refuse live credentials', async () => {
    const r = await call(p, 'POST', '/v1/test_helpers/orders', {
      token: c.A.apiKey,
      body: { items: [{ variant_id: c.v.honey, quantity: 1 }] },
    });
    expect(r.status, r.raw).toBe(403);
    expect(r.body.error.code).toBe('livemode_not_allowed');
  });
});

describe('the console in test mode (staff sessions)', () => {
  it('Tasman-Mode: test (or the tasman_mode cookie) makes a staff session act as the twin; live is the default', async () => {
    const viaHeader = await call(p, 'GET', '/v1/me', { token: c.A.owner, headers: { 'tasman-mode': 'test' } });
    expect(viaHeader.body).toMatchObject({ kind: 'merchant', merchant_id: test.merchantId, live_merchant_id: c.A.id });
    const viaCookie = await call(p, 'GET', '/v1/products?limit=100', { token: c.A.owner, headers: { cookie: 'tasman_mode=test' } });
    expect(viaCookie.body.data.map((x: { id: string }) => x.id)).toContain(t.product);
    const live = await call(p, 'GET', '/v1/me', { token: c.A.owner });
    expect(live.body.merchant_id).toBe(c.A.id);
    expect((await call(p, 'GET', '/v1/me', { token: c.A.owner, headers: { 'tasman-mode': 'live' } })).body.merchant_id).toBe(c.A.id);
    const junk = await call(p, 'GET', '/v1/me', { token: c.A.owner, headers: { 'tasman-mode': 'sandbox' } });
    expect(junk.status).toBe(400);
    expect(junk.body.error.param).toBe('Tasman-Mode');
  });

  it('a key’s mode is its own: a contradicting header is refused, an agreeing one is fine', async () => {
    const r = await call(p, 'GET', '/v1/me', { token: c.A.apiKey, headers: { 'tasman-mode': 'test' } });
    expect(r.status, r.raw).toBe(400);
    expect(r.body.error.param).toBe('Tasman-Mode');
    expect((await call(p, 'GET', '/v1/me', { token: test.secret, headers: { 'tasman-mode': 'test' } })).status).toBe(200);
  });

  it('what belongs to the account, not a world, is refused in test mode: staff, invitations, the payout account', async () => {
    const headers = { 'tasman-mode': 'test' };
    const staff = await call(p, 'POST', '/v1/staff', {
      token: c.A.owner,
      headers,
      body: { email: 'test-mode@example.com', name: 'Nobody', role: 'staff', password: 'a long enough password 1' },
    });
    expect(staff.status, staff.raw).toBe(403);
    expect(staff.body.error.code).toBe('testmode_not_allowed');
    const invite = await call(p, 'POST', '/v1/staff/invitations', {
      token: c.A.owner,
      headers,
      body: { email: 'test-mode@example.com', role: 'staff' },
    });
    expect(invite.body.error?.code, invite.raw).toBe('testmode_not_allowed');
    const payout = await call(p, 'PUT', `/v1/merchants/${test.merchantId}/payout-account`, {
      token: c.A.owner,
      headers,
      body: { country: 'AU', account_name: 'Test', bsb: '062-000', account_number: '12345678' },
    });
    expect(payout.body.error?.code, payout.raw).toBe('testmode_not_allowed');
  });

  it('a live key made in test mode is refused; a test key made there joins the twin', async () => {
    const headers = { 'tasman-mode': 'test' };
    const live = await call(p, 'POST', '/v1/api-keys', { token: c.A.owner, headers, body: { name: 'x', mode: 'live' } });
    expect(live.status, live.raw).toBe(403);
    expect(live.body.error.param).toBe('mode');
    const made = await call(p, 'POST', '/v1/api-keys', { token: c.A.owner, headers, body: { name: 'from the console', mode: 'test' } });
    expect(made.status, made.raw).toBe(201);
    expect(made.body.merchant_id).toBe(test.merchantId);
  });
});

describe('a test order', () => {
  it('runs the real purchase in the test world: paid order, escrow, events and webhooks with livemode false', async () => {
    const r = await call(p, 'POST', '/v1/test_helpers/orders', {
      token: test.secret,
      body: { items: [{ variant_id: t.variant, quantity: 2 }] },
      headers: { 'idempotency-key': `test-order-${newId('request')}` },
    });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({ object: 'test_order', livemode: false });
    expect(r.body.orders).toHaveLength(1);
    const order = r.body.orders[0];
    expect(order).toMatchObject({ merchant: test.merchantId, state: 'paid' });
    t.order = order.id;
    t.intent = order.payment_intent;
    testShopper = r.body.shopper_id;
    // Stock was taken from the twin's own warehouse.
    const level = await call(p, 'GET', `/v1/stock-levels?variant_id=${t.variant}`, { token: test.secret });
    expect(level.status, level.raw).toBe(200);
    expect(level.body.data[0]).toMatchObject({ on_hand: 10, reserved: 2 });

    const events = await call(p, 'GET', '/v1/events?type=order.paid', { token: test.secret });
    const paid = events.body.data.find((e: { data: { order_id?: string } }) => e.data.order_id === t.order);
    expect(paid).toMatchObject({ livemode: false, merchant_id: test.merchantId });
    t.event = paid.id;
    const hook = await hookFor((b) => b.type === 'order.paid' && b.data.order_id === t.order);
    expect(hook.livemode).toBe(false);
  });

  it('the money moved on the twin’s escrow and the platform’s test accounts only', async () => {
    const { rows } = (await p.rt.database.db.execute(
      `select a.key from ledger_transfers t join ledger_accounts a on a.id in (t.debit_account_id, t.credit_account_id)
       where t.reference_id = '${t.intent}' or t.id like 'test_funds:%'`,
    )) as unknown as { rows: { key: string }[] };
    const keys = new Set(rows.map((r) => r.key));
    expect(keys.size).toBeGreaterThan(2);
    for (const key of keys) expect(key).toMatch(/^(test:|wallet:|escrow:)/);
    expect([...keys].filter((k) => k.startsWith('escrow:'))).toEqual([`escrow:${test.merchantId}:CNY`]);
    expect(keys).toContain('test:acquirer_clearing:sandbox:CNY');
  });

  it('a booked shipment takes a number from the test series and books a sandbox customs declaration', async () => {
    const r = await call(p, 'POST', `/v1/orders/${t.order}/shipments`, {
      token: test.secret,
      body: { parcels: [{ weight_g: 1000, length_cm: 20, width_cm: 15, height_cm: 10 }] },
    });
    expect(r.status, r.raw).toBe(201);
    t.shipment = r.body.id;
    t.parcel = r.body.parcels[0].id;
    t.tracking = r.body.parcels[0].tracking_number;
    expect(t.tracking).toMatch(/^ZT\d{9}AU$/);
    const decl = await call(p, 'GET', `/v1/customs/declarations?order=${t.order}`, { token: test.secret });
    expect(decl.body.data).toHaveLength(1);
    t.declaration = decl.body.data[0].id;
    // Its label says it is a test, in place of the brand.
    const label = await p.app.inject({
      method: 'GET',
      url: `/v1/parcels/${t.parcel}/label`,
      headers: { authorization: `Bearer ${test.secret}` },
    });
    expect(label.statusCode, label.body).toBe(200);
    const [page] = await pdfText(new Uint8Array(label.rawPayload));
    expect(page).toContain('TEST LABEL');
    expect(page).toContain(t.tracking);
    // Its label stuck on a real box never enters the network: the hub refuses to scan it.
    const scan = await call(p, 'POST', '/v1/hub/scans', { token: c.ops, body: { tracking_number: t.tracking, scan: 'receive' } });
    expect(scan.status, scan.raw).toBe(409);
    expect(scan.body.error).toMatchObject({ code: 'invalid_scan', livemode: false, tracking_number: t.tracking });
  });
});

describe('the sandbox network', () => {
  it('delivers a test shipment now: hub, flight, instant sandbox customs, last mile; the order is delivered, with events', async () => {
    const live = await call(p, 'POST', `/v1/test_helpers/shipments/${t.shipment}/deliver`, { token: c.A.apiKey });
    expect(live.status, live.raw).toBe(404); // a live key does not even see the test shipment
    const r = await call(p, 'POST', `/v1/test_helpers/shipments/${t.shipment}/deliver`, { token: test.secret });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.parcels.map((x: { status: string }) => x.status)).toEqual(['delivered']);
    const order = await call(p, 'GET', `/v1/orders/${t.order}`, { token: test.secret });
    expect(order.body.state).toBe('delivered');
    const decl = await call(p, 'GET', `/v1/customs/declarations/${t.declaration}`, { token: test.secret });
    expect(decl.body.status).toBe('released');
    const timeline = await call(p, 'GET', `/v1/parcels/${t.parcel}`, { token: test.secret });
    expect(timeline.status, timeline.raw).toBe(200);
    const events = await call(p, 'GET', '/v1/events?limit=100', { token: test.secret });
    const types = new Set(events.body.data.map((e: { type: string }) => e.type));
    for (const type of ['parcel.updated', 'customs.released', 'order.delivered']) expect(types).toContain(type);
    expect(events.body.data.every((e: { livemode: boolean }) => e.livemode === false)).toBe(true);
    // Again changes nothing.
    const again = await call(p, 'POST', `/v1/test_helpers/shipments/${t.shipment}/deliver`, { token: test.secret });
    expect(again.body.parcels.map((x: { status: string }) => x.status)).toEqual(['delivered']);
  });

  it('a sandbox mobile that customs rejects: the declaration is rejected, the order refunded, the parcel never delivered', async () => {
    const bought = await call(p, 'POST', '/v1/test_helpers/orders', {
      token: test.secret,
      body: {
        items: [{ variant_id: t.variant, quantity: 1 }],
        address: {
          region: 'CN-SH',
          city: '上海市',
          district: '浦东新区',
          street: '世纪大道 1 号',
          recipient: '测试买家',
          mobile: '13800000002',
        },
      },
    });
    expect(bought.status, bought.raw).toBe(201);
    const order = bought.body.orders[0].id;
    const booked = await call(p, 'POST', `/v1/orders/${order}/shipments`, {
      token: test.secret,
      body: { parcels: [{ weight_g: 600, length_cm: 20, width_cm: 15, height_cm: 10 }] },
    });
    expect(booked.status, booked.raw).toBe(201);
    const r = await call(p, 'POST', `/v1/test_helpers/shipments/${booked.body.id}/deliver`, { token: test.secret });
    expect(r.status, r.raw).toBe(200);
    expect(r.body.parcels[0].status).not.toBe('delivered');
    const decl = await call(p, 'GET', `/v1/customs/declarations?order=${order}`, { token: test.secret });
    expect(decl.body.data[0].status).toBe('rejected');
    expect((await call(p, 'GET', `/v1/orders/${order}`, { token: test.secret })).body.state).toBe('refunded');
  });
});

describe('the reverse: live credentials and live shoppers never see the test world', () => {
  beforeAll(async () => {
    // More of the test world: a goodwill refund on the test payment, and the test key itself.
    const refund = await call(p, 'POST', '/v1/refunds', {
      token: test.secret,
      body: { payment_intent: t.intent, amount: '100', reason: 'other' },
    });
    expect(refund.status, refund.raw).toBe(201);
    t.refund = refund.body.id;
    t.key = test.id;
  });

  it('the test product is not on the storefront and a live shopper cannot buy it', async () => {
    const page = await call(p, 'GET', `/v1/storefront/products/${t.product}`);
    expect(page.status).toBe(404);
    const shopper = await verifiedShopper(p, { name: '王芳', first17: '11010519800101002' });
    const add = await call(p, 'POST', '/v1/cart/lines', { token: shopper.token, body: { variant_id: t.variant, quantity: 1 } });
    expect(add.status, add.raw).toBe(404);
    expect(add.body.error.param).toBe('variant_id');
  });

  const byId = () =>
    [
      ['GET', `/v1/products/${t.product}`],
      ['POST', `/v1/products/${t.product}`, { brand: 'Hijacked' }],
      ['GET', `/v1/orders/${t.order}`],
      ['GET', `/v1/payment-intents/${t.intent}`],
      ['GET', `/v1/shipments/${t.shipment}`],
      ['GET', `/v1/parcels/${t.parcel}`],
      ['GET', `/v1/webhook-endpoints/${t.endpoint}`],
      ['GET', `/v1/events/${t.event}`],
      ['GET', `/v1/locations/${t.location}`],
      ['GET', `/v1/merchants/${test.merchantId}`],
      ['GET', `/v1/refunds/${t.refund}`],
      ['GET', `/v1/customs/declarations/${t.declaration}`],
    ] as const;

  it.each(['live key', 'owner session'] as const)(
    'the %s gets 404 for every test object by id, and the test key gets each',
    async (who) => {
      const token = who === 'live key' ? c.A.apiKey : c.A.owner;
      for (const [method, url, body] of byId()) {
        const r = await call(p, method, url, { token, body });
        expect(r.status, `${method} ${url}: ${r.raw}`).toBe(404);
        if (method === 'GET') expect((await call(p, method, url, { token: test.secret })).status, url).toBe(200);
      }
      const product = await call(p, 'GET', `/v1/products/${t.product}`, { token: test.secret });
      expect(product.body.brand).toBe('Manuka Bay');
    },
  );

  const LISTS = [
    '/v1/products',
    '/v1/orders',
    '/v1/payment-intents',
    '/v1/shipments',
    '/v1/parcels',
    '/v1/webhook-endpoints',
    '/v1/events',
    '/v1/locations',
    '/v1/stock-levels',
    '/v1/refunds',
    '/v1/customs/declarations',
  ];
  it.each(LISTS)('GET %s: live credentials list no test object, the test key no live one', async (path) => {
    const testIds = Object.values(t).filter((id) => id !== t.key);
    for (const token of [c.A.apiKey, c.A.owner]) {
      const r = await call(p, 'GET', `${path}?limit=100`, { token });
      expect(r.status, r.raw).toBe(200);
      for (const id of testIds) expect(r.raw).not.toContain(id);
      expect(r.raw).not.toContain(test.merchantId);
    }
    const mine = await call(p, 'GET', `${path}?limit=100`, { token: test.secret });
    expect(mine.status, mine.raw).toBe(200);
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.raw).not.toContain(c.A.id);
    expect(mine.raw).not.toContain(c.v.honey);
  });

  it('a test shopper’s annual quota is counted apart from any real person’s', async () => {
    const db = p.rt.database.db;
    const { rows } = (await db.execute(
      `select i.id_number_index as idx, q.used from shopper_identities i join cbec_quota_years q on q.identity_index = i.id_number_index
       where i.shopper_id = '${testShopper}'`,
    )) as unknown as { rows: { idx: string; used: string }[] };
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idx).toMatch(/^test:/);
    expect(BigInt(rows[0]?.used ?? 0)).toBeGreaterThan(0n);
  });

  it('a live purchase still works beside it and pays the live accounts', async () => {
    const shopper = await verifiedShopper(p, { name: '张伟', first17: '11010219900101123' });
    await fund(p, shopper.token, '100000');
    const paid = await buy(p, shopper.token, [[c.v.honey, 1]]);
    const order = paid.orders[0];
    expect(order.merchant).toBe(c.A.id);
    const { rows } = (await p.rt.database.db.execute(
      `select a.key from ledger_transfers t join ledger_accounts a on a.id in (t.debit_account_id, t.credit_account_id)
       where t.reference_id = '${order.payment_intent}'`,
    )) as unknown as { rows: { key: string }[] };
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key).not.toMatch(/^test:/);
  });

  it.each(['/v1/orders', '/v1/payment-intents', '/v1/shipments', '/v1/parcels', '/v1/customs/declarations', '/v1/events', '/v1/products'])(
    'operators listing %s across merchants see the live world only',
    async (path) => {
      const r = await call(p, 'GET', `${path}?limit=100`, { token: c.admin });
      expect(r.status, r.raw).toBe(200);
      for (const id of Object.values(t)) expect(r.raw).not.toContain(id);
      expect(r.raw).not.toContain(test.merchantId);
    },
  );

  it('the platform’s sales report and analytics count live sales only', async () => {
    const report = await call(p, 'GET', '/v1/reports/sales', { token: c.admin });
    expect(report.status, report.raw).toBe(200);
    expect(report.raw).not.toContain(t.product);
    const products = await call(p, 'GET', '/v1/reports/products', { token: c.admin });
    expect(products.status, products.raw).toBe(200);
    expect(products.raw).not.toContain(t.product);
    // The twin itself sees its test sale.
    const own = await call(p, 'GET', '/v1/reports/products', { token: test.secret });
    expect(own.raw).toContain(t.product);
  });

  it('payout batches never include the twin', async () => {
    const prep = await call(p, 'POST', '/v1/payout-batches', { token: c.fin, body: { currency: 'AUD' } });
    expect([201, 409, 422], prep.raw).toContain(prep.status);
    expect(prep.raw).not.toContain(test.merchantId);
  });
});
