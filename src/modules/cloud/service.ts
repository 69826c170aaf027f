// Webhook endpoints, their deliveries and replays (issue 9). Merchants manage their own
// endpoints; another merchant's endpoint or delivery is simply not found. Deliveries are sent
// by the dispatch job (delivery.ts), never from here.
import { lookup } from 'node:dns/promises';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../kernel/audit.ts';
import { type Ctx, inTransaction, now, tenantOf } from '../../kernel/context.ts';
import { encryptField, randomToken } from '../../kernel/crypto.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { EVENT_TYPES, getEvent } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { kickDispatcher } from './delivery.ts';
import { checkWebhookUrl, classifyAddress, matchesEventTypes, objectKeyOf, unknownEventTypes } from './rules.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.ts';

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

export interface EndpointInput {
  url: string;
  event_types: string[];
  description?: string | null | undefined;
}

const newSecret = () => `whsec_${randomToken(32)}`;

/**
 * A URL the platform may deliver to: the pure checks (rules.ts), then, unless private targets
 * are allowed, the addresses the name resolves to now. A name that does not resolve (yet) is
 * accepted: every delivery checks the addresses again when it connects.
 */
async function assertDeliverableUrl(ctx: Ctx, raw: string): Promise<string> {
  const allowPrivate = ctx.rt.config.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  const check = checkWebhookUrl(raw, { allowPrivate });
  if (!check.ok) {
    const message =
      check.code === 'webhook_target_not_allowed'
        ? `Webhooks may not target this address: ${check.reason}`
        : `Invalid URL: ${check.reason}`;
    throw new AppError(check.code, message, { param: 'url' });
  }
  if (!allowPrivate && !check.literal) {
    const addrs = await Promise.race([
      lookup(check.host, { all: true }).catch(() => []),
      new Promise<[]>((r) => setTimeout(() => r([]), 2000).unref()),
    ]);
    const bad = addrs.find((a) => classifyAddress(a.address) !== 'public');
    if (bad) {
      throw new AppError(
        'webhook_target_not_allowed',
        `Webhooks may not target this address: ${check.host} resolves to a ${classifyAddress(bad.address).replace('_', '-')} address`,
        {
          param: 'url',
        },
      );
    }
  }
  return check.url.toString();
}

function assertEventTypes(types: string[]): string[] {
  const unknown = unknownEventTypes(types, Object.keys(EVENT_TYPES));
  if (unknown.length) {
    throw new AppError('unknown_event_type', `Unknown event type '${unknown[0]}'; the event catalogue is in docs/api.md, "Events"`, {
      param: 'event_types',
    });
  }
  const set = [...new Set(types)];
  return set.includes('*') ? ['*'] : set;
}

export async function createEndpoint(ctx: Ctx, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const merchantId = tenantOf(ctx);
  const url = await assertDeliverableUrl(ctx, input.url);
  const eventTypes = assertEventTypes(input.event_types);
  const id = newId('webhookEndpoint');
  const secret = newSecret();
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [endpoint] = await tx.db
      .insert(webhookEndpoints)
      .values({
        id,
        merchantId,
        url,
        description: input.description ?? null,
        eventTypes,
        secretEnc: encryptField(tx.rt.keys.encryption, secret, id),
        status: 'enabled',
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    await recordAudit(tx, {
      action: 'webhook_endpoint.created',
      objectType: 'webhook_endpoint',
      objectId: id,
      merchantId,
      data: { url, event_types: eventTypes },
    });
    return { endpoint: endpoint as WebhookEndpoint, secret };
  });
}

export function listEndpoints(ctx: Ctx, q: ListQuery): Promise<Page<WebhookEndpoint>> {
  return listPage(ctx.db, webhookEndpoints, webhookEndpoints.id, eq(webhookEndpoints.merchantId, tenantOf(ctx)), q, 'webhookEndpoint');
}

export async function getEndpoint(ctx: Ctx, id: string): Promise<WebhookEndpoint> {
  const merchantId = tenantOf(ctx);
  if (!isId('webhookEndpoint', id)) throw notFound('webhook endpoint', id);
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.merchantId, merchantId)));
  if (!row) throw notFound('webhook endpoint', id);
  return row;
}

export interface EndpointUpdate {
  url?: string | undefined;
  event_types?: string[] | undefined;
  description?: string | null | undefined;
  /** true disables the endpoint; false enables it again (and forgets its failures). */
  disabled?: boolean | undefined;
}

export async function updateEndpoint(ctx: Ctx, id: string, input: EndpointUpdate): Promise<WebhookEndpoint> {
  const current = await getEndpoint(ctx, id);
  const url = input.url === undefined ? undefined : await assertDeliverableUrl(ctx, input.url);
  const eventTypes = input.event_types === undefined ? undefined : assertEventTypes(input.event_types);
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const set: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: t };
    if (url !== undefined) set.url = url;
    if (eventTypes !== undefined) set.eventTypes = eventTypes;
    if (input.description !== undefined) set.description = input.description;
    if (input.disabled === true && current.status === 'enabled') {
      Object.assign(set, { status: 'disabled', disabledReason: 'manual', disabledAt: t });
    } else if (input.disabled === false && current.status === 'disabled') {
      Object.assign(set, { status: 'enabled', disabledReason: null, disabledAt: null, failingSince: null });
    }
    const [row] = await tx.db.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).returning();
    await recordAudit(tx, {
      action: 'webhook_endpoint.updated',
      objectType: 'webhook_endpoint',
      objectId: id,
      merchantId: current.merchantId,
      data: { url: url ?? null, event_types: eventTypes ?? null, disabled: input.disabled ?? null },
    });
    if (input.disabled === false) await kickDispatcher(tx);
    return row as WebhookEndpoint;
  });
}

