// In-store payments, first step (issue 8): a merchant with a shop registers stores and tills
// and issues each till a POS key that acts for that till only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTimeZone } from '../../src/modules/payments/instore/stores.ts';
import { call, createMerchant, DEMO_PASSWORD, type MerchantFixture, operatorToken, signIn, uniqueEmail } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let op: string;
let A: MerchantFixture;
let B: MerchantFixture;
let aStaff: string;

const MELBOURNE = { name: 'Degraves St', address_line: '12 Degraves St', city: 'Melbourne', region: 'AU-VIC', country: 'AU' };

beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p, 'operations');
  A = await createMerchant(p, op, 'Manuka Bay Honey');
  B = await createMerchant(p, op, 'Kaikoura Kelp', 'NZ');
  const email = uniqueEmail('staff');
  await call(p, 'POST', '/v1/staff', { token: A.owner, body: { email, name: 'Sam Staff', role: 'staff', password: DEMO_PASSWORD } });
  aStaff = await signIn(p, 'staff', email);
});
afterAll(() => p?.close());

async function store(token = A.owner, body: object = MELBOURNE): Promise<string> {
  const r = await call(p, 'POST', '/v1/stores', { token, body });
  if (r.status !== 201) throw new Error(`store create failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

async function till(storeId: string, name: string, token = A.owner): Promise<string> {
  const r = await call(p, 'POST', `/v1/stores/${storeId}/tills`, { token, body: { name } });
  if (r.status !== 201) throw new Error(`till create failed: ${r.status} ${r.raw}`);
  return r.body.id;
}

describe('time zones (a store’s business day)', () => {
  it.each([
    ['AU', 'AU-VIC', null, 'Australia/Melbourne'],
    ['AU', 'AU-ACT', null, 'Australia/Sydney'],
    ['AU', 'AU-QLD', null, 'Australia/Brisbane'],
    ['AU', 'AU-WA', null, 'Australia/Perth'],
    ['AU', 'AU-NT', null, 'Australia/Darwin'],
    ['AU', 'AU-NSW', 'Australia/Broken_Hill', 'Australia/Broken_Hill'],
    ['NZ', null, null, 'Pacific/Auckland'],
    ['NZ', 'NZ', 'Pacific/Chatham', 'Pacific/Chatham'],
  ] as const)('%s %s given %s → %s', (country, region, given, zone) => {
    expect(storeTimeZone(country, region, given)).toBe(zone);
  });

  it.each([
    ['AU', null, null],
    ['AU', 'AU-VIC', 'Pacific/Auckland'],
    ['NZ', null, 'Australia/Sydney'],
    ['NZ', null, 'Asia/Shanghai'],
  ] as const)('%s %s given %s is refused on time_zone', (country, region, given) => {
    expect(() => storeTimeZone(country, region, given)).toThrow(expect.objectContaining({ code: 'invalid_request', param: 'time_zone' }));
  });
});

describe('stores', () => {
  it('an owner registers a store; staff and operators read it; the time zone follows the state', async () => {
    const r = await call(p, 'POST', '/v1/stores', { token: A.owner, body: MELBOURNE });
    expect(r.status, r.raw).toBe(201);
    expect(r.body).toMatchObject({
      object: 'store',
      merchant_id: A.id,
      name: 'Degraves St',
      country: 'AU',
      region: 'AU-VIC',
      time_zone: 'Australia/Melbourne',
      active: true,
    });
    expect(r.body.id).toMatch(/^str_/);
    for (const token of [aStaff, op]) {
      const got = await call(p, 'GET', `/v1/stores/${r.body.id}`, { token });
      expect(got.status).toBe(200);
      expect(got.body).toEqual(r.body);
    }
    const list = await call(p, 'GET', '/v1/stores', { token: aStaff });
    expect(list.body.data.map((s: { id: string }) => s.id)).toContain(r.body.id);
    // Staff read but do not set up.
    expect((await call(p, 'POST', '/v1/stores', { token: aStaff, body: MELBOURNE })).status).toBe(403);
  });

  it('a New Zealand store is on Auckland time unless it gives the Chathams', async () => {
    const nz = await call(p, 'POST', '/v1/stores', {
      token: B.owner,
      body: { name: 'Esplanade', address_line: '1 Esplanade', city: 'Kaikōura', country: 'NZ' },
    });
    expect(nz.status, nz.raw).toBe(201);
    expect(nz.body.time_zone).toBe('Pacific/Auckland');
  });

  it('validates: name, country, region, time zone', async () => {
    const { name: _name, ...noName } = MELBOURNE;
    const cases: [object, string, string][] = [
      [noName, 'name', 'invalid_request'],
      [{ ...MELBOURNE, name: '  ' }, 'name', 'invalid_request'],
      [{ ...MELBOURNE, country: 'CN' }, 'country', 'invalid_request'],
      [{ ...MELBOURNE, country: 'US' }, 'country', 'invalid_request'],
      [{ ...MELBOURNE, region: 'AU-XX' }, 'region', 'invalid_region'],
      [{ ...MELBOURNE, country: 'NZ' }, 'region', 'invalid_region'],
      [{ ...MELBOURNE, region: undefined }, 'time_zone', 'invalid_request'],
      [{ ...MELBOURNE, time_zone: 'Asia/Shanghai' }, 'time_zone', 'invalid_request'],
    ];
    for (const [body, param, code] of cases) {
      const r = await call(p, 'POST', '/v1/stores', { token: A.owner, body });
      expect(r.status, `${JSON.stringify(body)}: ${r.raw}`).toBe(400);
      expect(r.body.error).toMatchObject({ code, param });
    }
  });

  it('a seller in China has no shop in Australia or New Zealand', async () => {
    const cn = await createMerchant(p, op, 'Shenzhen Gadgets', 'CN');
    const r = await call(p, 'POST', '/v1/stores', { token: cn.owner, body: MELBOURNE });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect(r.body.error.message).toMatch(/Australia or New Zealand/);
    expect((await call(p, 'GET', '/v1/stores', { token: cn.owner })).body.data).toEqual([]);
  });

  it('an owner or manager renames, closes and reopens a store; a closed store takes no new tills', async () => {
    const id = await store();
    const renamed = await call(p, 'POST', `/v1/stores/${id}`, { token: A.owner, body: { name: 'Degraves St Kiosk', active: false } });
    expect(renamed.status, renamed.raw).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Degraves St Kiosk', active: false, address_line: '12 Degraves St' });
    const closed = await call(p, 'POST', `/v1/stores/${id}/tills`, { token: A.owner, body: { name: 'Front' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('invalid_state');
    expect((await call(p, 'POST', `/v1/stores/${id}`, { token: A.owner, body: { active: true } })).body.active).toBe(true);
    expect((await call(p, 'POST', `/v1/stores/${id}/tills`, { token: A.owner, body: { name: 'Front' } })).status).toBe(201);
    const audit = await call(p, 'GET', `/v1/audit-events?object_id=${id}`, { token: A.owner });
    expect(audit.body.data.map((e: { action: string }) => e.action).sort()).toEqual(['store.created', 'store.updated', 'store.updated']);
  });
});

describe('tills and POS keys', () => {
  it('tills are named uniquely in a store; the same name in another store is fine', async () => {
    const s1 = await store();
    const s2 = await store();
    const t = await call(p, 'POST', `/v1/stores/${s1}/tills`, { token: A.owner, body: { name: 'Front counter' } });
    expect(t.status, t.raw).toBe(201);
    expect(t.body).toMatchObject({ object: 'till', store_id: s1, merchant_id: A.id, name: 'Front counter', active: true });
    expect(t.body.id).toMatch(/^till_/);
    const dup = await call(p, 'POST', `/v1/stores/${s1}/tills`, { token: A.owner, body: { name: 'Front counter' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'already_exists', param: 'name' });
    expect((await call(p, 'POST', `/v1/stores/${s2}/tills`, { token: A.owner, body: { name: 'Front counter' } })).status).toBe(201);
    const missing = await call(p, 'POST', `/v1/stores/${s1}/tills`, { token: A.owner, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('name');
    await till(s1, 'Back counter');
    const list = await call(p, 'GET', `/v1/stores/${s1}/tills`, { token: aStaff });
    expect(list.body.data.map((x: { name: string }) => x.name)).toEqual(['Back counter', 'Front counter']);
  });

  it('a POS key is shown once, authenticates as its till, reads that till only, and is listed and revoked like any key', async () => {
    const s = await store();
    const tillA = await till(s, 'Till 1');
    const tillB = await till(s, 'Till 2');
    const k = await call(p, 'POST', `/v1/tills/${tillA}/keys`, { token: A.owner, body: { mode: 'live' } });
    expect(k.status, k.raw).toBe(201);
    expect(k.body).toMatchObject({
      object: 'api_key',
      mode: 'live',
      scopes: ['instore:write'],
      till_id: tillA,
      name: 'POS Degraves St / Till 1',
    });
    expect(k.body.secret).toMatch(/^sk_live_/);

    const me = await call(p, 'GET', '/v1/me', { token: k.body.secret });
    expect(me.body).toMatchObject({ kind: 'api_key', id: k.body.id, merchant_id: A.id, scopes: ['instore:write'], till_id: tillA });
    expect((await call(p, 'GET', '/v1/me', { token: A.apiKey })).body).not.toHaveProperty('till_id');

    const own = await call(p, 'GET', `/v1/tills/${tillA}`, { token: k.body.secret });
    expect(own.status, own.raw).toBe(200);
    expect(own.body.id).toBe(tillA);
    const other = await call(p, 'GET', `/v1/tills/${tillB}`, { token: k.body.secret });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    // A POS key does nothing else: not the store, not the catalog, not other keys.
    expect((await call(p, 'GET', `/v1/stores/${s}`, { token: k.body.secret })).status).toBe(403);
    expect((await call(p, 'GET', '/v1/products', { token: k.body.secret })).body.error.code).toBe('insufficient_scope');
    expect((await call(p, 'GET', '/v1/api-keys', { token: k.body.secret })).body.error.code).toBe('insufficient_scope');

    const keys = await call(p, 'GET', '/v1/api-keys?limit=100', { token: A.owner });
    const listed = keys.body.data.find((x: { id: string }) => x.id === k.body.id);
    expect(listed).toMatchObject({ till_id: tillA, scopes: ['instore:write'], revoked_at: null });
    expect(JSON.stringify(keys.body)).not.toContain(k.body.secret);
    expect(keys.body.data.find((x: { id: string }) => x.id === A.apiKeyId).till_id).toBeNull();

    const revoked = await call(p, 'POST', `/v1/api-keys/${k.body.id}/revoke`, { token: A.owner, body: {} });
    expect(revoked.status).toBe(200);
    const after = await call(p, 'GET', `/v1/tills/${tillA}`, { token: k.body.secret });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_api_key');
  });

  it('POS keys come from a till: a plain key cannot be given instore:write; only admins issue them', async () => {
    const plain = await call(p, 'POST', '/v1/api-keys', { token: A.owner, body: { name: 'x', scopes: ['instore:write'] } });
    expect(plain.status).toBe(400);
    expect(plain.body.error.param).toMatch(/^scopes/);
    const t = await till(await store(), 'Till');
    expect((await call(p, 'POST', `/v1/tills/${t}/keys`, { token: aStaff, body: {} })).status).toBe(403);
    expect((await call(p, 'POST', `/v1/tills/${t}/keys`, { token: A.apiKey, body: {} })).status).toBe(403);
    const k = await call(p, 'POST', `/v1/tills/${t}/keys`, { token: A.owner, body: { name: 'Counter iPad' } });
    expect(k.body).toMatchObject({ name: 'Counter iPad', mode: 'live' });
    expect(k.body.secret).toMatch(/^sk_live_/);
    // A live till's keys are live keys: a test-mode POS key would act in the test world (decisions §23).
    const wrong = await call(p, 'POST', `/v1/tills/${t}/keys`, { token: A.owner, body: { mode: 'test' } });
    expect(wrong.status, wrong.raw).toBe(400);
    expect(wrong.body.error.param).toBe('mode');
  });
});

describe('tenant isolation', () => {
  it('merchant B gets 404 on A’s store, its tills and its keys, exactly as for ids that exist nowhere', async () => {
    const s = await store();
    const t = await till(s, 'Till');
    const k = await call(p, 'POST', `/v1/tills/${t}/keys`, { token: A.owner, body: {} });
    // [method, url, body, what B's full API key gets: the admin routes do not let keys in at all]
    const tries = [
      ['GET', `/v1/stores/${s}`, undefined, 403],
      ['POST', `/v1/stores/${s}`, { name: 'Hijacked' }, 403],
      ['POST', `/v1/stores/${s}/tills`, { name: 'Hijacked' }, 403],
      ['GET', `/v1/stores/${s}/tills`, undefined, 403],
      ['GET', `/v1/tills/${t}`, undefined, 404],
      ['POST', `/v1/tills/${t}/keys`, {}, 403],
      ['GET', `/v1/api-keys/${k.body.id}`, undefined, 404],
      ['POST', `/v1/api-keys/${k.body.id}/revoke`, {}, 403],
    ] as const;
    for (const [method, url, body, keyStatus] of tries) {
      for (const [token, status] of [
        [B.owner, 404],
        [B.apiKey, keyStatus],
      ] as const) {
        const r = await call(p, method, url, { token, body });
        expect(r.status, `${method} ${url}: ${r.raw}`).toBe(status);
        expect(r.body.error.code).toBe(status === 404 ? 'not_found' : 'forbidden');
        expect(r.raw).not.toContain('Degraves');
      }
    }
    const bStores = await call(p, 'GET', '/v1/stores?limit=100', { token: B.owner });
    expect(JSON.stringify(bStores.body)).not.toContain(s);
    const still = await call(p, 'GET', `/v1/stores/${s}`, { token: A.owner });
    expect(still.body.name).toBe('Degraves St');
    expect((await call(p, 'GET', `/v1/stores/${s}/tills`, { token: A.owner })).body.data).toHaveLength(1);
    expect((await call(p, 'GET', '/v1/me', { token: k.body.secret })).status).toBe(200);
  });

  it('a POS key of A reads none of B’s tills', async () => {
    const bStore = await store(B.owner, { name: 'Wharf', address_line: '2 Wharf Rd', city: 'Kaikōura', country: 'NZ' });
    const bTill = await till(bStore, 'Till', B.owner);
    const aTill = await till(await store(), 'Till');
    const k = await call(p, 'POST', `/v1/tills/${aTill}/keys`, { token: A.owner, body: {} });
    expect((await call(p, 'GET', `/v1/tills/${bTill}`, { token: k.body.secret })).status).toBe(404);
    expect((await call(p, 'GET', `/v1/tills/${bTill}`, { token: A.apiKey })).status).toBe(404);
  });
});
