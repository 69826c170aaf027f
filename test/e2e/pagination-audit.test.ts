// Cursor pagination (src/kernel/http/pagination.ts, docs/api.md) on a real list route, and
// the audit log (src/kernel/audit.ts): written with the change, append-only in the
// database, searchable by operators, and per tenant for merchants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createMerchant, DEMO_PASSWORD, type MerchantFixture, operatorToken, type Res, uniqueEmail } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

type ApiError = { error: { type: string; code: string; param?: string } };

let p: TestPlatform;
let op: string;
let a: MerchantFixture;
let b: MerchantFixture;
/** Merchant A's API keys in creation order (the fixture's first). */
const created: string[] = [];

beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p);
  a = await createMerchant(p, op, 'Kiwi Kitchen');
  b = await createMerchant(p, op, 'Otago Wool');
  created.push(a.apiKeyId);
  for (let i = 2; i <= 7; i++) {
    const r = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: `key ${i}` } });
    expect(r.status).toBe(201);
    created.push(r.body.id);
  }
});
afterAll(() => p.close());

interface Page {
  ids: string[];
  hasMore: boolean;
}

async function page(query: string, token = a.owner): Promise<Page> {
  const r = await call(p, 'GET', `/v1/api-keys${query}`, { token });
  expect(r.status).toBe(200);
  expect(r.body.object).toBe('list');
  expect(r.body.url).toBe('/v1/api-keys');
  return { ids: r.body.data.map((k: { id: string }) => k.id), hasMore: r.body.has_more };
}

function expectError(r: Res<ApiError>, status: number, code: string, param: string) {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.param).toBe(param);
}

