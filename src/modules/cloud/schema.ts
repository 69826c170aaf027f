// Webhooks (issue 9, PRODUCT.md C3): merchants' endpoints, one delivery per (endpoint, event),
// and the log of every attempt. `webhook_pending_events` is filled by a trigger on `events`
// (migration 0026) with the events of merchants that have an enabled endpoint; the dispatcher
// job drains it into deliveries (decisions: see src/modules/cloud/delivery.ts).
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const WEBHOOK_ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types to deliver, or `['*']` for all. */
    eventTypes: jsonb('event_types').notNull().$type<string[]>(),
    /** The signing secret, encrypted (AES-256-GCM under the platform's field key). */
    secretEnc: text('secret_enc').notNull(),
    /** After a roll with an overlap: the previous secret, also signed with until it expires. */
    previousSecretEnc: text('previous_secret_enc'),
    previousSecretExpiresAt: ts('previous_secret_expires_at'),
    status: text('status').notNull().$type<(typeof WEBHOOK_ENDPOINT_STATUSES)[number]>(),
    /** `manual` (the merchant) or `failing` (every delivery failed for WEBHOOK_DISABLE_AFTER_DAYS). */
    disabledReason: text('disabled_reason').$type<'manual' | 'failing'>(),
    disabledAt: ts('disabled_at'),
    /** The first failed attempt since the last successful one; null while healthy. */
    failingSince: ts('failing_since'),
    lastSuccessAt: ts('last_success_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_merchant_idx').on(t.merchantId, t.id)],
);

export const webhookPendingEvents = pgTable('webhook_pending_events', {
  eventId: text('event_id').primaryKey(),
  merchantId: text('merchant_id').notNull(),
  createdAt: ts('created_at').notNull(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    eventCreatedAt: ts('event_created_at').notNull(),
    /** Deliveries of one object (`order_id:ord_…`) to one endpoint go out in event order. */
    objectKey: text('object_key'),
    status: text('status').notNull().$type<(typeof WEBHOOK_DELIVERY_STATUSES)[number]>(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    /** Retries stop here (the event's time plus the retry window, or a replay's time plus it). */
    deadline: ts('deadline').notNull(),
    lockedUntil: ts('locked_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_idx').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_order_idx').on(t.endpointId, t.objectKey, t.eventCreatedAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    index('webhook_deliveries_event_idx').on(t.eventId),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    attempt: integer('attempt').notNull(),
    url: text('url').notNull(),
    requestBody: text('request_body').notNull(),
    signature: text('signature').notNull(),
    /** Null when no HTTP answer came (timeout, refused connection, SSRF refusal). */
    responseStatus: integer('response_status'),
    /** The first 1,000 characters of the answer. */
    responseBody: text('response_body'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
