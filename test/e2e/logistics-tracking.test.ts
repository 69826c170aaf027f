// Tracking of issue 7 through the HTTP API: the last-mile carrier's signed webhook (refused
// unless signed, fresh and well-formed, with nothing stored; idempotent on the carrier's event
// id; out-of-order events kept but never moving a parcel back; exceptions flagged and cleared),
// orders following all their parcels, and the public tracking page (no sign-in, no personal data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../src/kernel/signatures.ts';
import { s10 } from '../../src/modules/logistics/parcel-rules.ts';
import { carrierSecret } from '../../src/modules/logistics/tracking.ts';
import { ADDRESS, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 40, formula: 5 });
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const PARCEL = { weight_g: 700, length_cm: 15, width_cm: 10, height_cm: 10 };

/** A paid 1210 order of A's honey (× quantity) booked into `parcels` parcels (one unit each when more than one). */
async function booked(quantity = 1, parcels = 1): Promise<{ order: Body; parcels: Body[]; shopper: string }> {
  const s = await verifiedShopper(p);
  await fund(p, s.token, '300000');
  expect((await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: c.v.honey, quantity } })).status).toBe(200);
  const chk = await call(p, 'POST', '/v1/checkouts', { token: s.token, body: { address: ADDRESS } });
  expect(chk.status, chk.raw).toBe(201);
  const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token: s.token });
  expect(paid.status, paid.raw).toBe(200);
  const order = paid.body.orders[0];
  const body =
    parcels === 1
      ? { parcels: [PARCEL] }
      : { parcels: Array.from({ length: parcels }, () => ({ ...PARCEL, lines: [{ line_no: 1, quantity: 1 }] })) };
  const r = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.A.owner, body });
  expect(r.status, r.raw).toBe(201);
  return { order, parcels: r.body.parcels, shopper: s.token };
}

const advance = (seconds: number) => p.clock.set(new Date(p.clock.now().getTime() + seconds * 1000));
/** A time `seconds` from now (negative: in the past), as a carrier writes it. */
const at = (seconds = 0) => new Date(p.clock.now().getTime() + seconds * 1000).toISOString();

