// Signed webhooks (issue 9, PRODUCT.md C3), end to end: the real server and database, real HTTP
// receivers on 127.0.0.1 (so this platform allows private targets), the delivery job run through
// the job queue with the controllable clock. The SSRF rules are checked on a second platform
// with private targets refused, as in live operation.
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/kernel/context.ts';
import { emitEvent, type EventType } from '../../src/kernel/events.ts';
import { isId } from '../../src/kernel/ids.ts';
import { jobs } from '../../src/kernel/schema.ts';
import { verifySignatureHeader, WebhookSignatureError } from '../../src/kernel/signatures.ts';
import { DISPATCH_JOB, dispatchWebhooks, webhookMaintenance } from '../../src/modules/cloud/delivery.ts';
import { webhookEndpoints } from '../../src/modules/cloud/schema.ts';
import { activate, createProduct, createWarehouse, listableProduct, receive } from '../support/catalog.ts';
import { call, createMerchant, type MerchantFixture, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { type Receiver, startReceiver } from '../support/webhook-receiver.ts';

let p: TestPlatform;
let A: MerchantFixture;
let B: MerchantFixture;
const receivers: Receiver[] = [];

beforeAll(async () => {
  p = await startPlatform({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_DISABLE_AFTER_DAYS: '3' } });
  const admin = await operatorToken(p);
  A = await createMerchant(p, admin, 'Manuka Hooks');
  B = await createMerchant(p, admin, 'Kelp Hooks');
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await p?.close();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

let seq = 0;
/** A domain event of the merchant's, as a service emits it: in a transaction. */
async function emit(merchantId: string, data: Record<string, unknown> = {}, type: EventType = 'order.paid'): Promise<string> {
  const e = await inTransaction(p.ctx(), (tx) => emitEvent(tx, type, merchantId, { order_id: `ord_test${seq++}`, ...data }));
  return e.id;
}

async function register(token: string, url: string, eventTypes: string[] = ['*']) {
  const r = await call(p, 'POST', '/v1/webhook-endpoints', { token, body: { url, event_types: eventTypes, description: 'test' } });
  expect(r.status, r.raw).toBe(201);
  return r.body as { id: string; secret: string; status: string };
}

async function deliveryOf(endpointId: string, eventId: string) {
  const r = await call(p, 'GET', `/v1/webhook-endpoints/${endpointId}/deliveries?event_id=${eventId}`, { token: A.owner });
  expect(r.status, r.raw).toBe(200);
  const d = r.body.data[0];
  if (!d) return undefined;
  return (await call(p, 'GET', `/v1/webhook-deliveries/${d.id}`, { token: A.owner })).body;
}

const eventIdOf = (body: string) => JSON.parse(body).id as string;

describe('registering endpoints', () => {
  it('validates the URL and the event types, and shows the secret once', async () => {
    const bad = async (body: Record<string, unknown>, code: string, param: string) => {
      const r = await call(p, 'POST', '/v1/webhook-endpoints', { token: A.owner, body: { event_types: ['*'], ...body } });
      expect(r.status, r.raw).toBe(
        code === 'invalid_request' || code === 'invalid_webhook_url' || code === 'unknown_event_type' ? 400 : 422,
      );
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.param).toBe(param);
    };
    await bad({ url: 'not a url' }, 'invalid_webhook_url', 'url');
    await bad({ url: 'ftp://hooks.example.com/x' }, 'invalid_webhook_url', 'url');
    await bad({ url: 'https://user:pw@hooks.example.com/x' }, 'invalid_webhook_url', 'url');
    await bad({ url: 'https://hooks.example.com/x', event_types: ['order.paid', 'order.teleported'] }, 'unknown_event_type', 'event_types');
    await bad({ url: 'https://hooks.example.com/x', event_types: [] }, 'invalid_request', 'event_types');

    const ep = await register(A.owner, 'https://hooks.example.com/tasman', ['order.paid', 'order.shipped']);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const got = await call(p, 'GET', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner });
    expect(got.body).toMatchObject({ id: ep.id, status: 'enabled', event_types: ['order.paid', 'order.shipped'], description: 'test' });
    expect(got.raw).not.toContain(ep.secret);
    expect(got.body.secret).toBeUndefined();
    const list = await call(p, 'GET', '/v1/webhook-endpoints', { token: A.apiKey });
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(ep.id);
    expect(list.raw).not.toContain('whsec_');
    // `*` with others is just `*`.
    const all = await register(A.owner, 'https://hooks.example.com/all', ['*', 'order.paid']);
    expect((await call(p, 'GET', `/v1/webhook-endpoints/${all.id}`, { token: A.owner })).body.event_types).toEqual(['*']);
    for (const id of [ep.id, all.id]) expect((await call(p, 'DELETE', `/v1/webhook-endpoints/${id}`, { token: A.owner })).status).toBe(200);
    expect((await call(p, 'GET', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner })).status).toBe(404);
  });

  it('a key needs webhooks:write to register and webhooks:read to list', async () => {
    const k = await call(p, 'POST', '/v1/api-keys', {
      token: A.owner,
      body: { name: 'hooks-read', mode: 'live', scopes: ['webhooks:read'] },
    });
    expect(k.status, k.raw).toBe(201);
    expect((await call(p, 'GET', '/v1/webhook-endpoints', { token: k.body.secret })).status).toBe(200);
    const r = await call(p, 'POST', '/v1/webhook-endpoints', {
      token: k.body.secret,
      body: { url: 'https://h.example.com', event_types: ['*'] },
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('insufficient_scope');
  });
});

describe('delivery', () => {
  it('signs each delivery so an independent verifier accepts it, and refuses a stale or tampered one', async () => {
    const rx = await receiver();
    const ep = await register(A.owner, rx.url, ['order.paid']);
    const eventId = await emit(A.id, { amount: { amount: '1234', currency: 'CNY' } });
    await emit(A.id, {}, 'order.shipped'); // not a type this endpoint takes
    // The emitting transaction queued the dispatch job (a trigger on events), with a proper job id.
    const queued = await p.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, DISPATCH_JOB), eq(jobs.status, 'queued')));
    expect(queued.length).toBeGreaterThan(0);
    for (const j of queued) expect(isId('job', j.id), j.id).toBe(true);
    await p.runJobs();
    expect(rx.received).toHaveLength(1);
    const [got] = rx.received;
    if (!got) throw new Error('nothing received');
    const header = String(got.headers['tasman-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['tasman-event-id']).toBe(eventId);
    const body = JSON.parse(got.body);
    expect(body).toEqual({
      id: eventId,
      object: 'event',
      type: 'order.paid',
      created: Math.floor(p.clock.now().getTime() / 1000),
      livemode: true,
      data: expect.objectContaining({ amount: { amount: '1234', currency: 'CNY' } }),
    });
    // The receiver's check: the secret shown at registration, the raw body, the header, its own clock.
    expect(() => verifySignatureHeader(ep.secret, got.body, header, p.clock.now())).not.toThrow();
    const stale = new Date(p.clock.now().getTime() + 301_000);
    expect(() => verifySignatureHeader(ep.secret, got.body, header, stale)).toThrow(/tolerance/);
    const tampered = got.body.replace('1234', '9234');
    expect(() => verifySignatureHeader(ep.secret, tampered, header, p.clock.now())).toThrow(WebhookSignatureError);
    expect(() => verifySignatureHeader('whsec_not_the_secret', got.body, header, p.clock.now())).toThrow(/does not match/);
    await call(p, 'POST', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner, body: { disabled: true } });
  });

  it('delivers a real domain event (inventory.low_stock) from the outbox', async () => {
    const rx = await receiver();
    const ep = await register(A.apiKey, rx.url, ['inventory.low_stock']);
    const product = await createProduct(p, A.owner, listableProduct());
    await activate(p, A.owner, product.id);
    const location = await createWarehouse(p, A.owner, 'Hook DC');
    const level = await receive(p, A.owner, product.variants[0].id, location, 5);
    expect((await call(p, 'POST', `/v1/stock-levels/${level.id}`, { token: A.owner, body: { low_stock_threshold: 10 } })).status).toBe(200);
    expect(rx.received).toHaveLength(0); // never inline in the request
    await p.runJobs();
    expect(rx.received).toHaveLength(1);
    const body = JSON.parse(rx.received[0]?.body ?? '{}');
    expect(body.type).toBe('inventory.low_stock');
    expect(() =>
      verifySignatureHeader(ep.secret, rx.received[0]?.body ?? '', String(rx.received[0]?.headers['tasman-signature']), p.clock.now()),
    ).not.toThrow();
    await call(p, 'DELETE', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner });
  });

  it('retries with exponential backoff while the receiver fails, and records every attempt', async () => {
    const rx = await receiver();
    rx.respond = (_r, n) => (n < 3 ? 503 : 200);
    const ep = await register(A.owner, rx.url, ['order.paid']);
    const eventId = await emit(A.id);
    await p.runJobs();
    expect(rx.received).toHaveLength(1);
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await deliveryOf(ep.id, eventId);
      expect(d.status).toBe('pending');
      const wait = new Date(d.next_attempt_at).getTime() - p.clock.now().getTime();
      gaps.push(wait);
      // Nothing goes out before the backoff has passed.
      p.clock.advance(wait - 1000);
      await p.runJobs();
      expect(rx.received).toHaveLength(i + 1);
      p.clock.advance(1000);
      await p.runJobs();
      expect(rx.received).toHaveLength(i + 2);
    }
    // 1, 2, 4 minutes, each with up to half of it as jitter.
    expect(gaps[0]).toBeGreaterThanOrEqual(30_000);
    expect(gaps[0]).toBeLessThanOrEqual(60_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(60_000);
    expect(gaps[1]).toBeLessThanOrEqual(120_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(120_000);
    expect(gaps[2]).toBeLessThanOrEqual(240_000);
    const d = await deliveryOf(ep.id, eventId);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 4, last_status_code: 200, last_error: null, next_attempt_at: null });
    expect(d.attempt_log.map((a: { response_status: number }) => a.response_status)).toEqual([200, 503, 503, 503]);
    for (const a of d.attempt_log) {
      expect(a.request_body).toBe(rx.received[0]?.body);
      expect(a.url).toBe(rx.url);
      expect(a.latency_ms).toBeGreaterThanOrEqual(0);
      expect(a.signature).toMatch(/^t=\d+,v1=/);
    }
    expect(d.attempt_log[1]).toMatchObject({ error: 'HTTP 503', response_body: 'not now' });
    // The endpoint recovered: healthy again.
    const e = (await call(p, 'GET', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner })).body;
    expect(e).toMatchObject({ status: 'enabled', failing_since: null });
    expect(e.last_success_at).not.toBeNull();
    await call(p, 'DELETE', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner });
  });

  it('delivers events of one object in order: a later one waits until the earlier succeeded', async () => {
    const rx = await receiver();
    let failFirst = true;
    rx.respond = (r) => {
      if (failFirst && JSON.parse(r.body).data.order_id === 'ord_same') {
        failFirst = false;
        return 500;
      }
      return 200;
    };
    const ep = await register(A.owner, rx.url, ['order.paid', 'order.shipped']);
    const e1 = await emit(A.id, { order_id: 'ord_same' }, 'order.paid');
    p.clock.advance(1000);
    const e2 = await emit(A.id, { order_id: 'ord_same' }, 'order.shipped');
    const other = await emit(A.id, { order_id: 'ord_other' }, 'order.paid');
    await p.runJobs();
    // The first failed; the other object's event went; the second of ord_same waits.
    expect(rx.received.map((r) => eventIdOf(r.body)).sort()).toEqual([e1, other].sort());
    expect((await deliveryOf(ep.id, e2)).attempts).toBe(0);
    const d1 = await deliveryOf(ep.id, e1);
    p.clock.set(new Date(d1.next_attempt_at));
    await p.runJobs();
    expect(rx.received.slice(2).map((r) => eventIdOf(r.body))).toEqual([e1, e2]);
    expect((await deliveryOf(ep.id, e2)).status).toBe('succeeded');
    await call(p, 'DELETE', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner });
  });
});

