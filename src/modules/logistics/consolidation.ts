// Consolidation (PRODUCT.md L4): at an origin hub, received parcels for one destination country
// go into a bag; closed bags go onto a manifest — one flight under one master air waybill —
// which departs and arrives as a whole, scanning every parcel in it. Arrival in China starts
// customs clearance of the 9610 orders on board (customs/service.ts).
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Ctx, inTransaction, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { submitOnArrival } from './customs/service.ts';
import { getNode } from './nodes.ts';
import { formatAirWaybill, isAirWaybill } from './parcel-rules.ts';
import { type BagStatus, bags, type ManifestStatus, manifests, parcels, shipments } from './shipment-schema.ts';
import type { Parcel } from './shipments.ts';
import { lockParcel, scanLocked } from './tracking.ts';

export type Bag = typeof bags.$inferSelect;
export type Manifest = typeof manifests.$inferSelect;
export interface ManifestDetail extends Manifest {
  bags: Bag[];
}

/**
 * The hub a bag or manifest is made at. getNode's not-found names the param `id` (the path's);
 * here the unknown id came in the body's `origin_node_id`, so the error names that field.
 */
async function originHub(ctx: Ctx, id: string) {
  return getNode(ctx, id).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'not_found' ? new AppError('not_found', e.message, { param: 'origin_node_id' }) : e;
  });
}

function operatorOnly(ctx: Ctx): void {
  if (ctx.principal.kind !== 'operator' && ctx.principal.kind !== 'system')
    throw new AppError('forbidden', 'Hub operations are for operators');
}

// ---------------------------------------------------------------------------
// Bags
// ---------------------------------------------------------------------------

export async function createBag(ctx: Ctx, input: { origin_node_id: string; destination_country: string }): Promise<Bag> {
  operatorOnly(ctx);
  const node = await originHub(ctx, input.origin_node_id);
  if (node.kind !== 'hub')
    throw new AppError('invalid_request', `${node.code} is not a hub: bags are made at hubs`, { param: 'origin_node_id' });
  if (!['CN', 'AU', 'NZ'].includes(input.destination_country) || input.destination_country === node.country) {
    throw new AppError('invalid_request', `A bag from ${node.code} goes abroad: CN, AU or NZ, not ${node.country}`, {
      param: 'destination_country',
    });
  }
  const [bag] = await ctx.db
    .insert(bags)
    .values({ id: newId('bag'), originNodeId: node.id, destinationCountry: input.destination_country, status: 'open', createdAt: now(ctx) })
    .returning();
  if (!bag) throw new Error('insert returned nothing');
  return bag;
}

async function lockBag(tx: Ctx, id: string): Promise<Bag> {
  if (!isId('bag', id)) throw notFound('bag', id);
  const [bag] = await tx.db.select().from(bags).where(eq(bags.id, id)).for('update');
  if (!bag) throw notFound('bag', id);
  return bag;
}

/** Scan a parcel into an open bag: it must have been received at the bag's hub and go to the bag's country. */
export async function addToBag(ctx: Ctx, bagId: string, trackingNumber: string): Promise<{ bag: Bag; parcel: Parcel; repeated: boolean }> {
  operatorOnly(ctx);
  return inTransaction(ctx, async (tx) => {
    const bag = await lockBag(tx, bagId);
    const parcel = await lockParcel(tx, trackingNumber);
    if (parcel.bagId === bag.id) return { bag, parcel, repeated: true };
    if (bag.status !== 'open') throw new AppError('invalid_state', `The bag is ${bag.status}; parcels go into open bags`, { param: 'bag' });
    if (parcel.bagId) {
      throw new AppError('invalid_state', `${parcel.trackingNumber} is already in bag ${parcel.bagId}`, { param: 'tracking_number' });
    }
    if (parcel.destinationCountry !== bag.destinationCountry) {
      throw new AppError(
        'invalid_request',
        `${parcel.trackingNumber} goes to ${parcel.destinationCountry}, the bag to ${bag.destinationCountry}`,
        {
          param: 'tracking_number',
        },
      );
    }
    const [shipment] = await tx.db.select({ origin: shipments.originNodeId }).from(shipments).where(eq(shipments.id, parcel.shipmentId));
    if (shipment?.origin !== bag.originNodeId) {
      throw new AppError('invalid_request', `${parcel.trackingNumber} ships through another hub`, { param: 'tracking_number' });
    }
    const node = await getNode(tx, bag.originNodeId);
    // No description: the public timeline names the milestone in the reader's language; bag ids are internal.
    const scanned = await scanLocked(tx, parcel, 'bag', { location: node.city });
    const [inBag] = await tx.db.update(parcels).set({ bagId: bag.id }).where(eq(parcels.id, parcel.id)).returning();
    const [updated] = await tx.db
      .update(bags)
      .set({ parcelCount: sql`${bags.parcelCount} + 1`, weightG: sql`${bags.weightG} + ${parcel.weightG}` })
      .where(eq(bags.id, bag.id))
      .returning();
    if (!inBag || !updated) throw new Error('update returned nothing');
    return { bag: updated, parcel: inBag, repeated: scanned.repeated };
  });
}

