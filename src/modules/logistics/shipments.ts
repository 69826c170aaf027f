// Shipments (PRODUCT.md L3): a merchant books some or all of a paid order's units into parcels
// on the order's shipping service. Each parcel gets the next UPU S10 number of the platform's
// series (never reused: the series row only counts up) and a timeline that starts with
// `info_received`. When every unit of the order is in a parcel, the order is shipped; orders
// for China get their customs declarations prepared (customs/service.ts).
import { inLiveWorld, merchantLivemode } from '../../kernel/livemode.ts';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { asSystem, type Ctx, inScope, merchantScope, now } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { emitEvent } from '../../kernel/events.ts';
import { listPage, type ListQuery, type Page } from '../../kernel/http/pagination.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { getProduct } from '../catalog/service.ts';
import { getLocation } from '../inventory/service.ts';
import { getMerchant } from '../merchants/service.ts';
import type { Address } from '../orders/checkout.ts';
import { getOrder, type Order, shipOrder, startFulfilment, withOrder } from '../orders/service.ts';
import { prepareDeclaration } from './customs/service.ts';
import { lanesFrom } from './lanes.ts';
import { type Milestone, normaliseTrackingNumber, type ParcelRoute, s10, S10_MAX_SERIAL } from './parcel-rules.ts';
import { originNode } from './quote.ts';
import { CN_PROVINCES_ZH, cmToMm, deliveryWindow } from './rules.ts';
import { type LabelData, MAX_LABELS_PER_BATCH, renderLabels } from './labels.ts';
import { getNode } from './nodes.ts';
import { type EstimatedDelivery, type ParcelContent, parcels, shipments, trackingEvents, trackingSeries } from './shipment-schema.ts';

export type Shipment = typeof shipments.$inferSelect;
export type Parcel = typeof parcels.$inferSelect;
export type TrackingEvent = typeof trackingEvents.$inferSelect;
export interface ShipmentDetail extends Shipment {
  parcels: Parcel[];
}

export const MAX_PARCELS_PER_SHIPMENT = 20;

export interface ShipmentInput {
  parcels: {
    weight_g: number;
    length_cm: number;
    width_cm: number;
    height_cm: number;
    /** The order lines and units in this parcel; omitted on a one-parcel shipment: every unit not yet shipped. */
    lines?: { line_no: number; quantity: number }[] | undefined;
  }[];
}

// ---------------------------------------------------------------------------
// Tracking numbers
// ---------------------------------------------------------------------------

/**
 * The next `n` numbers of the platform's series, in the caller's transaction: a rolled-back booking
 * issued none. Test-mode parcels (decisions §23) take theirs from the test series, so a test never
 * uses up, or is confused with, a number printed on a real parcel.
 */
export async function issueTrackingNumbers(ctx: Ctx, n: number, livemode = true): Promise<string[]> {
  const { TRACKING_S10_COUNTRY: country } = ctx.rt.config;
  const prefix = livemode ? ctx.rt.config.TRACKING_S10_SERIES : ctx.rt.config.TRACKING_S10_TEST_SERIES;
  const [row] = await ctx.db
    .insert(trackingSeries)
    .values({ prefix, country, lastSerial: n })
    .onConflictDoUpdate({
      target: [trackingSeries.prefix, trackingSeries.country],
      set: { lastSerial: sql`${trackingSeries.lastSerial} + ${n}` },
    })
    .returning({ last: trackingSeries.lastSerial })
    .catch((e: unknown) => {
      throw /tracking_series_range/.test(String((e as { cause?: unknown }).cause ?? e))
        ? new AppError('invalid_state', `The S10 series ${prefix}…${country} is used up (${S10_MAX_SERIAL} numbers): configure another`)
        : e;
    });
  if (!row) throw new Error('tracking series returned nothing');
  return Array.from({ length: n }, (_, i) => s10(prefix, row.last - n + 1 + i, country));
}

// ---------------------------------------------------------------------------
// Booking
// ---------------------------------------------------------------------------