function deliver(body: string, headers: Record<string, string>, carrier = 'sandbox') {
  return call(p, 'POST', `/v1/carriers/${carrier}/webhooks`, {
    rawBody: body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
const sign = (body: string, when = p.clock.now(), secret = carrierSecret(p.ctx(), 'sandbox')) => ({
  'carrier-signature': signatureHeader(secret, body, when),
});

async function carrier(events: object[]): Promise<Body> {
  const body = JSON.stringify({ events });
  const r = await deliver(body, sign(body));
  expect(r.status, r.raw).toBe(200);
  return r.body;
}

async function parcel(id: string): Promise<Body> {
  const r = await call(p, 'GET', `/v1/parcels/${id}`, { token: c.ops });
  expect(r.status, r.raw).toBe(200);
  return r.body;
}

let seq = 0;
const ev = (tracking_number: string, milestone: string, occurred_at: string, extra: object = {}) => ({
  id: `evt-${++seq}`,
  tracking_number,
  milestone,
  occurred_at,
  ...extra,
});

describe('the carrier webhook refuses what it cannot trust', () => {
  it('a missing, wrong, stale or tampered signature: 400 invalid_signature and nothing stored', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    const before = await parcel(x.id);
    advance(60);
    const body = JSON.stringify({ events: [ev(x.tracking_number, 'out_for_delivery', at(-10))] });
    const attempts: Record<string, string>[] = [
      {},
      { 'carrier-signature': 'nonsense' },
      sign(body, p.clock.now(), 'not-the-secret'),
      sign(body, new Date(p.clock.now().getTime() - 10 * 60_000)),
      sign(JSON.stringify({ events: [] })),
    ];
    for (const headers of attempts) {
      const r = await deliver(body, headers);
      expect(r.status, JSON.stringify(headers)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_signature', param: 'Carrier-Signature' });
    }
    expect(await parcel(x.id)).toEqual(before);
    // The same body, signed right: now it is applied, and the stored event is the first of its id.
    expect(await carrier(JSON.parse(body).events)).toMatchObject({ received: 1, applied: 1, duplicates: 0 });
  });

  it('an unknown carrier is a 404', async () => {
    const body = JSON.stringify({ events: [ev(s10('CT', 1, 'AU'), 'delivered', at())] });
    const r = await deliver(body, sign(body, p.clock.now(), carrierSecret(p.ctx(), 'fedex')), 'fedex');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('a malformed body or event: 400 naming the field, and none of the delivery is applied', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    const n = x.tracking_number;
    const before = await parcel(x.id);
    advance(60);
    const good = ev(n, 'out_for_delivery', at(-30));
    const cases: [unknown, string][] = [
      ['{not json', 'body'],
      [{ events: [] }, 'events'],
      [{ event: good }, 'events'],
      [{ events: [good, { ...good, id: 'm-1', milestone: 'teleported' }] }, 'events.1.milestone'],
      [{ events: [{ ...good, id: 'm-2', milestone: 'customs_released' }] }, 'events.0.milestone'],
      [{ events: [{ ...good, id: 'm-3', occurred_at: '2026-01-01T10:00:00' }] }, 'events.0.occurred_at'],
      [{ events: [{ ...good, id: 'm-4', occurred_at: 'yesterday' }] }, 'events.0.occurred_at'],
      [{ events: [{ ...good, id: 'm-5', tracking_number: 'CT123AU' }] }, 'events.0.tracking_number'],
      [{ events: [{ ...good, id: '' }] }, 'events.0.id'],
      [{ events: [{ ...good, id: 'm-6', location: 'x'.repeat(201) }] }, 'events.0.location'],
      [{ events: [good, 'not an event'] }, 'events.1'],
      // From tomorrow: it would block every real event until then.
      [{ events: [good, { ...good, id: 'm-7', occurred_at: at(86_400) }] }, 'events.1.occurred_at'],
      [{ events: [good, null] }, 'events.1'],
      ['null', 'events'],
      ['[1, 2]', 'events'],
    ];
    for (const [payload, param] of cases) {
      const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const r = await deliver(body, sign(body));
      expect(r.status, `${param}: ${r.raw}`).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'invalid_request' });
      expect(r.body.error.param, body).toBe(param);
    }
    expect(await parcel(x.id)).toEqual(before);
    // A carrier's clock a minute ahead of ours is within the skew allowed.
    expect(await carrier([ev(n, 'out_for_delivery', at(60))])).toMatchObject({ applied: 1 });
  });
});

describe('carrier events', () => {
  it('tracking numbers the platform does not know come back in `unknown`; the others are applied', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    advance(60);
    const stranger = s10('CT', 99_999_999, 'AU');
    const r = await carrier([ev(stranger, 'delivered', at(-20)), ev(x.tracking_number.toLowerCase(), 'out_for_delivery', at(-10))]);
    expect(r).toEqual({ received: 2, applied: 1, duplicates: 0, unknown: [stranger] });
    expect((await parcel(x.id)).status).toBe('out_for_delivery');
  });

  it('a batch of many events for many parcels is applied in one delivery, in the order they happened', async () => {
    const orders = [await booked(), await booked(), await booked()];
    advance(3600);
    const events = orders.flatMap(({ parcels: [x] }, i) => [
      ev(x.tracking_number, 'delivered', at(-100 + i), { location: '杭州市' }),
      ev(x.tracking_number, 'out_for_delivery', at(-400 + i)),
      ev(x.tracking_number, 'delivery_failed', at(-300 + i), { description: 'Nobody home' }),
      ev(x.tracking_number, 'out_for_delivery', at(-200 + i)),
    ]);
    expect(await carrier(events)).toEqual({ received: 12, applied: 12, duplicates: 0, unknown: [] });
    for (const { order, parcels, shopper } of orders) {
      const x = await parcel(parcels[0].id);
      expect(x.status).toBe('delivered');
      expect(x.events.filter((e: Body) => e.source === 'carrier').map((e: Body) => [e.milestone, e.applied])).toEqual([
        ['out_for_delivery', true],
        ['delivery_failed', true],
        ['out_for_delivery', true],
        ['delivered', true],
      ]);
      expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body.state).toBe('delivered');
    }
  });

  it('the same event id is stored once, in one delivery and on redelivery', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    advance(60);
    const e = ev(x.tracking_number, 'out_for_delivery', at(-30));
    expect(await carrier([e, e])).toEqual({ received: 2, applied: 1, duplicates: 1, unknown: [] });
    expect(await carrier([e])).toMatchObject({ applied: 0, duplicates: 1 });
    // Redelivered with different content under the same id: still the first one.
    expect(await carrier([{ ...e, milestone: 'delivered', occurred_at: at(-5) }])).toMatchObject({ applied: 0, duplicates: 1 });
    const after = await parcel(x.id);
    expect(after.status).toBe('out_for_delivery');
    expect(after.events.filter((t: Body) => t.source === 'carrier')).toHaveLength(1);
  });

  it('an older event after a newer one is kept with applied: false and does not move the parcel back', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    advance(3600);
    expect(await carrier([ev(x.tracking_number, 'out_for_delivery', at(-60))])).toMatchObject({ applied: 1 });
    expect(await carrier([ev(x.tracking_number, 'delivery_failed', at(-600), { description: 'Late news' })])).toMatchObject({
      received: 1,
      applied: 0,
      duplicates: 0,
    });
    const after = await parcel(x.id);
    expect(after.status).toBe('out_for_delivery');
    expect(after.status_at).toBe(at(-60));
    expect(after.events.find((e: Body) => e.milestone === 'delivery_failed')).toMatchObject({ applied: false, source: 'carrier' });
    // The public timeline is in the order things happened.
    const pub = (await call(p, 'GET', `/v1/tracking/${x.tracking_number}`)).body;
    const times = pub.events.map((e: Body) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('delivery_failed, then out_for_delivery again, then delivered', async () => {
    const { order, parcels, shopper } = await booked();
    const x = parcels[0];
    advance(3600);
    for (const [m, s] of [
      ['out_for_delivery', -300],
      ['delivery_failed', -200],
      ['out_for_delivery', -100],
    ] as const) {
      expect(await carrier([ev(x.tracking_number, m, at(s))])).toMatchObject({ applied: 1 });
      expect((await parcel(x.id)).status).toBe(m);
      expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body.state).toBe('shipped');
    }
    const deliveredAt = at(-10);
    expect(await carrier([ev(x.tracking_number, 'delivered', deliveredAt)])).toMatchObject({ applied: 1 });
    expect(await parcel(x.id)).toMatchObject({ status: 'delivered', delivered_at: deliveredAt });
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body).toMatchObject({
      state: 'delivered',
      delivered_at: deliveredAt,
    });
  });

  it('an exception flags the parcel for operators; a later forward event clears it', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    advance(3600);
    expect(await carrier([ev(x.tracking_number, 'out_for_delivery', at(-300))])).toMatchObject({ applied: 1 });
    expect(await carrier([ev(x.tracking_number, 'exception', at(-200), { description: 'Box crushed in the depot' })])).toMatchObject({
      applied: 1,
    });
    const flagged = await parcel(x.id);
    expect(flagged).toMatchObject({ status: 'exception', milestone: 'out_for_delivery', exception_reason: 'Box crushed in the depot' });
    const queue = await call(p, 'GET', '/v1/parcels?status=exception&limit=100', { token: c.ops });
    expect(queue.body.data.map((q: Body) => q.id)).toContain(x.id);
    // An older event does not clear it.
    expect(await carrier([ev(x.tracking_number, 'out_for_delivery', at(-250))])).toMatchObject({ applied: 0 });
    expect((await parcel(x.id)).status).toBe('exception');
    expect(await carrier([ev(x.tracking_number, 'out_for_delivery', at(-100))])).toMatchObject({ applied: 1 });
    expect(await parcel(x.id)).toMatchObject({ status: 'out_for_delivery', exception_reason: null });
    const queueAfter = await call(p, 'GET', '/v1/parcels?status=exception&limit=100', { token: c.ops });
    expect(queueAfter.body.data.map((q: Body) => q.id)).not.toContain(x.id);
  });

  it('after delivery nothing moves the parcel', async () => {
    const { parcels } = await booked();
    const x = parcels[0];
    advance(3600);
    const deliveredAt = at(-600);
    expect(await carrier([ev(x.tracking_number, 'delivered', deliveredAt)])).toMatchObject({ applied: 1 });
    const r = await carrier([
      ev(x.tracking_number, 'exception', at(-300), { description: 'Claims it was damaged' }),
      ev(x.tracking_number, 'returned_to_sender', at(-200)),
      ev(x.tracking_number, 'out_for_delivery', at(-100)),
    ]);
    expect(r).toMatchObject({ received: 3, applied: 0 });
    const after = await parcel(x.id);
    expect(after).toMatchObject({ status: 'delivered', delivered_at: deliveredAt, exception_reason: null });
    expect(after.events.filter((e: Body) => e.source === 'carrier' && !e.applied)).toHaveLength(3);
    // A hub cannot move it either.
    const handOver = await call(p, 'POST', '/v1/hub/scans', {
      token: c.ops,
      body: { tracking_number: x.tracking_number, scan: 'hand_over' },
    });
    expect(handOver.status).toBe(409);
  });

  it('an order of two parcels is delivered only when both are', async () => {
    const { order, parcels, shopper } = await booked(2, 2);
    expect(parcels).toHaveLength(2);
    const [x, y] = parcels;
    advance(3600);
    expect(await carrier([ev(x.tracking_number, 'delivered', at(-500))])).toMatchObject({ applied: 1 });
    const half = (await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body;
    expect(half).toMatchObject({ state: 'shipped', delivered_at: null });
    // The other parcel fails first: still not delivered.
    expect(await carrier([ev(y.tracking_number, 'delivery_failed', at(-400))])).toMatchObject({ applied: 1 });
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body.state).toBe('shipped');
    const last = at(-100);
    expect(await carrier([ev(y.tracking_number, 'delivered', last)])).toMatchObject({ applied: 1 });
    const done = (await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body;
    expect(done).toMatchObject({ state: 'delivered', delivered_at: last });
    const mine = (await call(p, 'GET', `/v1/orders/${order.id}/parcels`, { token: shopper })).body.data;
    expect(mine.map((q: Body) => q.status)).toEqual(['delivered', 'delivered']);
  });
});