/** Seal a bag: no more parcels; it can go onto a manifest. */
export async function closeBag(ctx: Ctx, id: string): Promise<Bag> {
  operatorOnly(ctx);
  return inTransaction(ctx, async (tx) => {
    const bag = await lockBag(tx, id);
    if (bag.status === 'closed') return bag;
    if (bag.status !== 'open') throw new AppError('invalid_state', `The bag is ${bag.status}`);
    if (bag.parcelCount === 0) throw new AppError('invalid_state', 'An empty bag is not closed; put parcels in it first');
    const [row] = await tx.db
      .update(bags)
      .set({ status: 'closed', closedAt: now(tx) })
      .where(eq(bags.id, id))
      .returning();
    if (!row) throw new Error('update returned nothing');
    return row;
  });
}

export async function getBag(ctx: Ctx, id: string): Promise<Bag & { parcels: Parcel[] }> {
  operatorOnly(ctx);
  if (!isId('bag', id)) throw notFound('bag', id);
  const [bag] = await ctx.db.select().from(bags).where(eq(bags.id, id));
  if (!bag) throw notFound('bag', id);
  const ps = await ctx.db.select().from(parcels).where(eq(parcels.bagId, id)).orderBy(asc(parcels.id));
  return { ...bag, parcels: ps };
}

export function listBags(ctx: Ctx, f: { status?: BagStatus | undefined; origin?: string | undefined }, q: ListQuery): Promise<Page<Bag>> {
  operatorOnly(ctx);
  const where: SQL[] = [];
  if (f.status) where.push(eq(bags.status, f.status));
  if (f.origin) where.push(eq(bags.originNodeId, f.origin));
  return listPage<typeof bags, Bag>(ctx.db, bags, bags.id, where.length ? and(...where) : undefined, q, 'bag');
}

// ---------------------------------------------------------------------------
// Manifests
// ---------------------------------------------------------------------------

export interface ManifestInput {
  origin_node_id: string;
  destination_country: string;
  mawb: string;
  flight_no: string;
  destination_airport: string;
  bag_ids: string[];
}

export async function createManifest(ctx: Ctx, input: ManifestInput): Promise<ManifestDetail> {
  operatorOnly(ctx);
  if (!isAirWaybill(input.mawb)) {
    throw new AppError(
      'invalid_request',
      'A master air waybill is a 3-digit airline prefix and 8 digits whose last is the first seven mod 7',
      {
        param: 'mawb',
      },
    );
  }
  if (!/^[A-Z0-9]{2}\d{1,4}[A-Z]?$/.test(input.flight_no)) {
    throw new AppError('invalid_request', 'A flight number such as CZ322 or NZ289', { param: 'flight_no' });
  }
  if (!/^[A-Z]{3}$/.test(input.destination_airport)) {
    throw new AppError('invalid_request', 'The IATA code of the destination airport, e.g. PVG', { param: 'destination_airport' });
  }
  if (input.bag_ids.length === 0) throw new AppError('invalid_request', 'A manifest carries at least one bag', { param: 'bag_ids' });
  const node = await originHub(ctx, input.origin_node_id);
  return inTransaction(ctx, async (tx) => {
    const ids = [...new Set(input.bag_ids)].sort();
    const locked = ids.every((id) => isId('bag', id))
      ? await tx.db.select().from(bags).where(inArray(bags.id, ids)).orderBy(bags.id).for('update')
      : [];
    ids.forEach((id, i) => {
      const bag = locked.find((b) => b.id === id);
      const param = `bag_ids.${i}`;
      if (!bag) throw new AppError('not_found', `No bag ${id}`, { param });
      if (bag.status !== 'closed' || bag.manifestId) {
        throw new AppError('invalid_state', `Bag ${id} is ${bag.manifestId ? 'on another manifest' : bag.status}; close it first`, {
          param,
        });
      }
      if (bag.originNodeId !== node.id || bag.destinationCountry !== input.destination_country) {
        throw new AppError('invalid_request', `Bag ${id} is for another hub or country`, { param });
      }
    });
    const id = newId('manifest');
    const [m] = await tx.db
      .insert(manifests)
      .values({
        id,
        originNodeId: node.id,
        destinationCountry: input.destination_country,
        mawb: formatAirWaybill(input.mawb),
        flightNo: input.flight_no,
        destinationAirport: input.destination_airport,
        status: 'open',
        createdAt: now(tx),
      })
      .returning()
      .catch((e: unknown) => {
        if (/manifests_mawb_idx/.test(String((e as { cause?: unknown }).cause ?? e))) {
          throw new AppError('already_exists', `Air waybill ${formatAirWaybill(input.mawb)} is on another manifest`, { param: 'mawb' });
        }
        throw e;
      });
    if (!m) throw new Error('insert returned nothing');
    const onBoard = await tx.db.update(bags).set({ manifestId: id }).where(inArray(bags.id, ids)).returning();
    return { ...m, bags: onBoard };
  });
}