/** Units of each order line already in parcels. */
function shippedUnits(existing: readonly Parcel[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const p of existing) for (const c of p.contents) m.set(c.line_no, (m.get(c.line_no) ?? 0) + c.quantity);
  return m;
}

const routeOf = (o: Order): ParcelRoute => o.customsMode;

/**
 * Book parcels for an order that is paid or being prepared. The order moves to fulfilling, and
 * to shipped once every unit is in a parcel (its stock leaves the location then).
 */
export async function createShipment(ctx: Ctx, orderId: string, input: ShipmentInput): Promise<ShipmentDetail> {
  if (input.parcels.length < 1 || input.parcels.length > MAX_PARCELS_PER_SHIPMENT) {
    throw new AppError('invalid_request', `Between 1 and ${MAX_PARCELS_PER_SHIPMENT} parcels`, { param: 'parcels' });
  }
  if (ctx.principal.kind === 'shopper') throw new AppError('forbidden', 'Merchants book shipments');
  return withOrder(ctx, orderId, async (tx, order) => {
    if (order.state !== 'paid' && order.state !== 'fulfilling') {
      throw new AppError(
        'invalid_state',
        `An order that is ${order.state.replaceAll('_', ' ')} cannot be shipped; it must be paid or fulfilling`,
        {
          details: { state: order.state },
        },
      );
    }
    const before = await tx.db.select().from(parcels).where(eq(parcels.orderId, order.id));
    const done = shippedUnits(before);
    const left = new Map(order.lines.map((l) => [l.lineNo, l.quantity - (done.get(l.lineNo) ?? 0)]));
    const wanted = assignUnits(input, left);
    const t = now(tx);
    const address = order.address as unknown as Address;
    const origin = await originNode(tx, { stock_location_id: order.originLocationId });
    const lane = (await lanesFrom(tx, origin.node.id, address.country)).find(
      (l) => l.serviceCode === String(order.shippingDetail.service_code ?? ''),
    );
    const window = lane ? deliveryWindow(t, address.region, lane.transitDaysMin, lane.transitDaysMax) : null;
    const estimated: EstimatedDelivery | null = window
      ? { earliest: window.earliest, latest: window.latest, time_zone: window.timeZone }
      : null;
    const contentsOf = await contentDescriber(tx, order);
    const numbers = await issueTrackingNumbers(tx, wanted.length, await merchantLivemode(tx, order.merchantId));
    const shipmentId = newId('shipment');
    const [shipment] = await tx.db
      .insert(shipments)
      .values({
        id: shipmentId,
        orderId: order.id,
        merchantId: order.merchantId,
        route: routeOf(order),
        originNodeId: origin.node.id,
        laneId: lane?.id ?? null,
        serviceCode: String(order.shippingDetail.service_code ?? ''),
        serviceName: String(order.shippingDetail.name ?? ''),
        sender: await senderOf(tx, order),
        estimatedDelivery: estimated,
        createdAt: t,
      })
      .returning();
    if (!shipment) throw new Error('insert returned nothing');
    const rows = wanted.map((p, i) => ({
      id: newId('parcel'),
      shipmentId,
      orderId: order.id,
      merchantId: order.merchantId,
      trackingNumber: numbers[i] as string,
      route: routeOf(order),
      status: 'info_received' as const,
      milestone: 'info_received' as const,
      statusAt: t,
      weightG: p.weight_g,
      lengthMm: p.mm.length,
      widthMm: p.mm.width,
      heightMm: p.mm.height,
      contents: p.lines.map((l) => contentsOf(l.line_no, l.quantity)),
      destinationCountry: address.country,
      destinationCity: address.city,
      estimatedDelivery: estimated,
      createdAt: t,
      updatedAt: t,
    }));
    const booked = await tx.db.insert(parcels).values(rows).returning();
    await tx.db.insert(trackingEvents).values(
      booked.map((p) => ({
        id: newId('trackingEvent'),
        parcelId: p.id,
        milestone: 'info_received' as Milestone,
        occurredAt: t,
        recordedAt: t,
        source: 'platform' as const,
        location: origin.node.city,
        // The milestone says it, in the reader's language.
        description: null,
        actorId: null,
      })),
    );
    await emitEvent(tx, 'shipment.created', order.merchantId, {
      shipment_id: shipmentId,
      order_id: order.id,
      service_code: shipment.serviceCode,
      tracking_numbers: booked.map((p) => p.trackingNumber),
    });
    const complete = [...left.entries()].every(
      ([lineNo, n]) => n === wanted.reduce((s, p) => s + (p.lines.find((l) => l.line_no === lineNo)?.quantity ?? 0), 0),
    );
    const system = asSystem(tx, 'logistics');
    if (complete) {
      await shipOrder(system, order.id, { carrier: 'Tasman Logistics', tracking_number: booked[0]?.trackingNumber });
    } else if (order.state === 'paid') {
      await startFulfilment(system, order.id);
    }
    if (order.customsMode === '9610' || order.customsMode === '1210') {
      await prepareDeclaration(system, order.id, [...before, ...booked]);
    }
    return { ...shipment, parcels: booked };
  });
}

