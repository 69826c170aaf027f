// Tracking (PRODUCT.md L5): every parcel's timeline in one vocabulary (parcel-rules.ts
// MILESTONES). Hub scans are checked against the parcel's route and refused when out of turn;
// events from outside (customs receipts, last-mile carriers through their signed webhook) are
// facts: stored once per source id, and moving the parcel only forward. The order follows its
// parcels: delivered when all of them are.
import { merchantLivemode } from '../../kernel/livemode.ts';
import { createHmac } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { actorId, asSystem, type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { newId } from '../../kernel/ids.ts';
import { verifySignatureHeader, WebhookSignatureError } from '../../kernel/signatures.ts';
import { deliverLockedOrders, lockOrders, type OrderRow } from '../orders/service.ts';
import { applyEvent, checkScan, isS10, type Milestone, normaliseTrackingNumber, type ParcelProgress, type Scan } from './parcel-rules.ts';
import { logisticsNodes } from './schema.ts';
import { parcels, shipments, trackingEvents } from './shipment-schema.ts';
import type { Parcel, TrackingEvent } from './shipments.ts';

type ParcelEventInput = {
  milestone: Milestone;
  at: Date;
  source: TrackingEvent['source'];
  sourceKey?: string | null;
  location?: string | null;
  description?: string | null;
};

const system = (ctx: Ctx): Ctx => asSystem(ctx, 'logistics');

/**
 * Record an event on a locked parcel and move the parcel if the event moves it forward. Scans
 * (already checked) always move it; outside events follow `applyEvent`. Returns the parcel as
 * it is after.
 */
export async function recordParcelEvent(tx: Ctx, parcel: Parcel, ev: ParcelEventInput, opts: { force?: boolean } = {}): Promise<Parcel> {
  const progress: ParcelProgress = { status: parcel.status, milestone: parcel.milestone, at: parcel.statusAt };
  const effect = opts.force
    ? { moves: true as const, next: { status: ev.milestone, milestone: ev.milestone as ParcelProgress['milestone'], at: ev.at } }
    : applyEvent(progress, ev);
  await tx.db.insert(trackingEvents).values({
    id: newId('trackingEvent'),
    parcelId: parcel.id,
    milestone: ev.milestone,
    occurredAt: ev.at,
    recordedAt: now(tx),
    source: ev.source,
    sourceKey: ev.sourceKey ?? null,
    location: ev.location ?? null,
    description: ev.description ?? null,
    applied: effect.moves,
    actorId: actorId(tx.principal) ?? null,
  });
  if (!effect.moves) return parcel;
  const [row] = await tx.db
    .update(parcels)
    .set({
      status: effect.next.status,
      milestone: effect.next.milestone,
      statusAt: effect.next.at,
      exceptionReason: ev.milestone === 'exception' ? (ev.description ?? 'exception') : null,
      deliveredAt: ev.milestone === 'delivered' ? ev.at : parcel.deliveredAt,
      updatedAt: now(tx),
    })
    .where(eq(parcels.id, parcel.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  await announce(tx, row, ev.source, ev.location ?? null);
  if (ev.milestone === 'delivered') await followDelivery(tx, row);
  return row;
}

/** `parcel.updated` for the merchant: the parcel as it is after an event moved it. */
function announce(tx: Ctx, p: Parcel, source: TrackingEvent['source'], location: string | null) {
  return emitEvent(tx, 'parcel.updated', p.merchantId, {
    parcel_id: p.id,
    tracking_number: p.trackingNumber,
    order_id: p.orderId,
    status: p.status,
    milestone: p.milestone,
    at: p.statusAt.toISOString(),
    location,
    source,
  });
}

/** When the last parcel of a shipped order is delivered, the order is delivered (at that parcel's time). */
async function followDelivery(tx: Ctx, p: Parcel): Promise<void> {
  await followDeliveries(tx, [p]);
}

/** Lock a parcel by tracking number. */
export async function lockParcel(tx: Ctx, trackingNumber: string, param = 'tracking_number'): Promise<Parcel> {
  const number = normaliseTrackingNumber(trackingNumber);
  if (!isS10(number)) {
    throw new AppError('invalid_tracking_number', `'${trackingNumber}' is not an S10 tracking number (e.g. CT000000014AU)`, { param });
  }
  const [row] = await tx.db.select().from(parcels).where(eq(parcels.trackingNumber, number)).for('update');
  if (!row) throw notFound('parcel', number);
  return row;
}

/** Apply a hub scan to a locked parcel: refused when out of turn, a no-op when repeated. */
export async function scanLocked(
  tx: Ctx,
  parcel: Parcel,
  scan: Scan,
  opts: { at?: Date; location?: string | null; description?: string | null } = {},
): Promise<{ parcel: Parcel; repeated: boolean }> {
  // A test-mode label (decisions §23) stuck on a real box must not enter the network.
  if (!(await merchantLivemode(tx, parcel.merchantId))) {
    throw new AppError('invalid_scan', `${parcel.trackingNumber} is a test-mode parcel: not a real shipment, never scanned at a hub`, {
      param: 'scan',
      details: { tracking_number: parcel.trackingNumber, livemode: false },
    });
  }
  const r = checkScan(parcel.route, parcel.milestone, scan);
  if (!r.ok) {
    throw new AppError('invalid_scan', `${parcel.trackingNumber}: ${r.message}`, {
      param: 'scan',
      details: { tracking_number: parcel.trackingNumber, status: parcel.status, milestone: parcel.milestone },
    });
  }
  if (r.repeat) return { parcel, repeated: true };
  const at = opts.at ?? now(tx);
  const moved = await recordParcelEvent(
    tx,
    parcel,
    { milestone: r.to, at, source: 'scan', location: opts.location ?? null, description: opts.description ?? null },
    { force: true },
  );
  return { parcel: moved, repeated: false };
}

export const HUB_SCANS = ['pick_up', 'receive', 'hand_over'] as const satisfies readonly Scan[];
export type HubScan = (typeof HUB_SCANS)[number];

/** A hub worker scans a parcel (operators only): picked up, received at the hub, handed to last mile. */
export async function scanParcel(
  ctx: Ctx,
  input: { tracking_number: string; scan: HubScan; location?: string | undefined },
): Promise<{ parcel: Parcel; repeated: boolean }> {
  if (ctx.principal.kind !== 'operator' && ctx.principal.kind !== 'system') throw new AppError('forbidden', 'Hub scans are for operators');
  return inTransaction(ctx, async (tx) => {
    const p = await lockParcel(tx, input.tracking_number);
    return scanLocked(tx, p, input.scan, { location: input.location ?? (await scanPlace(tx, p, input.scan)) });
  });
}

/** Where a scan happens when the worker does not say: the origin hub's city, or the destination city for the hand-over. */
async function scanPlace(tx: Ctx, p: Parcel, scan: HubScan): Promise<string | null> {
  if (scan === 'hand_over') return p.destinationCity;
  const [row] = await tx.db
    .select({ city: logisticsNodes.city })
    .from(shipments)
    .innerJoin(logisticsNodes, eq(logisticsNodes.id, shipments.originNodeId))
    .where(eq(shipments.id, p.shipmentId));
  return row?.city ?? null;
}

// ---------------------------------------------------------------------------
// Carriers: last-mile events through a signed webhook
// ---------------------------------------------------------------------------

export const CARRIERS = ['sandbox'] as const;
export type CarrierName = (typeof CARRIERS)[number];

/** Milestones a last-mile carrier may report. */
export const CARRIER_MILESTONES = [
  'out_for_delivery',
  'delivered',
  'delivery_failed',
  'returned_to_sender',
  'exception',
] as const satisfies readonly Milestone[];

export interface CarrierEvent {
  id: string;
  tracking_number: string;
  milestone: (typeof CARRIER_MILESTONES)[number];
  occurred_at: string;
  location?: string | null | undefined;
  description?: string | null | undefined;
}

/** The shared secret of a carrier's webhook: derived from the platform's signing key, shown to operators to configure the carrier. */
export function carrierSecret(ctx: Ctx, name: string): string {
  return createHmac('sha256', ctx.rt.keys.signing).update(`carrier:${name}:webhook`).digest('hex');
}

export const MAX_CARRIER_EVENTS = 500;

/** How far ahead of the platform's clock a carrier's event time may be (clock skew, as for signatures). */
const MAX_EVENT_SKEW_MS = 5 * 60_000;

/** Parse and check a carrier's delivery (after its signature verified), received at `receivedAt`. */
function carrierEvents(body: string, receivedAt: Date): CarrierEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError('invalid_request', 'The body is not JSON', { param: 'body' });
  }
  // `null` is valid JSON: reading `.events` of it threw a TypeError (a 500) before this guard.
  const events = parsed !== null && typeof parsed === 'object' ? (parsed as { events?: unknown }).events : undefined;
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_CARRIER_EVENTS) {
    throw new AppError('invalid_request', `Send { "events": [ … ] } with 1 to ${MAX_CARRIER_EVENTS} events`, { param: 'events' });
  }
  return events.map((e: Record<string, unknown>, i) => {
    // The whole event (field '') is `events.i`, not `events.i.` with a dangling dot.
    const bad = (field: string, message: string) =>
      new AppError('invalid_request', message, { param: field ? `events.${i}.${field}` : `events.${i}` });
    if (typeof e !== 'object' || e === null) throw bad('', 'An event is an object');
    if (typeof e.id !== 'string' || e.id.length < 1 || e.id.length > 100) throw bad('id', 'The carrier’s event id, 1–100 characters');
    if (typeof e.tracking_number !== 'string' || !isS10(e.tracking_number)) throw bad('tracking_number', 'An S10 tracking number');
    if (!CARRIER_MILESTONES.includes(e.milestone as never)) throw bad('milestone', `One of ${CARRIER_MILESTONES.join(', ')}`);
    const at = typeof e.occurred_at === 'string' ? new Date(e.occurred_at) : new Date(Number.NaN);
    if (Number.isNaN(at.getTime()) || !/[zZ]|[+-]\d\d:\d\d$/.test(String(e.occurred_at))) {
      throw bad('occurred_at', 'An ISO 8601 time with its offset');
    }
    // An event from the future would be applied and then make every real event "older": the
    // parcel would be stuck until that time. Refused like any other bad field.
    if (at.getTime() > receivedAt.getTime() + MAX_EVENT_SKEW_MS) {
      throw bad('occurred_at', 'A time that has passed (events are reported after they happen)');
    }
    for (const f of ['location', 'description'] as const) {
      if (e[f] != null && (typeof e[f] !== 'string' || (e[f] as string).length > 200)) throw bad(f, 'Text of at most 200 characters');
    }
    return e as unknown as CarrierEvent;
  });
}

