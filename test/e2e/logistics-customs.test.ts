// China customs of issue 7 through the HTTP API: the three-document match holding an order with
// its reason until an operator rechecks it; the sandbox gateway's inspection, rejection (the
// refund path) and detention; the four XML messages for operators only; and bonded stock sent
// in bulk by inbound shipments.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollCustoms } from '../../src/modules/logistics/customs/service.ts';
import { SANDBOX_TELEPHONES } from '../../src/modules/logistics/customs/gateway.ts';
import { verifyLedger } from '../../src/modules/payments/ledger.ts';
import { ADDRESS, type Corridor, fund, idNumber, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { listableProduct } from '../support/catalog.ts';
import { call } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let c: Corridor;
let mel: string;

beforeAll(async () => {
  p = await startPlatform();
  c = await setUpCorridor(p, { honey: 30, formula: 60 });
  mel = (await call(p, 'GET', '/v1/logistics/nodes?kind=hub', { token: c.ops })).body.data.find((x: Body) => x.code === 'MEL').id;
});
afterAll(() => p?.close());

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read loosely
type Body = any;

const oneParcel = { parcels: [{ weight_g: 1250, length_cm: 20, width_cm: 15, height_cm: 10 }] };
const LI_WEI = { name: '李伟', first17: '11010519491231002' };

async function paidOrder(
  variant: string,
  opts: { address?: Record<string, string>; person?: { name: string; first17: string } } = {},
): Promise<{ order: Body; token: string }> {
  const s = await verifiedShopper(p, opts.person ?? LI_WEI);
  await fund(p, s.token, '300000');
  expect((await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: variant, quantity: 1 } })).status).toBe(200);
  const chk = await call(p, 'POST', '/v1/checkouts', { token: s.token, body: { address: { ...ADDRESS, ...opts.address } } });
  expect(chk.status, chk.raw).toBe(201);
  const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token: s.token });
  expect(paid.status, paid.raw).toBe(200);
  return { order: paid.body.orders[0], token: s.token };
}

async function book(order: Body, merchant: string): Promise<Body> {
  const r = await call(p, 'POST', `/v1/orders/${order.id}/shipments`, { token: merchant, body: oneParcel });
  expect(r.status, r.raw).toBe(201);
  return r.body.parcels[0];
}

async function declarationOf(orderId: string, token = c.ops): Promise<Body> {
  const r = await call(p, 'GET', `/v1/customs/declarations?order=${orderId}`, { token });
  expect(r.status, r.raw).toBe(200);
  return r.body.data[0];
}

async function parcelStatus(id: string): Promise<string> {
  return (await call(p, 'GET', `/v1/parcels/${id}`, { token: c.ops })).body.status;
}

const ops = (url: string, body: unknown = {}) => call(p, 'POST', url, { token: c.ops, body });
const advance = (seconds: number) => p.clock.set(new Date(p.clock.now().getTime() + seconds * 1000));
const setBuyerName = (pi: string, name: string) =>
  p.rt.database.query('update payment_intents set buyer_name = $2 where id = $1', [pi, name]);

let awbSerial = 3_000_000;
/** A parcel received, bagged, manifested, flown and landed in China. */
async function flyToChina(trackingNumber: string): Promise<void> {
  expect((await ops('/v1/hub/scans', { tracking_number: trackingNumber, scan: 'receive' })).status).toBe(200);
  const bag = (await ops('/v1/bags', { origin_node_id: mel, destination_country: 'CN' })).body.id;
  expect((await ops(`/v1/bags/${bag}/parcels`, { tracking_number: trackingNumber })).status).toBe(200);
  expect((await ops(`/v1/bags/${bag}/close`)).status).toBe(200);
  const serial = ++awbSerial;
  const m = await ops('/v1/manifests', {
    origin_node_id: mel,
    destination_country: 'CN',
    mawb: `784-${serial}${serial % 7}`,
    flight_no: 'CZ322',
    destination_airport: 'PVG',
    bag_ids: [bag],
  });
  expect(m.status, m.raw).toBe(201);
  expect((await ops(`/v1/manifests/${m.body.id}/depart`)).status).toBe(200);
  advance(11 * 3600);
  expect((await ops(`/v1/manifests/${m.body.id}/arrive`)).status).toBe(200);
}

