// The audit trail: who did what to which object, written with the change in the same
// transaction (pass the transaction's ctx), so there is no change without its record.
// The table refuses UPDATE and DELETE (trigger in the migrations): append-only.
import { and, eq, type SQL } from 'drizzle-orm';
import { actorId, type Ctx, now, writeLater } from './context.ts';
import { newId } from './ids.ts';
import { auditEvents } from './schema.ts';
import { listPage, type ListQuery, type Page } from './http/pagination.ts';

export interface AuditInput {
  action: string;
  objectType: string;
  objectId: string;
  merchantId?: string | null;
  data?: Record<string, unknown>;
}

/** Record an audit entry; inside a transaction it is written with the transaction's other entries when it ends. */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const p = ctx.principal;
  await writeLater(ctx, auditEvents, {
    id: newId('audit'),
    at: now(ctx),
    actorKind: p.kind,
    actorId: actorId(p) ?? null,
    merchantId: input.merchantId ?? (p.kind === 'merchant' || p.kind === 'api_key' ? p.merchantId : null),
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    data: input.data ?? {},
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  });
}

export interface AuditFilter {
  merchantId?: string | undefined;
  action?: string | undefined;
  objectId?: string | undefined;
  actorId?: string | undefined;
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export function listAudit(ctx: Ctx, filter: AuditFilter, q: ListQuery): Promise<Page<AuditEvent>> {
  const where: SQL[] = [];
  if (filter.merchantId) where.push(eq(auditEvents.merchantId, filter.merchantId));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.objectId) where.push(eq(auditEvents.objectId, filter.objectId));
  if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
  return listPage(ctx.db, auditEvents, auditEvents.id, where.length ? and(...where) : undefined, q, 'audit');
}