/**
 * A carrier's webhook delivery: verified by its signature (`Carrier-Signature: t=…,v1=…`), then
 * each event stored once (the carrier's event id is the key, so a redelivery changes nothing)
 * and applied to its parcel in one transaction. Unknown tracking numbers are reported back,
 * not failed: the carrier may know parcels of other platforms.
 */
export async function ingestCarrierEvents(
  ctx: Ctx,
  carrier: string,
  body: string,
  signature: string,
): Promise<{ received: number; applied: number; duplicates: number; unknown: string[] }> {
  if (!CARRIERS.includes(carrier as CarrierName)) throw notFound('carrier', carrier);
  try {
    verifySignatureHeader(carrierSecret(ctx, carrier), body, signature, now(ctx));
  } catch (e) {
    if (!(e instanceof WebhookSignatureError)) throw e;
    throw new AppError('invalid_signature', `The webhook signature does not verify: ${e.message}`, { param: 'Carrier-Signature' });
  }
  const events = carrierEvents(body, now(ctx)).sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at));
  return inTransaction(system(ctx), async (tx) => {
    const numbers = [...new Set(events.map((e) => normaliseTrackingNumber(e.tracking_number)))].sort();
    const locked = await tx.db
      .select()
      .from(parcels)
      .where(inArray(parcels.trackingNumber, numbers))
      .orderBy(parcels.trackingNumber)
      .for('update');
    const byNumber = new Map(locked.map((p) => [p.trackingNumber, p]));
    const keys = events.map((e) => `${carrier}:${e.id}`);
    const seen = new Set(
      (await tx.db.select({ k: trackingEvents.sourceKey }).from(trackingEvents).where(inArray(trackingEvents.sourceKey, keys))).map(
        (r) => r.k,
      ),
    );
    // The events are applied in memory in their order (what recordParcelEvent would do one by
    // one), then written in one statement per table: the new events, the parcels that moved.
    const at = now(tx);
    const actor = actorId(tx.principal) ?? null;
    const rows: (typeof trackingEvents.$inferInsert)[] = [];
    const moved = new Map<string, Parcel>();
    const delivered: Parcel[] = [];
    let applied = 0;
    let duplicates = 0;
    const unknown: string[] = [];
    for (const e of events) {
      const key = `${carrier}:${e.id}`;
      const number = normaliseTrackingNumber(e.tracking_number);
      const p = byNumber.get(number);
      if (!p) {
        unknown.push(number);
        continue;
      }
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      const ev = { milestone: e.milestone, at: new Date(e.occurred_at), description: e.description ?? null };
      const effect = applyEvent({ status: p.status, milestone: p.milestone, at: p.statusAt }, ev);
      rows.push({
        id: newId('trackingEvent'),
        parcelId: p.id,
        milestone: ev.milestone,
        occurredAt: ev.at,
        recordedAt: at,
        source: 'carrier',
        sourceKey: key,
        location: e.location ?? null,
        description: ev.description,
        applied: effect.moves,
        actorId: actor,
      });
      if (!effect.moves) continue;
      applied++;
      const after: Parcel = {
        ...p,
        status: effect.next.status,
        milestone: effect.next.milestone,
        statusAt: effect.next.at,
        exceptionReason: ev.milestone === 'exception' ? (ev.description ?? 'exception') : null,
        deliveredAt: ev.milestone === 'delivered' ? ev.at : p.deliveredAt,
        updatedAt: at,
      };
      byNumber.set(number, after);
      moved.set(p.id, after);
      await announce(tx, after, 'carrier', e.location ?? null);
      if (ev.milestone === 'delivered') delivered.push(after);
    }
    if (rows.length) await tx.db.insert(trackingEvents).values(rows);
    if (moved.size) await updateParcels(tx, [...moved.values()]);
    await followDeliveries(tx, delivered);
    return { received: events.length, applied, duplicates, unknown };
  });
}