async function xml(declaration: string, kind: string, token = c.ops) {
  return p.app.inject({
    method: 'GET',
    url: `/v1/customs/declarations/${declaration}/messages/${kind}`,
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('the three-document match', () => {
  it('a payer who is not the buyer holds the order with the reason until an operator rechecks it', async () => {
    const { order } = await paidOrder(c.v.formula);
    const pi = order.payment_intent;
    expect(pi).toMatch(/^pi_/);
    // The payment company's record names someone else as the payer.
    await setBuyerName(pi, '王五');
    const parcel = await book(order, c.B.owner);
    const held = await declarationOf(order.id);
    expect(held.status).toBe('held');
    expect(held.reason).toContain('王五');
    expect(held.mismatches[0]).toMatchObject({ code: 'payer_not_buyer' });
    const queue = await call(p, 'GET', '/v1/customs/declarations?status=held&limit=100', { token: c.ops });
    expect(queue.body.data.map((d: Body) => d.id)).toContain(held.id);
    const ready = await call(p, 'GET', '/v1/customs/declarations?status=ready&limit=100', { token: c.ops });
    expect(ready.body.data.map((d: Body) => d.id)).not.toContain(held.id);
    // The merchant sees why its order is held.
    expect((await call(p, 'GET', `/v1/customs/declarations/${held.id}`, { token: c.B.owner })).body).toMatchObject({
      status: 'held',
      reason: held.reason,
    });

    // The parcel flies, lands, and waits: nothing is submitted, nothing goes to last mile.
    await flyToChina(parcel.tracking_number);
    expect(await parcelStatus(parcel.id)).toBe('arrived_destination');
    expect((await declarationOf(order.id)).status).toBe('held');
    const handOver = await ops('/v1/hub/scans', { tracking_number: parcel.tracking_number, scan: 'hand_over' });
    expect(handOver.status).toBe(409);
    expect(handOver.body.error.code).toBe('invalid_scan');
    await pollCustoms(p.ctx());
    expect(await parcelStatus(parcel.id)).toBe('arrived_destination');

    // A recheck with the data still wrong leaves it held; merchants may not recheck.
    const still = await ops(`/v1/customs/declarations/${held.id}/recheck`);
    expect(still.status, still.raw).toBe(200);
    expect(still.body).toMatchObject({ status: 'held', mismatches: [expect.objectContaining({ code: 'payer_not_buyer' })] });
    expect((await call(p, 'POST', `/v1/customs/declarations/${held.id}/recheck`, { token: c.B.owner, body: {} })).status).toBe(403);
    expect((await ops('/v1/customs/declarations/cdec_nope/recheck')).status).toBe(404);

    // Put right: the recheck submits it at once (its parcel has landed), and the parcel moves on.
    await setBuyerName(pi, '李伟');
    const rechecked = await ops(`/v1/customs/declarations/${held.id}/recheck`);
    expect(rechecked.status, rechecked.raw).toBe(200);
    expect(rechecked.body).toMatchObject({ status: 'submitted', reason: null, mismatches: [] });
    expect(rechecked.body.messages.map((m: Body) => m.kind)).toEqual(['CEB311', 'CEB411', 'CEB511', 'CEB621']);
    expect(await parcelStatus(parcel.id)).toBe('customs_submitted');
    const again = await ops(`/v1/customs/declarations/${held.id}/recheck`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    advance(p.rt.config.CUSTOMS_SANDBOX_RELEASE_S + 1);
    await pollCustoms(p.ctx());
    expect(await parcelStatus(parcel.id)).toBe('customs_released');
  });

  it('rechecked before its parcel lands, a held declaration is ready, and goes in on arrival', async () => {
    const { order } = await paidOrder(c.v.formula);
    await setBuyerName(order.payment_intent, '赵六');
    const parcel = await book(order, c.B.owner);
    const held = await declarationOf(order.id);
    expect(held).toMatchObject({ status: 'held', mismatches: [expect.objectContaining({ code: 'payer_not_buyer' })] });
    await setBuyerName(order.payment_intent, '李伟');
    const r = await ops(`/v1/customs/declarations/${held.id}/recheck`);
    expect(r.status, r.raw).toBe(200);
    // Not submitted: its parcel is still in Melbourne.
    expect(r.body).toMatchObject({ status: 'ready', reason: null, submitted_at: null });
    expect(await parcelStatus(parcel.id)).toBe('info_received');
    await flyToChina(parcel.tracking_number);
    expect((await declarationOf(order.id)).status).toBe('submitted');
    expect(await parcelStatus(parcel.id)).toBe('customs_submitted');
  });

  it('a declaration that matches is ready, not held, and is rechecked by nobody', async () => {
    const { order } = await paidOrder(c.v.formula);
    await book(order, c.B.owner);
    const d = await declarationOf(order.id);
    expect(d).toMatchObject({ status: 'ready', mismatches: [], reason: null });
    // Before the flight there is no inventory list to read.
    expect(d.messages.map((m: Body) => m.kind)).toEqual(['CEB311', 'CEB411', 'CEB511']);
    expect((await xml(d.id, 'CEB621')).statusCode).toBe(404);
    const r = await ops(`/v1/customs/declarations/${d.id}/recheck`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_state');
    expect((await declarationOf(order.id)).status).toBe('ready');
  });
});

describe('the sandbox gateway’s answers', () => {
  it(`${SANDBOX_TELEPHONES.inspection}: held for inspection with the reason, released later`, async () => {
    const { order } = await paidOrder(c.v.honey, { address: { mobile: SANDBOX_TELEPHONES.inspection } });
    const parcel = await book(order, c.A.owner);
    expect((await declarationOf(order.id)).status).toBe('submitted');
    advance(p.rt.config.CUSTOMS_SANDBOX_ACCEPT_S + 1);
    await pollCustoms(p.ctx());
    const inspected = await declarationOf(order.id);
    expect(inspected.status).toBe('inspection');
    expect(inspected.reason).toContain('inspection');
    const x = (await call(p, 'GET', `/v1/parcels/${parcel.id}`, { token: c.ops })).body;
    expect(x.status).toBe('customs_held');
    expect(x.events.find((e: Body) => e.milestone === 'customs_held').description).toBe(inspected.reason);
    expect((await ops('/v1/hub/scans', { tracking_number: parcel.tracking_number, scan: 'hand_over' })).status).toBe(409);
    // Past the usual release time it is still held; after the inspection it is released.
    advance(p.rt.config.CUSTOMS_SANDBOX_RELEASE_S);
    await pollCustoms(p.ctx());
    expect((await declarationOf(order.id)).status).toBe('inspection');
    advance(p.rt.config.CUSTOMS_SANDBOX_INSPECTION_S);
    await pollCustoms(p.ctx());
    expect(await declarationOf(order.id)).toMatchObject({ status: 'released', reason: null });
    expect(await parcelStatus(parcel.id)).toBe('customs_released');
    expect((await ops('/v1/hub/scans', { tracking_number: parcel.tracking_number, scan: 'hand_over' })).status).toBe(200);
  });

  it(`${SANDBOX_TELEPHONES.rejected}: rejected; the parcel is an exception and the order refunded, wallet and quota back`, async () => {
    const person = { name: '王芳', first17: '44030419900101123' };
    const s = await verifiedShopper(p, person);
    await fund(p, s.token, '300000');
    const wallet = async () => BigInt((await call(p, 'GET', '/v1/wallet', { token: s.token })).body.balance.amount);
    const quota = async () => (await call(p, 'GET', '/v1/shopper/quota', { token: s.token })).body.used.amount;
    const walletBefore = await wallet();
    const quotaBefore = await quota();
    expect((await call(p, 'POST', '/v1/cart/lines', { token: s.token, body: { variant_id: c.v.honey, quantity: 1 } })).status).toBe(200);
    const chk = await call(p, 'POST', '/v1/checkouts', {
      token: s.token,
      body: { address: { ...ADDRESS, mobile: SANDBOX_TELEPHONES.rejected } },
    });
    expect(chk.status, chk.raw).toBe(201);
    const paid = await call(p, 'POST', `/v1/checkouts/${chk.body.id}/pay`, { token: s.token });
    expect(paid.status, paid.raw).toBe(200);
    const order = paid.body.orders[0];
    const total = BigInt(order.amounts.total.amount);
    expect(await wallet()).toBe(walletBefore - total);
    expect(await quota()).not.toBe(quotaBefore);

    const parcel = await book(order, c.A.owner);
    advance(p.rt.config.CUSTOMS_SANDBOX_ACCEPT_S + 1);
    await pollCustoms(p.ctx());
    const rejected = await declarationOf(order.id);
    expect(rejected.status).toBe('rejected');
    expect(rejected.reason).toMatch(/quota/);
    const x = (await call(p, 'GET', `/v1/parcels/${parcel.id}`, { token: c.ops })).body;
    expect(x).toMatchObject({ status: 'exception', exception_reason: rejected.reason });
    const queue = await call(p, 'GET', '/v1/parcels?status=exception&limit=100', { token: c.ops });
    expect(queue.body.data.map((q: Body) => q.id)).toContain(parcel.id);
    const o = (await call(p, 'GET', `/v1/orders/${order.id}`, { token: s.token })).body;
    expect(o.state).toBe('refunded');
    expect(o.amounts.refunded.amount).toBe(total.toString());
    expect(await wallet()).toBe(walletBefore);
    expect(await quota()).toBe(quotaBefore);
    // Polling again changes nothing: no second refund.
    advance(p.rt.config.CUSTOMS_SANDBOX_RELEASE_S + p.rt.config.CUSTOMS_SANDBOX_INSPECTION_S);
    await pollCustoms(p.ctx());
    expect(await wallet()).toBe(walletBefore);
    expect((await declarationOf(order.id)).status).toBe('rejected');
    expect(await verifyLedger(p.ctx())).toMatchObject({ differences: [], unbalanced: [] });
  });

  it(`${SANDBOX_TELEPHONES.held}: detained, and never released`, async () => {
    const { order } = await paidOrder(c.v.honey, { address: { mobile: SANDBOX_TELEPHONES.held } });
    const parcel = await book(order, c.A.owner);
    advance(p.rt.config.CUSTOMS_SANDBOX_ACCEPT_S + 1);
    await pollCustoms(p.ctx());
    expect((await declarationOf(order.id)).status).toBe('inspection');
    for (let day = 0; day < 3; day++) {
      advance(86_400);
      await pollCustoms(p.ctx());
    }
    const d = await declarationOf(order.id);
    expect(d.status).toBe('inspection');
    expect(d.released_at).toBeNull();
    expect(d.receipts.at(-1).reason).toContain('detained');
    expect(await parcelStatus(parcel.id)).toBe('customs_held');
    expect((await call(p, 'GET', `/v1/orders/${order.id}`, { token: c.A.owner })).body.state).toBe('shipped');
  });
});

describe('the declaration messages', () => {
  it('operators read the four XML messages; merchants read their own declarations only', async () => {
    const { order } = await paidOrder(c.v.honey);
    await book(order, c.A.owner);
    const d = await declarationOf(order.id);
    expect(d.status).toBe('submitted');
    const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
    for (const kind of ['CEB311', 'CEB411', 'CEB511', 'CEB621']) {
      const res = await xml(d.id, kind);
      expect(res.statusCode, kind).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      expect(XMLValidator.validate(res.body), kind).toBe(true);
    }
    const ceb311 = parser.parse((await xml(d.id, 'CEB311')).body);
    const orderHead = JSON.stringify(ceb311);
    expect(orderHead).toContain(`"orderNo":"${order.id}"`);
    expect(orderHead).toContain(`"buyerIdNumber":"${idNumber(LI_WEI.first17)}"`);
    expect((await xml(d.id, 'CEB621')).body).toContain('<ceb:tradeMode>1210</ceb:tradeMode>');
    // Not a kind of message, or a declaration that does not exist.
    expect((await xml(d.id, 'CEB999')).statusCode).toBe(400);
    expect((await xml('cdec_nope', 'CEB311')).statusCode).toBe(404);

    // Merchants: never the XML (it carries the buyer's ID number), even of their own order.
    for (const token of [c.A.owner, c.A.apiKey, c.B.owner]) {
      const res = await xml(d.id, 'CEB311', token);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(idNumber(LI_WEI.first17));
    }
    // A's declaration is A's: B neither reads it nor lists it.
    expect((await call(p, 'GET', `/v1/customs/declarations/${d.id}`, { token: c.A.owner })).status).toBe(200);
    const foreign = await call(p, 'GET', `/v1/customs/declarations/${d.id}`, { token: c.B.owner });
    expect(foreign.status).toBe(404);
    expect(foreign.raw).not.toContain(order.id);
    const bList = await call(p, 'GET', '/v1/customs/declarations?limit=100', { token: c.B.owner });
    expect(bList.body.data.length).toBeGreaterThan(0);
    for (const x of bList.body.data) expect(x.merchant_id).toBe(c.B.id);
    expect((await declarationOf(order.id, c.B.owner)) ?? null).toBeNull();
    const aList = await call(p, 'GET', '/v1/customs/declarations?limit=100', { token: c.A.owner });
    expect(aList.body.data.map((x: Body) => x.id)).toContain(d.id);
    for (const x of aList.body.data) expect(x.merchant_id).toBe(c.A.id);
  });
});

describe('bonded stock: inbound shipments', () => {
  async function onHand(location: string): Promise<number> {
    const r = await call(p, 'GET', `/v1/stock-levels?variant_id=${c.v.formula}&location_id=${location}`, { token: c.B.owner });
    expect(r.status, r.raw).toBe(200);
    return r.body.data[0]?.on_hand ?? 0;
  }
  const send = (body: Record<string, unknown>, token = c.B.owner) =>
    call(p, 'POST', '/v1/inbound-shipments', {
      token,
      body: { from_location_id: c.warehouseB, to_location_id: c.bonded, lines: [{ variant_id: c.v.formula, quantity: 5 }], ...body },
    });

  it('moves stock out at once and into the bonded warehouse as counted on receipt; a cancel brings it back', async () => {
    const source = await onHand(c.warehouseB);
    const bonded = await onHand(c.bonded);
    const r = await send({ reference: 'PO-7' });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      status: 'in_transit',
      merchant_id: c.B.id,
      reference: 'PO-7',
      lines: [{ variant_id: c.v.formula, quantity: 5, received_quantity: null }],
    });
    expect(await onHand(c.warehouseB)).toBe(source - 5);
    expect(await onHand(c.bonded)).toBe(bonded);
    // The merchant cannot say it arrived; the warehouse (an operator) counts 4.
    expect((await call(p, 'POST', `/v1/inbound-shipments/${r.body.id}/receive`, { token: c.B.owner, body: {} })).status).toBe(403);
    const bad = await ops(`/v1/inbound-shipments/${r.body.id}/receive`, { lines: [{ variant_id: c.v.formula, received_quantity: 6 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('lines.0.received_quantity');
    const stranger = await ops(`/v1/inbound-shipments/${r.body.id}/receive`, { lines: [{ variant_id: c.v.honey, received_quantity: 1 }] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.param).toBe('lines.0.variant_id');
    const got = await ops(`/v1/inbound-shipments/${r.body.id}/receive`, { lines: [{ variant_id: c.v.formula, received_quantity: 4 }] });
    expect(got.status, got.raw).toBe(200);
    expect(got.body).toMatchObject({ status: 'received', lines: [{ quantity: 5, received_quantity: 4 }] });
    expect(got.body.received_at).not.toBeNull();
    expect(await onHand(c.bonded)).toBe(bonded + 4);
    expect(await onHand(c.warehouseB)).toBe(source - 5);
    // Received once: not again, and no cancelling it now.
    const twice = await ops(`/v1/inbound-shipments/${r.body.id}/receive`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('invalid_state');
    expect((await call(p, 'POST', `/v1/inbound-shipments/${r.body.id}/cancel`, { token: c.B.owner, body: {} })).status).toBe(409);
    expect(await onHand(c.bonded)).toBe(bonded + 4);

    const other = await send({ lines: [{ variant_id: c.v.formula, quantity: 3 }] });
    expect(other.status).toBe(201);
    expect(await onHand(c.warehouseB)).toBe(source - 8);
    const cancelled = await call(p, 'POST', `/v1/inbound-shipments/${other.body.id}/cancel`, { token: c.B.owner, body: {} });
    expect(cancelled.status, cancelled.raw).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await onHand(c.warehouseB)).toBe(source - 5);
    expect((await ops(`/v1/inbound-shipments/${other.body.id}/receive`)).status).toBe(409);
    expect(await onHand(c.bonded)).toBe(bonded + 4);

    // Another merchant: neither reads, lists, nor cancels it.
    const foreign = await call(p, 'GET', `/v1/inbound-shipments/${r.body.id}`, { token: c.A.owner });
    expect(foreign.status).toBe(404);
    const aList = await call(p, 'GET', '/v1/inbound-shipments?limit=100', { token: c.A.owner });
    expect(aList.body.data.map((x: Body) => x.id)).not.toContain(r.body.id);
    const pending = await send({ lines: [{ variant_id: c.v.formula, quantity: 1 }] });
    expect((await call(p, 'POST', `/v1/inbound-shipments/${pending.body.id}/cancel`, { token: c.A.owner, body: {} })).status).toBe(404);
    expect((await call(p, 'GET', `/v1/inbound-shipments/${pending.body.id}`, { token: c.B.owner })).body.status).toBe('in_transit');
    const bList = await call(p, 'GET', '/v1/inbound-shipments?status=received&limit=100', { token: c.B.owner });
    expect(bList.body.data.map((x: Body) => x.id)).toEqual([r.body.id]);
  });

  it('refuses a non-bonded destination, too many units, a variant twice, someone else’s variant; nothing moves', async () => {
    const source = await onHand(c.warehouseB);
    const count = async () => (await call(p, 'GET', '/v1/inbound-shipments?limit=100', { token: c.B.owner })).body.data.length;
    const shipments = await count();
    const refuse = async (body: Record<string, unknown>, status: number, code: string, param: string, token = c.B.owner) => {
      const r = await send(body, token);
      expect(r.status, r.raw).toBe(status);
      expect(r.body.error).toMatchObject({ code, param });
    };
    const otherWarehouse = await call(p, 'POST', '/v1/locations', {
      token: c.B.owner,
      body: { name: 'Sydney DC', country: 'AU', city: 'Sydney' },
    });
    expect(otherWarehouse.status).toBe(201);
    await refuse({ to_location_id: otherWarehouse.body.id }, 400, 'invalid_request', 'to_location_id');
    await refuse({ to_location_id: 'loc_nope' }, 404, 'not_found', 'to_location_id');
    await refuse({ from_location_id: c.bonded }, 400, 'invalid_request', 'from_location_id');
    await refuse({ lines: [{ variant_id: c.v.formula, quantity: source + 1 }] }, 409, 'insufficient_stock', 'lines.0.quantity');
    await refuse(
      {
        lines: [
          { variant_id: c.v.formula, quantity: 1 },
          { variant_id: c.v.formula, quantity: 1 },
        ],
      },
      400,
      'invalid_request',
      'lines.1.variant_id',
    );
    await refuse({ lines: [{ variant_id: c.v.honey, quantity: 1 }] }, 404, 'not_found', 'lines.0.variant_id');
    await refuse({ lines: [{ variant_id: c.v.formula, quantity: 0 }] }, 400, 'invalid_request', 'lines.0.quantity');
    // A's sending from B's warehouse.
    await refuse({ lines: [{ variant_id: c.v.honey, quantity: 1 }] }, 404, 'not_found', 'from_location_id', c.A.owner);
    // Two lines, the second short of stock: the first does not move either.
    const extra = await call(p, 'POST', '/v1/products', { token: c.B.owner, body: listableProduct() });
    expect(extra.status).toBe(201);
    await refuse(
      {
        lines: [
          { variant_id: c.v.formula, quantity: 1 },
          { variant_id: extra.body.variants[0].id, quantity: 1 },
        ],
      },
      409,
      'insufficient_stock',
      'lines.1.quantity',
    );
    expect(await onHand(c.warehouseB)).toBe(source);
    expect(await count()).toBe(shipments);
  });
});
