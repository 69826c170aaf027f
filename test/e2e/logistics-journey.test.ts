// The journey of issue 7, end to end through the HTTP API: pay, book a parcel (S10 number,
// label), scan at the hub, bag, manifest, depart, arrive, China customs (four messages, the
// three-document match, the gateway's receipts), hand to last mile, the carrier's signed
// delivery event, the order delivered and its escrow released. Then the bonded (1210) path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../src/kernel/signatures.ts';
import { pollCustoms } from '../../src/modules/logistics/customs/service.ts';
import { isS10 } from '../../src/modules/logistics/parcel-rules.ts';
import { carrierSecret } from '../../src/modules/logistics/tracking.ts';
import { completeDueOrders } from '../../src/modules/orders/service.ts';
import { ADDRESS, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, signIn } from '../support/http.ts';
import { pdfText } from '../support/pdf.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 20, formula: 20 });
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

/** A paid order of `variant` × `quantity` for a new verified shopper; `address` overrides the delivery address. */
async function paidOrder(variant: string, quantity = 1, address: Record<string, string> = {}): Promise<{ order: Body; token: string }> {
  const s = await verifiedShopper(p);
  await fund(p, s.token, '300000');
  expect((await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: variant, quantity } })).status).toBe(200);
  const chk = await call(p, 'POST', '/v1/checkouts', { token: s.token, body: { address: { ...ADDRESS, ...address } } });
  expect(chk.status, chk.raw).toBe(201);
  const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token: s.token });
  expect(paid.status, paid.raw).toBe(200);
  return { order: paid.body.orders[0], token: s.token };
}

const oneParcel = { parcels: [{ weight_g: 1250, length_cm: 20, width_cm: 15, height_cm: 10 }] };

async function declarationOf(orderId: string): Promise<Body> {
  const r = await call(p, 'GET', `/v1/customs/declarations?order=${orderId}`, { token: c.ops });
  expect(r.status, r.raw).toBe(200);
  return r.body.data[0];
}

async function carrier(events: object[]): Promise<Body> {
  const body = JSON.stringify({ events });
  const res = await p.app.inject({
    method: 'POST',
    url: '/v1/carriers/sandbox/webhooks',
    headers: {
      'content-type': 'application/json',
      'carrier-signature': signatureHeader(carrierSecret(p.ctx(), 'sandbox'), body, p.clock.now()),
    },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const advance = (seconds: number) => p.clock.set(new Date(p.clock.now().getTime() + seconds * 1000));

// The bonded journey first: the direct one ends by running the clock past the escrow period,
// beyond the sessions' lifetime.
describe('a 1210 parcel from the bonded warehouse', () => {
  it('is declared at booking, released in China and delivered without a hub or a flight', async () => {
    const { order } = await paidOrder(c.v.honey, 1);
    expect(order.origin.customs_mode).toBe('1210');
    const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.A.owner, body: oneParcel });
    expect(booked.status, booked.raw).toBe(201);
    const parcel = booked.body.parcels[0];
    // Days, not weeks: the bonded lane's 1–2 days.
    const days = (Date.parse(parcel.estimated_delivery.latest) - Date.parse(p.clock.now().toISOString().slice(0, 10))) / 86_400_000;
    expect(days).toBeLessThanOrEqual(3);
    expect((await declarationOf(order.id)).status).toBe('submitted');
    expect(parcel.status).toBe('info_received');
    expect((await call(p, 'GET', `/v1/parcels/${parcel.id}`, { token: c.A.owner })).body.status).toBe('customs_submitted');
    const hubScan = await call(p, 'POST', '/v1/hub/scans', {
      token: c.ops,
      body: { tracking_number: parcel.tracking_number, scan: 'receive' },
    });
    expect(hubScan.status).toBe(409);
    expect(hubScan.body.error.message).toContain('does not pass through a hub');
    advance(p.rt.config.CUSTOMS_SANDBOX_RELEASE_S + 1);
    await pollCustoms(p.ctx());
    const out = await call(p, 'POST', '/v1/hub/scans', {
      token: c.ops,
      body: { tracking_number: parcel.tracking_number, scan: 'hand_over' },
    });
    expect(out.status, out.raw).toBe(200);
    await carrier([
      { id: 'evt-1210-d', tracking_number: parcel.tracking_number, milestone: 'delivered', occurred_at: p.clock.now().toISOString() },
    ]);
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.A.owner })).body.state).toBe('delivered');
  });
});

