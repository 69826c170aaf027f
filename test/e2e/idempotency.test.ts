// Idempotency-Key (docs/api.md, src/kernel/http/idempotency.ts) through the real server:
// replays, reuse with another body, per-principal keys, concurrent duplicates (in-process
// and over a socket), 5xx not stored, validation failures not consuming the key, limits.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordAudit } from '../../src/kernel/audit.ts';
import { inTransaction } from '../../src/kernel/context.ts';
import type { HttpModule } from '../../src/kernel/http/server.ts';
import { typed } from '../../src/kernel/http/server.ts';
import { call, createMerchant, DEMO_PASSWORD, type MerchantFixture, operatorToken, type Res } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

type ApiError = { error: { type: string; code: string; param?: string } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many times each probe handler body ran, by tag (the effect is counted in the database). */
const handlerRuns = new Map<string, number>();
const bump = (tag: string) => {
  const n = (handlerRuns.get(tag) ?? 0) + 1;
  handlerRuns.set(tag, n);
  return n;
};

// Routes that exist only in this test. Each execution writes one audit row (the effect)
// and answers with a fresh nonce, so a second execution would be visible in the body too.
const probes: HttpModule = {
  name: 'idempotency-probes',
  tag: { name: 'probes', description: 'test only' },
  routes(root) {
    const app = typed(root);
    app.post(
      '/v1/test/effects',
      {
        config: { access: 'public' },
        schema: {
          body: z.object({
            tag: z.string().min(1).max(200),
            sleep_ms: z.number().int().min(0).max(10_000).default(0),
            // 'transaction': hold a transaction open while sleeping (a slow write);
            // 'handler': sleep before touching the database (a slow upstream call).
            sleep_in: z.enum(['transaction', 'handler']).default('transaction'),
            note: z.string().optional(),
          }),
        },
      },
      async (req, reply) => {
        const { tag, sleep_ms, sleep_in } = req.body;
        const run = bump(tag);
        if (sleep_in === 'handler') await sleep(sleep_ms);
        await inTransaction(req.ctx, async (tx) => {
          if (sleep_in === 'transaction') await sleep(sleep_ms);
          await recordAudit(tx, { action: 'test.effect', objectType: 'test', objectId: tag, data: { run } });
        });
        return reply.code(201).send({ tag, run, nonce: randomUUID() });
      },
    );
    app.post(
      '/v1/test/fails-once',
      { config: { access: 'public' }, schema: { body: z.object({ tag: z.string().min(1).max(200) }) } },
      async (req, reply) => {
        const { tag } = req.body;
        const run = bump(tag);
        await inTransaction(req.ctx, async (tx) => {
          await recordAudit(tx, { action: 'test.effect', objectType: 'test', objectId: tag, data: { run } });
          // The first attempt dies after writing: the transaction rolls back, the client sees a 500.
          if (run === 1) throw new Error('connection reset by peer');
        });
        return reply.code(201).send({ tag, run, nonce: randomUUID() });
      },
    );
  },
};

let p: TestPlatform;
let op: string;
let a: MerchantFixture;
let b: MerchantFixture;
let base: string;

beforeAll(async () => {
  p = await startPlatform({ modules: [probes] });
  op = await operatorToken(p);
  a = await createMerchant(p, op, 'Kiwi Kitchen');
  b = await createMerchant(p, op, 'Otago Wool');
  await p.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(p.app.server.address() as AddressInfo).port}`;
});
afterAll(() => p.close());

const key = () => `idem-${randomUUID()}`;
const withKey = (k: string) => ({ 'idempotency-key': k });

/** Rows the probe routes wrote for a tag: the number of effects that committed. */
async function effects(tag: string): Promise<number> {
  const rows = await p.database.query<{ n: number }>(
    "select count(*)::int as n from audit_events where action = 'test.effect' and object_id = $1",
    [tag],
  );
  return Number(rows[0]?.n);
}

async function apiKeyNames(token: string): Promise<string[]> {
  const r = await call(p, 'GET', '/v1/api-keys?limit=100', { token });
  expect(r.status).toBe(200);
  return r.body.data.map((k: { name: string }) => k.name);
}

function expectIdempotencyError(r: Res<ApiError>, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.type).toBe('idempotency_error');
  expect(r.body.error.param).toBe('Idempotency-Key');
}

interface Outcome {
  status: number;
  raw: string;
  replayed: string | undefined;
}

/**
 * Concurrent duplicates: exactly one original 201; every other answer is a byte-identical
 * replay of it or 409 idempotency_key_in_use. Never a second 201 of its own.
 */
function expectOneOriginal(outcomes: Outcome[]): Outcome {
  const originals = outcomes.filter((o) => o.status === 201 && o.replayed === undefined);
  expect(originals).toHaveLength(1);
  const original = originals[0] as Outcome;
  for (const o of outcomes) {
    if (o === original) continue;
    if (o.status === 201) {
      expect(o.replayed).toBe('true');
      expect(o.raw).toBe(original.raw);
    } else {
      expect(o.status).toBe(409);
      expect(JSON.parse(o.raw).error.code).toBe('idempotency_key_in_use');
    }
  }
  return original;
}

const fromRes = (r: Res): Outcome => ({
  status: r.status,
  raw: r.raw,
  replayed: r.headers['idempotent-replayed'] as string | undefined,
});

describe('replay', () => {
  it('same key and body → the stored response, marked replayed, with one effect', async () => {
    const k = key();
    const first = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'replayed', mode: 'test' }, headers: withKey(k) });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'replayed', mode: 'test' }, headers: withKey(k) });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.raw).toBe(first.raw);
    // A replay is still its own request.
    expect(again.headers['request-id']).not.toBe(first.headers['request-id']);

    expect((await apiKeyNames(a.owner)).filter((n) => n === 'replayed')).toHaveLength(1);
    // The stored response holds the key's secret (shown once): it is encrypted at rest.
    const stored = await p.database.query<{ response_body: string }>('select response_body from idempotency_keys where key = $1', [k]);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.response_body).toMatch(/^v1\./);
    expect(stored[0]?.response_body).not.toContain(first.body.secret);
  });

  it('a record past the 24-hour retention is not replayed: the key is free again', async () => {
    const k = key();
    const first = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'old-key' }, headers: withKey(k) });
    expect(first.status).toBe(201);
    p.clock.advance(24 * 3_600_000 + 1);
    const later = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'old-key' }, headers: withKey(k) });
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('the same JSON with its keys in another order is the same request (a replay)', async () => {
    const k = key();
    const tag = `reorder-${k}`;
    const first = await call(p, 'POST', '/v1/test/effects', { body: { tag, sleep_ms: 0, note: 'x' }, headers: withKey(k) });
    expect(first.status).toBe(201);
    const reordered = await call(p, 'POST', '/v1/test/effects', {
      rawBody: `{"note":"x","sleep_ms":0,"tag":${JSON.stringify(tag)}}`,
      headers: { ...withKey(k), 'content-type': 'application/json' },
    });
    expect(reordered.status).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(reordered.raw).toBe(first.raw);
    expect(await effects(tag)).toBe(1);
    expect(handlerRuns.get(tag)).toBe(1);
  });

  it('a 4xx from the handler is stored and replayed too', async () => {
    const k = key();
    const missing = 'key_01jdx8qz7pf2v3r5s6t7w8y9za';
    const first = await call(p, 'POST', `/v1/api-keys/${missing}/revoke`, { token: a.owner, headers: withKey(k) });
    expect(first.status).toBe(404);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await call(p, 'POST', `/v1/api-keys/${missing}/revoke`, { token: a.owner, headers: withKey(k) });
    expect(again.status).toBe(404);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.error.code).toBe('not_found');
  });

  it('without the header nothing is deduplicated', async () => {
    const tag = `no-key-${randomUUID()}`;
    const r1 = await call(p, 'POST', '/v1/test/effects', { body: { tag } });
    const r2 = await call(p, 'POST', '/v1/test/effects', { body: { tag } });
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.headers['idempotent-replayed']).toBeUndefined();
    expect(await effects(tag)).toBe(2);
  });
});

describe('reuse', () => {
  it('same key, different body → 422 idempotency_key_reused, no second effect', async () => {
    const k = key();
    const first = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'reuse-one' }, headers: withKey(k) });
    expect(first.status).toBe(201);
    const other = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'reuse-two' }, headers: withKey(k) });
    expectIdempotencyError(other, 422, 'idempotency_key_reused');
    const names = await apiKeyNames(a.owner);
    expect(names.filter((n) => n === 'reuse-one')).toHaveLength(1);
    expect(names).not.toContain('reuse-two');
    // The original is still replayable after the refused reuse.
    const again = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'reuse-one' }, headers: withKey(k) });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.raw).toBe(first.raw);
  });

  it('same key and body on another path → 422', async () => {
    const k = key();
    const tag = `path-${k}`;
    expect((await call(p, 'POST', '/v1/test/effects', { body: { tag }, headers: withKey(k) })).status).toBe(201);
    const elsewhere = await call(p, 'POST', '/v1/test/fails-once', { body: { tag }, headers: withKey(k) });
    expectIdempotencyError(elsewhere, 422, 'idempotency_key_reused');
    expect(handlerRuns.get(tag)).toBe(1);
  });
});

describe('keys are per principal', () => {
  it('the same key from another merchant is independent, whatever the body', async () => {
    const k = key();
    const mine = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'shared-key' }, headers: withKey(k) });
    const sameBody = await call(p, 'POST', '/v1/api-keys', { token: b.owner, body: { name: 'shared-key' }, headers: withKey(k) });
    expect(mine.status).toBe(201);
    expect(sameBody.status).toBe(201);
    expect(sameBody.headers['idempotent-replayed']).toBeUndefined();
    expect(sameBody.body.id).not.toBe(mine.body.id);

    const k2 = key();
    expect((await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'body-a' }, headers: withKey(k2) })).status).toBe(201);
    const otherBody = await call(p, 'POST', '/v1/api-keys', { token: b.owner, body: { name: 'body-b' }, headers: withKey(k2) });
    expect(otherBody.status).toBe(201);

    expect((await apiKeyNames(a.owner)).filter((n) => n === 'shared-key')).toHaveLength(1);
    expect((await apiKeyNames(b.owner)).filter((n) => n === 'shared-key')).toHaveLength(1);
    expect(await apiKeyNames(b.owner)).toContain('body-b');
  });
});

describe('concurrent duplicates', () => {
  it.each([2, 10])('%i identical requests at once (inject) → one effect', async (n) => {
    const k = key();
    const tag = `race-inject-${n}-${k}`;
    const results = await Promise.all(
      Array.from({ length: n }, () => call(p, 'POST', '/v1/test/effects', { body: { tag, sleep_ms: 200 }, headers: withKey(k) })),
    );
    expectOneOriginal(results.map(fromRes));
    expect(handlerRuns.get(tag)).toBe(1);
    expect(await effects(tag)).toBe(1);
  });

  async function post(path: string, body: unknown, headers: Record<string, string>): Promise<Outcome> {
    const r = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, raw: await r.text(), replayed: r.headers.get('idempotent-replayed') ?? undefined };
  }

  it.each([2, 10])('%i identical requests at once over a real socket → one effect', async (n) => {
    const k = key();
    const tag = `race-socket-${n}-${k}`;
    const outcomes = await Promise.all(Array.from({ length: n }, () => post('/v1/test/effects', { tag, sleep_ms: 200 }, withKey(k))));
    const original = expectOneOriginal(outcomes);
    expect(JSON.parse(original.raw).tag).toBe(tag);
    expect(handlerRuns.get(tag)).toBe(1);
    expect(await effects(tag)).toBe(1);
  });

  it('10 concurrent API key creations with one key over a socket → one API key', async () => {
    const k = key();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('/v1/api-keys', { name: `socket-race-${k}` }, { ...withKey(k), authorization: `Bearer ${a.owner}` }),
      ),
    );
    expectOneOriginal(outcomes);
    expect((await apiKeyNames(a.owner)).filter((n) => n === `socket-race-${k}`)).toHaveLength(1);
  });

  it('a duplicate that outwaits the first request gets 409 idempotency_key_in_use, then a replay', { timeout: 30_000 }, async () => {
    const k = key();
    const tag = `in-use-${k}`;
    // The first request is slow (7 s) without holding the database; the duplicate waits
    // 5 s for it and gives up with 409.
    const slow = call(p, 'POST', '/v1/test/effects', { body: { tag, sleep_ms: 7_000, sleep_in: 'handler' }, headers: withKey(k) });
    await sleep(100);
    const dup = await call(p, 'POST', '/v1/test/effects', { body: { tag, sleep_ms: 7_000, sleep_in: 'handler' }, headers: withKey(k) });
    expectIdempotencyError(dup, 409, 'idempotency_key_in_use');
    const first = await slow;
    expect(first.status).toBe(201);
    const later = await call(p, 'POST', '/v1/test/effects', { body: { tag, sleep_ms: 7_000, sleep_in: 'handler' }, headers: withKey(k) });
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.raw).toBe(first.raw);
    expect(handlerRuns.get(tag)).toBe(1);
    expect(await effects(tag)).toBe(1);
  });
});

describe('what does not use up a key', () => {
  it('a 5xx is not stored: the retry with the same key runs and succeeds, one effect', async () => {
    const k = key();
    const tag = `flaky-${k}`;
    const failed = await call(p, 'POST', '/v1/test/fails-once', { body: { tag }, headers: withKey(k) });
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('internal_error');
    expect(await effects(tag)).toBe(0);

    const retried = await call(p, 'POST', '/v1/test/fails-once', { body: { tag }, headers: withKey(k) });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body.run).toBe(2);

    // From now on the success is what the key replays.
    const replay = await call(p, 'POST', '/v1/test/fails-once', { body: { tag }, headers: withKey(k) });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.raw).toBe(retried.raw);
    expect(handlerRuns.get(tag)).toBe(2);
    expect(await effects(tag)).toBe(1);
  });

  it('a body refused by validation does not consume the key', async () => {
    const k = key();
    const bad = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: '' }, headers: withKey(k) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    // A corrected body with the same key is a new request, not a reuse.
    const good = await call(p, 'POST', '/v1/api-keys', { token: a.owner, body: { name: 'after-400' }, headers: withKey(k) });
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
    expect((await apiKeyNames(a.owner)).filter((n) => n === 'after-400')).toHaveLength(1);
  });

  it('a request refused by authentication does not consume the key', async () => {
    const k = key();
    const anon = await call(p, 'POST', '/v1/api-keys', { body: { name: 'after-401' }, headers: withKey(k) });
    expect(anon.status).toBe(401);
    const rows = await p.database.query('select 1 from idempotency_keys where key = $1', [k]);
    expect(rows).toHaveLength(0);
  });
});

describe('the header itself', () => {
  it('longer than 255 characters → 400 invalid_request naming Idempotency-Key, and nothing runs', async () => {
    const tag = `long-${randomUUID()}`;
    const r = await call(p, 'POST', '/v1/test/effects', { body: { tag }, headers: withKey('k'.repeat(256)) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.param).toBe('Idempotency-Key');
    expect(await effects(tag)).toBe(0);

    const ok = await call(p, 'POST', '/v1/test/effects', { body: { tag }, headers: withKey(`${randomUUID()}`.padEnd(255, 'k')) });
    expect(ok.status).toBe(201);
  });

  it('sign-in ignores it: two sign-ins with one key give two sessions', async () => {
    const k = key();
    const body = { realm: 'staff', email: a.ownerEmail, password: DEMO_PASSWORD };
    const s1 = await call(p, 'POST', '/v1/sessions', { body, headers: withKey(k) });
    const s2 = await call(p, 'POST', '/v1/sessions', { body, headers: withKey(k) });
    expect(s1.status).toBe(201);
    expect(s2.status).toBe(201);
    expect(s2.headers['idempotent-replayed']).toBeUndefined();
    expect(s2.body.token).not.toBe(s1.body.token);
    expect(s2.body.id).not.toBe(s1.body.id);
    // Nothing stored: a session token must never sit in the idempotency table.
    expect(await p.database.query('select 1 from idempotency_keys where key = $1', [k])).toHaveLength(0);
  });
});
