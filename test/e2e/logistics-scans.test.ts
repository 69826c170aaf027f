// Hub operations of issue 7 through the HTTP API, the refusals above all: every scan out of turn
// is refused with 409 invalid_scan and changes nothing; bags and manifests refuse what does not
// belong in them; bookings refuse what cannot be shipped, without a partial write or a used-up
// tracking number. Partial fulfilment, S10 numbering and batch labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from '../../src/kernel/signatures.ts';
import { pollCustoms } from '../../src/modules/logistics/customs/service.ts';
import { isS10, s10 } from '../../src/modules/logistics/parcel-rules.ts';
import { carrierSecret } from '../../src/modules/logistics/tracking.ts';
import {
  ADDRESS,
  type Corridor,
  fund,
  type ReverseCorridor,
  setUpCorridor,
  setUpReverseCorridor,
  verifiedShopper,
} from '../support/corridor.ts';
import { call, createShopper } from '../support/http.ts';
import { readPdf } from '../support/pdf.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;
let rc: ReverseCorridor;
let mel: string;
let szx: string;

beforeAll(async () => {
  p = await startPlatform({ env: { AU_GST_REGISTRATION: 'ABN 51 824 753 556', NZ_GST_REGISTRATION: 'GST 123-456-789' } });
  c = await setUpCorridor(p, { honey: 20, formula: 40 });
  rc = await setUpReverseCorridor(p, c);
  const hubs = (await call(p, 'GET', '/v1/logistics/nodes?kind=hub', { token: c.ops })).body.data;
  mel = hubs.find((x: Body) => x.code === 'MEL').id;
  szx = hubs.find((x: Body) => x.code === 'SZX').id;
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const PARCEL = { weight_g: 1250, length_cm: 20, width_cm: 15, height_cm: 10 };
const oneParcel = { parcels: [PARCEL] };

async function paidOrder(variant: string, quantity = 1): Promise<{ order: Body; token: string }> {
  const s = await verifiedShopper(p);
  await fund(p, s.token, '300000');
  expect((await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: variant, quantity } })).status).toBe(200);
  const chk = await call(p, 'POST', '/v1/checkouts', { token: s.token, body: { address: ADDRESS } });
  expect(chk.status, chk.raw).toBe(201);
  const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token: s.token });
  expect(paid.status, paid.raw).toBe(200);
  return { order: paid.body.orders[0], token: s.token };
}

/** A paid 9610 order of B's formula booked into one parcel: the parcel. */
async function parcel9610(): Promise<Body> {
  const { order } = await paidOrder(c.v.formula);
  const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.B.owner, body: oneParcel });
  expect(booked.status, booked.raw).toBe(201);
  return booked.body.parcels[0];
}

const scan = (tracking_number: string, s: string) => call(p, 'POST', '/v1/hub/scans', { token: c.ops, body: { tracking_number, scan: s } });
const ops = (url: string, body: unknown = {}) => call(p, 'POST', url, { token: c.ops, body });

/** What a refused scan must leave as it was: the parcel's status, milestone, bag and timeline. */
async function snapshot(id: string): Promise<Body> {
  const r = await call(p, 'GET', `/v1/parcels/${id}`, { token: c.ops });
  expect(r.status, r.raw).toBe(200);
  return { status: r.body.status, milestone: r.body.milestone, bag: r.body.bag_id, events: r.body.events };
}

async function expectRefusedScans(parcel: Body, scans: string[], bag?: string): Promise<void> {
  const before = await snapshot(parcel.id);
  for (const s of scans) {
    const r = await scan(parcel.tracking_number, s);
    expect(r.status, `${s} at ${before.milestone}: ${r.raw}`).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'invalid_scan', param: 'scan' });
    expect(r.body.error.message).toContain(before.milestone.replaceAll('_', ' '));
  }
  if (bag) {
    const r = await ops(`/v1/bags/${bag}/parcels`, { tracking_number: parcel.tracking_number });
    expect(r.status, `bag at ${before.milestone}: ${r.raw}`).toBe(409);
    expect(r.body.error.code).toMatch(/^invalid_(scan|state)$/);
  }
  expect(await snapshot(parcel.id)).toEqual(before);
}