/** Write the moved parcels' progress in one statement (the rows are locked by the caller). */
async function updateParcels(tx: Ctx, ps: readonly Parcel[]): Promise<void> {
  const values = ps.map(
    (p) =>
      sql`(${p.id}::text, ${p.status}::text, ${p.milestone}::text, ${p.statusAt.toISOString()}::timestamptz, ${p.exceptionReason}::text, ${p.deliveredAt?.toISOString() ?? null}::timestamptz, ${p.updatedAt.toISOString()}::timestamptz)`,
  );
  await tx.db.execute(sql`
    UPDATE parcels AS p
    SET status = v.status, milestone = v.milestone, status_at = v.status_at, exception_reason = v.exception_reason,
        delivered_at = v.delivered_at, updated_at = v.updated_at
    FROM (VALUES ${sql.join(values, sql`, `)}) AS v(id, status, milestone, status_at, exception_reason, delivered_at, updated_at)
    WHERE p.id = v.id`);
}

/**
 * The orders of delivered parcels whose parcels are now all delivered are delivered, at the
 * last parcel's time (never before the order shipped, never after now), in one batch. The
 * orders are locked before their parcels are read: two carrier deliveries of an order's last
 * two parcels then run one after the other, and the second sees the first's parcel delivered.
 */
async function followDeliveries(tx: Ctx, delivered: readonly Parcel[]): Promise<void> {
  if (delivered.length === 0) return;
  const shipped = (
    await lockOrders(
      tx,
      delivered.map((p) => p.orderId),
    )
  ).filter((o) => o.state === 'shipped');
  if (shipped.length === 0) return;
  const siblings = await tx.db
    .select({ orderId: parcels.orderId, status: parcels.status, at: parcels.deliveredAt })
    .from(parcels)
    .where(
      inArray(
        parcels.orderId,
        shipped.map((o) => o.id),
      ),
    );
  const t = now(tx);
  const items: { order: OrderRow; at: Date }[] = [];
  for (const order of shipped) {
    const all = siblings.filter((x) => x.orderId === order.id);
    if (all.length === 0 || !all.every((x) => x.status === 'delivered' && x.at)) continue;
    const last = Math.max(...all.map((x) => (x.at as Date).getTime()));
    const notBefore = Math.max(last, order.shippedAt?.getTime() ?? last);
    items.push({ order, at: new Date(Math.min(notBefore, t.getTime())) });
  }
  await deliverLockedOrders(tx, items);
}

