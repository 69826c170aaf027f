// The job queue (src/kernel/jobs.ts) on a real database: jobs exist only when their
// transaction commits, several workers never run one job twice, failures back off and
// end as `failed` for an operator to retry, dead workers' jobs are taken over.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Runtime } from '../../src/kernel/context.ts';
import { openDatabase } from '../../src/kernel/db/client.ts';
import { backoffMs, enqueue, getJob, type Job, type JobHandler, Worker } from '../../src/kernel/jobs.ts';
import { call, operatorToken } from '../support/http.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let p: TestPlatform;
let op: string;
beforeAll(async () => {
  p = await startPlatform();
  op = await operatorToken(p);
});
afterAll(() => p.close());

// Workers claim every due job whatever its kind, so each test must leave none due or
// running behind: otherwise the next test's worker would run it without its handler.
afterEach(async () => {
  const left = await p.database.query("select id, kind, status from jobs where status in ('queued', 'running')");
  expect(left).toEqual([]);
});

const jobRow = (id: string) => getJob(p.ctx(), id);

function worker(id: string, handlers: Record<string, JobHandler>, opts: { concurrency?: number; leaseMs?: number; rt?: Runtime } = {}) {
  return new Worker(opts.rt ?? p.rt, {
    concurrency: opts.concurrency ?? 4,
    pollMs: 10,
    leaseMs: opts.leaseMs ?? 60_000,
    handlers: new Map(Object.entries(handlers)),
    workerId: id,
  });
}

