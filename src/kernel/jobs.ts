// Background jobs live in the same database as everything else. `enqueue` writes with the
// caller's transaction, so a job exists exactly when the change that caused it committed.
// Workers claim due jobs with FOR UPDATE SKIP LOCKED in one statement, so several processes
// never run one job at once; a claim carries a lease, and a job whose worker died is
// claimed again after the lease runs out.
import { hostname } from 'node:os';
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { type Ctx, now, type Runtime, systemCtx } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { newId } from './ids.ts';
import { listPage, type ListQuery, type Page } from './http/pagination.ts';
import { jobs } from './schema.ts';

export type Job = typeof jobs.$inferSelect;
export type JobStatus = Job['status'];
export type JobHandler = (ctx: Ctx, payload: Record<string, unknown>, job: Job) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job per key; a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
}

export async function enqueue(
  ctx: Ctx,
  kind: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<string | undefined> {
  const t = now(ctx);
  const id = newId('job');
  const rows = await ctx.db
    .insert(jobs)
    .values({
      id,
      kind,
      payload,
      status: 'queued',
      attempts: 0,
      maxAttempts: opts.maxAttempts ?? 8,
      runAt: opts.runAt ?? t,
      dedupeKey: opts.dedupeKey ?? null,
      createdAt: t,
      updatedAt: t,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0]?.id;
}

/** Exponential backoff with jitter: ~2s, 4s, 8s … capped at one hour. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base / 2 + (random() * base) / 2);
}

export interface WorkerOptions {
  concurrency: number;
  pollMs: number;
  /** How long a claim lasts before another worker may take the job over. */
  leaseMs?: number;
  handlers: ReadonlyMap<string, JobHandler>;
  workerId?: string;
}

export class Worker {
  readonly id: string;
  readonly #rt: Runtime;
  readonly #opts: Required<Omit<WorkerOptions, 'workerId'>>;
  #timer: NodeJS.Timeout | undefined;
  #running = new Set<Promise<void>>();
  #stopped = true;
  #polling: Promise<number> | undefined;

  constructor(rt: Runtime, opts: WorkerOptions) {
    this.#rt = rt;
    this.#opts = { leaseMs: 5 * 60_000, ...opts };
    this.id = opts.workerId ?? `${hostname()}:${process.pid}:${newId('job').slice(-6)}`;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#polling = this.runDue().catch((err) => {
        this.#rt.log.error({ err }, 'job poll failed');
        return 0;
      });
      void this.#polling.then((n) => this.#schedule(n > 0 ? 0 : this.#opts.pollMs));
    }, ms);
    this.#timer.unref();
  }

  /** Stop claiming; wait for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#polling;
    await Promise.allSettled([...this.#running]);
  }

  /** Claim and run what is due now (up to concurrency); returns how many ran. Tests call it directly. */
  async runDue(): Promise<number> {
    const claimed = await this.claim(this.#opts.concurrency);
    await Promise.all(
      claimed.map((job) => {
        const p = this.#run(job).finally(() => this.#running.delete(p));
        this.#running.add(p);
        return p;
      }),
    );
    return claimed.length;
  }

  async claim(limit: number): Promise<Job[]> {
    const t = this.#rt.clock.now();
    const until = new Date(t.getTime() + this.#opts.leaseMs);
    const db = this.#rt.database.db;
    // A job whose worker died on its last attempt is failed, not claimed forever.
    await db
      .update(jobs)
      .set({
        status: 'failed',
        finishedAt: t,
        updatedAt: t,
        lockedBy: null,
        lockedUntil: null,
        lastError: 'the worker running the last attempt stopped (lease expired)',
      })
      .where(and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, t), gte(jobs.attempts, jobs.maxAttempts)));
    // One statement: pick due jobs (or running ones whose lease ran out), skip rows another
    // worker has locked, and mark them ours.
    const res = await db.execute(sql`
      update ${jobs} set status = 'running', attempts = attempts + 1, locked_by = ${this.id},
        locked_until = ${until}, updated_at = ${t}
      where id in (
        select id from ${jobs}
        where (status = 'queued' and run_at <= ${t})
           or (status = 'running' and locked_until < ${t} and attempts < max_attempts)
        order by run_at, id
        limit ${limit}
        for update skip locked)
      returning id`);
    const ids = (res as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
    if (ids.length === 0) return [];
    return db.select().from(jobs).where(inArray(jobs.id, ids)).orderBy(jobs.runAt, jobs.id);
  }

  async #run(job: Job): Promise<void> {
    const rt = this.#rt;
    const handler = this.#opts.handlers.get(job.kind);
    const log = rt.log.child({ job_id: job.id, job_kind: job.kind, attempt: job.attempts });
    const ctx: Ctx = { ...systemCtx(rt, `job:${job.kind}`), log };
    let error: unknown;
    if (!handler) error = new Error(`no handler registered for job kind '${job.kind}'`);
    else {
      try {
        await handler(ctx, job.payload, job);
      } catch (err) {
        error = err;
      }
    }
    const t = rt.clock.now();
    const mine = and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.id), eq(jobs.status, 'running'));
    if (error === undefined) {
      await rt.database.db
        .update(jobs)
        .set({ status: 'succeeded', finishedAt: t, updatedAt: t, lockedBy: null, lockedUntil: null, lastError: null })
        .where(mine);
      return;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const giveUp = job.attempts >= job.maxAttempts;
    log.warn({ err: error, give_up: giveUp }, 'job failed');
    await rt.database.db
      .update(jobs)
      .set({
        status: giveUp ? 'failed' : 'queued',
        runAt: giveUp ? job.runAt : new Date(t.getTime() + backoffMs(job.attempts)),
        finishedAt: giveUp ? t : null,
        updatedAt: t,
        lockedBy: null,
        lockedUntil: null,
        lastError: message.slice(0, 4000),
      })
      .where(mine);
  }
}

// --- operator functions --------------------------------------------------------------

export function listJobs(ctx: Ctx, filter: { status?: JobStatus; kind?: string }, q: ListQuery): Promise<Page<Job>> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(jobs.status, filter.status));
  if (filter.kind) where.push(eq(jobs.kind, filter.kind));
  return listPage(ctx.db, jobs, jobs.id, where.length ? and(...where) : undefined, q, 'job');
}

export async function getJob(ctx: Ctx, id: string): Promise<Job> {
  const [job] = await ctx.db.select().from(jobs).where(eq(jobs.id, id));
  if (!job) throw notFound('job', id);
  return job;
}

/** Put a failed job back in the queue for a fresh set of attempts. */
export async function retryJob(ctx: Ctx, id: string): Promise<Job> {
  const t = now(ctx);
  const [job] = await ctx.db
    .update(jobs)
    .set({ status: 'queued', attempts: 0, runAt: t, finishedAt: null, updatedAt: t })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'failed')))
    .returning();
  if (job) return job;
  const existing = await getJob(ctx, id);
  throw new AppError('invalid_state', `Only failed jobs can be retried; this one is ${existing.status}`, {
    param: 'id',
  });
}
