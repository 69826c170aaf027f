// The SDK (packages/sdk, issue 9 "Test mode and SDK") against the real server on a real socket:
// typed calls, the list iterator across pages, idempotency keys that make a retry safe,
// TasmanError with the API's code and param, 429 from the server's own rate limit; retries and
// backoff against a local stub (only there: a real server cannot be told to fail on cue);
// the webhook verifier on signatures made by the platform's kernel; and the journey the issue
// names: the SDK creates a product, receives `order.paid` on a local receiver, fulfils the order.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_PATH, sdkSchemaSource } from '../../packages/sdk/scripts/generate.ts';
import {
  type Operation,
  type RequestBody,
  Tasman,
  TasmanError,
  verifyWebhook,
  WebhookVerificationError,
} from '../../packages/sdk/src/index.ts';
import { signatureHeader } from '../../src/kernel/signatures.ts';
import { listableProduct, uniqueSku } from '../support/catalog.ts';
import { buy, type Corridor, fund, setUpCorridor, verifiedShopper } from '../support/corridor.ts';
import { call, createMerchant, type MerchantFixture, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

/** The platform on 127.0.0.1, so the SDK talks to it over HTTP like any integration. */
async function listening(p: TestPlatform): Promise<string> {
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
}

/** A fetch that records every attempt the SDK makes. */
function countingFetch(): { fetch: typeof fetch; requests: { url: string; method: string; headers: Headers }[] } {
  const requests: { url: string; method: string; headers: Headers }[] = [];
  return {
    requests,
    fetch: (input, init) => {
      requests.push({ url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers) });
      return fetch(input, init);
    },
  };
}

/** The test fixture's listable product, as the SDK's typed body. */
type ProductBody = RequestBody<Operation<'/v1/products', 'post'>>;
const productBody = (variant: Record<string, unknown> = {}) => listableProduct({}, variant) as ProductBody;

const caught = async (promise: Promise<unknown>): Promise<TasmanError> => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TasmanError) return err;
    throw err;
  }
  throw new Error('expected a TasmanError');
};

describe('generated types', () => {
  it('packages/sdk/src/schema.d.ts is generated from the current OpenAPI document (npm run sdk:generate)', async () => {
    expect(await sdkSchemaSource()).toBe(readFileSync(SCHEMA_PATH, 'utf8'));
  }, 120_000);
});

