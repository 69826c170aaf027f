// Webhook delivery: the `webhooks.dispatch` job. Deliveries go out only from here, never from a
// request. One run: fan new events out into deliveries (from `webhook_pending_events`, filled by
// a trigger on `events` in the emitting transaction, so no event is skipped however late its
// transaction commits), then claim due deliveries in batches (one UPDATE … FOR UPDATE SKIP LOCKED,
// so several dispatchers share the work), send them concurrently over keep-alive connections
// with a limit per endpoint, and record every attempt, the retries and the endpoints' health in
// one transaction per batch. A run stops after WEBHOOK_DISPATCH_BUDGET_MS and hands over to a
// follow-up job, so a worker is never held for long; the next retry time gets a job of its own.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { asSystem, type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { emitEvent } from '../../kernel/events.ts';
import { newId } from '../../kernel/ids.ts';
import { enqueue } from '../../kernel/jobs.ts';
import { events, jobs } from '../../kernel/schema.ts';
import { isSuccessStatus, matchesEventTypes, nextAttemptAt, objectKeyOf, shouldDisable } from './rules.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookPendingEvents } from './schema.ts';
import { type Claimed, type Outcome, type Resolver, send, systemResolver } from './sender.ts';

export type { Resolver } from './sender.ts';
export const DISPATCH_JOB = 'webhooks.dispatch';
const FAN_OUT_BATCH = 1000;

export interface DispatchOptions {
  resolver?: Resolver;
  /** Overrides WEBHOOK_DISPATCH_BUDGET_MS. */
  budgetMs?: number;
}

export interface DispatchResult {
  fannedOut: number;
  succeeded: number;
  failed: number;
  retrying: number;
}

/** The job: fan out, deliver what is due, schedule what comes next. */
export async function dispatchWebhooks(ctx: Ctx, opts: DispatchOptions = {}): Promise<DispatchResult> {
  const cfg = ctx.rt.config;
  const budget = opts.budgetMs ?? cfg.WEBHOOK_DISPATCH_BUDGET_MS;
  const started = performance.now();
  const result: DispatchResult = { fannedOut: 0, succeeded: 0, failed: 0, retrying: 0 };
  for (;;) {
    const fanned = await fanOut(ctx);
    result.fannedOut += fanned;
    const sent = await deliverBatch(ctx, opts.resolver ?? systemResolver, result);
    if (fanned === 0 && sent === 0) break;
    if (performance.now() - started >= budget) {
      // More may be due: a follow-up job picks it up (another worker may take it at once).
      await enqueue(ctx, DISPATCH_JOB, {}, { maxAttempts: 3 });
      return result;
    }
  }
  await scheduleNextRetry(ctx);
  return result;
}

// --- fan-out -------------------------------------------------------------------------------------

async function fanOut(ctx: Ctx): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const claimed = rowsOf<{ event_id: string }>(
      await tx.db.execute(sql`
        delete from ${webhookPendingEvents} where event_id in (
          select event_id from ${webhookPendingEvents} order by event_id limit ${FAN_OUT_BATCH} for update skip locked)
        returning event_id`),
    );
    if (claimed.length === 0) return 0;
    const evs = await tx.db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          claimed.map((c) => c.event_id),
        ),
      );
    const merchants = [...new Set(evs.map((e) => e.merchantId).filter((m): m is string => m !== null))];
    if (merchants.length === 0) return claimed.length;
    const endpoints = await tx.db
      .select({ id: webhookEndpoints.id, merchantId: webhookEndpoints.merchantId, eventTypes: webhookEndpoints.eventTypes })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.merchantId, merchants), eq(webhookEndpoints.status, 'enabled')));
    const t = now(tx);
    const windowMs = tx.rt.config.WEBHOOK_RETRY_HOURS * 3_600_000;
    const c = { id: [] as string[], merchant: [] as string[], endpoint: [] as string[], event: [] as string[], type: [] as string[] };
    const created: string[] = [];
    const keys: (string | null)[] = [];
    const deadlines: string[] = [];
    for (const e of evs.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const ep of endpoints) {
        if (ep.merchantId !== e.merchantId || !matchesEventTypes(ep.eventTypes, e.type)) continue;
        c.id.push(newId('webhookDelivery'));
        c.merchant.push(ep.merchantId);
        c.endpoint.push(ep.id);
        c.event.push(e.id);
        c.type.push(e.type);
        created.push(e.createdAt.toISOString());
        keys.push(objectKeyOf(e.data));
        deadlines.push(new Date(e.createdAt.getTime() + windowMs).toISOString());
      }
    }
    if (c.id.length) {
      await tx.db.execute(sql`
        insert into ${webhookDeliveries} (id, merchant_id, endpoint_id, event_id, event_type, event_created_at, object_key, status,
          attempts, next_attempt_at, deadline, created_at, updated_at)
        select u.id, u.merchant_id, u.endpoint_id, u.event_id, u.event_type, u.event_created_at, u.object_key, 'pending',
          0, ${t}, u.deadline, ${t}, ${t}
        from unnest(${arr(c.id)}::text[], ${arr(c.merchant)}::text[], ${arr(c.endpoint)}::text[], ${arr(c.event)}::text[], ${arr(c.type)}::text[],
          ${arr(created)}::timestamptz[], ${arr(keys)}::text[], ${arr(deadlines)}::timestamptz[])
          as u(id, merchant_id, endpoint_id, event_id, event_type, event_created_at, object_key, deadline)
        on conflict (endpoint_id, event_id) do nothing`);
    }
    return claimed.length;
  });
}

