// FX through the API: rates set by finance with history, import of a reference-rate file
// (the sample files in test/fixtures/fx), quotes that lock the customer rate and expire.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockedQuote } from '../../src/modules/fx/service.ts';
import { call, createShopper, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let fin: string;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/fx/${name}`, import.meta.url), 'utf8');

beforeAll(async () => {
  p = await startPlatform();
  fin = await operatorToken(p, 'finance');
});
afterAll(() => p?.close());

const rates = async () =>
  (await call(p, 'GET', '/v1/fx/rates')).body.data as { base: string; quote: string; mid: string; spread_bps: number }[];
const pair = async (base: string, quote: string) => (await rates()).find((r) => r.base === base && r.quote === quote);

describe('rates', () => {
  it('finance sets a rate; the newest is in force, the inverse direction is derived, the history keeps both', async () => {
    const set = (mid: string) => call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid, spread_bps: 50 } });
    expect((await set('4.70')).body).toMatchObject({ base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50, source: 'manual' });
    p.clock.advance(1000);
    await set('4.65');
    expect(await pair('AUD', 'CNY')).toMatchObject({ mid: '4.65', spread_bps: 50 });
    expect(await pair('CNY', 'AUD')).toMatchObject({ mid: '0.2150537634', spread_bps: 50 });
    const history = await call(p, 'GET', '/v1/fx/rates/history?base=AUD&quote=CNY', { token: fin });
    expect(history.body.data.map((r: { mid: string }) => r.mid)).toEqual(['4.65', '4.7']);
  });

  it('refuses a bad rate with the field named, and a pair of one currency', async () => {
    const bad = await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7e0', spread_bps: 50 } });
    expect(bad.body.error).toMatchObject({ code: 'invalid_request', param: 'mid' });
    const same = await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'CNY', quote: 'CNY', mid: '1', spread_bps: 0 } });
    expect(same.body.error.param).toBe('quote');
  });
});

describe('import of reference rates', () => {
  it.each([
    ['csv', 'reference-rates.csv'],
    ['json', 'reference-rates.json'],
  ])('%s: every rate of the file, with its publication date and the given spread', async (format, file) => {
    const r = await call(p, 'POST', '/v1/fx/rates/import', {
      token: fin,
      body: { format, content: fixture(file), source: 'CFETS central parity (sample)', spread_bps: 30 },
    });
    expect(r.status, r.raw).toBe(201);
    expect(r.body.data).toHaveLength(6);
    const usd = r.body.data.filter((x: { base: string }) => x.base === 'USD');
    expect(usd.map((x: { mid: string; effective_at: string }) => [x.mid, x.effective_at])).toEqual([
      ['7.1012', '2026-11-23T16:00:00.000Z'],
      ['7.0987', '2026-11-24T16:00:00.000Z'],
    ]);
    expect(await pair('USD', 'CNY')).toMatchObject({ mid: '7.0987', spread_bps: 30 });
  });

  it('refuses the whole file when one line is bad, naming the line', async () => {
    const before = (await call(p, 'GET', '/v1/fx/rates/history?limit=100', { token: fin })).body.data.length;
    const content = 'date,pair,rate\n2026-11-25,AUD/CNY,4.6\n2026-11-25,AUD/EUR,0.6\n';
    const r = await call(p, 'POST', '/v1/fx/rates/import', { token: fin, body: { format: 'csv', content, source: 'x', spread_bps: 0 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_file');
    expect(r.body.error.message).toContain('line 3');
    expect((await call(p, 'GET', '/v1/fx/rates/history?limit=100', { token: fin })).body.data.length).toBe(before);
  });
});

describe('quotes', () => {
  it('lock the customer rate (mid less the spread) for ten minutes, with the converted amount', async () => {
    await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '4.7', spread_bps: 50 } });
    const shopper = await createShopper(p);
    const q = await call(p, 'POST', '/v1/fx/quotes', { token: shopper.token, body: { base: 'AUD', quote: 'CNY', amount: '10000' } });
    expect(q.status, q.raw).toBe(201);
    expect(q.body).toMatchObject({ mid: '4.7', spread_bps: 50, rate: '4.6765' });
    expect(q.body.converted).toEqual({ from: { amount: '10000', currency: 'AUD' }, to: { amount: '46765', currency: 'CNY' } });
    expect(Date.parse(q.body.expires_at) - Date.parse(q.body.created_at)).toBe(10 * 60_000);
    // The rate moves; the quote does not.
    await call(p, 'POST', '/v1/fx/rates', { token: fin, body: { base: 'AUD', quote: 'CNY', mid: '5', spread_bps: 50 } });
    expect((await call(p, 'GET', `/v1/fx/quotes/${q.body.id}`, { token: shopper.token })).body.rate).toBe('4.6765');
    // Another shopper cannot read it.
    const other = await createShopper(p);
    expect((await call(p, 'GET', `/v1/fx/quotes/${q.body.id}`, { token: other.token })).status).toBe(404);
    // A payment may use it until it expires, then `quote_expired`.
    const asShopper = { ...p.ctx(), principal: { kind: 'shopper' as const, id: shopper.id, country: 'CN' as const, sessionId: '' } };
    expect((await lockedQuote(asShopper, q.body.id, { base: 'AUD', quote: 'CNY' })).rate).toBe('4.6765');
    p.clock.advance(10 * 60_000);
    await expect(lockedQuote(asShopper, q.body.id, { base: 'AUD', quote: 'CNY' })).rejects.toMatchObject({ code: 'quote_expired' });
  });

  it('a pair without any rate is rate_unavailable', async () => {
    const r = await call(p, 'POST', '/v1/fx/quotes', { token: fin, body: { base: 'NZD', quote: 'USD' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('rate_unavailable');
  });
});