async function lockManifest(tx: Ctx, id: string): Promise<Manifest> {
  if (!isId('manifest', id)) throw notFound('manifest', id);
  const [m] = await tx.db.select().from(manifests).where(eq(manifests.id, id)).for('update');
  if (!m) throw notFound('manifest', id);
  return m;
}

function flightTime(tx: Ctx, at: string | undefined, after: Date | null, param: string): Date {
  const t = at ? new Date(at) : now(tx);
  if (t > now(tx)) throw new AppError('invalid_request', 'A time in the past', { param });
  if (after && t < after) throw new AppError('invalid_request', `Not before ${after.toISOString()}`, { param });
  return t;
}

/** The flight left: every parcel in its bags departs (each must be in its bag). Repeating it changes nothing. */
export function departManifest(ctx: Ctx, id: string, input: { departed_at?: string | undefined }): Promise<ManifestDetail> {
  operatorOnly(ctx);
  return moveManifest(ctx, id, 'departed', input.departed_at);
}

/** The flight landed: every parcel arrives; 9610 orders on board go to China customs. */
export function arriveManifest(ctx: Ctx, id: string, input: { arrived_at?: string | undefined }): Promise<ManifestDetail> {
  operatorOnly(ctx);
  return moveManifest(ctx, id, 'arrived', input.arrived_at);
}

async function moveManifest(ctx: Ctx, id: string, to: Exclude<ManifestStatus, 'open'>, at: string | undefined): Promise<ManifestDetail> {
  return inTransaction(ctx, async (tx) => {
    const m = await lockManifest(tx, id);
    const onBoard = await tx.db.select().from(bags).where(eq(bags.manifestId, id)).orderBy(bags.id);
    if (m.status === to) return { ...m, bags: onBoard };
    const need: ManifestStatus = to === 'departed' ? 'open' : 'departed';
    if (m.status !== need) throw new AppError('invalid_state', `The manifest is ${m.status}; it must be ${need} to be marked ${to}`);
    const param = to === 'departed' ? 'departed_at' : 'arrived_at';
    const t = flightTime(tx, at, to === 'arrived' ? m.departedAt : null, param);
    const node = await getNode(tx, m.originNodeId);
    const where = to === 'departed' ? node.city : m.destinationAirport;
    const ids = onBoard.map((b) => b.id);
    const inside = ids.length
      ? await tx.db.select().from(parcels).where(inArray(parcels.bagId, ids)).orderBy(parcels.trackingNumber).for('update')
      : [];
    const arrivedOrders = new Set<string>();
    for (const p of inside) {
      await scanLocked(tx, p, to === 'departed' ? 'depart' : 'arrive', {
        at: t,
        location: where,
        description: `${m.flightNo} · AWB ${m.mawb}`,
      });
      if (to === 'arrived' && p.route === '9610') arrivedOrders.add(p.orderId);
    }
    const [row] = await tx.db
      .update(manifests)
      .set(to === 'departed' ? { status: to, departedAt: t } : { status: to, arrivedAt: t })
      .where(eq(manifests.id, id))
      .returning();
    const moved = await tx.db.update(bags).set({ status: to }).where(eq(bags.manifestId, id)).returning();
    if (!row) throw new Error('update returned nothing');
    for (const orderId of arrivedOrders) await submitOnArrival(tx, orderId);
    return { ...row, bags: moved };
  });
}

export async function getManifest(ctx: Ctx, id: string): Promise<ManifestDetail> {
  operatorOnly(ctx);
  if (!isId('manifest', id)) throw notFound('manifest', id);
  const [m] = await ctx.db.select().from(manifests).where(eq(manifests.id, id));
  if (!m) throw notFound('manifest', id);
  return { ...m, bags: await ctx.db.select().from(bags).where(eq(bags.manifestId, id)).orderBy(bags.id) };
}

export async function listManifests(ctx: Ctx, f: { status?: ManifestStatus | undefined }, q: ListQuery): Promise<Page<ManifestDetail>> {
  operatorOnly(ctx);
  const page = await listPage<typeof manifests, Manifest>(
    ctx.db,
    manifests,
    manifests.id,
    f.status ? eq(manifests.status, f.status) : undefined,
    q,
    'manifest',
  );
  const ids = page.data.map((m) => m.id);
  const all = ids.length ? await ctx.db.select().from(bags).where(inArray(bags.manifestId, ids)) : [];
  return { hasMore: page.hasMore, data: page.data.map((m) => ({ ...m, bags: all.filter((b) => b.manifestId === m.id) })) };
}
