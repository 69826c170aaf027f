// Domain events: facts other parties react to (`inventory.low_stock`, …). Emitted inside
// the transaction that caused them (pass the transaction's ctx), so an event exists
// exactly when its change committed. Merchants list their own through `GET /v1/events`;
// webhook delivery reads the same table later (an outbox), so no event is lost between
// the change and its delivery.
import { and, eq, type SQL } from 'drizzle-orm';
import { type Ctx, inScope, merchantScope, now, writeLater } from './context.ts';
import { notFound } from './errors.ts';
import { merchantLivemode } from './livemode.ts';
import { listPage, type ListQuery, type Page } from './http/pagination.ts';
import { isId, newId } from './ids.ts';
import { events } from './schema.ts';

export type DomainEvent = typeof events.$inferSelect;

/** Every event type the platform emits, with what it means (shown in docs/api.md). */
export const EVENT_TYPES = {
  'inventory.low_stock': 'A stock level’s available units fell to or below its low-stock threshold',
  'top_up.succeeded': 'A shopper’s wallet top-up was confirmed by the acquirer and credited',
  'payment_intent.created': 'A payment intent was created for an order',
  'payment_intent.canceled': 'An unpaid payment intent was cancelled',
  'payment.succeeded': 'The buyer paid an order from their wallet; the money is held in escrow',
  'escrow.released': 'Escrow for a paid order was released: the goods to the merchant’s balance, less commission and the payment fee',
  'payout.sent': 'A payout to the merchant’s bank account was sent to the bank in a payout batch',
  'payout.paid': 'The bank confirmed a payout to the merchant’s bank account',
  'payout.failed': 'The bank returned a payout; its money is back on the merchant’s balance',
  'refund.succeeded': 'Money of a paid order went back to the buyer’s wallet',
  'order.paid': 'A checkout was paid: the order was created, its stock kept and the buyer’s quota taken',
  'order.fulfilling': 'The merchant started preparing an order',
  'order.shipped': 'An order left its origin',
  'order.delivered': 'An order was delivered to the buyer',
  'order.completed': 'The buyer confirmed receipt, or the escrow period after delivery ran out',
  'order.cancelled': 'An order was cancelled before shipment: refunded in full, stock and quota given back',
  'order.refunded': 'An order was refunded in full by the merchant or an operator',
  'order.return_requested': 'The buyer asked to return goods of a delivered order',
  'order.return_approved': 'The merchant agreed to take the goods back',
  'order.return_rejected': 'The merchant refused a return',
  'order.returned': 'The merchant received returned goods; the buyer was refunded for them',
  'shipment.created': 'Parcels were booked for an order: each has a tracking number and a label',
  'parcel.updated': 'A parcel reached a new milestone (a hub scan, a customs receipt or a carrier event)',
  'customs.held': 'An order’s China customs declaration is held: a three-document mismatch, or an inspection',
  'customs.released': 'China customs released an order’s goods',
  'customs.rejected': 'China customs rejected an order’s declaration; the order was refunded',
  'instore_payment.succeeded':
    'A shopper paid at a till (merchant-presented QR or shopper-presented code); the sale is on the merchant’s balance',
  'instore_refund.succeeded': 'A till refunded an in-store payment, in full or in part, to the shopper’s wallet',
  'webhook_endpoint.disabled':
    'A webhook endpoint was disabled by the platform because every delivery to it failed for WEBHOOK_DISABLE_AFTER_DAYS days',
} as const;
export type EventType = keyof typeof EVENT_TYPES;

/** Record an event; inside a transaction it is written with the transaction's other events when it ends. */
export async function emitEvent(ctx: Ctx, type: EventType, merchantId: string | null, data: Record<string, unknown>): Promise<DomainEvent> {
  const livemode = await merchantLivemode(ctx, merchantId);
  const row: DomainEvent = { id: newId('event'), type, merchantId, data, createdAt: now(ctx), livemode };
  await writeLater(ctx, events, row);
  return row;
}

/** Merchants see their own events; operators all (optionally one merchant's). */
export function listEvents(
  ctx: Ctx,
  filter: { type?: string | undefined; merchantId?: string | undefined },
  q: ListQuery,
): Promise<Page<DomainEvent>> {
  const where: SQL[] = [];
  const merchantId = merchantScope(ctx) ?? filter.merchantId;
  if (merchantId) where.push(eq(events.merchantId, merchantId));
  // Operators list the live world's events; a twin's are its merchant's alone (decisions §23).
  if (merchantScope(ctx) === undefined) where.push(eq(events.livemode, true));
  if (filter.type) where.push(eq(events.type, filter.type));
  return listPage(ctx.db, events, events.id, where.length ? and(...where) : undefined, q, 'event');
}

export async function getEvent(ctx: Ctx, id: string): Promise<DomainEvent> {
  if (!isId('event', id)) throw notFound('event', id);
  const [row] = await ctx.db.select().from(events).where(eq(events.id, id));
  if (!row || !inScope(ctx, row.merchantId)) throw notFound('event', id);
  return row;
}