describe('a receiver that never recovers', () => {
  it('is retried for 3 days, then the delivery fails, the endpoint is disabled and the merchant told', async () => {
    const down = await receiver();
    down.respond = () => 500;
    const watcher = await receiver();
    const ep = await register(A.owner, down.url, ['order.paid']);
    const healthy = await register(A.owner, watcher.url, ['webhook_endpoint.disabled']);
    const start = p.clock.now().getTime();
    const eventId = await emit(A.id);
    await p.runJobs();
    let d = await deliveryOf(ep.id, eventId);
    let rounds = 0;
    while (d.status === 'pending' && rounds++ < 100) {
      p.clock.set(new Date(d.next_attempt_at));
      await p.runJobs();
      d = await deliveryOf(ep.id, eventId);
    }
    expect(d.status).toBe('failed');
    // The last attempt is at the end of the window, 3 days after the event; none after it.
    expect(p.clock.now().getTime() - start).toBe(72 * 3_600_000);
    expect(d.attempts).toBe(down.received.length);
    expect(d.attempts).toBeGreaterThan(10);
    expect(d.attempts).toBeLessThan(30);
    expect(d.next_attempt_at).toBeNull();
    // The merchant is told by webhook too, at the endpoint that still works.
    expect(watcher.received.map((r) => JSON.parse(r.body).type)).toEqual(['webhook_endpoint.disabled']);
    expect(() =>
      verifySignatureHeader(
        healthy.secret,
        watcher.received[0]?.body ?? '',
        String(watcher.received[0]?.headers['tasman-signature']),
        p.clock.now(),
      ),
    ).not.toThrow();
    p.clock.advance(86_400_000);
    await p.runJobs();
    expect(down.received.length).toBe(d.attempts);

    // Every delivery failed for 3 days: the endpoint is disabled, shows why, and the merchant was told.
    const e = (await call(p, 'GET', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner })).body;
    expect(e).toMatchObject({ status: 'disabled', disabled_reason: 'failing' });
    expect(e.failing_since).not.toBeNull();
    const evs = await call(p, 'GET', '/v1/events?type=webhook_endpoint.disabled', { token: A.owner });
    expect(evs.body.data).toHaveLength(1);
    expect(evs.body.data[0].data).toMatchObject({ endpoint_id: ep.id, reason: 'failing', url: down.url });
    // A disabled endpoint gets nothing new.
    await emit(A.id);
    await p.runJobs();
    expect(down.received.length).toBe(d.attempts);

    // Manual replay: refused while disabled; after enabling, the failed delivery goes again.
    const retry = await call(p, 'POST', `/v1/webhook-deliveries/${d.id}/retry`, { token: A.owner, body: {} });
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('invalid_state');
    const enabled = await call(p, 'POST', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner, body: { disabled: false } });
    expect(enabled.body).toMatchObject({ status: 'enabled', disabled_reason: null, failing_since: null });
    down.respond = () => 200;
    const again = await call(p, 'POST', `/v1/webhook-deliveries/${d.id}/retry`, { token: A.owner, body: {} });
    expect(again.status, again.raw).toBe(200);
    expect(again.body.status).toBe('pending');
    const before = down.received.length;
    await p.runJobs();
    expect(down.received.slice(before).map((r) => eventIdOf(r.body))).toEqual([eventId]);
    expect((await deliveryOf(ep.id, eventId)).status).toBe('succeeded');

    // Replaying the event sends it to every enabled endpoint that takes its type.
    const replay = await call(p, 'POST', `/v1/events/${eventId}/redeliver`, { token: A.apiKey, body: {} });
    expect(replay.status, replay.raw).toBe(200);
    expect(replay.body.data.map((x: { endpoint_id: string }) => x.endpoint_id)).toEqual([ep.id]);
    await p.runJobs();
    expect(down.received.at(-1)?.headers['tasman-event-id']).toBe(eventId);
    for (const id of [ep.id, healthy.id]) await call(p, 'DELETE', `/v1/webhook-endpoints/${id}`, { token: A.owner });
  });
});