describe('against the real server', () => {
  let p: TestPlatform;
  let baseUrl: string;
  let A: MerchantFixture;
  let tasman: Tasman;

  beforeAll(async () => {
    p = await startPlatform();
    baseUrl = await listening(p);
    A = await createMerchant(p, await operatorToken(p), 'SDK Honey');
    tasman = new Tasman({ apiKey: A.apiKey, baseUrl });
  });
  afterAll(() => p?.close());

  it('creates a product, adds a variant and reads it back, typed end to end', async () => {
    const product = await tasman.post('/v1/products', { body: productBody() });
    expect(product).toMatchObject({ object: 'product', status: 'draft' });
    expect(product.id).toMatch(/^prd_/);
    const sku = uniqueSku('SDK');
    const withVariant = await tasman.post('/v1/products/{id}/variants', {
      path: { id: product.id },
      body: {
        sku,
        options: { size: '500g' },
        hs_code: '0409000000',
        tax_class: 'agricultural',
        declared_unit: '035',
        declared_quantity: '0.5',
        net_weight_g: 500,
        gross_weight_g: 700,
        price: { amount: '6990', currency: 'AUD' },
      },
    });
    expect(withVariant.variants.find((v) => v.sku === sku)?.price).toEqual({ amount: '6990', currency: 'AUD' });
    const read = await tasman.get('/v1/products/{id}', { path: { id: product.id } });
    expect(read.variants.map((v) => v.sku)).toContain(sku);
    expect(read.variants).toHaveLength(2);
    // The compiler holds calls to the schema (checked by `tsc -p .`; never sent).
    const typeChecks = () => [
      // @ts-expect-error: no such route
      tasman.get('/v1/no-such-route'),
      // @ts-expect-error: the path parameter is required
      tasman.get('/v1/products/{id}'),
      // @ts-expect-error: a product needs its body
      tasman.post('/v1/products'),
      // @ts-expect-error: status is one of draft, active, archived
      tasman.list('/v1/products', { query: { status: 'sold_out' } }),
    ];
    expect(typeof typeChecks).toBe('function');
  });

  it('walks a list route page by page with the iterator (has_more, starting_after)', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await tasman.post('/v1/products', { body: productBody() })).id);
    const spy = countingFetch();
    const paged = new Tasman({ apiKey: A.apiKey, baseUrl, fetch: spy.fetch });
    const seen: string[] = [];
    for await (const product of paged.list('/v1/products', { query: { limit: 2 } })) seen.push(product.id);
    const all = await tasman.get('/v1/products', { query: { limit: 100 } });
    expect(seen).toEqual(all.data.map((d) => d.id));
    expect(seen).toEqual(expect.arrayContaining(made));
    expect(new Set(seen).size).toBe(seen.length);
    expect(spy.requests.length).toBe(Math.max(1, Math.ceil(seen.length / 2)));
    expect(new URL(spy.requests[1]?.url ?? '').searchParams.get('starting_after')).toBe(seen[1]);
    // Leaving the loop early stops fetching.
    const before = spy.requests.length;
    for await (const _ of paged.list('/v1/products', { query: { limit: 2 } })) break;
    expect(spy.requests.length).toBe(before + 1);
  });

  it('sends an Idempotency-Key on every POST; the same key twice gives the same object, once', async () => {
    const spy = countingFetch();
    const client = new Tasman({ apiKey: A.apiKey, baseUrl, fetch: spy.fetch });
    await client.post('/v1/products', { body: productBody() });
    await client.post('/v1/products', { body: productBody() });
    const [k1, k2] = spy.requests.map((r) => r.headers.get('idempotency-key'));
    expect(k1).toBeTruthy();
    expect(k2).toBeTruthy();
    expect(k1).not.toBe(k2);
    await client.get('/v1/products');
    expect(spy.requests[2]?.headers.get('idempotency-key')).toBeNull();

    // A retry after a lost answer is the same call again with the same key.
    const body = productBody();
    const count = async () => (await tasman.get('/v1/products', { query: { limit: 100 } })).data.length;
    const n = await count();
    const first = await tasman.post('/v1/products', { body, idempotencyKey: 'sdk-retry-1' });
    const again = await tasman.post('/v1/products', { body, idempotencyKey: 'sdk-retry-1' });
    expect(again).toEqual(first);
    expect(await count()).toBe(n + 1);
    // The same key for a different body is refused, not replayed.
    const reused = await caught(tasman.post('/v1/products', { body: productBody(), idempotencyKey: 'sdk-retry-1' }));
    expect(reused).toMatchObject({ status: 422, type: 'idempotency_error', code: 'idempotency_key_reused' });
  });

  it('throws TasmanError with status, code, param and request id on a 4xx, without retrying it', async () => {
    const spy = countingFetch();
    const client = new Tasman({ apiKey: A.apiKey, baseUrl, fetch: spy.fetch, maxRetries: 3, backoffBaseMs: 1 });
    const bad = productBody({ hs_code: '12' });
    const err = await caught(client.post('/v1/products', { body: bad }));
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('TasmanError');
    expect(err).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'invalid_hs_code', param: 'variants.0.hs_code' });
    expect(err.requestId).toMatch(/^req_/);
    expect(err.message).toBeTruthy();
    expect(spy.requests).toHaveLength(1);

    const missing = await caught(client.get('/v1/products/{id}', { path: { id: 'prd_01jzzzzzzzzzzzzzzzzzzzzzzz' } }));
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const unauthenticated = await caught(new Tasman({ apiKey: 'sk_test_not_a_key', baseUrl }).get('/v1/products'));
    expect(unauthenticated).toMatchObject({ status: 401, type: 'authentication_error' });
    expect(spy.requests).toHaveLength(2);
  });

  it('reports a refused connection as network_error after its retries', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const spy = countingFetch();
    const client = new Tasman({ apiKey: A.apiKey, baseUrl: `http://127.0.0.1:${port}`, fetch: spy.fetch, maxRetries: 2, backoffBaseMs: 1 });
    const err = await caught(client.get('/v1/products'));
    expect(err).toMatchObject({ status: 0, type: 'api_connection_error', code: 'network_error' });
    expect(spy.requests).toHaveLength(3);
  });
});

