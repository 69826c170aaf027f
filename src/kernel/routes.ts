// Platform routes owned by the kernel: background jobs (operators watch and retry them)
// and the audit log (operators search all of it; merchants read their own trail).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listAudit, recordAudit, type AuditEvent } from './audit.ts';
import { inTransaction } from './context.ts';
import { listQuerySchema, listResponseSchema, toListResponse } from './http/pagination.ts';
import { type HttpModule, typed } from './http/server.ts';
import { type DomainEvent, EVENT_TYPES, getEvent, listEvents } from './events.ts';
import { getJob, type Job, listJobs, retryJob } from './jobs.ts';

const EventOut = z
  .object({
    id: z.string(),
    object: z.literal('event'),
    type: z.enum(Object.keys(EVENT_TYPES) as [keyof typeof EVENT_TYPES]),
    merchant_id: z.string().nullable(),
    livemode: z.boolean().describe('False for an event of the test world (made with an `sk_test_` key)'),
    data: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .meta({ id: 'Event' });

const eventOut = (e: DomainEvent): z.output<typeof EventOut> => ({
  id: e.id,
  object: 'event',
  type: e.type as keyof typeof EVENT_TYPES,
  merchant_id: e.merchantId,
  livemode: e.livemode,
  data: e.data,
  created_at: e.createdAt.toISOString(),
});

const JobOut = z
  .object({
    id: z.string(),
    object: z.literal('job'),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    attempts: z.number().int(),
    max_attempts: z.number().int(),
    run_at: z.string(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'Job' });

const jobOut = (j: Job): z.output<typeof JobOut> => ({
  id: j.id,
  object: 'job',
  kind: j.kind,
  status: j.status,
  attempts: j.attempts,
  max_attempts: j.maxAttempts,
  run_at: j.runAt.toISOString(),
  last_error: j.lastError,
  created_at: j.createdAt.toISOString(),
  finished_at: j.finishedAt?.toISOString() ?? null,
});

const AuditOut = z
  .object({
    id: z.string(),
    object: z.literal('audit_event'),
    at: z.string(),
    actor_kind: z.string(),
    actor_id: z.string().nullable(),
    merchant_id: z.string().nullable(),
    action: z.string(),
    object_type: z.string(),
    object_id: z.string(),
    data: z.record(z.string(), z.unknown()),
    request_id: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const auditOut = (a: AuditEvent): z.output<typeof AuditOut> => ({
  id: a.id,
  object: 'audit_event',
  at: a.at.toISOString(),
  actor_kind: a.actorKind,
  actor_id: a.actorId,
  merchant_id: a.merchantId,
  action: a.action,
  object_type: a.objectType,
  object_id: a.objectId,
  data: a.data,
  request_id: a.requestId,
});

function routes(root: FastifyInstance): void {
  const app = typed(root);
  const jobOps = { operator: ['admin', 'operations'] } as const;

  app.get(
    '/v1/jobs',
    {
      config: { access: jobOps },
      schema: {
        tags: ['platform'],
        summary: 'List background jobs',
        querystring: listQuerySchema.extend({
          status: z.enum(['queued', 'running', 'succeeded', 'failed']).optional(),
          kind: z.string().max(100).optional(),
        }),
        response: { 200: listResponseSchema(JobOut) },
      },
    },
    async (req) => toListResponse(await listJobs(req.ctx, req.query, req.query), req.url, jobOut),
  );
  app.get(
    '/v1/jobs/:id',
    {
      config: { access: jobOps },
      schema: { tags: ['platform'], summary: 'Retrieve a job', params: z.object({ id: z.string().max(64) }), response: { 200: JobOut } },
    },
    async (req) => jobOut(await getJob(req.ctx, req.params.id)),
  );
  app.post(
    '/v1/jobs/:id/retry',
    {
      config: { access: jobOps },
      schema: {
        tags: ['platform'],
        summary: 'Retry a failed job',
        description: 'Puts a failed job back in the queue with a fresh set of attempts.',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: JobOut },
      },
    },
    async (req) =>
      jobOut(
        await inTransaction(req.ctx, async (tx) => {
          const job = await retryJob(tx, req.params.id);
          await recordAudit(tx, { action: 'job.retried', objectType: 'job', objectId: job.id, data: { kind: job.kind } });
          return job;
        }),
      ),
  );

  app.get(
    '/v1/audit-events',
    {
      config: { access: { operator: ['admin', 'support', 'finance', 'operations'], merchant: ['owner', 'manager'], apiKey: 'audit:read' } },
      schema: {
        tags: ['platform'],
        summary: 'Search the audit log',
        description: 'Operators search the whole log; merchants see the events on their own objects.',
        querystring: listQuerySchema.extend({
          action: z.string().max(100).optional(),
          object_id: z.string().max(64).optional(),
          actor_id: z.string().max(64).optional(),
        }),
        response: { 200: listResponseSchema(AuditOut) },
      },
    },
    async (req) => {
      const p = req.principal;
      const merchantId = p.kind === 'merchant' || p.kind === 'api_key' ? p.merchantId : undefined;
      const page = await listAudit(
        req.ctx,
        { merchantId, action: req.query.action, objectId: req.query.object_id, actorId: req.query.actor_id },
        req.query,
      );
      return toListResponse(page, req.url, auditOut);
    },
  );
}

function eventRoutes(root: FastifyInstance): void {
  const app = typed(root);
  const access = { operator: 'any', merchant: 'any', apiKey: 'events:read' } as const;
  app.get(
    '/v1/events',
    {
      config: { access },
      schema: {
        tags: ['platform'],
        summary: 'List events',
        description: `Facts about your objects, newest first. Types: ${Object.entries(EVENT_TYPES)
          .map(([t, d]) => `\`${t}\` (${d})`)
          .join('; ')}.`,
        querystring: listQuerySchema.extend({
          type: z.string().max(100).optional(),
          merchant_id: z.string().max(64).optional().describe('Operators only'),
        }),
        response: { 200: listResponseSchema(EventOut) },
      },
    },
    async (req) =>
      toListResponse(await listEvents(req.ctx, { type: req.query.type, merchantId: req.query.merchant_id }, req.query), req.url, eventOut),
  );
  app.get(
    '/v1/events/:id',
    {
      config: { access },
      schema: {
        tags: ['platform'],
        summary: 'Retrieve an event',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: EventOut },
      },
    },
    async (req) => eventOut(await getEvent(req.ctx, req.params.id)),
  );
}

export const platformModule: HttpModule = {
  name: 'platform',
  tag: { name: 'platform', description: 'Background jobs, the audit log and events' },
  routes: (app) => {
    routes(app);
    eventRoutes(app);
  },
};