// --- claiming and sending ----------------------------------------------------------------------------

/** Claim due deliveries (in object order), send them, record the outcomes. Returns how many were sent. */
async function deliverBatch(ctx: Ctx, resolver: Resolver, result: DispatchResult): Promise<number> {
  const cfg = ctx.rt.config;
  const t = now(ctx);
  const until = new Date(t.getTime() + cfg.WEBHOOK_TIMEOUT_MS + 60_000);
  // A delivery waits while an earlier delivery of the same object to the same endpoint is still
  // pending (in flight or waiting for its retry): it goes once that one succeeded or finally failed.
  const claimed = rowsOf<Claimed>(
    await ctx.db.execute(sql`
      with claimed as (
        update ${webhookDeliveries} d set locked_until = ${until}, attempts = d.attempts + 1, updated_at = ${t}
        where d.id in (
          select c.id from ${webhookDeliveries} c
          join ${webhookEndpoints} w on w.id = c.endpoint_id and w.status = 'enabled'
          where c.status = 'pending' and c.next_attempt_at <= ${t} and (c.locked_until is null or c.locked_until < ${t})
            and (c.object_key is null or not exists (
              select 1 from ${webhookDeliveries} o
              where o.endpoint_id = c.endpoint_id and o.object_key = c.object_key and o.status = 'pending'
                and (o.event_created_at, o.event_id) < (c.event_created_at, c.event_id)))
          order by c.next_attempt_at
          limit ${cfg.WEBHOOK_BATCH_SIZE}
          for update of c skip locked)
        returning d.id, d.endpoint_id, d.merchant_id, d.event_id, d.attempts, d.deadline)
      select c.*, w.url, w.secret_enc, w.previous_secret_enc, w.previous_secret_expires_at, e.type, e.data, e.created_at, e.livemode
      from claimed c join ${webhookEndpoints} w on w.id = c.endpoint_id join ${events} e on e.id = c.event_id`),
  );
  if (claimed.length === 0) return 0;
  const byEndpoint = new Map<string, Claimed[]>();
  for (const d of claimed) byEndpoint.set(d.endpoint_id, [...(byEndpoint.get(d.endpoint_id) ?? []), d]);
  const outcomes: Outcome[] = [];
  await Promise.all(
    [...byEndpoint.values()].map(async (list) => {
      let next = 0;
      const lane = async () => {
        for (let d = list[next++]; d; d = list[next++]) outcomes.push(await send(ctx, d, resolver));
      };
      await Promise.all(Array.from({ length: Math.min(cfg.WEBHOOK_ENDPOINT_CONCURRENCY, list.length) }, lane));
    }),
  );
  await record(ctx, outcomes, result);
  return claimed.length;
}

// --- recording -------------------------------------------------------------------------------------

