// HTTP for webhooks (issue 9): endpoints (register, list, change, disable/enable, delete, roll the
// secret), their deliveries with the attempt log, and replays. Merchants' owners and managers,
// and API keys with `webhooks:read` / `webhooks:write`; another merchant's objects are 404s.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listQuerySchema, listResponseSchema, toListResponse } from '../../kernel/http/pagination.ts';
import { type HttpModule, typed } from '../../kernel/http/server.ts';
import {
  createEndpoint,
  deleteEndpoint,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliverEvent,
  retryDelivery,
  rollSecret,
  updateEndpoint,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './service.ts';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_ENDPOINT_STATUSES } from './schema.ts';

const writers = { merchant: ['owner', 'manager'], apiKey: 'webhooks:write' } as const;
const readers = { merchant: ['owner', 'manager'], apiKey: 'webhooks:read' } as const;
const iso = (d: Date | null) => d?.toISOString() ?? null;

const EndpointOut = z
  .object({
    id: z.string(),
    object: z.literal('webhook_endpoint'),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()).describe('Event types delivered, or `["*"]` for all'),
    status: z.enum(WEBHOOK_ENDPOINT_STATUSES),
    disabled_reason: z
      .enum(['manual', 'failing'])
      .nullable()
      .describe('`failing`: the platform disabled it because every delivery failed for WEBHOOK_DISABLE_AFTER_DAYS days'),
    disabled_at: z.string().nullable(),
    failing_since: z.string().nullable().describe('The first failed attempt since the last success; null while healthy'),
    last_success_at: z.string().nullable(),
    secret: z.string().optional().describe('The signing secret (`whsec_…`): only in the answer that created or rolled it'),
    secret_previous_expires_at: z.string().nullable().describe('After a roll with an overlap: until when the old secret also signs'),
    created_at: z.string(),
  })
  .meta({ id: 'WebhookEndpoint', description: 'Where a merchant’s events are delivered, signed with the endpoint’s secret.' });

const endpointOut = (e: WebhookEndpoint, secret?: string): z.output<typeof EndpointOut> => ({
  id: e.id,
  object: 'webhook_endpoint',
  url: e.url,
  description: e.description,
  event_types: e.eventTypes,
  status: e.status,
  disabled_reason: e.disabledReason,
  disabled_at: iso(e.disabledAt),
  failing_since: iso(e.failingSince),
  last_success_at: iso(e.lastSuccessAt),
  ...(secret ? { secret } : {}),
  secret_previous_expires_at: iso(e.previousSecretExpiresAt),
  created_at: e.createdAt.toISOString(),
});

const AttemptOut = z
  .object({
    id: z.string(),
    attempt: z.number().int(),
    url: z.string(),
    request_body: z.string().describe('The exact body sent (what the signature signs)'),
    signature: z.string().describe('The Tasman-Signature header sent'),
    response_status: z.number().int().nullable().describe('Null when no HTTP answer came'),
    response_body: z.string().nullable().describe('The first 1,000 characters of the answer'),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'WebhookAttempt' });

const attemptOut = (a: WebhookAttempt): z.output<typeof AttemptOut> => ({
  id: a.id,
  attempt: a.attempt,
  url: a.url,
  request_body: a.requestBody,
  signature: a.signature,
  response_status: a.responseStatus,
  response_body: a.responseBody,
  latency_ms: a.latencyMs,
  error: a.error,
  created_at: a.createdAt.toISOString(),
});

const DeliveryOut = z
  .object({
    id: z.string(),
    object: z.literal('webhook_delivery'),
    endpoint_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    object_key: z
      .string()
      .nullable()
      .describe('The object the event is about, as `field:id` (e.g. `order_id:ord_…`): its deliveries go out in event order'),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES).describe('`pending` until a 2xx answer (`succeeded`) or the retry window ends (`failed`)'),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    retry_until: z.string(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    delivered_at: z.string().nullable(),
    created_at: z.string(),
    attempt_log: z.array(AttemptOut).optional().describe('Every attempt, newest first (on the single delivery)'),
  })
  .meta({ id: 'WebhookDelivery' });

const deliveryOut = (d: WebhookDelivery, attempts?: WebhookAttempt[]): z.output<typeof DeliveryOut> => ({
  id: d.id,
  object: 'webhook_delivery',
  endpoint_id: d.endpointId,
  object_key: d.objectKey,
  event_id: d.eventId,
  event_type: d.eventType,
  status: d.status,
  attempts: d.attempts,
  next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  retry_until: d.deadline.toISOString(),
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
  delivered_at: iso(d.deliveredAt),
  created_at: d.createdAt.toISOString(),
  ...(attempts ? { attempt_log: attempts.map(attemptOut) } : {}),
});

const eventTypes = z.array(z.string().min(1).max(100)).min(1).max(100);
const params = z.object({ id: z.string().max(64) });