describe('the server’s rate limit', () => {
  let p: TestPlatform;
  afterAll(() => p?.close());

  it('surfaces 429 rate_limited with its Retry-After, and does not retry sooner than the server allows', async () => {
    p = await startPlatform({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    const baseUrl = await listening(p);
    const owner = await createMerchant(p, await operatorToken(p), 'SDK Limits');
    const spy = countingFetch();
    // Waits of up to 100 ms only: the server's window is a minute, so the SDK gives up at once.
    const client = new Tasman({ apiKey: owner.apiKey, baseUrl, fetch: spy.fetch, maxRetries: 3, maxBackoffMs: 100 });
    let err: TasmanError | undefined;
    let calls = 0;
    for (; calls < 20 && !err; calls++) {
      try {
        await client.get('/v1/products');
      } catch (e) {
        if (!(e instanceof TasmanError)) throw e;
        err = e;
      }
    }
    expect(err).toMatchObject({ status: 429, type: 'rate_limit_error', code: 'rate_limited' });
    const retryAfter = Number(err?.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(1);
    expect(err?.details.retry_after_s).toBe(retryAfter);
    // One attempt per call: the 429 asked for longer than this client waits, so it was not retried early.
    expect(spy.requests).toHaveLength(calls);
    const last = await caught(client.get('/v1/products'));
    expect(last.status).toBe(429);
    const before = spy.requests.length;
    await caught(client.get('/v1/products'));
    expect(spy.requests.length).toBe(before + 1);
  });
});

describe('retries and backoff (a local stub server)', () => {
  interface Hit {
    at: number;
    method: string;
    headers: IncomingHttpHeaders;
    body: string;
  }
  let server: Server;
  let url: string;
  const hits: Hit[] = [];
  let answer: (n: number) => { status: number; headers?: Record<string, string>; body?: unknown } | 'hang' = () => ({ status: 200 });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const n = hits.length;
        hits.push({ at: Date.now(), method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
        const a = answer(n);
        if (a === 'hang') return;
        res.writeHead(a.status, { 'content-type': 'application/json', 'request-id': `req_stub${n}`, ...a.headers });
        res.end(JSON.stringify(a.body ?? { id: 'prd_stub', object: 'product' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  const reset = (f: typeof answer) => {
    hits.length = 0;
    answer = f;
  };
  const rateLimited = (retryAfter: string) => ({
    status: 429,
    headers: { 'retry-after': retryAfter },
    body: { error: { type: 'rate_limit_error', code: 'rate_limited', message: 'Too many requests', request_id: 'req_x' } },
  });
  const unavailable = { status: 503, body: { error: { type: 'api_error', code: 'service_unavailable', message: 'try later' } } };

  it('honours Retry-After on 429, backs off on 5xx, and keeps one Idempotency-Key across the retries', async () => {
    reset((n) => (n === 0 ? rateLimited('1') : n === 1 ? unavailable : { status: 201 }));
    const client = new Tasman({ apiKey: 'sk_test_stub', baseUrl: url, maxRetries: 3, backoffBaseMs: 40 });
    const created = await client.post('/v1/products', { body: productBody() });
    expect(created).toEqual({ id: 'prd_stub', object: 'product' });
    expect(hits).toHaveLength(3);
    const [a, b, c] = hits as [Hit, Hit, Hit];
    expect(b.at - a.at).toBeGreaterThanOrEqual(990); // Retry-After: 1
    expect(c.at - b.at).toBeGreaterThanOrEqual(19); // base 40 ms × 2^1 × [0.5, 1)
    const keys = hits.map((h) => h.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    expect(a.headers.authorization).toBe('Bearer sk_test_stub');
  });

  it('gives up after maxRetries with the last error, backing off exponentially with jitter', async () => {
    reset(() => unavailable);
    const client = new Tasman({ apiKey: 'sk_test_stub', baseUrl: url, maxRetries: 3, backoffBaseMs: 30 });
    const err = await caught(client.get('/v1/products'));
    expect(err).toMatchObject({ status: 503, code: 'service_unavailable', requestId: 'req_stub3' });
    expect(hits).toHaveLength(4);
    const gaps = hits.slice(1).map((h, i) => h.at - (hits[i] as Hit).at);
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(30 * 2 ** i * 0.5 - 2);
      expect(gap).toBeLessThan(30 * 2 ** i + 200);
    });
  });

  it('does not retry other 4xx, nor a 429 that asks for longer than the client will wait', async () => {
    reset(() => ({ status: 409, body: { error: { type: 'conflict_error', code: 'insufficient_stock', message: 'no', available: 2 } } }));
    const client = new Tasman({ apiKey: 'sk_test_stub', baseUrl: url, maxRetries: 3, backoffBaseMs: 1, maxBackoffMs: 5_000 });
    const err = await caught(client.post('/v1/reservations', { body: { variant_id: 'var_x', location_id: 'loc_x', quantity: 3 } }));
    expect(err).toMatchObject({ status: 409, code: 'insufficient_stock', details: { available: 2 } });
    expect(hits).toHaveLength(1);
    reset(() => rateLimited('3600'));
    expect((await caught(client.get('/v1/products'))).code).toBe('rate_limited');
    expect(hits).toHaveLength(1);
  });

  it('times out each attempt and retries it; an unexpected body is still a TasmanError', async () => {
    reset((n) => (n === 0 ? 'hang' : { status: 200, body: { ok: true } }));
    const client = new Tasman({ apiKey: 'sk_test_stub', baseUrl: url, maxRetries: 1, timeoutMs: 150, backoffBaseMs: 1 });
    expect(await client.request('get', '/v1/me')).toEqual({ ok: true });
    expect(hits).toHaveLength(2);
    reset(() => 'hang');
    expect(await caught(client.get('/v1/products'))).toMatchObject({ status: 0, code: 'timeout' });
    reset(() => ({ status: 502, body: 'Bad gateway' }));
    const bad = await caught(new Tasman({ apiKey: 'k', baseUrl: url, maxRetries: 0 }).get('/v1/products'));
    expect(bad).toMatchObject({ status: 502, code: 'unexpected_response', requestId: 'req_stub0' });
  });
});

describe('verifyWebhook on signatures made by the platform', () => {
  const secret = 'whsec_sdk_0123456789abcdefghijklmnopqrstuvwxyzABCD';
  const now = new Date('2026-11-26T04:00:00Z');
  const body = JSON.stringify({ id: 'evt_01', object: 'event', type: 'order.paid', data: { amount: { amount: '1234', currency: 'CNY' } } });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof WebhookVerificationError) return e.code;
      throw e;
    }
    return 'accepted';
  };

  it('accepts a valid signature and returns the event', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifyWebhook(body, header, secret, { now })).toMatchObject({ id: 'evt_01', type: 'order.paid' });
    // Within the default 300 s either way.
    expect(code(() => verifyWebhook(body, header, secret, { now: new Date(now.getTime() + 299_000) }))).toBe('accepted');
    expect(code(() => verifyWebhook(body, header, secret, { now: new Date(now.getTime() - 299_000) }))).toBe('accepted');
  });

  it('refuses a stale timestamp, honouring toleranceSeconds', () => {
    const header = signatureHeader(secret, body, now);
    const later = new Date(now.getTime() + 301_000);
    expect(code(() => verifyWebhook(body, header, secret, { now: later }))).toBe('timestamp_out_of_tolerance');
    expect(code(() => verifyWebhook(body, header, secret, { now: later, toleranceSeconds: 600 }))).toBe('accepted');
    expect(code(() => verifyWebhook(body, header, secret, { now: new Date(now.getTime() + 11_000), toleranceSeconds: 10 }))).toBe(
      'timestamp_out_of_tolerance',
    );
    // A fresh timestamp cannot be pasted onto an old signature.
    const old = signatureHeader(secret, body, new Date(now.getTime() - 3_600_000));
    const forged = old.replace(/t=\d+/, `t=${Math.floor(now.getTime() / 1000)}`);
    expect(code(() => verifyWebhook(body, forged, secret, { now }))).toBe('signature_mismatch');
  });

  it('refuses a tampered body and a wrong secret', () => {
    const header = signatureHeader(secret, body, now);
    expect(code(() => verifyWebhook(body.replace('1234', '9234'), header, secret, { now }))).toBe('signature_mismatch');
    expect(code(() => verifyWebhook(`${body} `, header, secret, { now }))).toBe('signature_mismatch');
    expect(code(() => verifyWebhook(body, header, 'whsec_not_the_secret', { now }))).toBe('signature_mismatch');
  });

  it('accepts any one of several v1 signatures (a secret being rolled) and ignores other schemes', () => {
    const current = signatureHeader(secret, body, now);
    const previous = signatureHeader('whsec_previous_secret', body, now);
    const both = `${current},${previous.replace(/^t=\d+,/, '')},v0=deadbeef`;
    expect(code(() => verifyWebhook(body, both, secret, { now }))).toBe('accepted');
    expect(code(() => verifyWebhook(body, both, 'whsec_previous_secret', { now }))).toBe('accepted');
    expect(code(() => verifyWebhook(body, both, 'whsec_third', { now }))).toBe('signature_mismatch');
  });

  it('refuses malformed headers', () => {
    const t = Math.floor(now.getTime() / 1000);
    expect(code(() => verifyWebhook(body, '', secret, { now }))).toBe('malformed_header');
    expect(code(() => verifyWebhook(body, `v1=${'a'.repeat(64)}`, secret, { now }))).toBe('malformed_header');
    expect(code(() => verifyWebhook(body, `t=${t}`, secret, { now }))).toBe('no_signature');
    expect(code(() => verifyWebhook(body, `t=${t},v1=zz`, secret, { now }))).toBe('no_signature');
    expect(code(() => verifyWebhook(body, `t=soon,v1=${'a'.repeat(64)}`, secret, { now }))).toBe('malformed_header');
  });
});

describe('the first order, through the SDK', () => {
  let p: TestPlatform;
  let c: Corridor;
  let rx: Receiver | undefined;
  afterAll(async () => {
    await rx?.close();
    await p?.close();
  });

  it('creates and lists a product, receives order.paid on a signed webhook, and fulfils the order', async () => {
    p = await startPlatform({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
    const baseUrl = await listening(p);
    c = await setUpCorridor(p);
    // A live key: the shopper below buys in the live world.
    const key = await call(p, 'POST', '/v1/api-keys', { token: c.A.owner, body: { name: 'sdk', mode: 'live', scopes: ['*'] } });
    expect(key.status, key.raw).toBe(201);
    const tasman = new Tasman({ apiKey: key.body.secret, baseUrl });

    rx = await startReceiver();
    const endpoint = await tasman.post('/v1/webhook-endpoints', { body: { url: rx.url, event_types: ['order.paid'] } });
    const product = await tasman.post('/v1/products', { body: productBody({ price: { amount: '5990', currency: 'AUD' } }) });
    await tasman.post('/v1/products/{id}/activate', { path: { id: product.id }, body: {} });
    const variant = product.variants[0]?.id ?? '';
    await tasman.post('/v1/stock-movements', { body: { kind: 'receipt', variant_id: variant, location_id: c.bonded, quantity: 10 } });

    const shopper = await verifiedShopper(p);
    await fund(p, shopper.token, '100000');
    const paid = await buy(p, shopper.token, [[variant, 1]]);
    const orderId = paid.orders[0].id as string;
    await p.runJobs();

    const delivery = rx.received.find((r) => JSON.parse(r.body).type === 'order.paid');
    if (!delivery) throw new Error('order.paid was not delivered');
    const event = verifyWebhook(delivery.body, String(delivery.headers['tasman-signature']), endpoint.secret ?? '', { now: p.clock.now() });
    expect(event.type).toBe('order.paid');
    expect(event.data).toMatchObject({ order_id: orderId });

    const fulfilling = await tasman.post('/v1/orders/{id}/fulfil', { path: { id: orderId }, body: {} });
    expect(fulfilling).toMatchObject({ id: orderId, state: 'fulfilling' });
    const orders: string[] = [];
    for await (const o of tasman.list('/v1/orders', { query: { limit: 1 } })) orders.push(o.id);
    expect(orders).toContain(orderId);
  });
});