interface WantedParcel {
  weight_g: number;
  mm: { length: number; width: number; height: number };
  lines: { line_no: number; quantity: number }[];
}

/** Check each parcel's size and units against what is left to ship of each line. */
function assignUnits(input: ShipmentInput, left: Map<number, number>): WantedParcel[] {
  const remaining = new Map(left);
  if ([...remaining.values()].every((n) => n <= 0)) {
    throw new AppError('invalid_state', 'Every unit of the order is already in a parcel');
  }
  return input.parcels.map((p, i) => {
    const param = `parcels.${i}`;
    if (!Number.isSafeInteger(p.weight_g) || p.weight_g <= 0 || p.weight_g > 70_000) {
      throw new AppError('invalid_request', 'Weight in whole grams, above zero and at most 70 kg', { param: `${param}.weight_g` });
    }
    const mm = (cm: number, field: string) => {
      const v = cmToMm(cm);
      if (v === null || v <= 0 || v > 2000) {
        throw new AppError('invalid_request', 'Centimetres above zero, at most 200, one decimal', { param: `${param}.${field}` });
      }
      return v;
    };
    const size = { length: mm(p.length_cm, 'length_cm'), width: mm(p.width_cm, 'width_cm'), height: mm(p.height_cm, 'height_cm') };
    let lines = p.lines;
    if (!lines) {
      if (input.parcels.length > 1) {
        throw new AppError('invalid_request', 'With several parcels, say which lines and units each holds', { param: `${param}.lines` });
      }
      lines = [...remaining.entries()].filter(([, n]) => n > 0).map(([line_no, quantity]) => ({ line_no, quantity }));
    }
    if (lines.length === 0) throw new AppError('invalid_request', 'A parcel holds at least one unit', { param: `${param}.lines` });
    lines.forEach((l, j) => {
      const open = remaining.get(l.line_no);
      if (open === undefined) {
        throw new AppError('invalid_request', `The order has no line ${l.line_no}`, { param: `${param}.lines.${j}.line_no` });
      }
      if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > open) {
        throw new AppError('invalid_request', `Line ${l.line_no} has ${open} unit(s) left to ship`, {
          param: `${param}.lines.${j}.quantity`,
          details: { left: open },
        });
      }
      remaining.set(l.line_no, open - l.quantity);
    });
    return { weight_g: p.weight_g, mm: size, lines };
  });
}

/** The CN22 description of `quantity` units of an order line: name, HS code, value paid, origin. */
async function contentDescriber(ctx: Ctx, order: Order): Promise<(lineNo: number, quantity: number) => ParcelContent> {
  const system = asSystem(ctx, 'logistics');
  const products = new Map<string, Awaited<ReturnType<typeof getProduct>>>();
  for (const id of new Set(order.lines.map((l) => l.productId))) products.set(id, await getProduct(system, id));
  const chinese = (order.address as unknown as Address).country === 'CN';
  return (lineNo, quantity) => {
    const l = order.lines.find((x) => x.lineNo === lineNo);
    if (!l) throw new Error(`no line ${lineNo}`);
    const product = products.get(l.productId);
    const variant = product?.variants.find((v) => v.id === l.variantId);
    return {
      line_no: lineNo,
      sku: l.sku,
      description: (chinese ? l.name['zh-Hans'] : l.name.en) || l.name.en,
      hs_code: variant?.hsCode ?? '',
      quantity,
      value: { amount: (l.unitPricePaid * BigInt(quantity)).toString(), currency: order.currency },
      origin_country: product?.product.countryOfOrigin ?? '',
    };
  };
}