describe('public tracking', () => {
  it('answers anyone by tracking number, however typed, with the city and no personal data', async () => {
    const { order, parcels } = await booked();
    const x = parcels[0];
    const n: string = x.tracking_number;
    const spaced = `${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6, 11)} ${n.slice(11)}`.toLowerCase();
    for (const typed of [n, n.toLowerCase(), encodeURIComponent(spaced)]) {
      const r = await call(p, 'GET', `/v1/tracking/${typed}`);
      expect(r.status, typed).toBe(200);
      expect(r.body).toMatchObject({ object: 'tracking', tracking_number: n, destination: { country: 'CN', city: '杭州市' } });
    }
    const r = await call(p, 'GET', `/v1/tracking/${n}`);
    expect(r.body.events.map((e: Body) => e.milestone)).toEqual(['info_received', 'customs_submitted']);
    expect(Object.keys(r.body).sort()).toEqual(
      ['object', 'tracking_number', 'status', 'service', 'destination', 'estimated_delivery', 'delivered_at', 'events'].sort(),
    );
    for (const secret of [ADDRESS.recipient, ADDRESS.street, ADDRESS.mobile, ADDRESS.district, order.id, c.A.id, x.id, x.shipment_id]) {
      expect(r.raw).not.toContain(secret);
    }
    // Unknown and malformed numbers: both a 404, telling nothing.
    const unknown = await call(p, 'GET', `/v1/tracking/${s10('CT', 99_999_998, 'AU')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    for (const bad of ['hello', 'CT12345678AU', `${n.slice(0, 10)}${(Number(n[10]) + 1) % 10}AU`]) {
      const res = await call(p, 'GET', `/v1/tracking/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});
