// Inventory through the API: locations, the movement ledger that explains every number,
// reservations with expiry, low-stock events, and no oversell under concurrency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveAll, verifyLedger } from '../../src/modules/inventory/service.ts';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { buildApp, createRuntime, scheduleMaintenance } from '../../src/main.ts';
import { createBonded, createProduct, createWarehouse, receive } from '../support/catalog.ts';
import { call, createMerchant, type MerchantFixture, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let op: string;
let A: MerchantFixture;
let warehouse: string;
let bonded: string;

beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p, 'operations');
  A = await createMerchant(p, op, 'Stock Co');
  warehouse = await createWarehouse(p, A.owner);
  bonded = await createBonded(p, op);
});
afterAll(() => p?.close());

async function newVariant(): Promise<string> {
  return (await createProduct(p, A.owner)).variants[0].id;
}

const level = async (id: string) => (await call(p, 'GET', `/v1/stock-levels/${id}`, { token: A.owner })).body;
const reserve = (variant: string, quantity: number, location = warehouse, extra: Record<string, unknown> = {}) =>
  call(p, 'POST', '/v1/reservations', { token: A.owner, body: { variant_id: variant, location_id: location, quantity, ...extra } });

describe('locations', () => {
  it('a merchant adds AU/NZ warehouses only; an operator adds CN bonded warehouses with a customs code', async () => {
    const cn = await call(p, 'POST', '/v1/locations', { token: A.owner, body: { name: 'X', country: 'CN', city: 'Shanghai' } });
    expect(cn.status).toBe(400);
    expect(cn.body.error.param).toBe('country');
    const noCode = await call(p, 'POST', '/v1/locations', { token: op, body: { name: 'Y', country: 'CN', city: 'Ningbo' } });
    expect(noCode.body.error.param).toBe('customs_code');
    const list = await call(p, 'GET', '/v1/locations?limit=100', { token: A.owner });
    const kinds = new Map(list.body.data.map((l: { id: string; kind: string }) => [l.id, l.kind]));
    expect(kinds.get(warehouse)).toBe('merchant_warehouse');
    expect(kinds.get(bonded)).toBe('bonded_warehouse');
  });

  it("another merchant sees the bonded warehouse but not A's warehouse, and cannot stock A's warehouse", async () => {
    const B = await createMerchant(p, op, 'Other Co');
    const list = await call(p, 'GET', '/v1/locations?limit=100', { token: B.owner });
    const ids = list.body.data.map((l: { id: string }) => l.id);
    expect(ids).toContain(bonded);
    expect(ids).not.toContain(warehouse);
    const bVariant = (await createProduct(p, B.owner)).variants[0].id;
    const r = await call(p, 'POST', '/v1/stock-movements', {
      token: B.owner,
      body: { kind: 'receipt', variant_id: bVariant, location_id: warehouse, quantity: 5 },
    });
    expect(r.status).toBe(404);
    expect((await receive(p, B.owner, bVariant, bonded, 5)).on_hand).toBe(5);
  });
});