describe('enqueue is transactional', () => {
  it('a job enqueued in a transaction that rolls back never exists and never runs', async () => {
    const ran: unknown[] = [];
    let id: string | undefined;
    await expect(
      inTransaction(p.ctx(), async (tx) => {
        id = await enqueue(tx, 'test.rollback', { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(id).toMatch(/^job_/);
    expect(await p.database.query('select id from jobs where id = $1', [id])).toEqual([]);
    expect((await call(p, 'GET', `/v1/jobs/${id}`, { token: op })).status).toBe(404);
    expect(await p.runJobs({ 'test.rollback': async (_ctx, payload) => void ran.push(payload) })).toBe(0);
    expect(ran).toEqual([]);
  });

  it('a job enqueued in a committed transaction runs exactly once', async () => {
    const ran: unknown[] = [];
    const handlers = { 'test.commit': async (_ctx: unknown, payload: Record<string, unknown>) => void ran.push(payload) };
    const id = await inTransaction(p.ctx(), (tx) => enqueue(tx, 'test.commit', { order: 'ord_1' }));
    expect(id).toMatch(/^job_/);
    expect(await p.runJobs(handlers)).toBe(1);
    expect(await p.runJobs(handlers)).toBe(0);
    expect(ran).toEqual([{ order: 'ord_1' }]);
    const job = await jobRow(id as string);
    expect(job.status).toBe('succeeded');
    expect(job.attempts).toBe(1);
    expect(job.finishedAt).toEqual(p.clock.now());
    expect(job.lockedBy).toBeNull();
  });

  it('a nested transaction (savepoint) that rolls back drops its job, the outer one keeps its own', async () => {
    const ids = await inTransaction(p.ctx(), async (tx) => {
      const kept = await enqueue(tx, 'test.nested', { which: 'outer' });
      let dropped: string | undefined;
      await inTransaction(tx, async (inner) => {
        dropped = await enqueue(inner, 'test.nested', { which: 'inner' });
        throw new Error('inner step failed');
      }).catch(() => undefined);
      return { kept, dropped };
    });
    const ran: unknown[] = [];
    expect(await p.runJobs({ 'test.nested': async (_ctx, payload) => void ran.push(payload) })).toBe(1);
    expect(ran).toEqual([{ which: 'outer' }]);
    expect(await p.database.query('select id from jobs where id = $1', [ids.dropped])).toEqual([]);
    expect((await jobRow(ids.kept as string)).status).toBe('succeeded');
  });
});

describe('several workers', () => {
  it('four workers draining 60 due jobs concurrently run every job exactly once', async () => {
    const N = 60;
    const ids: string[] = [];
    await inTransaction(p.ctx(), async (tx) => {
      for (let i = 0; i < N; i++) ids.push((await enqueue(tx, 'test.fanout', { i })) as string);
    });
    const runs: { id: string; worker: string | null }[] = [];
    const inFlight = new Set<string>();
    const overlapping: string[] = [];
    const handler: JobHandler = async (_ctx, _payload, job) => {
      if (inFlight.has(job.id)) overlapping.push(job.id);
      inFlight.add(job.id);
      runs.push({ id: job.id, worker: job.lockedBy });
      await sleep(3);
      inFlight.delete(job.id);
    };
    // On PostgreSQL each worker gets its own pool (separate connections, as separate
    // processes would have); PGlite has one connection and serialises them.
    const url = p.url;
    const extra = url ? await Promise.all([1, 2, 3].map(() => openDatabase({ url, poolSize: 2 }))) : [];
    const runtimes: Runtime[] = [p.rt, ...extra.map((database) => ({ ...p.rt, database }))];
    const workers = [0, 1, 2, 3].map((i) =>
      worker(`w${i}`, { 'test.fanout': handler }, { concurrency: 2, rt: runtimes[i % runtimes.length] }),
    );
    try {
      await Promise.all(
        workers.map(async (w) => {
          while ((await w.runDue()) > 0) {}
        }),
      );
    } finally {
      await Promise.all(extra.map((d) => d.close()));
    }
    expect(overlapping).toEqual([]);
    expect(runs).toHaveLength(N);
    expect(new Set(runs.map((r) => r.id))).toEqual(new Set(ids));
    // The work really was shared, so the claims really competed.
    expect(new Set(runs.map((r) => r.worker)).size).toBeGreaterThan(1);
    const rows = await p.database.query<{ status: string; attempts: number; n: number }>(
      "select status, attempts, count(*)::int as n from jobs where kind = 'test.fanout' group by status, attempts",
    );
    expect(rows).toEqual([{ status: 'succeeded', attempts: 1, n: N }]);
  });

  it('a job whose worker died (running, lease over) is claimed again by another worker', async () => {
    const ran: (string | null)[] = [];
    const handlers: Record<string, JobHandler> = { 'test.lease': async (_ctx, _payload, job) => void ran.push(job.lockedBy) };
    const dead = worker('dead', handlers, { leaseMs: 60_000 });
    const live = worker('live', handlers, { leaseMs: 60_000 });
    const id = (await enqueue(p.ctx(), 'test.lease', {})) as string;

    // `dead` claims the job and never finishes it.
    const claimed = await dead.claim(1);
    expect(claimed.map((j) => j.id)).toEqual([id]);
    let job = await jobRow(id);
    expect(job.status).toBe('running');
    expect(job.lockedBy).toBe('dead');
    expect(job.lockedUntil?.getTime()).toBe(p.clock.now().getTime() + 60_000);

    expect(await live.runDue()).toBe(0);
    p.clock.advance(60_000); // the lease ends at this instant, and is still held
    expect(await live.runDue()).toBe(0);
    p.clock.advance(1);
    expect(await live.runDue()).toBe(1);
    expect(ran).toEqual(['live']);
    job = await jobRow(id);
    expect(job.status).toBe('succeeded');
    expect(job.attempts).toBe(2);
    expect(job.lockedBy).toBeNull();
  });

  it('a job whose worker died on its last attempt is failed, not claimed again', async () => {
    const handlers: Record<string, JobHandler> = { 'test.lease-last': async () => {} };
    const dead = worker('dead-last', handlers, { leaseMs: 1_000 });
    const live = worker('live-last', handlers, { leaseMs: 1_000 });
    const id = (await enqueue(p.ctx(), 'test.lease-last', {}, { maxAttempts: 1 })) as string;
    expect((await dead.claim(1)).map((j) => j.id)).toEqual([id]);
    p.clock.advance(1_001);
    expect(await live.runDue()).toBe(0);
    const job = await jobRow(id);
    expect(job.status).toBe('failed');
    expect(job.attempts).toBe(1);
    expect(job.lastError).toContain('lease expired');
  });

  it("a stale worker that finishes after losing its lease does not overwrite the new owner's result", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const ran: (string | null)[] = [];
    const handlers: Record<string, JobHandler> = {
      'test.stale': async (_ctx, _payload, job) => {
        ran.push(job.lockedBy);
        if (job.lockedBy === 'slow') {
          await gate;
          throw new Error('slow worker gave up late');
        }
      },
    };
    const slow = worker('slow', handlers, { leaseMs: 1_000 });
    const fast = worker('fast', handlers, { leaseMs: 1_000 });
    const id = (await enqueue(p.ctx(), 'test.stale', {})) as string;

    const slowRun = slow.runDue();
    while (ran.length === 0) await sleep(5);
    p.clock.advance(1_001);
    expect(await fast.runDue()).toBe(1);
    expect((await jobRow(id)).status).toBe('succeeded');

    release();
    expect(await slowRun).toBe(1);
    const job = await jobRow(id);
    expect(ran).toEqual(['slow', 'fast']);
    expect(job.status).toBe('succeeded');
    expect(job.lastError).toBeNull();
    expect(job.attempts).toBe(2);
  });
});

describe('failures', () => {
  it('a failing job backs off, ends failed, and an operator retries it', async () => {
    let failing = true;
    let calls = 0;
    const handlers: Record<string, JobHandler> = {
      'test.flaky': async () => {
        calls++;
        if (failing) throw new Error('acquirer timed out');
      },
    };
    const id = (await enqueue(p.ctx(), 'test.flaky', { payment: 'pay_1' }, { maxAttempts: 3 })) as string;

    let job: Job | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const t = p.clock.now().getTime();
      expect(await p.runJobs(handlers)).toBe(1);
      job = await jobRow(id);
      expect(job.status).toBe('queued');
      expect(job.attempts).toBe(attempt);
      expect(job.lastError).toContain('acquirer timed out');
      const delay = job.runAt.getTime() - t;
      expect(delay).toBeGreaterThanOrEqual(backoffMs(attempt, () => 0));
      expect(delay).toBeLessThanOrEqual(backoffMs(attempt, () => 1));
      // Not due yet: nothing runs until the clock reaches run_at.
      p.clock.advance(delay - 1);
      expect(await p.runJobs(handlers)).toBe(0);
      p.clock.advance(1);
    }
    expect(await p.runJobs(handlers)).toBe(1);
    job = await jobRow(id);
    expect(job.status).toBe('failed');
    expect(job.attempts).toBe(3);
    expect(job.lastError).toContain('acquirer timed out');
    expect(job.finishedAt).toEqual(p.clock.now());
    expect(calls).toBe(3);
    // A failed job stays failed, however long we wait.
    p.clock.advance(86_400_000);
    expect(await p.runJobs(handlers)).toBe(0);

    const listed = await call(p, 'GET', '/v1/jobs?status=failed', { token: op });
    expect(listed.status).toBe(200);
    const row = listed.body.data.find((j: { id: string }) => j.id === id);
    expect(row).toMatchObject({ object: 'job', kind: 'test.flaky', status: 'failed', attempts: 3, max_attempts: 3 });
    expect(row.last_error).toContain('acquirer timed out');
    expect(listed.body.data.every((j: { status: string }) => j.status === 'failed')).toBe(true);
    const queuedList = await call(p, 'GET', '/v1/jobs?status=queued', { token: op });
    expect(queuedList.body.data.map((j: { id: string }) => j.id)).not.toContain(id);

    const support = await operatorToken(p, 'support');
    expect((await call(p, 'POST', `/v1/jobs/${id}/retry`, { token: support })).status).toBe(403);

    const retried = await call(p, 'POST', `/v1/jobs/${id}/retry`, { token: op });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, status: 'queued', attempts: 0, finished_at: null });
    expect(retried.body.run_at).toBe(p.clock.now().toISOString());

    const me = await call(p, 'GET', '/v1/me', { token: op });
    const audit = await call(p, 'GET', `/v1/audit-events?action=job.retried&object_id=${id}`, { token: op });
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({
      action: 'job.retried',
      object_type: 'job',
      object_id: id,
      actor_kind: 'operator',
      actor_id: me.body.id,
      data: { kind: 'test.flaky' },
      request_id: retried.headers['request-id'],
    });

    failing = false;
    expect(await p.runJobs(handlers)).toBe(1);
    job = await jobRow(id);
    expect(job.status).toBe('succeeded');
    expect(job.attempts).toBe(1);
    expect(calls).toBe(4);

    const again = await call(p, 'POST', `/v1/jobs/${id}/retry`, { token: op });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    // A refused retry leaves no audit record behind.
    const auditAfter = await call(p, 'GET', `/v1/audit-events?action=job.retried&object_id=${id}`, { token: op });
    expect(auditAfter.body.data).toHaveLength(1);
  });

  it('retrying a queued job → 409 invalid_state; an unknown job → 404', async () => {
    const id = (await enqueue(p.ctx(), 'test.not-failed', {})) as string;
    const r = await call(p, 'POST', `/v1/jobs/${id}/retry`, { token: op });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('invalid_state');
    expect((await jobRow(id)).status).toBe('queued');
    expect(await p.runJobs({ 'test.not-failed': async () => {} })).toBe(1);

    const unknown = await call(p, 'POST', '/v1/jobs/job_01jdx8qz7pf2v3r5s6t7w8y9za/retry', { token: op });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await call(p, 'POST', '/v1/jobs/not-a-job-id/retry', { token: op })).status).toBe(404);
    expect((await call(p, 'GET', '/v1/jobs/job_01jdx8qz7pf2v3r5s6t7w8y9za', { token: op })).status).toBe(404);
  });

  it('a job of a kind nobody handles fails with a clear last_error', async () => {
    const id = (await enqueue(p.ctx(), 'test.nobody-handles-this', {}, { maxAttempts: 1 })) as string;
    expect(await p.runJobs()).toBe(1);
    const job = await jobRow(id);
    expect(job.status).toBe('failed');
    expect(job.lastError).toContain("no handler registered for job kind 'test.nobody-handles-this'");
  });
});

