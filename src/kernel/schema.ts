// Tables owned by the kernel: background jobs, the audit log and idempotency records.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    status: text('status').notNull().$type<'queued' | 'running' | 'succeeded' | 'failed'>().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: ts('run_at').notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    /** At most one live job per key (e.g. one maintenance run per hour across processes). */
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`status = 'queued'`),
    index('jobs_status_idx').on(t.status, t.id),
    uniqueIndex('jobs_dedupe_key_idx').on(t.dedupeKey),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    at: ts('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    /** The tenant the object belongs to, so merchants can read their own trail. */
    merchantId: text('merchant_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    data: jsonb('data').notNull().$type<Record<string, unknown>>().default({}),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_object_idx').on(t.objectType, t.objectId),
    index('audit_actor_idx').on(t.actorId),
    index('audit_merchant_idx').on(t.merchantId, t.id),
    index('audit_action_idx').on(t.action),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: text('status').notNull().$type<'in_progress' | 'completed'>(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    lockedUntil: ts('locked_until'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/**
 * Domain events (`inventory.low_stock`, …): written in the transaction that caused them,
 * so an event exists exactly when its change committed. Merchants read theirs through
 * `GET /v1/events`; webhooks deliver them later from this same table (an outbox).
 */
export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    merchantId: text('merchant_id'),
    data: jsonb('data').notNull().$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull(),
    /** False for an event of a merchant's test world (decisions §23). */
    livemode: boolean('livemode').notNull().default(true),
  },
  (t) => [index('events_merchant_idx').on(t.merchantId, t.id), index('events_type_idx').on(t.type, t.id)],
);
