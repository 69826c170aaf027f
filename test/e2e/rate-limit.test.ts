// Rate limits (docs/api.md "Rate limits"): RATE_LIMIT_PER_MINUTE per proven credential, or
// per IP address for anonymous calls and for credentials not yet proven valid.
import { afterEach, describe, expect, it } from 'vitest';
import { call, createMerchant, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

async function platform(limit: number): Promise<TestPlatform> {
  p = await startPlatform({ env: { RATE_LIMIT_PER_MINUTE: String(limit) } });
  return p;
}

describe('rate limits', () => {
  it('anonymous calls beyond the limit → 429 rate_limited with Retry-After; probes are never limited', async () => {
    const q = await platform(3);
    for (let i = 0; i < 3; i++) expect((await call(q, 'GET', '/v1/merchants')).status).toBe(401);
    const r = await call(q, 'GET', '/v1/merchants');
    expect(r.status).toBe(429);
    expect(r.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
    expect(r.body.error.request_id).toMatch(/^req_/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.headers['x-ratelimit-limit']).toBe('3');
    for (let i = 0; i < 10; i++) expect((await call(q, 'GET', '/health')).status).toBe(200);
    expect((await call(q, 'GET', '/ready')).status).toBe(200);
  });

  it('a proven credential has its own budget, apart from the IP', async () => {
    const q = await platform(5);
    // Set-up spends the IP's budget: two sign-ins and the first use of each token (4 of 5).
    const m = await createMerchant(q, await operatorToken(q));
    // The key's first call is the IP's 5th; from then on the key counts on its own.
    expect((await call(q, 'GET', '/v1/api-keys', { token: m.apiKey })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(q, 'GET', '/v1/api-keys', { token: m.apiKey })).status).toBe(200);
    const over = await call(q, 'GET', '/v1/api-keys', { token: m.apiKey });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    // Another proven credential is unaffected, and so is nobody else: the IP is spent.
    expect((await call(q, 'GET', '/v1/me', { token: m.owner })).status).toBe(200);
    expect((await call(q, 'GET', '/v1/me')).status).toBe(429);
  });

  it('inventing a new token per request buys no extra attempts: unproven credentials count against the IP', async () => {
    const q = await platform(3);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await call(q, 'GET', '/v1/me', { token: `sk_test_${String(i).padStart(32, 'x')}` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