function routes(root: FastifyInstance): void {
  const app = typed(root);
  const tags = ['webhooks'];

  app.post(
    '/v1/webhook-endpoints',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Register a webhook endpoint',
        description:
          'An https URL that is not on a private, loopback or link-local address (checked again at every delivery), the event types to deliver (`["*"]` for all). The answer carries the signing secret, once. Accepts an Idempotency-Key.',
        body: z.object({
          url: z.string().min(1).max(2048),
          event_types: eventTypes,
          description: z.string().trim().max(500).nullish(),
        }),
        response: { 201: EndpointOut },
      },
    },
    async (req, reply) => {
      const { endpoint, secret } = await createEndpoint(req.ctx, req.body);
      return reply.code(201).send(endpointOut(endpoint, secret));
    },
  );

  app.get(
    '/v1/webhook-endpoints',
    {
      config: { access: readers },
      schema: { tags, summary: 'Webhook endpoints', querystring: listQuerySchema, response: { 200: listResponseSchema(EndpointOut) } },
    },
    async (req) => toListResponse(await listEndpoints(req.ctx, req.query), req.url, (e) => endpointOut(e)),
  );

  app.get(
    '/v1/webhook-endpoints/:id',
    { config: { access: readers }, schema: { tags, summary: 'A webhook endpoint', params, response: { 200: EndpointOut } } },
    async (req) => endpointOut(await getEndpoint(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/webhook-endpoints/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change a webhook endpoint',
        description:
          'Change the URL, event types or description; `disabled: true` stops deliveries, `disabled: false` starts them again (also after the platform disabled a failing endpoint) and forgets its failures.',
        params,
        body: z.object({
          url: z.string().min(1).max(2048).optional(),
          event_types: eventTypes.optional(),
          description: z.string().trim().max(500).nullish(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: EndpointOut },
      },
    },
    async (req) => endpointOut(await updateEndpoint(req.ctx, req.params.id, req.body)),
  );

  app.delete(
    '/v1/webhook-endpoints/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Delete a webhook endpoint',
        description: 'With its deliveries and their log.',
        params,
        response: { 200: z.object({ id: z.string(), object: z.literal('webhook_endpoint'), deleted: z.literal(true) }) },
      },
    },
    async (req) => {
      await deleteEndpoint(req.ctx, req.params.id);
      return { id: req.params.id, object: 'webhook_endpoint' as const, deleted: true as const };
    },
  );

  app.post(
    '/v1/webhook-endpoints/:id/roll-secret',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Roll an endpoint’s signing secret',
        description:
          'A new secret, shown once. With `overlap_hours`, deliveries carry a second `v1` signature under the old secret until then, so the receiver can switch without refusing any.',
        params,
        body: z.object({ overlap_hours: z.number().int().min(0).max(24).default(0) }),
        response: { 200: EndpointOut },
      },
    },
    async (req) => {
      const { endpoint, secret } = await rollSecret(req.ctx, req.params.id, req.body.overlap_hours);
      return endpointOut(endpoint, secret);
    },
  );

  app.get(
    '/v1/webhook-endpoints/:id/deliveries',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'An endpoint’s deliveries',
        description: 'Newest first; filter by `status` or `event_id`.',
        params,
        querystring: listQuerySchema.extend({
          status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
          event_id: z.string().max(64).optional(),
        }),
        response: { 200: listResponseSchema(DeliveryOut) },
      },
    },
    async (req) => {
      const { status, event_id, ...q } = req.query;
      return toListResponse(await listDeliveries(req.ctx, req.params.id, { status, event_id }, q), req.url, (d) => deliveryOut(d));
    },
  );

  app.get(
    '/v1/webhook-deliveries/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'A webhook delivery with its attempt log', params, response: { 200: DeliveryOut } },
    },
    async (req) => {
      const { delivery, attempts } = await getDelivery(req.ctx, req.params.id);
      return deliveryOut(delivery, attempts);
    },
  );

  app.post(
    '/v1/webhook-deliveries/:id/retry',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Replay a delivery',
        description:
          'Sends it again soon (by the delivery job, not in this request), whatever its status, with a fresh retry window. The receiver sees the same event id: receivers should treat deliveries as at-least-once.',
        params,
        response: { 200: DeliveryOut },
      },
    },
    async (req) => deliveryOut(await retryDelivery(req.ctx, req.params.id)),
  );

  app.post(
    '/v1/events/:id/redeliver',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Replay an event',
        description: 'Delivers the event again to every enabled endpoint that takes its type, or to `endpoint_id` only.',
        params,
        body: z.object({ endpoint_id: z.string().max(64).optional() }),
        response: { 200: listResponseSchema(DeliveryOut) },
      },
    },
    async (req) => {
      const rows = await redeliverEvent(req.ctx, req.params.id, req.body.endpoint_id);
      return toListResponse({ data: rows, hasMore: false }, req.url, (d) => deliveryOut(d));
    },
  );
}

export const webhooksModule: HttpModule = {
  name: 'webhooks',
  tag: {
    name: 'webhooks',
    description: 'Signed webhooks: endpoints, deliveries with their attempt log, replays (docs/api.md, "Webhooks").',
  },
  routes,
};