describe('cursor pagination', () => {
  it('lists newest first, with has_more false when everything fits', async () => {
    const all = await page('');
    expect(all.ids).toEqual([...created].reverse());
    expect(all.hasMore).toBe(false);
    // Merchant B's keys are not in A's list (and the other way round).
    expect(all.ids).not.toContain(b.apiKeyId);
    expect((await page('', b.owner)).ids).toEqual([b.apiKeyId]);
  });

  it('limit cuts the page and has_more says so', async () => {
    expect(await page('?limit=3')).toEqual({ ids: [...created].reverse().slice(0, 3), hasMore: true });
    expect(await page('?limit=7')).toEqual({ ids: [...created].reverse(), hasMore: false });
    expect((await page('?limit=1')).ids).toEqual([created[6]]);
    expect((await page('?limit=100')).ids).toHaveLength(7);
  });

  it('walking forward with starting_after visits every object once, in order', async () => {
    const pages: Page[] = [];
    let cursor: string | undefined;
    for (;;) {
      const pg = await page(`?limit=3${cursor ? `&starting_after=${cursor}` : ''}`);
      pages.push(pg);
      if (!pg.hasMore) break;
      cursor = pg.ids.at(-1);
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((pg) => pg.ids.length)).toEqual([3, 3, 1]);
    expect(pages.map((pg) => pg.hasMore)).toEqual([true, true, false]);
    expect(pages.flatMap((pg) => pg.ids)).toEqual([...created].reverse());
    // Past the last object: an empty page.
    expect(await page(`?limit=3&starting_after=${created[0]}`)).toEqual({ ids: [], hasMore: false });
  });

  it('walking backward with ending_before returns the previous pages, newest first within each', async () => {
    const newestFirst = [...created].reverse();
    // From the last page [k1], ending_before k1 gives the page before it: [k4, k3, k2].
    const prev = await page(`?limit=3&ending_before=${created[0]}`);
    expect(prev).toEqual({ ids: newestFirst.slice(3, 6), hasMore: true });
    const first = await page(`?limit=3&ending_before=${prev.ids[0]}`);
    expect(first).toEqual({ ids: newestFirst.slice(0, 3), hasMore: false });
    // Before the newest object there is nothing.
    expect(await page(`?limit=3&ending_before=${created[6]}`)).toEqual({ ids: [], hasMore: false });
    // Backward and forward agree: the page after `first` starts where `prev` starts.
    expect((await page(`?limit=3&starting_after=${first.ids.at(-1)}`)).ids).toEqual(prev.ids);
  });

  it('pages are stable when objects are created in between', async () => {
    const merchant = await createMerchant(p, op, 'Stable Pages');
    const firstPage = await call(p, 'GET', '/v1/api-keys?limit=1', { token: merchant.owner });
    const oldest = firstPage.body.data[0].id;
    expect(oldest).toBe(merchant.apiKeyId);
    const newer = await call(p, 'POST', '/v1/api-keys', { token: merchant.owner, body: { name: 'newer' } });
    expect(newer.status).toBe(201);
    // A new key is newest: it appears before the cursor, never after it.
    const after = await call(p, 'GET', `/v1/api-keys?starting_after=${oldest}`, { token: merchant.owner });
    expect(after.body.data).toEqual([]);
    const before = await call(p, 'GET', `/v1/api-keys?ending_before=${oldest}`, { token: merchant.owner });
    expect(before.body.data.map((k: { id: string }) => k.id)).toEqual([newer.body.id]);
  });

  it('both cursors at once → 400 invalid_request', async () => {
    const r = await call(p, 'GET', `/v1/api-keys?starting_after=${created[3]}&ending_before=${created[1]}`, { token: a.owner });
    expectError(r, 400, 'invalid_request', 'ending_before');
  });

  it.each(['0', '101', '-1', '2.5', 'ten'])('limit=%s → 400 invalid_request naming limit', async (limit) => {
    const r = await call(p, 'GET', `/v1/api-keys?limit=${limit}`, { token: a.owner });
    expectError(r, 400, 'invalid_request', 'limit');
  });

  it('a cursor that is not an id of this list → 400 invalid_cursor', async () => {
    expectError(await call(p, 'GET', `/v1/api-keys?starting_after=${a.id}`, { token: a.owner }), 400, 'invalid_cursor', 'starting_after');
    expectError(await call(p, 'GET', '/v1/api-keys?ending_before=key_nope', { token: a.owner }), 400, 'invalid_cursor', 'ending_before');
    expectError(await call(p, 'GET', `/v1/merchants?starting_after=${created[0]}`, { token: op }), 400, 'invalid_cursor', 'starting_after');
  });

  it('the same rules on another list: merchants for an operator', async () => {
    const r = await call(p, 'GET', '/v1/merchants?limit=2', { token: op });
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(2);
    expect(r.body.has_more).toBe(true);
    const ids: string[] = r.body.data.map((m: { id: string }) => m.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const next = await call(p, 'GET', `/v1/merchants?limit=100&starting_after=${ids[1]}`, { token: op });
    const rest: string[] = next.body.data.map((m: { id: string }) => m.id);
    expect(rest).not.toContain(ids[0]);
    expect(rest).not.toContain(ids[1]);
    expect(next.body.has_more).toBe(false);
    const all = await call(p, 'GET', '/v1/merchants?limit=100', { token: op });
    expect(all.body.data.map((m: { id: string }) => m.id)).toEqual([...ids, ...rest]);
    expect(all.body.data.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});

describe('audit log', () => {
  it('creating an API key records api_key.created with actor, merchant and request id', async () => {
    const me = await call(p, 'GET', '/v1/me', { token: a.owner });
    const res = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'audited', scopes: ['audit:read'] } });
    expect(res.status).toBe(201);
    const r = await call(p, 'GET', `/v1/audit-events?object_id=${res.body.id}`, { token: op });
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(1);
    const ev = r.body.data[0];
    expect(ev).toMatchObject({
      object: 'audit_event',
      action: 'api_key.created',
      object_type: 'api_key',
      object_id: res.body.id,
      actor_kind: 'merchant',
      actor_id: me.body.id,
      merchant_id: a.id,
      request_id: res.headers['request-id'],
      data: { name: 'audited', mode: 'test', scopes: ['audit:read'] },
    });
    expect(ev.id).toMatch(/^aud_/);
    // The secret is shown once to its creator and never written to the trail.
    expect(JSON.stringify(ev)).not.toContain(res.body.secret);
  });

  it('a failed action leaves no audit event: the record is written in the same transaction', async () => {
    const count = async () =>
      Number(
        (await p.database.query<{ n: number }>("select count(*)::int as n from audit_events where action = 'merchant.created'"))[0]?.n,
      );
    const merchantsBefore = (await call(p, 'GET', '/v1/merchants?limit=100', { token: op })).body.data.length;
    const before = await count();
    // The merchant row and its merchant.created event are written first; the owner's
    // email is taken, so the whole transaction must roll back.
    const r = await call(p, 'POST', '/v1/merchants', {
      token: op,
      body: { legal_name: 'Duplicate Owner Pty Ltd', country: 'NZ', owner: { email: a.ownerEmail, name: 'Dup', password: DEMO_PASSWORD } },
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('already_exists');
    expect(await count()).toBe(before);
    expect((await call(p, 'GET', '/v1/merchants?limit=100', { token: op })).body.data.length).toBe(merchantsBefore);

    const ok = await call(p, 'POST', '/v1/merchants', {
      token: op,
      body: {
        legal_name: 'Fresh Owner Pty Ltd',
        country: 'NZ',
        owner: { email: uniqueEmail('fresh'), name: 'Fresh', password: DEMO_PASSWORD },
      },
    });
    expect(ok.status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('the audit table is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [ev] = await p.database.query<{ id: string; action: string }>(
      "select id, action from audit_events where action = 'api_key.created' order by id limit 1",
    );
    expect(ev).toBeDefined();
    const id = (ev as { id: string }).id;
    const total = async () => Number((await p.database.query<{ n: number }>('select count(*)::int as n from audit_events'))[0]?.n);
    const n = await total();
    await expect(p.database.query("update audit_events set action = 'tampered' where id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(p.database.query("update audit_events set data = '{}'::jsonb")).rejects.toThrow(/append-only/);
    await expect(p.database.query('delete from audit_events where id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(p.database.query('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(p.database.exec('truncate audit_events')).rejects.toThrow(/append-only/);
    expect(await total()).toBe(n);
    const [after] = await p.database.query<{ action: string }>('select action from audit_events where id = $1', [id]);
    expect(after?.action).toBe('api_key.created');
  });

  it('operators filter by action and object_id', async () => {
    const byAction = await call(p, 'GET', '/v1/audit-events?action=api_key.created&limit=100', { token: op });
    expect(byAction.status).toBe(200);
    const events = byAction.body.data as { action: string; object_id: string; merchant_id: string }[];
    expect(events.every((e) => e.action === 'api_key.created')).toBe(true);
    const objects = events.map((e) => e.object_id);
    expect(objects).toEqual(expect.arrayContaining([...created, b.apiKeyId]));

    const byObject = await call(p, 'GET', `/v1/audit-events?object_id=${a.id}`, { token: op });
    expect(byObject.body.data.map((e: { action: string }) => e.action)).toEqual(['merchant.created']);

    const both = await call(p, 'GET', `/v1/audit-events?action=merchant.created&object_id=${created[2]}`, { token: op });
    expect(both.body.data).toEqual([]);

    // The audit list paginates like every list.
    const firstTwo = await call(p, 'GET', '/v1/audit-events?action=api_key.created&limit=2', { token: op });
    expect(firstTwo.body.has_more).toBe(true);
    expect(firstTwo.body.data.map((e: { object_id: string }) => e.object_id)).toEqual(objects.slice(0, 2));
  });

  it('a merchant sees only its own events, through a session or an API key', async () => {
    for (const token of [a.owner, a.apiKey]) {
      const mine = await call(p, 'GET', '/v1/audit-events?limit=100', { token });
      expect(mine.status).toBe(200);
      const events = mine.body.data as { merchant_id: string; object_id: string; action: string }[];
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.merchant_id === a.id)).toBe(true);
      expect(events.map((e) => e.object_id)).toEqual(expect.arrayContaining(created));
      expect(events.map((e) => e.object_id)).not.toContain(b.apiKeyId);
      expect(events.map((e) => e.object_id)).not.toContain(b.id);
      // Filtering on another merchant's object finds nothing rather than leaking it.
      const theirs = await call(p, 'GET', `/v1/audit-events?object_id=${b.apiKeyId}`, { token });
      expect(theirs.body.data).toEqual([]);
    }
    const bView = await call(p, 'GET', '/v1/audit-events?action=api_key.created&limit=100', { token: b.owner });
    expect(bView.body.data.map((e: { object_id: string }) => e.object_id)).toEqual([b.apiKeyId]);
  });

  it('an API key without audit:read cannot read the log', async () => {
    const narrow = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'narrow', scopes: ['staff:read'] } });
    const r = await call(p, 'GET', '/v1/audit-events', { token: narrow.body.secret });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('insufficient_scope');
  });
});
