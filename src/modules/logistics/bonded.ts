// Bonded-warehouse stock (PRODUCT.md L7, 1210): a merchant sends stock in bulk from its own
// warehouse to a China bonded warehouse as an inbound shipment. The units leave the merchant's
// warehouse when it is sent and enter the bonded warehouse's stock when the warehouse receives
// them (what arrived, which may be less); from then on orders in China are served from there,
// declared and released in China and delivered in days.
import { and, eq, type SQL } from 'drizzle-orm';
import { type Ctx, inTransaction, merchantScope, now, tenantOf } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { getVariant } from '../catalog/service.ts';
import { getLocation, recordMovement } from '../inventory/service.ts';
import { type InboundStatus, inboundShipments } from './shipment-schema.ts';

export type InboundShipment = typeof inboundShipments.$inferSelect;

export const MAX_INBOUND_LINES = 100;
export const MAX_INBOUND_UNITS = 100_000;

export interface InboundInput {
  from_location_id: string;
  to_location_id: string;
  lines: { variant_id: string; quantity: number }[];
  reference?: string | undefined;
}

export async function createInbound(ctx: Ctx, input: InboundInput): Promise<InboundShipment> {
  const merchantId = tenantOf(ctx);
  if (input.lines.length < 1 || input.lines.length > MAX_INBOUND_LINES) {
    throw new AppError('invalid_request', `Between 1 and ${MAX_INBOUND_LINES} lines`, { param: 'lines' });
  }
  const from = await getLocation(ctx, input.from_location_id).catch(() => {
    throw new AppError('not_found', `No warehouse ${input.from_location_id} of yours`, { param: 'from_location_id' });
  });
  if (from.kind !== 'merchant_warehouse' || from.merchantId !== merchantId) {
    throw new AppError('invalid_request', 'Stock is sent from one of your own warehouses', { param: 'from_location_id' });
  }
  const to = await getLocation(ctx, input.to_location_id).catch(() => {
    throw new AppError('not_found', `No bonded warehouse ${input.to_location_id}`, { param: 'to_location_id' });
  });
  if (to.kind !== 'bonded_warehouse' || !to.active) {
    throw new AppError('invalid_request', `${to.name} is not a bonded warehouse in service`, { param: 'to_location_id' });
  }
  const seen = new Set<string>();
  const lines: InboundShipment['lines'] = [];
  for (const [i, l] of input.lines.entries()) {
    const param = `lines.${i}`;
    if (seen.has(l.variant_id)) throw new AppError('invalid_request', 'Each variant once', { param: `${param}.variant_id` });
    seen.add(l.variant_id);
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_INBOUND_UNITS) {
      throw new AppError('invalid_request', `Between 1 and ${MAX_INBOUND_UNITS} units`, { param: `${param}.quantity` });
    }
    const v = await getVariant(ctx, l.variant_id).catch(() => {
      throw new AppError('not_found', `No variant ${l.variant_id} of yours`, { param: `${param}.variant_id` });
    });
    lines.push({ variant_id: v.id, sku: v.sku, quantity: l.quantity, received_quantity: null });
  }
  return inTransaction(ctx, async (tx) => {
    const id = newId('inbound');
    for (const [i, l] of lines.entries()) {
      // Out of the merchant's warehouse now; reserved units cannot be sent.
      await recordMovement(tx, {
        kind: 'adjustment',
        variant_id: l.variant_id,
        location_id: from.id,
        quantity: -l.quantity,
        reason: `sent to bonded warehouse ${to.name}`,
        reference: id,
      }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'insufficient_stock') {
          throw new AppError('insufficient_stock', `${l.sku}: ${e.message}`, { param: `lines.${i}.quantity`, details: e.details });
        }
        throw e;
      });
    }
    const t = now(tx);
    const [row] = await tx.db
      .insert(inboundShipments)
      .values({
        id,
        merchantId,
        fromLocationId: from.id,
        toLocationId: to.id,
        status: 'in_transit',
        lines,
        reference: input.reference?.trim() || null,
        createdAt: t,
        updatedAt: t,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  });
}

async function lockInbound(tx: Ctx, id: string): Promise<InboundShipment> {
  if (!isId('inbound', id)) throw notFound('inbound_shipment', id);
  const [row] = await tx.db.select().from(inboundShipments).where(eq(inboundShipments.id, id)).for('update');
  const scope = merchantScope(tx);
  if (!row || (scope && row.merchantId !== scope)) throw notFound('inbound_shipment', id);
  return row;
}