async function openBag(origin = mel, destination = 'CN'): Promise<string> {
  const r = await ops('/v1/bags', { origin_node_id: origin, destination_country: destination });
  expect(r.status, r.raw).toBe(201);
  return r.body.id;
}

let awbSerial = 2_000_000;
/** A master air waybill never used before: 784, a 7-digit serial and its check digit (serial mod 7). */
const freshAwb = () => {
  const s = ++awbSerial;
  return `784-${s}${s % 7}`;
};
const flight = (bagIds: string[], extra: Record<string, unknown> = {}) => ({
  origin_node_id: mel,
  destination_country: 'CN',
  mawb: freshAwb(),
  flight_no: 'CZ322',
  destination_airport: 'PVG',
  bag_ids: bagIds,
  ...extra,
});

const advance = (seconds: number) => p.clock.set(new Date(p.clock.now().getTime() + seconds * 1000));

async function carrier(events: object[]): Promise<Body> {
  const body = JSON.stringify({ events });
  const r = await call(p, 'POST', '/v1/carriers/sandbox/webhooks', {
    rawBody: body,
    headers: {
      'content-type': 'application/json',
      'carrier-signature': signatureHeader(carrierSecret(p.ctx(), 'sandbox'), body, p.clock.now()),
    },
  });
  expect(r.status, r.raw).toBe(200);
  return r.body;
}

const serialOf = (n: string) => Number(n.slice(2, 10));