describe('secrets and switching off', () => {
  it('rolls the secret, signing with both during the overlap', async () => {
    const rx = await receiver();
    const ep = await register(A.owner, rx.url, ['order.paid']);
    const rolled = await call(p, 'POST', `/v1/webhook-endpoints/${ep.id}/roll-secret`, { token: A.owner, body: { overlap_hours: 1 } });
    expect(rolled.status, rolled.raw).toBe(200);
    expect(rolled.body.secret).toMatch(/^whsec_/);
    expect(rolled.body.secret).not.toBe(ep.secret);
    await emit(A.id);
    await p.runJobs();
    const got = rx.received[0];
    const header = String(got?.headers['tasman-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    for (const s of [ep.secret, rolled.body.secret])
      expect(() => verifySignatureHeader(s, got?.body ?? '', header, p.clock.now())).not.toThrow();
    // After the overlap, only the new one.
    p.clock.advance(3_600_001);
    await emit(A.id);
    await p.runJobs();
    const late = rx.received[1];
    const h2 = String(late?.headers['tasman-signature']);
    expect(() => verifySignatureHeader(rolled.body.secret, late?.body ?? '', h2, p.clock.now())).not.toThrow();
    expect(() => verifySignatureHeader(ep.secret, late?.body ?? '', h2, p.clock.now())).toThrow();
    await call(p, 'DELETE', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner });
  });

  it('a disabled endpoint receives nothing until enabled', async () => {
    const rx = await receiver();
    const ep = await register(A.owner, rx.url, ['order.paid']);
    const off = await call(p, 'POST', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner, body: { disabled: true } });
    expect(off.body).toMatchObject({ status: 'disabled', disabled_reason: 'manual' });
    await emit(A.id);
    await p.runJobs();
    expect(rx.received).toHaveLength(0);
    await call(p, 'POST', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner, body: { disabled: false } });
    const e = await emit(A.id);
    await p.runJobs();
    expect(rx.received.map((r) => eventIdOf(r.body))).toEqual([e]);
    await call(p, 'DELETE', `/v1/webhook-endpoints/${ep.id}`, { token: A.owner });
  });
});

