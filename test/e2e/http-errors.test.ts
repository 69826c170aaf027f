// The error contract of docs/api.md, through the real server: every kernel error code,
// with its status, type, param and request id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/kernel/errors.ts';
import type { HttpModule } from '../../src/kernel/http/server.ts';
import { typed } from '../../src/kernel/http/server.ts';
import { call, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

// A module that exists only in this test, to reach failure paths no real route should have.
const probes: HttpModule = {
  name: 'probes',
  tag: { name: 'probes', description: 'test only' },
  routes(root) {
    const app = typed(root);
    app.get('/v1/test/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/app.ts:42');
    });
    app.post(
      '/v1/test/echo',
      { config: { access: 'public' }, schema: { body: z.object({ name: z.string().min(2), address: z.object({ city: z.string() }) }) } },
      async (req) => req.body,
    );
    app.get('/v1/test/app-error', { config: { access: 'public' } }, async () => {
      throw new AppError('invalid_state', 'Order is already shipped', { param: 'status' });
    });
  },
};

let p: TestPlatform;
beforeAll(async () => {
  p = await startPlatform({ modules: [probes], env: { BODY_LIMIT_BYTES: '2048' } });
});
afterAll(() => p.close());

function expectError(
  res: { status: number; body: { error: Record<string, unknown> }; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.request_id).toMatch(/^req_/);
  expect(res.headers['request-id']).toBe(res.body.error.request_id);
}

describe('error mapping', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const r = await call(p, 'POST', '/v1/test/echo', { rawBody: '{"name": "ab",', headers: { 'content-type': 'application/json' } });
    expectError(r, 400, 'invalid_json');
    expect(r.body.error.type).toBe('invalid_request_error');
  });

  it('schema failure → 400 invalid_request naming the nested field', async () => {
    const r = await call(p, 'POST', '/v1/test/echo', { body: { name: 'ab', address: { city: 7 } } });
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.param).toBe('address.city');
  });

  it('missing field → 400 naming it', async () => {
    const r = await call(p, 'POST', '/v1/test/echo', { body: { address: { city: 'Hangzhou' } } });
    expectError(r, 400, 'invalid_request');
    expect(r.body.error.param).toBe('name');
  });

  it('oversized body → 413 body_too_large', async () => {
    const r = await call(p, 'POST', '/v1/test/echo', { body: { name: 'x'.repeat(5000), address: { city: 'a' } } });
    expectError(r, 413, 'body_too_large');
  });

  it('a body that is not JSON → 415 unsupported_media_type', async () => {
    const r = await call(p, 'POST', '/v1/test/echo', {
      rawBody: 'name=ab',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectError(r, 415, 'unsupported_media_type');
  });

  it('unknown route → 404 route_not_found', async () => {
    const r = await call(p, 'GET', '/v1/no-such-thing');
    expectError(r, 404, 'route_not_found');
  });

  it('unexpected failure → 500 without internals, logged with the stack and request id', async () => {
    const r = await call(p, 'GET', '/v1/test/boom');
    expectError(r, 500, 'internal_error');
    expect(r.raw).not.toContain('secret internal detail');
    expect(r.raw).not.toContain('app.ts');
    const logged = p.logs.lines.map((l) => JSON.parse(l)).find((l) => l.request_id === r.body.error.request_id && l.level === 'error');
    expect(logged?.err?.stack).toContain('secret internal detail');
  });

  it('domain errors keep their code and param', async () => {
    const r = await call(p, 'GET', '/v1/test/app-error');
    expectError(r, 409, 'invalid_state');
    expect(r.body.error.param).toBe('status');
    expect(r.body.error.type).toBe('conflict_error');
  });

  it('bad credentials → 401; missing credentials → 401 authentication_required', async () => {
    expectError(await call(p, 'GET', '/v1/me'), 401, 'authentication_required');
    expectError(await call(p, 'GET', '/v1/me', { token: 'sk_test_notarealkeynotarealkey0000' }), 401, 'invalid_api_key');
    expectError(await call(p, 'GET', '/v1/me', { token: 'garbage-session' }), 401, 'session_expired');
  });

  it('invalid cursor → 400 invalid_cursor', async () => {
    const op = await operatorToken(p);
    const r = await call(p, 'GET', '/v1/merchants?starting_after=ord_nope', { token: op });
    expectError(r, 400, 'invalid_cursor');
    expect(r.body.error.param).toBe('starting_after');
  });
});

describe('infrastructure routes', () => {
  it('/health answers without the database', async () => {
    const r = await call(p, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
  });

  it('/ready checks the database and migrations', async () => {
    const r = await call(p, 'GET', '/ready');
    expect(r.status).toBe(200);
    expect(r.body.database).toBe(p.database.kind);
  });

  it('/metrics counts requests per route pattern', async () => {
    await call(p, 'GET', '/v1/merchants/mer_01h455vb4pex5vsknk084sn02q');
    const r = await call(p, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.raw).toMatch(/tasman_http_requests_total\{method="GET",route="\/v1\/merchants\/:id",status="401"\} \d+/);
    expect(r.raw).toContain('tasman_http_request_duration_seconds_bucket');
  });

  it('/openapi.json is OpenAPI 3.1 with every /v1 route and its access rule', async () => {
    const r = await call(p, 'GET', '/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toContain('/v1/api-keys');
    expect(r.body.paths['/v1/operators'].post.description).toContain('operator staff (admin)');
    expect(r.body.paths['/health']).toBeUndefined();
    // The one error shape is documented on every operation.
    expect(r.body.components.schemas.Error.properties.error.properties.code.enum).toContain('idempotency_key_reused');
    expect(r.body.paths['/v1/api-keys'].post.responses.default.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
  });

  it('/docs serves the API reference page', async () => {
    const r = await p.app.inject({ method: 'GET', url: '/docs/' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('swagger');
  });
});