/** Who the label names as the sender: the merchant at its warehouse, or the bonded warehouse for the merchant. */
async function senderOf(ctx: Ctx, order: Order): Promise<Record<string, unknown>> {
  const system = asSystem(ctx, 'logistics');
  const merchant = await getMerchant(system, order.merchantId);
  const loc = await getLocation(system, order.originLocationId);
  return {
    name: merchant.tradingName ?? merchant.legalName,
    location: loc.name,
    address: loc.address,
    city: loc.city,
    country: loc.country,
    phone: merchant.contact?.phone ?? null,
  };
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

function visible(ctx: Ctx, merchantId: string): boolean {
  if (ctx.principal.kind === 'shopper' || ctx.principal.kind === 'anonymous') return false;
  return inScope(ctx, merchantId);
}

export async function getShipment(ctx: Ctx, id: string): Promise<ShipmentDetail> {
  if (!isId('shipment', id)) throw notFound('shipment', id);
  const [row] = await ctx.db.select().from(shipments).where(eq(shipments.id, id));
  if (!row || !visible(ctx, row.merchantId)) throw notFound('shipment', id);
  const ps = await ctx.db.select().from(parcels).where(eq(parcels.shipmentId, id)).orderBy(asc(parcels.id));
  return { ...row, parcels: ps };
}

export async function listShipments(ctx: Ctx, f: { order?: string | undefined }, q: ListQuery): Promise<Page<ShipmentDetail>> {
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope) where.push(eq(shipments.merchantId, scope));
  else where.push(inLiveWorld(shipments.merchantId));
  if (f.order) where.push(eq(shipments.orderId, f.order));
  const page = await listPage<typeof shipments, Shipment>(
    ctx.db,
    shipments,
    shipments.id,
    where.length ? and(...where) : undefined,
    q,
    'shipment',
  );
  const ids = page.data.map((s) => s.id);
  const ps = ids.length ? await ctx.db.select().from(parcels).where(inArray(parcels.shipmentId, ids)).orderBy(asc(parcels.id)) : [];
  return { hasMore: page.hasMore, data: page.data.map((s) => ({ ...s, parcels: ps.filter((p) => p.shipmentId === s.id) })) };
}

/** A parcel by id or by tracking number, for its merchant and operators. */
export async function getParcel(ctx: Ctx, idOrNumber: string): Promise<Parcel> {
  const byId = isId('parcel', idOrNumber);
  const [row] = await ctx.db
    .select()
    .from(parcels)
    .where(byId ? eq(parcels.id, idOrNumber) : eq(parcels.trackingNumber, normaliseTrackingNumber(idOrNumber)));
  if (!row || !visible(ctx, row.merchantId)) throw notFound('parcel', idOrNumber);
  return row;
}

export interface ParcelFilter {
  status?: Milestone | undefined;
  order?: string | undefined;
  bag?: string | undefined;
}

export async function listParcels(ctx: Ctx, f: ParcelFilter, q: ListQuery): Promise<Page<Parcel>> {
  const where: SQL[] = [];
  const scope = merchantScope(ctx);
  if (scope) where.push(eq(parcels.merchantId, scope));
  else where.push(inLiveWorld(parcels.merchantId));
  if (f.status) where.push(eq(parcels.status, f.status));
  if (f.order) where.push(eq(parcels.orderId, f.order));
  if (f.bag) where.push(eq(parcels.bagId, f.bag));
  return listPage<typeof parcels, Parcel>(ctx.db, parcels, parcels.id, where.length ? and(...where) : undefined, q, 'parcel');
}