describe('tenant isolation', () => {
  it('another merchant’s endpoints, deliveries and events are not found, and its events never reach them', async () => {
    const rxA = await receiver();
    const rxB = await receiver();
    const epA = await register(A.owner, rxA.url);
    const epB = await register(B.owner, rxB.url);
    const eA = await emit(A.id);
    const eB = await emit(B.id);
    await p.runJobs();
    expect(rxA.received.map((r) => eventIdOf(r.body))).toEqual([eA]);
    expect(rxB.received.map((r) => eventIdOf(r.body))).toEqual([eB]);
    const dA = await deliveryOf(epA.id, eA);
    for (const token of [B.owner, B.apiKey]) {
      for (const [method, url] of [
        ['GET', `/v1/webhook-endpoints/${epA.id}`],
        ['POST', `/v1/webhook-endpoints/${epA.id}`],
        ['DELETE', `/v1/webhook-endpoints/${epA.id}`],
        ['POST', `/v1/webhook-endpoints/${epA.id}/roll-secret`],
        ['GET', `/v1/webhook-endpoints/${epA.id}/deliveries`],
        ['GET', `/v1/webhook-deliveries/${dA.id}`],
        ['POST', `/v1/webhook-deliveries/${dA.id}/retry`],
        ['POST', `/v1/events/${eA}/redeliver`],
      ] as const) {
        const r = await call(p, method, url, { token, body: method === 'POST' ? { disabled: true } : undefined });
        expect(r.status, `${method} ${url}: ${r.raw}`).toBe(404);
        expect(r.body.error.code).toBe('not_found');
      }
      const list = await call(p, 'GET', '/v1/webhook-endpoints', { token });
      expect(list.raw).not.toContain(epA.id);
      expect(list.raw).toContain(epB.id);
    }
    // B's replay of its own event with A's endpoint named: not found either.
    const cross = await call(p, 'POST', `/v1/events/${eB}/redeliver`, { token: B.owner, body: { endpoint_id: epA.id } });
    expect(cross.status).toBe(404);
    expect((await call(p, 'GET', `/v1/webhook-endpoints/${epA.id}`, { token: A.owner })).body.status).toBe('enabled');
    await call(p, 'DELETE', `/v1/webhook-endpoints/${epA.id}`, { token: A.owner });
    await call(p, 'DELETE', `/v1/webhook-endpoints/${epB.id}`, { token: B.owner });
  });
});