describe('a 9610 parcel from Melbourne to Hangzhou', () => {
  it('travels from payment to delivered, through customs, and the merchant is paid', async () => {
    const { order, token: shopper } = await paidOrder(c.v.formula, 2);
    expect(order.origin.customs_mode).toBe('9610');

    // The merchant books it: one parcel, every unit, an S10 number of the platform's series.
    const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.B.owner, body: oneParcel });
    expect(booked.status, booked.raw).toBe(201);
    const parcel = booked.body.parcels[0];
    expect(isS10(parcel.tracking_number)).toBe(true);
    expect(parcel.tracking_number).toMatch(/^CT\d{9}AU$/);
    expect(parcel).toMatchObject({ status: 'info_received', route: '9610', destination: { country: 'CN', city: '杭州市' } });
    expect(parcel.contents).toEqual([expect.objectContaining({ line_no: 1, quantity: 2, hs_code: expect.stringMatching(/^\d{10}$/) })]);
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.B.owner })).body.state).toBe('shipped');
    // Its customs documents are built and match; nothing is sent before the parcel lands.
    expect(await declarationOf(order.id)).toMatchObject({ status: 'ready', trade_mode: '9610', mismatches: [] });

    // The label: a PDF whose text carries the tracking number and the Chinese address.
    const label = await p.app.inject({ method: 'GET', url: parcel.label_url, headers: { authorization: `Bearer ${c.B.owner}` } });
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(label.rawPayload))).join('\n');
    expect(text).toContain(parcel.tracking_number);
    expect(text).toContain('杭州市');

    // Out of turn: it can't go to last mile, into a bag, or on a flight before the hub has it.
    const n = parcel.tracking_number;
    const early = await call(p, 'POST', '/v1/hub/scans', { token: c.ops, body: { tracking_number: n, scan: 'hand_over' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invalid_scan');
    const hub = (await call(p, 'GET', '/v1/logistics/nodes?kind=hub', { token: c.ops })).body.data.find((x: Body) => x.code === 'MEL');
    const bag = (await call(p, 'POST', '/v1/bags', { token: c.ops, body: { origin_node_id: hub.id, destination_country: 'CN' } })).body;
    const tooSoon = await call(p, 'POST', `/v1/bags/${bag.id}/parcels`, { token: c.ops, body: { tracking_number: n } });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body.error.code).toBe('invalid_scan');

    // Received at the hub (twice: the second changes nothing), bagged, bag sealed.
    const rec = await call(p, 'POST', '/v1/hub/scans', { token: c.ops, body: { tracking_number: n.toLowerCase(), scan: 'receive' } });
    expect(rec.status, rec.raw).toBe(200);
    expect(rec.body).toMatchObject({ repeated: false, parcel: { status: 'at_origin_hub' } });
    const again = await call(p, 'POST', '/v1/hub/scans', { token: c.ops, body: { tracking_number: n, scan: 'receive' } });
    expect(again.body).toMatchObject({ repeated: true, parcel: { status: 'at_origin_hub' } });
    const bagged = await call(p, 'POST', `/v1/bags/${bag.id}/parcels`, { token: c.ops, body: { tracking_number: n } });
    expect(bagged.status, bagged.raw).toBe(200);
    expect(bagged.body.bag).toMatchObject({ parcel_count: 1, weight_g: 1250 });
    expect((await call(p, 'POST', `/v1/bags/${bag.id}/close`, { token: c.ops })).body.status).toBe('closed');

    // On a flight under a master air waybill; a wrong check digit is refused.
    const flight = { origin_node_id: hub.id, destination_country: 'CN', flight_no: 'CZ322', destination_airport: 'PVG', bag_ids: [bag.id] };
    const badAwb = await call(p, 'POST', '/v1/manifests', { token: c.ops, body: { ...flight, mawb: '784-12345676' } });
    expect(badAwb.status).toBe(400);
    expect(badAwb.body.error.param).toBe('mawb');
    const manifest = await call(p, 'POST', '/v1/manifests', { token: c.ops, body: { ...flight, mawb: '784-12345675' } });
    expect(manifest.status, manifest.raw).toBe(201);
    const arriveFirst = await call(p, 'POST', `/v1/manifests/${manifest.body.id}/arrive`, { token: c.ops });
    expect(arriveFirst.status).toBe(409);
    advance(60);
    expect((await call(p, 'POST', `/v1/manifests/${manifest.body.id}/depart`, { token: c.ops })).body.status).toBe('departed');
    advance(11 * 3600);
    expect((await call(p, 'POST', `/v1/manifests/${manifest.body.id}/arrive`, { token: c.ops })).body.status).toBe('arrived');

    // Landed: the declarations went to the gateway, the inventory list naming the flight.
    const submitted = await declarationOf(order.id);
    expect(submitted.status).toBe('submitted');
    const ceb621 = await p.app.inject({
      method: 'GET',
      url: `/v1/customs/declarations/${submitted.id}/messages/CEB621`,
      headers: { authorization: `Bearer ${c.ops}` },
    });
    expect(ceb621.body).toContain('<ceb:tradeMode>9610</ceb:tradeMode>');
    expect(ceb621.body).toContain('<ceb:billNo>784-12345675</ceb:billNo>');
    expect((await call(p, 'GET', `/v1/parcels/${parcel.id}`, { token: c.ops })).body.status).toBe('customs_submitted');

    // Customs releases it after the sandbox's delay; then it may go to last mile.
    await pollCustoms(p.ctx());
    expect((await declarationOf(order.id)).status).toBe('submitted');
    advance(p.rt.config.CUSTOMS_SANDBOX_RELEASE_S + 1);
    await pollCustoms(p.ctx());
    expect(await declarationOf(order.id)).toMatchObject({ status: 'released' });
    expect((await call(p, 'GET', `/v1/parcels/${parcel.id}`, { token: c.ops })).body.status).toBe('customs_released');
    const out = await call(p, 'POST', '/v1/hub/scans', { token: c.ops, body: { tracking_number: n, scan: 'hand_over' } });
    expect(out.body.parcel.status).toBe('out_for_delivery');

    // The carrier delivers; the same event again changes nothing; a late earlier event does not move it back.
    advance(3600);
    const deliveredAt = new Date(p.clock.now().getTime() - 60_000).toISOString();
    const delivered = { id: 'evt-d-1', tracking_number: n, milestone: 'delivered', occurred_at: deliveredAt, location: '杭州市' };
    expect(await carrier([delivered])).toEqual({ received: 1, applied: 1, duplicates: 0, unknown: [] });
    expect(await carrier([delivered])).toMatchObject({ applied: 0, duplicates: 1 });
    const late = {
      id: 'evt-o-1',
      tracking_number: n,
      milestone: 'out_for_delivery',
      occurred_at: new Date(Date.parse(deliveredAt) - 600_000).toISOString(),
    };
    expect(await carrier([late])).toMatchObject({ applied: 0, duplicates: 0 });
    const ord = (await call(p, 'GET', `/v1/orders/${order.id}`, { token: shopper })).body;
    expect(ord.state).toBe('delivered');
    expect(ord.delivered_at).toBe(deliveredAt);

    // The buyer's view: parcels of the order with the timeline in order.
    const mine = (await call(p, 'GET', `/v1/orders/${order.id}/parcels`, { token: shopper })).body.data[0];
    expect(mine.status).toBe('delivered');
    expect(mine.events.filter((e: Body) => e.applied).map((e: Body) => e.milestone)).toEqual([
      'info_received',
      'at_origin_hub',
      'in_bag',
      'departed_origin',
      'arrived_destination',
      'customs_submitted',
      'customs_released',
      'out_for_delivery',
      'delivered',
    ]);
    expect(mine.events.find((e: Body) => !e.applied)).toMatchObject({ milestone: 'out_for_delivery', source: 'carrier' });

    // The public page: no sign-in, the city but no name or street.
    const pub = await call(p, 'GET', `/v1/tracking/${n}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'delivered', destination: { country: 'CN', city: '杭州市' } });
    expect(pub.raw).not.toContain(ADDRESS.recipient);
    expect(pub.raw).not.toContain(ADDRESS.street);
    expect(pub.raw).not.toContain(order.id);

    // The merchant was told at every step (the events its webhooks will carry).
    const events = async (type: string) =>
      (await call(p, 'GET', `/v1/events?type=${type}&limit=100`, { token: c.B.owner })).body.data.filter(
        (e: Body) => e.data.order_id === order.id,
      );
    expect(await events('shipment.created')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ tracking_numbers: [n] }) }),
    ]);
    expect((await events('parcel.updated')).map((e: Body) => e.data.status).reverse()).toEqual([
      'at_origin_hub',
      'in_bag',
      'departed_origin',
      'arrived_destination',
      'customs_submitted',
      'customs_released',
      'out_for_delivery',
      'delivered',
    ]);
    expect(await events('customs.released')).toHaveLength(1);
    expect((await call(p, 'GET', '/v1/events?type=parcel.updated&limit=100', { token: c.A.owner })).body.data).not.toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ order_id: order.id }) }),
    );

    // The escrow period runs out: the order completes and the merchant's money is released.
    advance((p.rt.config.ESCROW_RELEASE_DAYS + 1) * 86_400);
    await completeDueOrders(p.ctx());
    // Eleven days on, the merchant's session (SESSION_TTL_HOURS 168) has expired: it signs in again.
    c.B.owner = await signIn(p, 'staff', c.B.ownerEmail);
    const done = (await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.B.owner })).body;
    expect(done.state).toBe('completed');
    const pi = (await call(p, 'GET', `/v1/payment-intents/${done.payment_intent}`, { token: c.B.owner })).body;
    expect(pi.escrow.status).toBe('released');
  });
});