async function record(ctx: Ctx, outcomes: Outcome[], result: DispatchResult): Promise<void> {
  const cfg = ctx.rt.config;
  await inTransaction(ctx, async (tx) => {
    const t = now(tx);
    // Arrays through unnest: one parameter per column, however many rows (the batch's cost is the
    // database's, not the query builder's).
    const ids: string[] = [];
    const statuses: string[] = [];
    const nexts: string[] = [];
    const codes: (number | null)[] = [];
    const errors: (string | null)[] = [];
    const a = { id: [] as string[], body: [] as string[], sig: [] as string[], resp: [] as (string | null)[], ms: [] as number[] };
    for (const o of outcomes) {
      const ok = o.error === null && isSuccessStatus(o.status);
      const next = ok ? null : nextAttemptAt(t, o.d.attempts, new Date(o.d.deadline));
      const status = ok ? 'succeeded' : next ? 'pending' : 'failed';
      if (status === 'succeeded') result.succeeded++;
      else if (status === 'failed') result.failed++;
      else result.retrying++;
      ids.push(o.d.id);
      statuses.push(status);
      nexts.push((next ?? t).toISOString());
      codes.push(o.status);
      errors.push(o.error ? o.error.slice(0, 1000) : null);
      a.id.push(newId('webhookAttempt'));
      a.body.push(o.body);
      a.sig.push(o.signature);
      a.resp.push(o.responseBody);
      a.ms.push(o.latencyMs);
    }
    await tx.db.execute(sql`
      insert into ${webhookAttempts} (id, delivery_id, endpoint_id, attempt, url, request_body, signature, response_status,
        response_body, latency_ms, error, created_at)
      select u.id, u.delivery_id, u.endpoint_id, u.attempt, u.url, u.request_body, u.signature, u.response_status,
        u.response_body, u.latency_ms, u.error, ${t}
      from unnest(${arr(a.id)}::text[], ${arr(ids)}::text[], ${arr(outcomes.map((o) => o.d.endpoint_id))}::text[],
        ${arr(outcomes.map((o) => o.d.attempts))}::int[], ${arr(outcomes.map((o) => o.d.url))}::text[], ${arr(a.body)}::text[], ${arr(a.sig)}::text[],
        ${arr(codes)}::int[], ${arr(a.resp)}::text[], ${arr(a.ms)}::int[], ${arr(errors)}::text[])
        as u(id, delivery_id, endpoint_id, attempt, url, request_body, signature, response_status, response_body, latency_ms, error)
      where exists (select 1 from ${webhookDeliveries} d where d.id = u.delivery_id)`);
    await tx.db.execute(sql`
      update ${webhookDeliveries} d set status = v.status, next_attempt_at = v.next, locked_until = null,
        last_status_code = v.code, last_error = v.err, updated_at = ${t},
        delivered_at = case when v.status = 'succeeded' then ${t}::timestamptz else d.delivered_at end
      from unnest(${arr(ids)}::text[], ${arr(statuses)}::text[], ${arr(nexts)}::timestamptz[], ${arr(codes)}::int[], ${arr(errors)}::text[])
        as v(id, status, next, code, err)
      where d.id = v.id`);
    const good = new Set(outcomes.filter((o) => o.error === null && isSuccessStatus(o.status)).map((o) => o.d.endpoint_id));
    const bad = [...new Set(outcomes.map((o) => o.d.endpoint_id))].filter((id) => !good.has(id));
    if (good.size) {
      await tx.db
        .update(webhookEndpoints)
        .set({ failingSince: null, lastSuccessAt: t })
        .where(inArray(webhookEndpoints.id, [...good]));
    }
    if (bad.length) {
      await tx.db
        .update(webhookEndpoints)
        .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${t})` })
        .where(inArray(webhookEndpoints.id, bad));
      await disableFailing(tx, bad, cfg.WEBHOOK_DISABLE_AFTER_DAYS);
    }
  });
}

/**
 * Endpoints whose every delivery has failed for `days` days are disabled and their merchant is
 * told by the event `webhook_endpoint.disabled` (which their other endpoints receive).
 */
export async function disableFailing(ctx: Ctx, endpointIds: string[] | 'all', days: number): Promise<string[]> {
  const t = now(ctx);
  const cutoff = new Date(t.getTime() - days * 86_400_000);
  const disabled = await ctx.db
    .update(webhookEndpoints)
    .set({ status: 'disabled', disabledReason: 'failing', disabledAt: t, updatedAt: t })
    .where(
      and(
        eq(webhookEndpoints.status, 'enabled'),
        lte(webhookEndpoints.failingSince, cutoff),
        endpointIds === 'all' ? undefined : inArray(webhookEndpoints.id, endpointIds),
      ),
    )
    .returning();
  const sys = asSystem(ctx, 'webhooks');
  for (const ep of disabled) {
    if (!shouldDisable(ep.failingSince, t, days)) continue;
    await emitEvent(sys, 'webhook_endpoint.disabled', ep.merchantId, {
      endpoint_id: ep.id,
      url: ep.url,
      reason: 'failing',
      failing_since: ep.failingSince?.toISOString() ?? null,
      disabled_at: t.toISOString(),
    });
    await recordAudit(sys, {
      action: 'webhook_endpoint.disabled',
      objectType: 'webhook_endpoint',
      objectId: ep.id,
      merchantId: ep.merchantId,
      data: { reason: 'failing', failing_since: ep.failingSince?.toISOString() ?? null },
    });
    ctx.log.warn({ endpoint_id: ep.id, merchant_id: ep.merchantId }, 'webhook endpoint disabled after failing');
  }
  return disabled.map((e) => e.id);
}

// --- scheduling ---------------------------------------------------------------------------------------

/**
 * A dispatch job at the earliest time a pending delivery becomes claimable (its retry time, or the
 * end of another dispatcher's lease), unless one is queued by then. Deliveries waiting behind an
 * earlier one of the same object are left out: the earlier one's own time counts.
 */
export async function scheduleNextRetry(ctx: Ctx): Promise<void> {
  const [row] = rowsOf<{ at: Date | string | null }>(
    await ctx.db.execute(sql`
      select min(greatest(c.next_attempt_at, coalesce(c.locked_until, c.next_attempt_at))) as at
      from ${webhookDeliveries} c
      join ${webhookEndpoints} w on w.id = c.endpoint_id and w.status = 'enabled'
      where c.status = 'pending'
        and (c.object_key is null or not exists (
          select 1 from ${webhookDeliveries} o
          where o.endpoint_id = c.endpoint_id and o.object_key = c.object_key and o.status = 'pending'
            and (o.event_created_at, o.event_id) < (c.event_created_at, c.event_id)))`),
  );
  if (!row?.at) return;
  await kickDispatcher(ctx, new Date(row.at));
}

/** Make sure a dispatch job runs by `at` (now when earlier): used by replays and retries. */
export async function kickDispatcher(ctx: Ctx, at: Date = now(ctx)): Promise<void> {
  const when = at < now(ctx) ? now(ctx) : at;
  const [queued] = await ctx.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, DISPATCH_JOB), eq(jobs.status, 'queued'), lte(jobs.runAt, when)))
    .limit(1);
  if (!queued) await enqueue(ctx, DISPATCH_JOB, {}, { runAt: when, maxAttempts: 3 });
}

/** Hourly: disable endpoints failing too long, fail deliveries of disabled endpoints past their deadline, and restart dispatching. */
export async function webhookMaintenance(ctx: Ctx): Promise<{ disabled: number; expired: number; purged: number }> {
  const t = now(ctx);
  const disabled = await inTransaction(ctx, (tx) => disableFailing(tx, 'all', ctx.rt.config.WEBHOOK_DISABLE_AFTER_DAYS));
  const expired = await ctx.db
    .update(webhookDeliveries)
    .set({ status: 'failed', lastError: 'the retry window ended while the endpoint was disabled', updatedAt: t })
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.deadline, t),
        sql`${webhookDeliveries.endpointId} in (select id from ${webhookEndpoints} where status = 'disabled')`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  await scheduleNextRetry(ctx);
  const purged = await purgeDeliveryLog(ctx);
  return { disabled: disabled.length, expired: expired.length, purged };
}

/**
 * The delivery log is kept WEBHOOK_LOG_RETENTION_DAYS after a delivery finished (succeeded or
 * failed), then deleted with its attempts, a few thousand at a time so no run holds locks long.
 * Pending deliveries are never touched: their retry window is far shorter than the retention.
 */
export async function purgeDeliveryLog(ctx: Ctx, batch = 5000): Promise<number> {
  const cutoff = new Date(now(ctx).getTime() - ctx.rt.config.WEBHOOK_LOG_RETENTION_DAYS * 86_400_000);
  let purged = 0;
  for (;;) {
    const res = await ctx.db.execute(sql`
      with old as (
        select id from ${webhookDeliveries}
        where status <> 'pending' and updated_at < ${cutoff.toISOString()}::timestamptz
        limit ${batch}),
      gone as (delete from ${webhookAttempts} where delivery_id in (select id from old))
      delete from ${webhookDeliveries} where id in (select id from old) returning id`);
    const n = rowsOf<{ id: string }>(res).length;
    purged += n;
    if (n < batch) return purged;
  }
}

/** A whole array as one query parameter (drizzle would spread it into a list). */
const arr = (values: unknown[]) => sql.param(values);

function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}