describe('SSRF: private targets refused (live setting)', () => {
  let live: TestPlatform;
  let M: MerchantFixture;
  beforeAll(async () => {
    live = await startPlatform();
    M = await createMerchant(live, await operatorToken(live), 'Live Hooks');
  });
  afterAll(async () => live?.close());

  const REFUSED = [
    'https://127.0.0.1/hook',
    'https://127.1.2.3:8443/hook',
    'https://10.0.0.5/hook',
    'https://172.16.9.9/hook',
    'https://192.168.1.10/hook',
    'https://100.64.0.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://0.0.0.0/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:a9fe:a9fe]/hook',
    'https://[fd00:ec2::254]/hook',
    'https://[fe80::1]/hook',
    'https://localhost/hook',
    'https://api.localhost/hook',
    'https://metadata.google.internal/computeMetadata/v1/',
  ];

  it.each(REFUSED)('refuses %s at registration', async (url) => {
    const r = await call(live, 'POST', '/v1/webhook-endpoints', { token: M.owner, body: { url, event_types: ['*'] } });
    expect(r.status, r.raw).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'webhook_target_not_allowed', param: 'url' });
  });

  it('refuses plain http, and a name that resolves to a private address now', async () => {
    const http = await call(live, 'POST', '/v1/webhook-endpoints', {
      token: M.owner,
      body: { url: 'http://hooks.example.com/x', event_types: ['*'] },
    });
    expect(http.body.error?.code).toBe('invalid_webhook_url');
    const name = hostname();
    const addrs = await lookup(`${name}.`, { all: true }).catch(() => []);
    if (name.includes('.') && addrs.length && addrs.every((a) => /^127\.|^::1$/.test(a.address))) {
      const r = await call(live, 'POST', '/v1/webhook-endpoints', {
        token: M.owner,
        body: { url: `https://${name}/x`, event_types: ['*'] },
      });
      expect(r.body.error?.code).toBe('webhook_target_not_allowed');
    }
  });

  it('refuses at delivery: a name that resolves to a private address then (DNS rebinding), and a stored private address', async () => {
    const rx = await startReceiver();
    try {
      // Accepted: a public address, and a name that does not resolve yet.
      const ok = await call(live, 'POST', '/v1/webhook-endpoints', {
        token: M.owner,
        body: { url: 'https://rebind.hooks.invalid/tasman', event_types: ['order.paid'] },
      });
      expect(ok.status, ok.raw).toBe(201);
      // An endpoint whose stored URL is private (written before the rule, or an operator's mistake): refused when sending.
      const stored = await call(live, 'POST', '/v1/webhook-endpoints', {
        token: M.owner,
        body: { url: 'https://93.184.215.14/tasman', event_types: ['order.paid'] },
      });
      expect(stored.status, stored.raw).toBe(201);
      await live.database.db
        .update(webhookEndpoints)
        .set({ url: rx.url.replace('http:', 'https:') })
        .where(eq(webhookEndpoints.id, stored.body.id));
      const v6 = await call(live, 'POST', '/v1/webhook-endpoints', {
        token: M.owner,
        body: { url: 'https://rebind6.hooks.invalid/tasman', event_types: ['order.paid'] },
      });
      const event = await inTransaction(live.ctx(), (tx) => emitEvent(tx, 'order.paid', M.id, { order_id: 'ord_ssrf' }));
      // The job as it runs, with DNS answering as an attacker's name server would at delivery time.
      const rebinding = {
        [DISPATCH_JOB]: async (ctx: Parameters<typeof dispatchWebhooks>[0]) => {
          await dispatchWebhooks(ctx, {
            resolver: async (host) =>
              host.startsWith('rebind6')
                ? [{ address: '::ffff:169.254.169.254', family: 6 }]
                : [
                    { address: '93.184.215.14', family: 4 },
                    { address: '127.0.0.1', family: 4 },
                  ],
          });
        },
      };
      await live.runJobs(rebinding);
      expect(rx.received).toHaveLength(0);
      const errorOf = async (endpointId: string) => {
        const list = await call(live, 'GET', `/v1/webhook-endpoints/${endpointId}/deliveries?event_id=${event.id}`, { token: M.owner });
        const d = await call(live, 'GET', `/v1/webhook-deliveries/${list.body.data[0].id}`, { token: M.owner });
        expect(d.body.status).toBe('pending');
        expect(d.body.attempt_log[0].response_status).toBeNull();
        return d.body.attempt_log[0].error as string;
      };
      expect(await errorOf(ok.body.id)).toMatch(/refused: rebind\.hooks\.invalid resolves to a loopback address/);
      expect(await errorOf(v6.body.id)).toMatch(/refused: .* resolves to a link_local address/);
      expect(await errorOf(stored.body.id)).toMatch(/refused: the address is loopback/);
    } finally {
      await rx.close();
    }
  });
});