/**
 * The bonded warehouse (an operator) received it: what arrived of each line goes into the
 * warehouse's stock. Lines not named arrived in full.
 */
export function receiveInbound(
  ctx: Ctx,
  id: string,
  input: { lines?: { variant_id: string; received_quantity: number }[] | undefined },
): Promise<InboundShipment> {
  if (ctx.principal.kind !== 'operator' && ctx.principal.kind !== 'system') {
    throw new AppError('forbidden', 'The bonded warehouse (an operator) records what it received');
  }
  return inTransaction(ctx, async (tx) => {
    const row = await lockInbound(tx, id);
    if (row.status !== 'in_transit') throw new AppError('invalid_state', `The inbound shipment is ${row.status.replaceAll('_', ' ')}`);
    const counted = new Map<string, number>();
    for (const [i, l] of (input.lines ?? []).entries()) {
      const line = row.lines.find((x) => x.variant_id === l.variant_id);
      if (!line) throw new AppError('invalid_request', `${l.variant_id} is not on this shipment`, { param: `lines.${i}.variant_id` });
      if (!Number.isSafeInteger(l.received_quantity) || l.received_quantity < 0 || l.received_quantity > line.quantity) {
        throw new AppError('invalid_request', `Between 0 and the ${line.quantity} sent`, { param: `lines.${i}.received_quantity` });
      }
      counted.set(l.variant_id, l.received_quantity);
    }
    const lines = row.lines.map((l) => ({ ...l, received_quantity: counted.get(l.variant_id) ?? l.quantity }));
    for (const l of lines) {
      if (l.received_quantity === 0) continue;
      await recordMovement(tx, {
        kind: 'receipt',
        variant_id: l.variant_id,
        location_id: row.toLocationId,
        quantity: l.received_quantity,
        reason: 'inbound shipment received',
        reference: row.id,
      });
    }
    const t = now(tx);
    const [done] = await tx.db
      .update(inboundShipments)
      .set({ status: 'received', lines, receivedAt: t, updatedAt: t })
      .where(eq(inboundShipments.id, id))
      .returning();
    if (!done) throw new Error('update returned nothing');
    return done;
  });
}

/** The merchant calls it off before it arrives: the units go back into its warehouse. */
export function cancelInbound(ctx: Ctx, id: string): Promise<InboundShipment> {
  tenantOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await lockInbound(tx, id);
    if (row.status !== 'in_transit') throw new AppError('invalid_state', `The inbound shipment is ${row.status.replaceAll('_', ' ')}`);
    for (const l of row.lines) {
      await recordMovement(tx, {
        kind: 'adjustment',
        variant_id: l.variant_id,
        location_id: row.fromLocationId,
        quantity: l.quantity,
        reason: 'inbound shipment cancelled',
        reference: row.id,
      });
    }
    const [done] = await tx.db
      .update(inboundShipments)
      .set({ status: 'cancelled', updatedAt: now(tx) })
      .where(eq(inboundShipments.id, id))
      .returning();
    if (!done) throw new Error('update returned nothing');
    return done;
  });
}

export async function getInbound(ctx: Ctx, id: string): Promise<InboundShipment> {
  if (!isId('inbound', id)) throw notFound('inbound_shipment', id);
  const [row] = await ctx.db.select().from(inboundShipments).where(eq(inboundShipments.id, id));
  const scope = merchantScope(ctx);
  if (!row || (scope && row.merchantId !== scope) || ctx.principal.kind === 'shopper') throw notFound('inbound_shipment', id);
  return row;
}

export function listInbound(
  ctx: Ctx,
  f: { status?: InboundStatus | undefined; to?: string | undefined },
  q: ListQuery,
): Promise<Page<InboundShipment>> {
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope) where.push(eq(inboundShipments.merchantId, scope));
  if (f.status) where.push(eq(inboundShipments.status, f.status));
  if (f.to) where.push(eq(inboundShipments.toLocationId, f.to));
  return listPage<typeof inboundShipments, InboundShipment>(
    ctx.db,
    inboundShipments,
    inboundShipments.id,
    where.length ? and(...where) : undefined,
    q,
    'inbound',
  );
}