describe('dedupe keys', () => {
  it('two enqueues with one dedupe key create one job', async () => {
    const first = await enqueue(p.ctx(), 'test.dedupe', { n: 1 }, { dedupeKey: 'settlement:2026-01-01' });
    const second = await enqueue(p.ctx(), 'test.dedupe', { n: 2 }, { dedupeKey: 'settlement:2026-01-01' });
    expect(first).toMatch(/^job_/);
    expect(second).toBeUndefined();
    const rows = await p.database.query<{ id: string }>("select id from jobs where dedupe_key = 'settlement:2026-01-01'");
    expect(rows.map((r) => r.id)).toEqual([first]);
    const ran: unknown[] = [];
    expect(await p.runJobs({ 'test.dedupe': async (_ctx, payload) => void ran.push(payload) })).toBe(1);
    expect(ran).toEqual([{ n: 1 }]);
  });

  it('jobs without a dedupe key are never deduplicated', async () => {
    const a = await enqueue(p.ctx(), 'test.no-dedupe', {});
    const b = await enqueue(p.ctx(), 'test.no-dedupe', {});
    expect(a).toMatch(/^job_/);
    expect(b).toMatch(/^job_/);
    expect(a).not.toBe(b);
    expect(await p.runJobs({ 'test.no-dedupe': async () => {} })).toBe(2);
  });
});