// Last in the file: it moves the clock a month.
describe('the delivery log', () => {
  it('keeps a finished delivery WEBHOOK_LOG_RETENTION_DAYS (30) after it finished, then purges it with its attempts; one finishing later stays', async () => {
    const rx = await receiver();
    const ep = await register(A.owner, rx.url, ['order.paid']);
    const done = await emit(A.id);
    await p.runJobs();
    const finished = await deliveryOf(ep.id, done);
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 1 });
    // The object it is about, as deliveries are ordered by it.
    expect(finished.object_key).toMatch(/^order_id:ord_test\d+$/);
    // A delivery still being retried is not finished: its retention starts when it is.
    rx.respond = () => 503;
    const waiting = await emit(A.id, { order_id: 'ord_purge_pending' });
    await p.runJobs();
    expect((await deliveryOf(ep.id, waiting))?.status).toBe('pending');

    p.clock.advance(30 * 86_400_000 - 60_000);
    await webhookMaintenance(p.ctx()); // older deliveries of earlier tests may go; not this one
    // Sessions have ended by now: the merchant's key reads.
    expect((await call(p, 'GET', `/v1/webhook-deliveries/${finished.id}`, { token: A.apiKey })).status).toBe(200);
    p.clock.advance(120_000);
    const r = await webhookMaintenance(p.ctx());
    expect(r.purged).toBeGreaterThanOrEqual(1);
    expect((await call(p, 'GET', `/v1/webhook-deliveries/${finished.id}`, { token: A.apiKey })).status).toBe(404);
    const { rows } = (await p.rt.database.db.execute(
      `select count(*)::int as n from webhook_attempts where delivery_id = '${finished.id}'`,
    )) as unknown as { rows: { n: number }[] };
    expect(rows[0]?.n).toBe(0);
    // The one still retrying when the month began finished only now (its endpoint, failing for days,
    // was disabled and the delivery expired): kept for the retention from now, not purged.
    const still = await call(p, 'GET', `/v1/webhook-endpoints/${ep.id}/deliveries?event_id=${waiting}`, { token: A.apiKey });
    expect(still.body.data.map((d: { status: string }) => d.status)).toEqual(['failed']);
    await call(p, 'DELETE', `/v1/webhook-endpoints/${ep.id}`, { token: A.apiKey });
  });
});