describe('the movement ledger', () => {
  it('explains on_hand, reserved and available after receipts, adjustments, reservations, releases and shipments', async () => {
    const v = await newVariant();
    const lvl = await receive(p, A.owner, v, warehouse, 20);
    const adj = await call(p, 'POST', '/v1/stock-movements', {
      token: A.owner,
      body: { kind: 'adjustment', variant_id: v, location_id: warehouse, quantity: -3, reason: 'damaged in stocktake' },
    });
    expect(adj.status).toBe(201);
    const r1 = await reserve(v, 4);
    const r2 = await reserve(v, 2);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect((await call(p, 'POST', `/v1/reservations/${r1.body.id}/ship`, { token: A.owner, body: {} })).body.status).toBe('shipped');
    expect((await call(p, 'POST', `/v1/reservations/${r2.body.id}/release`, { token: A.owner, body: {} })).body.status).toBe('released');
    await call(p, 'POST', '/v1/stock-movements', {
      token: A.owner,
      body: { kind: 'return', variant_id: v, location_id: warehouse, quantity: 1 },
    });
    const now = await level(lvl.id);
    expect(now).toMatchObject({ on_hand: 20 - 3 - 4 + 1, reserved: 0, available: 14 });

    const moves = await call(p, 'GET', `/v1/stock-movements?stock_level_id=${lvl.id}&limit=100`, { token: A.owner });
    const kinds = moves.body.data.map((m: { kind: string }) => m.kind).reverse();
    expect(kinds).toEqual(['receipt', 'adjustment', 'reservation', 'reservation', 'shipment', 'release', 'return']);
    const sum = (f: string) => moves.body.data.reduce((s: number, m: Record<string, number>) => s + (m[f] ?? 0), 0);
    expect(sum('on_hand_delta')).toBe(now.on_hand);
    expect(sum('reserved_delta')).toBe(now.reserved);
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it('refuses adjustments without a reason, and removing more than is available', async () => {
    const v = await newVariant();
    await receive(p, A.owner, v, warehouse, 5);
    await reserve(v, 3);
    const body = { kind: 'adjustment', variant_id: v, location_id: warehouse };
    const noReason = await call(p, 'POST', '/v1/stock-movements', { token: A.owner, body: { ...body, quantity: -1 } });
    expect(noReason.body.error).toMatchObject({ code: 'invalid_request', param: 'reason' });
    const tooMany = await call(p, 'POST', '/v1/stock-movements', { token: A.owner, body: { ...body, quantity: -3, reason: 'lost' } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'insufficient_stock', available: 2 });
    const negativeReceipt = await call(p, 'POST', '/v1/stock-movements', {
      token: A.owner,
      body: { ...body, kind: 'receipt', quantity: -1 },
    });
    expect(negativeReceipt.body.error.param).toBe('quantity');
  });
});

describe('reservations', () => {
  it('never reserve more than is available, and say how many are', async () => {
    const v = await newVariant();
    await receive(p, A.owner, v, warehouse, 3);
    expect((await reserve(v, 2)).status).toBe(201);
    const r = await reserve(v, 2);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'insufficient_stock', available: 1 });
    expect((await reserve(v, 1, bonded)).body.error.code).toBe('insufficient_stock');
  });

  it('take across buckets when no single bucket holds the quantity', async () => {
    const v = await newVariant();
    const lvl = await receive(p, A.owner, v, warehouse, 10);
    expect(lvl.buckets).toBe(4);
    const r = await reserve(v, 10);
    expect(r.status, r.raw).toBe(201);
    expect(await level(lvl.id)).toMatchObject({ on_hand: 10, reserved: 10, available: 0 });
  });

  it('expire after their time and the job gives the units back', async () => {
    const v = await newVariant();
    const lvl = await receive(p, A.owner, v, warehouse, 5);
    const r = await reserve(v, 5);
    expect(Date.parse(r.body.expires_at) - Date.parse(r.body.created_at)).toBe(15 * 60_000);
    const short = await reserve(v, 1);
    expect(short.body.error.code).toBe('insufficient_stock');
    p.clock.advance(14 * 60_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    expect((await level(lvl.id)).available).toBe(0);
    p.clock.advance(2 * 60_000);
    await scheduleMaintenance(p.rt);
    await p.runJobs();
    expect((await call(p, 'GET', `/v1/reservations/${r.body.id}`, { token: A.owner })).body.status).toBe('expired');
    expect(await level(lvl.id)).toMatchObject({ available: 5, reserved: 0 });
    const closed = await call(p, 'POST', `/v1/reservations/${r.body.id}/release`, { token: A.owner, body: {} });
    expect(closed.body.error.code).toBe('invalid_state');
  });

  it('reserve several lines at once: all of them, or none when one is short (a checkout’s cart)', async () => {
    const [a, b] = [await newVariant(), await newVariant()];
    const la = await receive(p, A.owner, a, warehouse, 4);
    const lb = await receive(p, A.owner, b, warehouse, 1);
    const short = await reserveAll(p.ctx(), [
      { variant_id: a, location_id: warehouse, quantity: 3 },
      { variant_id: b, location_id: warehouse, quantity: 2 },
    ]).catch((e: unknown) => e);
    expect(short).toMatchObject({ code: 'insufficient_stock', param: 'lines.1.quantity', details: { variant_id: b } });
    expect(await level(la.id)).toMatchObject({ available: 4, reserved: 0 });
    const both = await reserveAll(p.ctx(), [
      { variant_id: a, location_id: warehouse, quantity: 3 },
      { variant_id: b, location_id: warehouse, quantity: 1, reference: 'checkout:x' },
    ]);
    expect(both.map((r) => [r.variantId, r.quantity, r.status, r.reference])).toEqual([
      [a, 3, 'active', null],
      [b, 1, 'active', 'checkout:x'],
    ]);
    expect(await level(la.id)).toMatchObject({ available: 1, reserved: 3 });
    expect(await level(lb.id)).toMatchObject({ available: 0, reserved: 1 });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });

  it.each([1, 3])('concurrent reservations of the last %i unit(s): exactly as many winners as units', async (units) => {
    const v = await newVariant();
    const lvl = await receive(p, A.owner, v, warehouse, units);
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(v, 1)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(units);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(20 - units).fill('insufficient_stock'));
    expect(await level(lvl.id)).toMatchObject({ available: 0, reserved: units });
  });
});