describe('backoffMs', () => {
  // Exponential from 1 s, doubled per attempt, capped at one hour; jitter spreads each delay
  // over [base/2, base] so that retries of many jobs do not arrive together.
  const HOUR = 3_600_000;
  it.each([
    { attempt: -3, min: 500, max: 1_000 },
    { attempt: 0, min: 500, max: 1_000 },
    { attempt: 1, min: 1_000, max: 2_000 },
    { attempt: 2, min: 2_000, max: 4_000 },
    { attempt: 3, min: 4_000, max: 8_000 },
    { attempt: 8, min: 128_000, max: 256_000 },
    { attempt: 11, min: 1_024_000, max: 2_048_000 },
    { attempt: 12, min: HOUR / 2, max: HOUR },
    { attempt: 40, min: HOUR / 2, max: HOUR },
    { attempt: 5_000, min: HOUR / 2, max: HOUR },
  ])('attempt $attempt: from $min ms to $max ms', ({ attempt, min, max }) => {
    expect(backoffMs(attempt, () => 0)).toBe(min);
    expect(backoffMs(attempt, () => 0.5)).toBe(Math.round((min + max) / 2));
    expect(backoffMs(attempt, () => 0.999_999)).toBeLessThanOrEqual(max);
    expect(backoffMs(attempt, () => 1)).toBe(max);
  });

  it('is a whole number of milliseconds within bounds for any random value', () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      for (const r of [0, 0.1, 0.333, 0.5, 0.77, 0.999]) {
        const ms = backoffMs(attempt, () => r);
        expect(Number.isInteger(ms)).toBe(true);
        expect(ms).toBeGreaterThanOrEqual(500);
        expect(ms).toBeLessThanOrEqual(HOUR);
        if (attempt > 0) expect(ms).toBeGreaterThanOrEqual(backoffMs(attempt - 1, () => r));
      }
    }
  });
});