/** The parcels of orders the caller may see (a shopper's own orders included), oldest first. */
export async function parcelsOfOrder(ctx: Ctx, orderId: string): Promise<Parcel[]> {
  return ctx.db.select().from(parcels).where(eq(parcels.orderId, orderId)).orderBy(asc(parcels.id));
}

export async function timelineOf(ctx: Ctx, parcelIds: readonly string[]): Promise<TrackingEvent[]> {
  if (parcelIds.length === 0) return [];
  return ctx.db
    .select()
    .from(trackingEvents)
    .where(inArray(trackingEvents.parcelId, [...parcelIds]))
    .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.id));
}

// ---------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------

/** Labels of parcels the caller may see, in the order given, as one PDF (one 100 × 150 mm page each). */
export async function labelsPdf(ctx: Ctx, parcelIds: readonly string[]): Promise<Uint8Array> {
  if (parcelIds.length < 1 || parcelIds.length > MAX_LABELS_PER_BATCH) {
    throw new AppError('invalid_request', `Between 1 and ${MAX_LABELS_PER_BATCH} parcels`, { param: 'parcels' });
  }
  const ps: Parcel[] = [];
  for (const [i, id] of parcelIds.entries()) {
    ps.push(
      await getParcel(ctx, id).catch((e: unknown) => {
        throw e instanceof AppError && e.code === 'not_found' ? new AppError('not_found', `No parcel ${id}`, { param: `parcels.${i}` }) : e;
      }),
    );
  }
  const system = asSystem(ctx, 'logistics');
  const shipmentRows = await ctx.db
    .select()
    .from(shipments)
    .where(inArray(shipments.id, [...new Set(ps.map((p) => p.shipmentId))]));
  const orders = new Map<string, Order>();
  const siblings = new Map<string, Parcel[]>();
  const data: LabelData[] = [];
  for (const p of ps) {
    const s = shipmentRows.find((x) => x.id === p.shipmentId) as Shipment;
    if (!orders.has(p.orderId)) orders.set(p.orderId, await getOrder(system, p.orderId));
    if (!siblings.has(s.id))
      siblings.set(s.id, await ctx.db.select().from(parcels).where(eq(parcels.shipmentId, s.id)).orderBy(asc(parcels.id)));
    const order = orders.get(p.orderId) as Order;
    const all = siblings.get(s.id) as Parcel[];
    const a = order.address as unknown as Address;
    const sender = s.sender as {
      name: string;
      location: string;
      address: string | null;
      city: string;
      country: string;
      phone: string | null;
    };
    const node = await getNode(system, s.originNodeId);
    data.push({
      tracking_number: p.trackingNumber,
      test: !(await merchantLivemode(ctx, p.merchantId)),
      service: { code: s.serviceCode, name: s.serviceName },
      lane: `${node.code} → ${a.region}`,
      customs_mode: s.route,
      weight_g: p.weightG,
      dimensions_mm: { length: p.lengthMm, width: p.widthMm, height: p.heightMm },
      parcel: { index: all.findIndex((x) => x.id === p.id) + 1, count: all.length },
      order_id: order.id,
      sender: {
        name: sender.name,
        phone: sender.phone,
        lines: [sender.location, ...(sender.address ? [sender.address] : [])],
        city: sender.city,
        country: sender.country,
      },
      recipient: {
        name: a.recipient,
        phone: a.mobile,
        lines: [a.street, ...(a.district ? [a.district] : [])],
        city: a.city,
        region: a.country === 'CN' ? (CN_PROVINCES_ZH[a.region] ?? a.region) : a.region.replace(/^AU-/, ''),
        postcode: a.postal_code,
        country: a.country,
      },
      contents: p.contents.map((c) => ({
        description: c.description,
        hs_code: c.hs_code,
        quantity: c.quantity,
        value: c.value,
        origin_country: c.origin_country,
      })),
      created_at: p.createdAt,
    });
  }
  return renderLabels(data);
}