// Two runtimes with their own connection pools on one PostgreSQL database: to the database,
// the same as two server processes. (PGlite has a single connection: PostgreSQL only.)
if (process.env.DATABASE_URL)
  describe('two servers on one PostgreSQL', () => {
    it('race for the last units: exactly as many winners as units, across both', async () => {
      const url = p.url as string;
      const database = await openDatabase({ url, poolSize: 10 });
      const rt2 = await createRuntime(p.rt.config, { database, clock: p.clock });
      const app2 = await buildApp(rt2);
      try {
        const v = await newVariant();
        const lvl = await receive(p, A.owner, v, warehouse, 5);
        const body = { variant_id: v, location_id: warehouse, quantity: 1 };
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            i % 2 === 0
              ? reserve(v, 1)
              : app2
                  .inject({ method: 'POST', url: '/v1/reservations', headers: { authorization: `Bearer ${A.apiKey}` }, payload: body })
                  .then((r) => ({
                    status: r.statusCode,
                  })),
          ),
        );
        const won = results.filter((r) => r.status === 201);
        expect(won).toHaveLength(5);
        expect(results.filter((r) => r.status === 409)).toHaveLength(35);
        expect(await level(lvl.id)).toMatchObject({ available: 0, reserved: 5 });
        expect((await verifyLedger(p.ctx())).differences).toEqual([]);
      } finally {
        await app2.close();
        await database.close();
      }
    });
  });

describe('settings and low-stock events', () => {
  it('emits one inventory.low_stock event when available falls to the threshold, and re-arms above it', async () => {
    const v = await newVariant();
    const lvl = await receive(p, A.owner, v, warehouse, 10);
    const set = await call(p, 'POST', `/v1/stock-levels/${lvl.id}`, { token: A.owner, body: { low_stock_threshold: 5 } });
    expect(set.body.low_stock_threshold).toBe(5);
    const lowEvents = async () =>
      (await call(p, 'GET', '/v1/events?type=inventory.low_stock&limit=100', { token: A.owner })).body.data.filter(
        (e: { data: { stock_level_id: string } }) => e.data.stock_level_id === lvl.id,
      );
    await reserve(v, 4);
    expect(await lowEvents()).toHaveLength(0);
    await reserve(v, 1);
    await reserve(v, 1);
    const events = await lowEvents();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ available: 5, low_stock_threshold: 5, variant_id: v });
    await receive(p, A.owner, v, warehouse, 10);
    expect((await level(lvl.id)).low_stock_alerted).toBe(false);
    await reserve(v, 10);
    expect(await lowEvents()).toHaveLength(2);
  });

  it('more buckets spread the available units and keep the totals', async () => {
    const v = await newVariant();
    const lvl = await receive(p, A.owner, v, warehouse, 100);
    await reserve(v, 7);
    const up = await call(p, 'POST', `/v1/stock-levels/${lvl.id}`, { token: A.owner, body: { buckets: 32 } });
    expect(up.body).toMatchObject({ buckets: 32, on_hand: 100, reserved: 7, available: 93 });
    const results = await Promise.all(Array.from({ length: 30 }, () => reserve(v, 3)));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(await level(lvl.id)).toMatchObject({ on_hand: 100, reserved: 97, available: 3 });
    expect((await verifyLedger(p.ctx())).differences).toEqual([]);
  });
});