describe('hub scans out of turn', () => {
  it('refuses every scan a 9610 parcel may not take at each milestone, and changes nothing', async () => {
    const parcel = await parcel9610();
    const n = parcel.tracking_number;
    const bag = await openBag();
    const otherBag = await openBag();

    // info_received: nothing can be handed over or bagged before the hub has it.
    await expectRefusedScans(parcel, ['hand_over'], bag);
    // picked up: again is a no-op; still not to last mile, not into a bag.
    expect((await scan(n, 'pick_up')).body).toMatchObject({ repeated: false, parcel: { status: 'picked_up' } });
    expect((await scan(n, 'pick_up')).body).toMatchObject({ repeated: true, parcel: { status: 'picked_up' } });
    await expectRefusedScans(parcel, ['hand_over'], bag);
    // at the origin hub: received twice is repeated, not an error; no pick-up after it, no hand-over.
    expect((await scan(n, 'receive')).body).toMatchObject({ repeated: false, parcel: { status: 'at_origin_hub' } });
    const again = await scan(n, 'receive');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ repeated: true, parcel: { status: 'at_origin_hub' } });
    await expectRefusedScans(parcel, ['pick_up', 'hand_over']);
    // in a bag: no hub scan applies; the same bag again is repeated, another bag refuses it.
    expect((await ops(`/v1/bags/${bag}/parcels`, { tracking_number: n })).body).toMatchObject({
      repeated: false,
      parcel: { status: 'in_bag' },
    });
    const twice = await ops(`/v1/bags/${bag}/parcels`, { tracking_number: n });
    expect(twice.body).toMatchObject({ repeated: true, bag: { parcel_count: 1, weight_g: 1250 } });
    await expectRefusedScans(parcel, ['pick_up', 'receive', 'hand_over'], otherBag);
    expect((await call(p, 'GET', `/v1/bags/${otherBag}`, { token: c.ops })).body).toMatchObject({ parcel_count: 0, parcels: [] });
    // departed, then arrived (and so submitted to customs): nothing from the hub.
    expect((await ops(`/v1/bags/${bag}/close`)).status).toBe(200);
    const m = await ops('/v1/manifests', flight([bag]));
    expect(m.status, m.raw).toBe(201);
    expect((await ops(`/v1/manifests/${m.body.id}/depart`)).status).toBe(200);
    await expectRefusedScans(parcel, ['pick_up', 'receive', 'hand_over']);
    advance(3600);
    expect((await ops(`/v1/manifests/${m.body.id}/arrive`)).status).toBe(200);
    expect((await snapshot(parcel.id)).status).toBe('customs_submitted');
    await expectRefusedScans(parcel, ['pick_up', 'receive', 'hand_over']);
    // released: to last mile (twice is repeated), but never back to the hub.
    advance(p.rt.config.CUSTOMS_SANDBOX_RELEASE_S + 1);
    await pollCustoms(p.ctx());
    expect((await snapshot(parcel.id)).status).toBe('customs_released');
    await expectRefusedScans(parcel, ['pick_up', 'receive']);
    expect((await scan(n, 'hand_over')).body).toMatchObject({ repeated: false, parcel: { status: 'out_for_delivery' } });
    expect((await scan(n, 'hand_over')).body).toMatchObject({ repeated: true, parcel: { status: 'out_for_delivery' } });
    await expectRefusedScans(parcel, ['pick_up', 'receive']);
    // delivered: nothing at all.
    await carrier([{ id: 'scan-d-1', tracking_number: n, milestone: 'delivered', occurred_at: p.clock.now().toISOString() }]);
    await expectRefusedScans(parcel, ['pick_up', 'receive', 'hand_over']);
    expect((await snapshot(parcel.id)).status).toBe('delivered');
  });

  it('a 1210 parcel from the bonded warehouse is never picked up, received or bagged at a hub', async () => {
    const { order } = await paidOrder(c.v.honey);
    const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.A.owner, body: oneParcel });
    expect(booked.status, booked.raw).toBe(201);
    const parcel = booked.body.parcels[0];
    const before = await snapshot(parcel.id);
    for (const s of ['pick_up', 'receive']) {
      const r = await scan(parcel.tracking_number, s);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('invalid_scan');
      expect(r.body.error.message).toContain('does not pass through a hub');
    }
    // Not released yet: no hand-over either.
    expect((await scan(parcel.tracking_number, 'hand_over')).body.error.code).toBe('invalid_scan');
    const bagged = await ops(`/v1/bags/${await openBag()}/parcels`, { tracking_number: parcel.tracking_number });
    expect(bagged.status).toBe(400);
    expect(bagged.body.error).toMatchObject({ code: 'invalid_request', param: 'tracking_number' });
    expect(await snapshot(parcel.id)).toEqual(before);
  });

  it('an export parcel to Australia is handed to last mile on arrival, with no customs step', async () => {
    const s = await createShopper(p, 'AU');
    await fund(p, s.token, '300000');
    expect((await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: rc.v.tea, quantity: 2 } })).status).toBe(200);
    const address = {
      region: 'AU-VIC',
      city: 'Fitzroy',
      street: '12 Brunswick Street',
      postal_code: '3065',
      recipient: 'Olivia Smith',
      mobile: '0412 345 678',
    };
    const chk = await call(p, 'POST', '/v1/checkouts', { token: s.token, body: { address } });
    expect(chk.status, chk.raw).toBe(201);
    const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token: s.token });
    expect(paid.status, paid.raw).toBe(200);
    const order = paid.body.orders[0];
    const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: rc.seller.owner, body: oneParcel });
    expect(booked.status, booked.raw).toBe(201);
    const parcel = booked.body.parcels[0];
    expect(parcel).toMatchObject({ route: 'export', destination: { country: 'AU', city: 'Fitzroy' } });
    // No customs declaration for an export.
    expect((await call(p, 'GET', `/v1/customs/declarations?order=${order.id}`, { token: c.ops })).body.data).toEqual([]);
    const n = parcel.tracking_number;
    await expectRefusedScans(parcel, ['hand_over']);
    expect((await scan(n, 'receive')).status).toBe(200);
    // A bag to China from Shenzhen is refused at creation; the parcel goes in a bag for Australia.
    expect((await ops('/v1/bags', { origin_node_id: szx, destination_country: 'CN' })).status).toBe(400);
    const nzBag = await openBag(szx, 'NZ');
    const wrong = await ops(`/v1/bags/${nzBag}/parcels`, { tracking_number: n });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.param).toBe('tracking_number');
    const bag = await openBag(szx, 'AU');
    expect((await ops(`/v1/bags/${bag}/parcels`, { tracking_number: n })).status).toBe(200);
    expect((await ops(`/v1/bags/${bag}/close`)).status).toBe(200);
    const m = await ops(
      '/v1/manifests',
      flight([bag], { origin_node_id: szx, destination_country: 'AU', flight_no: 'CZ321', destination_airport: 'MEL' }),
    );
    expect(m.status, m.raw).toBe(201);
    expect((await ops(`/v1/manifests/${m.body.id}/depart`)).status).toBe(200);
    await expectRefusedScans(parcel, ['hand_over']);
    advance(3600);
    expect((await ops(`/v1/manifests/${m.body.id}/arrive`)).status).toBe(200);
    expect((await snapshot(parcel.id)).status).toBe('arrived_destination');
    const out = await scan(n, 'hand_over');
    expect(out.status, out.raw).toBe(200);
    expect(out.body.parcel.status).toBe('out_for_delivery');
    const timeline = (await snapshot(parcel.id)).events.map((e: Body) => e.milestone);
    expect(timeline.filter((x: string) => x.startsWith('customs'))).toEqual([]);
  });

  it('refuses a malformed tracking number with 400 and an unknown one with 404', async () => {
    const bad = await scan('XX123', 'receive');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_tracking_number', param: 'tracking_number' });
    // A right shape with a wrong check digit is malformed too.
    const good = s10('CT', 99_999_990, 'AU');
    const wrongDigit = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}AU`;
    expect((await scan(wrongDigit, 'receive')).body.error.code).toBe('invalid_tracking_number');
    const unknown = await scan(good, 'receive');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const unknownInBag = await ops(`/v1/bags/${await openBag()}/parcels`, { tracking_number: good });
    expect(unknownInBag.status).toBe(404);
    // A scan the hub API does not take (bagging is through bags) is a validation error naming the field.
    const notHub = await scan(good, 'bag');
    expect(notHub.status).toBe(400);
    expect(notHub.body.error.param).toBe('scan');
  });
});

describe('bags', () => {
  it('refuse the wrong country, another hub’s parcel, a closed bag, a parcel in another bag; an empty bag is not closed', async () => {
    const a = await parcel9610();
    const b = await parcel9610();
    for (const x of [a, b]) expect((await scan(x.tracking_number, 'receive')).status).toBe(200);

    // Wrong destination: a bag for New Zealand takes no parcel for China.
    const nz = await openBag(mel, 'NZ');
    const wrongCountry = await ops(`/v1/bags/${nz}/parcels`, { tracking_number: a.tracking_number });
    expect(wrongCountry.status).toBe(400);
    expect(wrongCountry.body.error).toMatchObject({ code: 'invalid_request', param: 'tracking_number' });
    expect(wrongCountry.body.error.message).toContain('CN');
    // A bag abroad only: not to the hub's own country; not at a node that is no hub.
    const home = await ops('/v1/bags', { origin_node_id: mel, destination_country: 'AU' });
    expect(home.status).toBe(400);
    expect(home.body.error.param).toBe('destination_country');
    const unknownHub = await ops('/v1/bags', { origin_node_id: 'lnode_nope', destination_country: 'CN' });
    expect(unknownHub.status).toBe(404);
    expect(unknownHub.body.error).toMatchObject({ code: 'not_found', param: 'origin_node_id' });

    // Another hub's bag.
    const syd = await call(p, 'POST', '/v1/logistics/nodes', {
      token: c.ops,
      body: { kind: 'hub', code: 'SYD', name: 'Sydney hub', country: 'AU', city: 'Sydney', region: 'AU-NSW', serves_regions: ['AU-NSW'] },
    });
    expect(syd.status, syd.raw).toBe(201);
    const sydBag = await openBag(syd.body.id);
    const otherHub = await ops(`/v1/bags/${sydBag}/parcels`, { tracking_number: a.tracking_number });
    expect(otherHub.status).toBe(400);
    expect(otherHub.body.error.message).toContain('another hub');

    // An empty bag is not sealed.
    const empty = await openBag();
    const emptyClose = await ops(`/v1/bags/${empty}/close`);
    expect(emptyClose.status).toBe(409);
    expect(emptyClose.body.error.code).toBe('invalid_state');
    expect((await call(p, 'GET', `/v1/bags/${empty}`, { token: c.ops })).body.status).toBe('open');

    // a goes in bag 1; bag 2 cannot take it; bag 1 closed takes no more (b is refused and untouched).
    const one = await openBag();
    const two = await openBag();
    expect((await ops(`/v1/bags/${one}/parcels`, { tracking_number: a.tracking_number })).status).toBe(200);
    const elsewhere = await ops(`/v1/bags/${two}/parcels`, { tracking_number: a.tracking_number });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error).toMatchObject({ code: 'invalid_state', param: 'tracking_number' });
    expect(elsewhere.body.error.message).toContain(one);
    expect((await ops(`/v1/bags/${one}/close`)).body).toMatchObject({ status: 'closed', parcel_count: 1 });
    // Closing twice is the same bag.
    expect((await ops(`/v1/bags/${one}/close`)).body.status).toBe('closed');
    const before = await snapshot(b.id);
    const closed = await ops(`/v1/bags/${one}/parcels`, { tracking_number: b.tracking_number });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ code: 'invalid_state', param: 'bag' });
    expect(await snapshot(b.id)).toEqual(before);
    expect((await call(p, 'GET', `/v1/bags/${one}`, { token: c.ops })).body).toMatchObject({ parcel_count: 1, weight_g: 1250 });
    expect((await call(p, 'GET', `/v1/bags/${two}`, { token: c.ops })).body.parcel_count).toBe(0);
    // Unknown bags.
    expect((await ops('/v1/bags/bag_nope/close')).status).toBe(404);
    expect((await call(p, 'GET', '/v1/bags/bag_nope', { token: c.ops })).status).toBe(404);
  });
});

describe('manifests', () => {
  it('check the air waybill, take closed bags once, arrive only after departing; depart twice changes nothing', async () => {
    const parcels = [await parcel9610(), await parcel9610()];
    const bags: string[] = [];
    for (const x of parcels) {
      expect((await scan(x.tracking_number, 'receive')).status).toBe(200);
      const bag = await openBag();
      expect((await ops(`/v1/bags/${bag}/parcels`, { tracking_number: x.tracking_number })).status).toBe(200);
      bags.push(bag);
    }
    const [b1 = '', b2 = ''] = bags;
    // An open bag cannot fly.
    const unclosed = await ops('/v1/manifests', flight([b1]));
    expect(unclosed.status).toBe(409);
    expect(unclosed.body.error).toMatchObject({ code: 'invalid_state', param: 'bag_ids.0' });
    for (const b of bags) expect((await ops(`/v1/bags/${b}/close`)).status).toBe(200);
    // Bad input, each naming its field; nothing is written.
    const badAwb = await ops('/v1/manifests', flight([b1], { mawb: '784-12345676' }));
    expect(badAwb.status).toBe(400);
    expect(badAwb.body.error).toMatchObject({ code: 'invalid_request', param: 'mawb' });
    const badFlight = await ops('/v1/manifests', flight([b1], { flight_no: 'CZ.322' }));
    expect(badFlight.status).toBe(400);
    expect(badFlight.body.error.param).toBe('flight_no');
    const noHub = await ops('/v1/manifests', flight([b1], { origin_node_id: 'lnode_nope' }));
    expect(noHub.status).toBe(404);
    expect(noHub.body.error).toMatchObject({ code: 'not_found', param: 'origin_node_id' });
    const noBag = await ops('/v1/manifests', flight([b1, 'bag_nope']));
    expect(noBag.status).toBe(404);
    expect(noBag.body.error.param).toMatch(/^bag_ids\.\d$/);
    expect((await call(p, 'GET', `/v1/bags/${b1}`, { token: c.ops })).body.manifest_id).toBeNull();

    const awb = freshAwb();
    const m = await ops('/v1/manifests', flight([b1], { mawb: awb.replace('-', ' ') }));
    expect(m.status, m.raw).toBe(201);
    expect(m.body).toMatchObject({ mawb: awb, status: 'open', bags: [{ id: b1, manifest_id: m.body.id }] });
    // The same air waybill twice: a conflict, whatever the spelling.
    const dup = await ops('/v1/manifests', flight([b2], { mawb: awb.replace('-', '') }));
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'already_exists', param: 'mawb' });
    expect((await call(p, 'GET', `/v1/bags/${b2}`, { token: c.ops })).body.manifest_id).toBeNull();
    // A bag already on a manifest.
    const onAnother = await ops('/v1/manifests', flight([b2, b1]));
    expect(onAnother.status).toBe(409);
    expect(onAnother.body.error.code).toBe('invalid_state');
    expect((await call(p, 'GET', `/v1/bags/${b2}`, { token: c.ops })).body.manifest_id).toBeNull();

    // Arrive before depart is refused; depart twice is the same departure.
    const early = await ops(`/v1/manifests/${m.body.id}/arrive`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('invalid_state');
    expect((await snapshot(parcels[0].id)).status).toBe('in_bag');
    const future = await ops(`/v1/manifests/${m.body.id}/depart`, {
      departed_at: new Date(p.clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.param).toBe('departed_at');
    const d1 = await ops(`/v1/manifests/${m.body.id}/depart`);
    expect(d1.body.status).toBe('departed');
    advance(120);
    const d2 = await ops(`/v1/manifests/${m.body.id}/depart`);
    expect(d2.status).toBe(200);
    expect(d2.body.departed_at).toBe(d1.body.departed_at);
    const timeline = (await snapshot(parcels[0].id)).events.map((e: Body) => e.milestone);
    expect(timeline.filter((x: string) => x === 'departed_origin')).toHaveLength(1);
    // Arrival cannot be before departure.
    const beforeDeparture = await ops(`/v1/manifests/${m.body.id}/arrive`, {
      arrived_at: new Date(Date.parse(d1.body.departed_at) - 60_000).toISOString(),
    });
    expect(beforeDeparture.status).toBe(400);
    expect(beforeDeparture.body.error.param).toBe('arrived_at');
    expect((await call(p, 'GET', `/v1/manifests/${m.body.id}`, { token: c.ops })).body.status).toBe('departed');
    expect((await ops('/v1/manifests/mfst_nope/depart')).status).toBe(404);
  });

  it('a bagged parcel that is no longer in_bag stops the whole departure', async () => {
    const [x, y] = [await parcel9610(), await parcel9610()];
    const bag = await openBag();
    for (const q of [x, y]) {
      expect((await scan(q.tracking_number, 'receive')).status).toBe(200);
      expect((await ops(`/v1/bags/${bag}/parcels`, { tracking_number: q.tracking_number })).status).toBe(200);
    }
    expect((await ops(`/v1/bags/${bag}/close`)).status).toBe(200);
    const m = await ops('/v1/manifests', flight([bag]));
    expect(m.status).toBe(201);
    // A carrier reports y out for delivery (a fact it reports; it moves y on past in_bag).
    advance(60);
    await carrier([
      { id: 'stray-1', tracking_number: y.tracking_number, milestone: 'out_for_delivery', occurred_at: p.clock.now().toISOString() },
    ]);
    expect((await snapshot(y.id)).milestone).toBe('out_for_delivery');
    const beforeX = await snapshot(x.id);
    const dep = await ops(`/v1/manifests/${m.body.id}/depart`);
    expect(dep.status, dep.raw).toBe(409);
    expect(dep.body.error.code).toBe('invalid_scan');
    expect(dep.body.error.message).toContain(y.tracking_number);
    // All or nothing: x did not depart, the manifest and bag did not move.
    expect(await snapshot(x.id)).toEqual(beforeX);
    expect((await call(p, 'GET', `/v1/manifests/${m.body.id}`, { token: c.ops })).body).toMatchObject({
      status: 'open',
      departed_at: null,
    });
    expect((await call(p, 'GET', `/v1/bags/${bag}`, { token: c.ops })).body.status).toBe('closed');
  });
});

describe('booking parcels', () => {
  it('ships an order in parts: fulfilling after the first shipment, shipped after the last; over-shipping refused', async () => {
    const { order } = await paidOrder(c.v.formula, 3);
    const book = (body: unknown) => call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.B.owner, body });
    const state = async () => (await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.B.owner })).body.state;
    const parcelCount = async () => (await call(p, 'GET', `/v1/orders/${order.id}/parcels`, { token: c.B.owner })).body.data.length;

    // Several parcels without saying what each holds.
    const vague = await book({ parcels: [PARCEL, PARCEL] });
    expect(vague.status).toBe(400);
    expect(vague.body.error).toMatchObject({ code: 'invalid_request', param: 'parcels.0.lines' });
    // More units than the line has; a line the order does not have.
    const over = await book({ parcels: [{ ...PARCEL, lines: [{ line_no: 1, quantity: 4 }] }] });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'invalid_request', param: 'parcels.0.lines.0.quantity' });
    const noLine = await book({ parcels: [{ ...PARCEL, lines: [{ line_no: 2, quantity: 1 }] }] });
    expect(noLine.status).toBe(400);
    expect(noLine.body.error.param).toBe('parcels.0.lines.0.line_no');
    // Over across parcels of one booking: the second parcel names the units not left.
    const split = await book({
      parcels: [
        { ...PARCEL, lines: [{ line_no: 1, quantity: 2 }] },
        { ...PARCEL, lines: [{ line_no: 1, quantity: 2 }] },
      ],
    });
    expect(split.status).toBe(400);
    expect(split.body.error.param).toBe('parcels.1.lines.0.quantity');
    const tooBig = await book({ parcels: [{ ...PARCEL, height_cm: 250 }] });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.param).toBe('parcels.0.height_cm');
    expect(await parcelCount()).toBe(0);
    expect(await state()).toBe('paid');

    const first = await book({ parcels: [{ ...PARCEL, lines: [{ line_no: 1, quantity: 1 }] }] });
    expect(first.status, first.raw).toBe(201);
    expect(first.body.parcels[0].contents).toEqual([expect.objectContaining({ line_no: 1, quantity: 1 })]);
    expect(await state()).toBe('fulfilling');
    // Two units left: three are refused, and nothing is written.
    const overAfter = await book({ parcels: [{ ...PARCEL, lines: [{ line_no: 1, quantity: 3 }] }] });
    expect(overAfter.status).toBe(400);
    expect(overAfter.body.error.param).toBe('parcels.0.lines.0.quantity');
    expect(overAfter.body.error.message).toContain('2 unit(s) left');
    expect(await parcelCount()).toBe(1);

    const last = await book({
      parcels: [
        { ...PARCEL, lines: [{ line_no: 1, quantity: 1 }] },
        { ...PARCEL, lines: [{ line_no: 1, quantity: 1 }] },
      ],
    });
    expect(last.status, last.raw).toBe(201);
    expect(await state()).toBe('shipped');
    // The failed bookings used up no numbers: the three parcels' serials follow each other.
    const numbers = [first.body.parcels[0], ...last.body.parcels].map((x: Body) => x.tracking_number as string);
    for (const n of numbers) expect(isS10(n)).toBe(true);
    expect(new Set(numbers).size).toBe(3);
    const serials = numbers.map(serialOf);
    expect(serials).toEqual([serials[0], (serials[0] ?? 0) + 1, (serials[0] ?? 0) + 2]);
    // A shipped order takes no more parcels.
    const more = await book(oneParcel);
    expect(more.status).toBe(409);
    expect(more.body.error.code).toBe('invalid_state');
    expect(await parcelCount()).toBe(3);
    // The shipments list of the order holds both shipments.
    const list = await call(p, 'GET', `/v1/shipments?order=${order.id}`, { token: c.B.owner });
    expect(list.body.data.map((s: Body) => s.parcels.length).sort()).toEqual([1, 2]);
  });

  it('refuses to book a cancelled order, another merchant’s order, and an order by a shopper', async () => {
    const { order, token } = await paidOrder(c.v.formula);
    const cancelled = await call(p, 'POST', `/v1/orders/${order.id}/cancel`, { token, body: { reason: 'changed my mind' } });
    expect(cancelled.status, cancelled.raw).toBe(200);
    const r = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: c.B.owner, body: oneParcel });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_state');
    expect(r.body.error.message).toContain('cancelled');
    expect((await call(p, 'GET', `/v1/orders/${order.id}/parcels`, { token: c.B.owner })).body.data).toEqual([]);

    const { order: other } = await paidOrder(c.v.formula);
    const stranger = await call(p, 'POST', `/v1/orders/${other.id}/shipments`, { token: c.A.owner, body: oneParcel });
    expect(stranger.status).toBe(404);
    const unknown = await call(p, 'POST', '/v1/orders/ord_nope/shipments', { token: c.B.owner, body: oneParcel });
    expect(unknown.status).toBe(404);
    const empty = await call(p, 'POST', `/v1/orders/${other.id}/shipments`, { token: c.B.owner, body: { parcels: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe('parcels');
    expect((await call(p, 'GET', `/v1/orders/${other.id}`, { token: c.B.owner })).body.state).toBe('paid');
  });

  it('prints a batch of labels, one page per parcel, in the order asked', async () => {
    const { order } = await paidOrder(c.v.formula, 3);
    const booked = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, {
      token: c.B.owner,
      body: { parcels: [1, 1, 1].map((quantity) => ({ ...PARCEL, lines: [{ line_no: 1, quantity }] })) },
    });
    expect(booked.status, booked.raw).toBe(201);
    const [x, y, z] = booked.body.parcels;
    const res = await p.app.inject({
      method: 'POST',
      url: '/v1/labels',
      headers: { authorization: `Bearer ${c.B.owner}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ parcels: [z.id, x.tracking_number.toLowerCase(), y.id] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(new Uint8Array(res.rawPayload));
    expect(pages).toHaveLength(3);
    expect(pages[0]?.text).toContain(z.tracking_number);
    expect(pages[1]?.text).toContain(x.tracking_number);
    expect(pages[2]?.text).toContain(y.tracking_number);
    // The shipment's labels: the same three.
    const all = await p.app.inject({ method: 'GET', url: booked.body.labels_url, headers: { authorization: `Bearer ${c.B.owner}` } });
    expect(await readPdf(new Uint8Array(all.rawPayload))).toHaveLength(3);
    // A parcel the caller cannot see, or that does not exist, names its place in the list.
    const foreign = await call(p, 'POST', '/v1/labels', { token: c.A.owner, body: { parcels: [x.id] } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.param).toBe('parcels.0');
    const missing = await call(p, 'POST', '/v1/labels', { token: c.B.owner, body: { parcels: [x.id, 'pcl_nope'] } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.param).toBe('parcels.1');
    expect((await call(p, 'POST', '/v1/labels', { token: c.B.owner, body: { parcels: [] } })).status).toBe(400);
  });
});