export async function deleteEndpoint(ctx: Ctx, id: string): Promise<void> {
  const ep = await getEndpoint(ctx, id);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(webhookAttempts).where(eq(webhookAttempts.endpointId, id));
    await tx.db.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    await tx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(tx, {
      action: 'webhook_endpoint.deleted',
      objectType: 'webhook_endpoint',
      objectId: id,
      merchantId: ep.merchantId,
      data: { url: ep.url },
    });
  });
}

/** A new secret; the old one keeps signing (a second v1) for `overlapHours`, so receivers can switch without losing deliveries. */
export async function rollSecret(ctx: Ctx, id: string, overlapHours: number): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const ep = await getEndpoint(ctx, id);
  const secret = newSecret();
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [row] = await tx.db
      .update(webhookEndpoints)
      .set({
        secretEnc: encryptField(tx.rt.keys.encryption, secret, id),
        previousSecretEnc: overlapHours > 0 ? ep.secretEnc : null,
        previousSecretExpiresAt: overlapHours > 0 ? new Date(t.getTime() + overlapHours * 3_600_000) : null,
        updatedAt: t,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'webhook_endpoint.secret_rolled',
      objectType: 'webhook_endpoint',
      objectId: id,
      merchantId: ep.merchantId,
      data: { overlap_hours: overlapHours },
    });
    return { endpoint: row as WebhookEndpoint, secret };
  });
}

// --- deliveries -------------------------------------------------------------------------------------

export async function listDeliveries(
  ctx: Ctx,
  endpointId: string,
  filter: { status?: WebhookDelivery['status'] | undefined; event_id?: string | undefined },
  q: ListQuery,
): Promise<Page<WebhookDelivery>> {
  await getEndpoint(ctx, endpointId);
  const where: SQL[] = [eq(webhookDeliveries.endpointId, endpointId)];
  if (filter.status) where.push(eq(webhookDeliveries.status, filter.status));
  if (filter.event_id) where.push(eq(webhookDeliveries.eventId, filter.event_id));
  return listPage(ctx.db, webhookDeliveries, webhookDeliveries.id, and(...where), q, 'webhookDelivery');
}

export async function getDelivery(ctx: Ctx, id: string): Promise<{ delivery: WebhookDelivery; attempts: WebhookAttempt[] }> {
  const merchantId = tenantOf(ctx);
  if (!isId('webhookDelivery', id)) throw notFound('webhook delivery', id);
  const [delivery] = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.merchantId, merchantId)));
  if (!delivery) throw notFound('webhook delivery', id);
  const attempts = await ctx.db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, id))
    .orderBy(desc(webhookAttempts.id))
    .limit(100);
  return { delivery, attempts };
}

/** Send a delivery again now, with a fresh retry window (whatever its status). */
export async function retryDelivery(ctx: Ctx, id: string): Promise<WebhookDelivery> {
  const { delivery } = await getDelivery(ctx, id);
  const ep = await getEndpoint(ctx, delivery.endpointId);
  if (ep.status !== 'enabled') {
    throw new AppError('invalid_state', 'The endpoint is disabled; enable it before replaying its deliveries', { param: 'id' });
  }
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const [row] = await tx.db
      .update(webhookDeliveries)
      .set({
        status: 'pending',
        nextAttemptAt: t,
        deadline: new Date(t.getTime() + tx.rt.config.WEBHOOK_RETRY_HOURS * 3_600_000),
        updatedAt: t,
      })
      .where(eq(webhookDeliveries.id, id))
      .returning();
    await kickDispatcher(tx);
    return row as WebhookDelivery;
  });
}

/** Deliver an event again to the merchant's enabled endpoints that take its type (or to one of them). */
export async function redeliverEvent(ctx: Ctx, eventId: string, endpointId?: string): Promise<WebhookDelivery[]> {
  const merchantId = tenantOf(ctx);
  const event = await getEvent(ctx, eventId);
  const targets = (
    endpointId
      ? [await getEndpoint(ctx, endpointId)]
      : await ctx.db
          .select()
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.merchantId, merchantId), eq(webhookEndpoints.status, 'enabled')))
  ).filter((ep) => ep.status === 'enabled' && matchesEventTypes(ep.eventTypes, event.type));
  if (targets.length === 0) {
    throw new AppError('invalid_state', 'No enabled endpoint takes this event type', { param: endpointId ? 'endpoint_id' : 'id' });
  }
  return inTransaction(ctx, async (tx) => {
    const t = now(tx);
    const deadline = new Date(t.getTime() + tx.rt.config.WEBHOOK_RETRY_HOURS * 3_600_000);
    const rows = await tx.db
      .insert(webhookDeliveries)
      .values(
        targets.map((ep) => ({
          id: newId('webhookDelivery'),
          merchantId,
          endpointId: ep.id,
          eventId: event.id,
          eventType: event.type,
          eventCreatedAt: event.createdAt,
          objectKey: objectKeyOf(event.data),
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: t,
          deadline,
          createdAt: t,
          updatedAt: t,
        })),
      )
      .onConflictDoUpdate({
        target: [webhookDeliveries.endpointId, webhookDeliveries.eventId],
        set: { status: 'pending', nextAttemptAt: t, deadline, updatedAt: t },
      })
      .returning();
    await kickDispatcher(tx);
    return rows;
  });
}