// ---------------------------------------------------------------------------
// Public tracking
// ---------------------------------------------------------------------------

export interface PublicTracking {
  tracking_number: string;
  status: Milestone;
  service: string;
  destination: { country: string; city: string };
  estimated_delivery: { earliest: string; latest: string } | null;
  delivered_at: Date | null;
  events: { milestone: Milestone; at: Date; location: string | null; description: string | null }[];
}

/** What anyone with the number may see: no names, no street, no order, no merchant. */
export async function publicTracking(ctx: Ctx, trackingNumber: string): Promise<PublicTracking> {
  const number = normaliseTrackingNumber(trackingNumber);
  if (!isS10(number)) throw notFound('parcel', trackingNumber);
  const [p] = await ctx.db.select().from(parcels).where(eq(parcels.trackingNumber, number));
  if (!p) throw notFound('parcel', number);
  const [service] = await ctx.db.select({ name: shipments.serviceName }).from(shipments).where(eq(shipments.id, p.shipmentId));
  const events = await ctx.db
    .select()
    .from(trackingEvents)
    .where(eq(trackingEvents.parcelId, p.id))
    .orderBy(trackingEvents.occurredAt, trackingEvents.id);
  return {
    tracking_number: p.trackingNumber,
    status: p.status,
    service: service?.name ?? '',
    destination: { country: p.destinationCountry, city: p.destinationCity },
    estimated_delivery: p.estimatedDelivery ? { earliest: p.estimatedDelivery.earliest, latest: p.estimatedDelivery.latest } : null,
    delivered_at: p.deliveredAt,
    events: events.map((e) => ({ milestone: e.milestone, at: e.occurredAt, location: e.location, description: e.description })),
  };
}
